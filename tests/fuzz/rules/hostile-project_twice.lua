project { name = "a" }
project { name = "b" }
