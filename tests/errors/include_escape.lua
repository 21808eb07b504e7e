include "../outside.lua"
