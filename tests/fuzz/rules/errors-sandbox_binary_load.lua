local f = load("\27Lua", "x", "b")
