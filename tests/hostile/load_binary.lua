local f, e = load("\27Lua", "x", "b")
