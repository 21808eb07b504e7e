local s = ("").dump(function() end)
