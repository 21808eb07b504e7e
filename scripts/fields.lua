-- fields: writes the field lists of README.md, doc/goninja.1,
-- editor/goninja.d.lua and tests/fuzz/rules/dict.txt from lua/fields.lua,
-- between the marker lines each holds ("fields" ... "end fields").
--   lua5.4 scripts/fields.lua [--check] [ROOT]
-- --check writes nothing and fails, naming each file that differs from
-- what the table says (tests/fields.sh). `make fields` rewrites them.

local check = arg[1] == "--check"
local root = arg[check and 2 or 1] or "."
local decls = dofile(root .. "/lua/fields.lua")

-- the name a field is documented by: positional ones by their model key
local function label(e)
  return type(e[1]) == "number" and e.as or e[1]
end

local function shown(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) == "table" then
    local parts = {}
    for i, s in ipairs(v) do parts[i] = string.format("%q", s) end
    return "{ " .. table.concat(parts, ", ") .. " }"
  end
  return tostring(v)
end

-- the doc with what the entry says besides: required, default, Go floor
local function full_doc(e)
  local pre = e.required and "Required. " or ""
  local post = ""
  if e.default ~= nil then post = post .. " Default " .. shown(e.default) .. "." end
  if e.since then post = post .. string.format(" Needs Go 1.%d or later.", e.since) end
  return pre .. e.doc .. post
end

-- text broken into lines of at most width characters
local function wrap(text, width)
  local lines, line = {}, ""
  for word in text:gmatch("%S+") do
    if line ~= "" and #line + 1 + #word > width then
      lines[#lines + 1], line = line, word
    else
      line = line == "" and word or line .. " " .. word
    end
  end
  if line ~= "" then lines[#lines + 1] = line end
  return lines
end

local writers = {}

-- README.md: one table row per declaration
function writers.readme()
  local out = { "| declaration | fields |", "| --- | --- |" }
  for _, d in ipairs(decls) do
    local parts = {}
    for _, e in ipairs(d[2]) do
      local notes = {}
      if e.required then notes[#notes + 1] = "required" end
      if e.default ~= nil then notes[#notes + 1] = "default `" .. shown(e.default) .. "`" end
      if e.since then notes[#notes + 1] = string.format("Go 1.%d+", e.since) end
      parts[#parts + 1] = "`" .. label(e) .. "`"
        .. (#notes > 0 and " (" .. table.concat(notes, ", ") .. ")" or "")
    end
    out[#out + 1] = string.format("| `%s { }` | %s |", d[1], table.concat(parts, ", "))
  end
  return { [""] = out }
end

-- roff: code in bold, escapes, no line starting with a control character
local function roff(text)
  text = text:gsub("\\", "\\e"):gsub("%-", "\\-")
  text = text:gsub("`([^`]*)`", "\\fB%1\\fR")
  local lines = {}
  for _, l in ipairs(wrap(text, 72)) do
    if l:match("^[.']") then l = "\\&" .. l end
    lines[#lines + 1] = l
  end
  return lines
end

-- doc/goninja.1: a .TP list per declaration
function writers.man()
  local regions = {}
  for _, d in ipairs(decls) do
    local out = {}
    for _, e in ipairs(d[2]) do
      out[#out + 1] = ".TP"
      out[#out + 1] = ".B " .. label(e)
      for _, l in ipairs(roff(full_doc(e))) do out[#out + 1] = l end
    end
    regions[" " .. d[1]] = out
  end
  return regions
end

local lua_types = { string = "string", boolean = "boolean", strings = "string[]", count = "integer",
  map = "table<string, string>", platforms = "goninja.Platform[]" }

-- editor/goninja.d.lua: a LuaLS class per declaration
function writers.editor()
  local regions = {}
  for _, d in ipairs(decls) do
    local out = {}
    for _, l in ipairs(wrap(d.doc, 75)) do out[#out + 1] = "---" .. l end
    out[#out + 1] = "---@class " .. d.class
    for _, e in ipairs(d[2]) do
      for _, l in ipairs(wrap(full_doc(e), 75)) do out[#out + 1] = "---" .. l end
      local name = type(e[1]) == "number" and "[" .. e[1] .. "]" or e[1]
        .. (e.required and "" or "?")
      local t = e.lua or lua_types[e[2]]
      if not t then   -- an enum without a LuaLS alias
        local vs = {}
        for i, v in ipairs(e[2]) do vs[i] = string.format("%q", v) end
        t = table.concat(vs, "|")
      end
      out[#out + 1] = "---@field " .. name .. " " .. t
    end
    regions[" " .. d[1]] = out
  end
  return regions
end

-- tests/fuzz/rules/dict.txt: every declaration, field and enum value
function writers.dict()
  local seen, out = {}, {}
  local function add(w)
    if type(w) == "string" and not seen[w] then
      seen[w] = true
      out[#out + 1] = string.format("%q", w)
    end
  end
  for _, d in ipairs(decls) do
    add(d[1])
    for _, e in ipairs(d[2]) do
      add(e[1])
      if type(e[2]) == "table" then
        for _, v in ipairs(e[2]) do add(v) end
      end
    end
  end
  return { [""] = out }
end

local files = {
  { "README.md", writers.readme, "^<!%-%- fields(.-)%-%->$", "<!-- end fields -->" },
  { "doc/goninja.1", writers.man, '^%.\\" fields(.-)$', '.\\" end fields' },
  { "editor/goninja.d.lua", writers.editor, "^%-%- fields(.-)$", "-- end fields" },
  { "tests/fuzz/rules/dict.txt", writers.dict, "^# fields(.-)$", "# end fields" },
}

-- text with each marked region replaced; regions is marker rest -> lines
local function rewrite(path, text, regions, open, close)
  local out, skipping, found = {}, false, {}
  local body = text:sub(-1) == "\n" and text or text .. "\n"
  for line in body:gmatch("(.-)\n") do
    if skipping then
      if line == close then
        out[#out + 1] = line
        skipping = false
      end
    else
      out[#out + 1] = line
      local rest = line:match(open)
      if rest then
        rest = rest:match("^(.-):") or rest    -- " go_binary: written by ..."
        rest = rest:match("^%s*(.-)%s*$")
        rest = rest == "" and "" or " " .. rest
        local lines = regions[rest]
        if not lines then error(path .. ": no fields for marker \"" .. line .. "\"") end
        table.move(lines, 1, #lines, #out + 1, out)
        found[rest], skipping = true, true
      end
    end
  end
  if skipping then error(path .. ": a fields marker without \"" .. close .. "\"") end
  for k in pairs(regions) do
    if not found[k] then error(path .. ": no marker for fields" .. k) end
  end
  return table.concat(out, "\n") .. (text:sub(-1) == "\n" and "\n" or "")
end

local differ = {}
for _, f in ipairs(files) do
  local path = root .. "/" .. f[1]
  local fh = assert(io.open(path, "rb"))
  local text = fh:read("a")
  fh:close()
  local new = rewrite(f[1], text, f[2](), f[3], f[4])
  if new ~= text then
    differ[#differ + 1] = f[1]
    if not check then
      fh = assert(io.open(path, "wb"))
      fh:write(new)
      fh:close()
    end
  end
end
if check and #differ > 0 then
  io.stderr:write("fields: not what lua/fields.lua says (make fields): ",
    table.concat(differ, ", "), "\n")
  os.exit(1)
end
