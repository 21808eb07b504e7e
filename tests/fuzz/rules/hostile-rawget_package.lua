local p = rawget(_G, "package") or rawget(_G, "require")
p.loadlib("libc.so.6", "system")
