platforms { "linux/amd64" }
include "sub\nbuild pwn: phony/goninja.lua"
