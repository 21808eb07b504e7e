local f, e = load("return " .. ("("):rep(100000) .. "1" .. (")"):rep(100000))
error(e, 0)
