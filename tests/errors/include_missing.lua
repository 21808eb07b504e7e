include "sub/none.lua"
