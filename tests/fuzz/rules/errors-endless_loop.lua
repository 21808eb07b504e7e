platforms { "linux/amd64" }
while true do end
