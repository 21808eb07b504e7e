-- runtime: evaluates a rule file and its includes into a model table.
-- Boot chunk: called by the host with its bindings; returns run().

local host = ...
local scripts = {}

local function script(name)
  if not scripts[name] then
    local text = host.script(name)
    scripts[name] = assert(load(text, "=" .. name, "t", _ENV))(scripts)
  end
  return scripts[name]
end
scripts.require = script

local schema = script("lua/schema.lua")
local sandbox = script("lua/sandbox.lua")
local getinfo = debug.getinfo

local rt = { schema = schema }

-- the rule-file line that called into the runtime
function rt.where()
  for level = 2, 200 do
    local info = getinfo(level, "Sl")
    if not info then break end
    if info.source:sub(1, 1) == "@" and info.currentline > 0 then
      return { file = info.source:sub(2), line = info.currentline }
    end
  end
  return { file = rt.rulefile, line = 0 }
end

-- raise a user error at where (default: the calling rule-file line)
function rt.fail(msg, where)
  where = where or rt.where()
  error(string.format("%s:%d: %s", where.file, where.line, msg), 0)
end

local function dirname(path)
  return path:match("^(.*)/[^/]*$") or ""
end

-- join a relative path to dir and fold "." and ".."; nil when it escapes
function rt.join(dir, path)
  local parts = {}
  if path:sub(1, 1) ~= "/" then
    for p in dir:gmatch("[^/]+") do parts[#parts + 1] = p end
  end
  for p in path:gmatch("[^/]+") do
    if p == ".." then
      if #parts == 0 then return nil end
      parts[#parts] = nil
    elseif p ~= "." then
      parts[#parts + 1] = p
    end
  end
  return table.concat(parts, "/")
end

local model = { files = {}, binaries = {}, platforms = nil, project = {} }
rt.model = model
local current_dir = ""

-- the directory of the rule file being evaluated, relative to the project
function rt.dir() return current_dir end

local api = {}
rt.api = api
local env

-- evaluate the rule file at path; what names it in messages
local function eval(path, what)
  for _, f in ipairs(model.files) do
    if f == path then rt.fail(string.format("%s: already read", what)) end
  end
  local text, err = host.readfile(path)
  if not text then rt.fail(string.format("%s: %s", what, err)) end
  model.files[#model.files + 1] = path
  local fn = sandbox.compile(text, path, env)
  local saved = current_dir
  current_dir = dirname(path)
  fn()
  current_dir = saved
end

function api.include(path)
  if type(path) ~= "string" then
    rt.fail("include takes a file name: include \"sub/goninja.lua\"")
  end
  if path:find("[%z\r\n|]") then   -- a ninja path has no escape for these
    rt.fail(string.format("include %s: build.ninja cannot name a file whose "
      .. "path holds a line break, a NUL byte or \"|\"", (string.format("%q", path):gsub("\\\n", "\\n"))))
  end
  if path:sub(1, 1) == "/" then
    rt.fail(string.format("include %q: the path must be relative to the including file", path))
  end
  local full = rt.join(current_dir, path)
  if not full or full == "" then
    rt.fail(string.format("include %q: the path leaves the project directory", path))
  end
  eval(full, string.format("include %q", full))
end

function api.var(name, default)
  if type(name) ~= "string" then rt.fail("var takes a name: var(\"version\", \"dev\")") end
  local v = host.defines[name]
  if v == nil then return default end
  return v
end

script("rules/go.lua")(rt)
script("rules/sign.lua")(rt)

-- evaluate rulefile; the model, or an error raised as "file:line: message"
return function(rulefile)
  rt.rulefile = rulefile
  env = sandbox.env(api)
  eval(rulefile, "cannot read the rule file")
  return model
end
