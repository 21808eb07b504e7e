local f, e = load("\27LuaT\0")
assert(f, e)
