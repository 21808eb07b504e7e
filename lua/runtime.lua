-- runtime: evaluates a rule file and its includes into a model table.
-- Boot chunk: called by the host with its bindings; returns run().

local host = ...
local scripts = {}

local function script(name)
  if not scripts[name] then
    local text = host.script(name)
    -- compiled when embedded (scripts/embed.c), text under GONINJA_SRCDIR
    scripts[name] = assert(load(text, "=" .. name, "bt", _ENV))(scripts)
  end
  return scripts[name]
end
scripts.require = script

local schema = script("lua/schema.lua")
local sandbox = script("lua/sandbox.lua")
local locate = script("lua/locate.lua")

local rt = { schema = schema }
local texts = {}   -- rule file path -> its text
local ncalls = {}  -- "file:line:name" -> calls so far (several on one line)

-- the rule-file line that called into the runtime (host.where looks from
-- this function's caller on, as debug.getinfo(2) would)
function rt.where()
  local file, line = host.where()
  if file then return { file = file, line = line } end
  return { file = rt.rulefile, line = 0 }
end

-- the lines that called the rule-file function (a macro) the runtime was
-- called from, as host.c writes them after an error: "\n\1called from
-- file:line" each, outwards until a file's main chunk; nil when none
function rt.calls()
  local chain = host.calls()   -- not a tail call: host.calls counts frames
  return chain
end

-- where the rule file declares name: rt.where() with the column of the
-- call and where.fields, key -> { line, col } of each field written there
function rt.declared(name)
  local where = rt.where()
  where.calls = rt.calls()
  local text = texts[where.file]
  if not text or where.line == 0 then
    where.fields = {}
    return where
  end
  local k = where.file .. ":" .. where.line .. ":" .. name
  ncalls[k] = (ncalls[k] or 0) + 1
  local call, fields = locate.call(text, where.line, name, ncalls[k] - 1)
  where.col, where.fields = call.col, fields
  return where
end

-- where field key of the declaration at where is written (where itself
-- when that is not known)
function rt.at(where, key)
  local f = key ~= nil and where.fields and where.fields[key]
  if not f then return where end
  return { file = where.file, line = f.line, col = f.col }
end

-- raise a user error at where (default: the calling rule-file line)
function rt.fail(msg, where)
  where = where or rt.where()
  if (where.col or 0) > 0 then
    error(string.format("%s:%d:%d: %s", where.file, where.line, where.col, msg), 0)
  end
  error(string.format("%s:%d: %s", where.file, where.line, msg), 0)
end

-- check spec as declaration what (lua/fields.lua) at where: the clean
-- copy, with where; where.fields gains each field's Go floor when it has
-- one (schema.floors), for the check once the binary's Go is known
function rt.check(what, spec, where)
  local out = schema.check(what, spec, function(msg, key)
    rt.fail(msg, rt.at(where, key))
  end)
  for _, e in ipairs(schema.renamed(what)) do
    where.fields[e.as] = where.fields[e[1]]
  end
  for key, floor in pairs(schema.floors(what, out)) do
    local f = where.fields[key] or { line = where.line, col = where.col }
    f.since, f.set = floor.since, floor.set
    where.fields[key] = f
  end
  out.where = where
  return out
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
  texts[path] = text
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

local libraries = {}   -- path -> { value } of each rule library loaded

-- load "tools/rules.lua": evaluate a rule library (relative to the rule
-- file, in the same sandbox and environment) once; its functions, global
-- or returned, declare for whoever calls them: paths stay relative to the
-- calling rule file, and errors inside them name the calling line too
local function library(path)
  if path:sub(1, 1) == "/" then
    rt.fail(string.format("load %q: the path must be relative to the loading file", path))
  end
  local full = rt.join(current_dir, path)
  if not full or full == "" then
    rt.fail(string.format("load %q: the path leaves the project directory", path))
  end
  if libraries[full] then return libraries[full][1] end
  for _, f in ipairs(model.files) do
    if f == full then rt.fail(string.format("load %q: already read as a rule file", full)) end
  end
  local text, err = host.readfile(full)
  if not text then rt.fail(string.format("load %q: %s", full, err)) end
  model.files[#model.files + 1] = full
  texts[full] = text
  libraries[full] = {}
  local fn = sandbox.compile(text, full, env)
  local saved = current_dir
  current_dir = dirname(full)
  local value = fn()
  current_dir = saved
  libraries[full][1] = value
  return value
end

function api.var(name, default)
  if type(name) ~= "string" then rt.fail("var takes a name: var(\"version\", \"dev\")") end
  local v = host.defines[name]
  if v == nil then return default end
  return v
end

script("rules/go.lua")(rt)
script("rules/sign.lua")(rt)
script("rules/package.lua")(rt)
script("rules/image.lua")(rt)
script("rules/action.lua")(rt)

-- evaluate rulefile; the model, or an error raised as "file:line: message"
return function(rulefile)
  rt.rulefile = rulefile
  env = sandbox.env(api, library)
  eval(rulefile, "cannot read the rule file")
  if not model.project.where then
    model.project = schema.check("project", {}, function(msg) rt.fail(msg) end)
  end
  model.fields = schema.fields
  return model
end
