-- schema: checks a declaration's fields against lua/fields.lua.
-- A check returns a clean copy; a bad field is a user error at the field.

local schema = { fields = (...).require("lua/fields.lua") }

-- edits from a to b; swapping two neighbours is one ("mian" -> "main")
local function distance(a, b)
  local prev, older = {}, nil
  for j = 0, #b do prev[j] = j end
  for i = 1, #a do
    local cur = { [0] = i }
    for j = 1, #b do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      if older and j > 1 and a:byte(i) == b:byte(j - 1) and a:byte(i - 1) == b:byte(j) then
        cur[j] = math.min(cur[j], older[j - 2] + 1)
      end
    end
    prev, older = cur, prev
  end
  return prev[#b]
end

-- the candidate closest to word, or nil when none is close
function schema.nearest(word, candidates)
  local best, bestd
  for _, c in ipairs(candidates) do
    local d = distance(word, c)
    if not bestd or d < bestd or (d == bestd and c < best) then
      best, bestd = c, d
    end
  end
  if bestd and bestd <= math.max(1, #word // 3) then return best end
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  return keys
end
schema.sorted_keys = sorted_keys

local function is_list(v)
  if type(v) ~= "table" then return false end
  local n = #v
  for k in pairs(v) do
    if math.type(k) ~= "integer" or k < 1 or k > n then return false end
  end
  return true
end

local kinds = {}

function kinds.string(v)
  if type(v) == "number" then return tostring(v) end
  if type(v) ~= "string" then return nil, "a string" end
  return v
end

function kinds.boolean(v)
  if type(v) ~= "boolean" then return nil, "true or false" end
  return v
end

function kinds.count(v)
  if math.type(v) ~= "integer" or v < 1 or v > 4096 then return nil, "a whole number from 1 to 4096" end
  return v
end

function kinds.strings(v)
  if type(v) == "string" then v = { v } end
  if not is_list(v) then return nil, "a list of strings" end
  local out = {}
  for i, s in ipairs(v) do
    if type(s) ~= "string" then return nil, "a list of strings" end
    out[i] = s
  end
  return out
end

-- a string-to-string table, returned as a list of {key, value} sorted by key
function kinds.map(v)
  if type(v) ~= "table" then return nil, "a table of name = value" end
  local out = {}
  for _, k in ipairs(sorted_keys(v)) do
    local val = v[k]
    if type(k) ~= "string" or (type(val) ~= "string" and type(val) ~= "number"
        and type(val) ~= "boolean") then
      return nil, "a table of name = value (strings)"
    end
    out[#out + 1] = { k, tostring(val) }
  end
  return out
end

-- smoke runs: one { args, expect, status, timeout } or a list of them,
-- returned as a list with the defaults filled in (status 0, timeout 60 s)
local smoke_want = "a run { args = { ... }, expect = \"...\", status = 0, timeout = 60 } or a list of them"
local smoke_keys = { args = "strings", expect = "string", status = "integer", timeout = "integer" }

local function smoke_run(r)
  if type(r) ~= "table" or is_list(r) and #r > 0 then return nil, smoke_want end
  for k, v in pairs(r) do
    local kind = smoke_keys[k]
    if not kind then
      local hint = type(k) == "string" and schema.nearest(k, { "args", "expect", "status", "timeout" })
      return nil, smoke_want .. " (unknown key " .. tostring(k)
        .. (hint and string.format(", did you mean %q?", hint) or "") .. ")"
    end
    if kind == "integer" and math.type(v) ~= "integer" then
      return nil, smoke_want .. " (" .. k .. " must be a whole number)"
    end
    if kind ~= "integer" and not kinds[kind](v) then
      return nil, smoke_want .. " (" .. k .. " must be " .. select(2, kinds[kind](false)) .. ")"
    end
  end
  local out = { args = kinds.strings(r.args or {}), expect = r.expect or "",
                status = r.status or 0, timeout = r.timeout or 60 }
  if out.status < 0 or out.status > 255 then
    return nil, smoke_want .. " (status is an exit status, 0 to 255)"
  end
  if out.timeout < 1 or out.timeout > 3600 then
    return nil, smoke_want .. " (timeout is 1 to 3600 seconds)"
  end
  for _, s in ipairs(out.args) do
    if s:find("[%z\r\n]") then return nil, smoke_want .. " (an argument holds a line break)" end
  end
  if out.expect:find("[%z\r\n]") then
    return nil, smoke_want .. " (expect holds a line break)"
  end
  return out
end

function kinds.smoke(v)
  local list = is_list(v) and #v > 0 and v or { v }
  local out = {}
  for i, r in ipairs(list) do
    local run, want = smoke_run(r)
    if not run then return nil, want end
    out[i] = run
  end
  return out
end

-- a value for a message: one line, at most about 60 characters
local function describe(v)
  if type(v) ~= "string" then return type(v) end
  if #v > 60 then v = v:sub(1, 57) .. "..." end
  return (string.format("%q", v):gsub("\\\n", "\\n"))
end

-- the first string in a checked value with a line break or a NUL byte:
-- build.ninja cannot hold the one, and C strings end at the other
local find = string.find
local function unwritable(v)
  local t = type(v)
  if t == "string" then return find(v, "[%z\r\n]") and v end
  if t ~= "table" then return nil end
  local i = 1
  while v[i] ~= nil do   -- as ipairs
    local bad = unwritable(v[i])
    if bad then return bad end
    i = i + 1
  end
end

local function ignore() end

local function check_field(what, spec, k, kind, fail)
  local v, want = spec[k], nil
  if type(kind) == "table" then
    local ok = false
    for _, allowed in ipairs(kind) do ok = ok or v == allowed end
    if not ok then
      want = "one of " .. table.concat(kind, ", ")
    end
  else
    v, want = kinds[kind](v)
  end
  if want then
    fail(string.format("%s: field %q must be %s, not %s", what, k, want,
      describe(spec[k])))
  end
  local bad = not want and unwritable(v)
  if bad then
    fail(string.format("%s: field %q: %s holds a line break or a NUL byte, "
      .. "which build.ninja cannot carry", what, k, describe(bad)))
    want = "writable"
  end
  return v, want
end

kinds.platforms = kinds.strings

-- a function that returns a new table of the defaults of entries (each
-- list a new copy), keyed as the model keys them: one table constructor,
-- sized once rather than grown key by key on every declaration
local function defaults_maker(entries)
  local parts = {}
  for _, e in ipairs(entries) do
    local v, text = e.default, nil
    if type(v) == "table" then
      local items = {}
      for i, s in ipairs(v) do items[i] = string.format("%q", s) end
      text = "{ " .. table.concat(items, ", ") .. " }"
    elseif type(v) == "string" then
      text = string.format("%q", v)
    elseif v ~= nil then
      assert(type(v) == "boolean", "a default is a string, a boolean or a list")
      text = tostring(v)
    end
    if text then parts[#parts + 1] = string.format("[%q] = %s", e.as or e[1], text) end
  end
  local code = "return function() return { " .. table.concat(parts, ", ") .. " } end"
  return assert(load(code, "=lua/schema.lua defaults", "t", {}))()
end

-- each declaration's entries and, by key, the entry (lua/fields.lua);
-- its defaults (defaults_maker); and, in table order, the entries every
-- check goes through: the required ones, those with a Go floor, those
-- renamed
local decls = {}
for _, d in ipairs(schema.fields) do
  local by, required, since, as = {}, {}, {}, {}
  for _, e in ipairs(d[2]) do
    by[e[1]] = e
    if e.required then required[#required + 1] = e end
    if e.since then since[#since + 1] = e end
    if e.as then as[#as + 1] = e end
  end
  decls[d[1]] = { list = d[2], by = by, defaults = defaults_maker(d[2]),
                  required = required, since = since, as = as }
end

-- the entries of declaration what, in table order
function schema.entries(what)
  return decls[what].list
end

-- the entries of declaration what renamed by "as", in table order
function schema.renamed(what)
  return decls[what].as
end

-- "cover = true": how a set value reads in a message
function schema.shown(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) == "table" then return "{ ... }" end
  return tostring(v)
end

-- Checks spec against declaration what's entries and returns a clean
-- copy, defaults filled in and keys renamed by "as". fail(msg, key) raises
-- the user error, about field key when there is one. Fields are checked in
-- any order; when some are wrong, the first in sorted order is reported,
-- so the message does not depend on hashing.
function schema.check(what, spec, fail)
  local d = decls[what]
  if type(spec) ~= "table" then
    fail(string.format("%s takes a table: %s { ... }", what, what))
  end
  local out, bad = d.defaults(), nil   -- what spec sets replaces them
  for k, v in next, spec do
    local e = d.by[k]
    if not e then
      bad = true
    elseif v ~= nil then
      local ok, want = check_field(what, spec, k, e[2], ignore)
      if want then bad = true end
      out[e.as or k] = ok
    end
  end
  if bad then
    for _, k in ipairs(sorted_keys(spec)) do
      local e = d.by[k]
      local function failk(msg) fail(msg, k) end
      if not e then
        local names = {}
        for _, f in ipairs(d.list) do
          if type(f[1]) == "string" then names[#names + 1] = f[1] end
        end
        local hint = type(k) == "string" and schema.nearest(k, names)
        failk(string.format("%s: unknown field %s%s", what, describe(k),
          hint and string.format(" (did you mean %q?)", hint) or ""))
      end
      check_field(what, spec, k, e[2], failk)
    end
  end
  for _, e in ipairs(d.required) do
    if out[e.as or e[1]] == nil then
      fail(string.format("%s: %s", what, e.missing
        or string.format("field %q is required", e[1])))
    end
  end
  return out
end

-- the fields of a checked declaration that need a newer Go than the
-- oldest: key -> { since = N, set = "cover = true" } (lua/fields.lua since)
function schema.floors(what, out)
  local floors = {}
  for _, e in ipairs(decls[what].since) do
    local v = out[e.as or e[1]]
    if e.since and v ~= nil and v ~= e.default then
      floors[e[1]] = { since = e.since,
        set = string.format("%s = %s", e[1], schema.shown(v)) }
    end
  end
  return floors
end

schema.is_list = is_list
return schema
