platforms { "linux/amd64" }
for _, n in ipairs({ "x", "x" }) do go_binary { name = n, main = "./cmd/" .. n } end
