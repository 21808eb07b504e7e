project { name = "p", verison = "1" }
