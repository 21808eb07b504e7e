local s = ("x"):rep(1 << 24, ("y"):rep(100))
