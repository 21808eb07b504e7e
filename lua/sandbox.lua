-- sandbox: the environment a rule file runs in.
-- Only pure functions: no io, os, require, debug, binary chunks, clock or
-- randomness. Files are read through the host, inside the project.

local sandbox = {}
local scripts = ...
local nearest = scripts.require("lua/schema.lua").nearest

local safe_base = {
  "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal",
  "rawget", "rawlen", "rawset", "select", "tonumber", "tostring", "type",
  "xpcall", "getmetatable", "setmetatable",
}

local function copy_lib(lib, except)
  local t = {}
  for k, v in pairs(lib) do
    if not (except and except[k]) then t[k] = v end
  end
  return t
end

-- a rule library's path as load names it: load "tools/rules.lua" (Lua
-- text cannot look like this and compile: it is no statement)
local function library_path(chunk)
  return type(chunk) == "string" and chunk:match("^[%w_%-%./]+%.lua$")
end

-- a fresh environment holding the safe libraries and the given API;
-- library(path) evaluates a rule library for load "path"
function sandbox.env(api, library)
  local env = {}
  for _, name in ipairs(safe_base) do env[name] = _G[name] end
  env.string = copy_lib(string, { dump = true })
  -- ("").f looks in a private copy: a rule file can neither reach dump nor
  -- replace the string functions the runtime's own checks call
  local smt = getmetatable("")
  smt.__index = copy_lib(string, { dump = true })
  smt.__metatable = false
  env.table = copy_lib(table)
  env.math = copy_lib(math, { random = true, randomseed = true })
  env.utf8 = copy_lib(utf8)
  env._VERSION = _VERSION
  local text_load = function(chunk, name, mode, e)
    if mode ~= nil and mode ~= "t" then
      error("load: only text chunks are allowed in rule files", 2)
    end
    return load(chunk, name, "t", e == nil and env or e)
  end
  env.load = function(...)
    if library and select("#", ...) == 1 and library_path(...) then
      return library(...)
    end
    return text_load(...)
  end
  -- Lua runs finalizers with hooks off, out of reach of --max-steps
  env.setmetatable = function(t, mt)
    if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
      error("setmetatable: __gc is not allowed in rule files", 2)
    end
    return setmetatable(t, mt)
  end
  -- a message handler runs where the error was raised, with hooks off when
  -- --max-steps raised it: call the handler once the error has unwound
  env.xpcall = function(f, handler, ...)
    local r = table.pack(pcall(f, ...))
    if r[1] then return table.unpack(r, 1, r.n) end
    return false, handler(r[2])
  end
  for k, v in pairs(api) do env[k] = v end
  env._G = env
  -- reading an undefined name is almost always a typo in a rule file
  local names = {}
  for k in pairs(env) do names[#names + 1] = k end
  table.sort(names)
  local withheld = { io = true, os = true, require = true, debug = true,
    package = true, dofile = true, loadfile = true, collectgarbage = true }
  setmetatable(env, { __index = function(_, k)
    if withheld[k] then
      error(string.format("%s is not available: rule files run sandboxed, "
        .. "without io, os, require, debug, dofile or loadfile", k), 2)
    end
    local hint = type(k) == "string" and nearest(k, names)
    error(string.format("unknown name %q%s (rawget(_G, name) reads one "
      .. "that may be unset)", tostring(k),
      hint and string.format(" (did you mean %q?)", hint) or ""), 2)
  end })
  return env
end

-- compile rule-file text as chunk "@path" in env
function sandbox.compile(text, path, env)
  if text:byte(1) == 27 then
    error(path .. ": binary chunks are not allowed in rule files", 0)
  end
  local fn, err = load(text, "@" .. path, "t", env)
  if not fn then   -- "C stack overflow" and the like come without a place
    if err:sub(1, #path + 1) ~= path .. ":" then err = path .. ": " .. err end
    error(err, 0)
  end
  return fn
end

return sandbox
