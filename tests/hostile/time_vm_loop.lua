-- issue 12 item 5: when the VM runs, the time limit is a clean Lua error
-- at the line (steps raised so that time runs out first)
platforms { "linux/amd64" }
while true do end
go_binary { name = "x", main = "./cmd/x" }
