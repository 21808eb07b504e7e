local f = load("return io.open('/etc/passwd')")
f()
