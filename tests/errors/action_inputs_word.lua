platforms { "linux/amd64" }
action { name = "gen", inputs = { "a.txt" }, outputs = { "out/x" },
  command = { "cat", "--in={inputs}" } }
