platforms { "linux/amd64" }
include "goninja.lua\0x"
