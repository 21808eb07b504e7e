local p = project { name = "p" }
p.out = "/tmp"
