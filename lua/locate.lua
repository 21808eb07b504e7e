-- locate: where a declaration and its fields are written. Lua's debug
-- API knows the line of a call, not its column, so this reads the source
-- text: the call's name on that line, then its table constructor, whose
-- keys at the first level are the fields. A spec that is not written in
-- place (go_binary(spec)) has no field positions; its errors point at
-- the call.

local locate = {}

local byte, find, match, sub = string.byte, string.find, string.match, string.sub
local QUOTE2, QUOTE1, DASH, BRACKET, EQ = 34, 39, 45, 91, 61

-- the index just past a string or comment starting at i, or nil
local function skip(text, i)
  local c = byte(text, i)
  if c == QUOTE2 or c == QUOTE1 then
    local stop = c == QUOTE2 and '[\\\n"]' or "[\\\n']"
    local j = i + 1
    while true do
      j = find(text, stop, j)
      if not j then return #text + 1 end
      if byte(text, j) ~= 92 then return j + 1 end
      j = j + 2
    end
  elseif c == BRACKET or (c == DASH and byte(text, i + 1) == DASH) then
    local eq = match(text, "^%[(=*)%[", i) or match(text, "^%-%-%[(=*)%[", i)
    if eq then
      local _, e = find(text, "]" .. eq .. "]", i + 2, true)
      return (e or #text) + 1
    end
    if c == DASH then return (find(text, "\n", i, true) or #text) + 1 end
  end
end

-- the start of each line of text
local function line_starts(text)
  local starts, i = { 1 }, 1
  while true do
    i = text:find("\n", i, true)
    if not i then return starts end
    i = i + 1
    starts[#starts + 1] = i
  end
end

-- line and column (1-based, in bytes) of offset i, which is on line from
-- or after it when from is given
local function position(starts, i, from)
  if from and starts[from] <= i then
    local l = from   -- a field is written on the call's line or soon after
    while starts[l + 1] and starts[l + 1] <= i and l < from + 8 do l = l + 1 end
    if not starts[l + 1] or starts[l + 1] > i then return l, i - starts[l] + 1 end
  end
  local lo, hi = 1, #starts
  while lo < hi do
    local mid = (lo + hi + 1) // 2
    if starts[mid] <= i then lo = mid else hi = mid - 1 end
  end
  return lo, i - starts[lo] + 1
end

-- the offsets of name as a word on line n, outside strings and comments
local function calls_on(text, starts, n, name)
  local i, stop, found = starts[n], (starts[n + 1] or #text + 1), {}
  -- the usual line: name once, and nothing before it that starts a string
  -- or a comment; then only its neighbours tell whether it is the word
  local a = find(text, name, i, true)
  if not a or a >= stop then return found end
  local again, lexed = find(text, name, a + 1, true), find(text, "[\"'%[%-]", i)
  if (not again or again >= stop) and (not lexed or lexed > a) then
    local before, after = byte(text, a - 1), byte(text, a + #name)
    if not (before and find(string.char(before), "[%w_.:]"))
        and not (after and find(string.char(after), "[%w_]")) then
      found[1] = a
    end
    return found
  end
  while i and i < stop do
    i = text:find("[%a_\"'%[%-]", i)   -- what may start a name, string or comment
    if not i or i >= stop then break end
    local after = skip(text, i)
    if after then
      i = after
    else
      local a, b = text:find("^[%a_][%w_]*", i)
      if a then
        local before = a > 1 and text:sub(a - 1, a - 1) or ""
        if text:sub(a, b) == name and before ~= "." and before ~= ":" then
          found[#found + 1] = a
        end
        i = b + 1
      else
        i = i + 1
      end
    end
  end
  return found
end

-- past blanks and comments from i
local function blanks(text, i)
  while true do
    local j = text:find("[^ \t\r\n]", i)
    if not j then return #text + 1 end
    if text:sub(j, j + 1) ~= "--" then return j end
    i = skip(text, j)
  end
end

local opens, closes = { ["{"] = true, ["("] = true, ["["] = true },
  { ["}"] = true, [")"] = true, ["]"] = true }

-- the first-level keys of the table constructor at i: key -> offset;
-- positional values get their index as key
local function keys_of(text, i)
  local keys, depth, entry, n = {}, 1, true, 0
  i = i + 1
  while i <= #text and depth > 0 do
    local a, b
    if depth == 1 and entry then
      i = blanks(text, i)
      a, b = find(text, "^[%a_][%w_]*", i)
    else   -- inside a value: only strings, comments, brackets and separators matter
      i = find(text, "[,;\"'%-{}()%[%]]", i) or #text + 1
    end
    local c = sub(text, i, i)
    if a then
      local j = blanks(text, b + 1)
      if byte(text, j) == EQ and byte(text, j + 1) ~= EQ then
        keys[sub(text, a, b)] = keys[sub(text, a, b)] or a
      else
        n = n + 1
        keys[n] = a
      end
      entry, i = false, b + 1
    elseif depth == 1 and entry and c ~= "" and not closes[c] and c ~= "[" then
      n = n + 1
      keys[n] = i
      entry = false
    else
      local after = skip(text, i)
      if after then
        i = after
      else
        if opens[c] then
          depth = depth + 1
        elseif closes[c] then
          depth = depth - 1
        elseif depth == 1 and (c == "," or c == ";") then
          entry = true
        end
        i = i + 1
      end
    end
  end
  return keys
end

local cache = {}   -- text -> { starts, calls = "line name" -> offsets,
                   --          fields = offset -> list of { key, line, col } }

-- the fields written at the call of name at offset at: a list of
-- { key, line, col }
local function fields_at(text, t, at, name, line)
  local list = {}
  local i = blanks(text, at + #name)
  if text:sub(i, i) == "(" then i = blanks(text, i + 1) end
  if text:sub(i, i) == "{" then
    local from = position(t.starts, at, line)
    for key, off in pairs(keys_of(text, i)) do
      local l, c = position(t.starts, off, from)
      list[#list + 1] = { key, l, c }
    end
  end
  return list
end

-- the nth call (0-based, wrapping) of name on line n of text:
-- its { line, col } and its fields, key -> { line, col } (new tables: the
-- caller adds to them). A loop declares from one line many times: each
-- call is read once.
function locate.call(text, n, name, nth)
  local t = cache[text]
  if not t then
    t = { starts = line_starts(text), calls = {}, fields = {} }
    cache[text] = t
  end
  local k = n .. " " .. name
  t.calls[k] = t.calls[k] or calls_on(text, t.starts, n, name)
  local found, fields = t.calls[k], {}
  if #found == 0 or not t.starts[n] then
    return { line = n, col = 0 }, fields
  end
  local at = found[nth % #found + 1]
  local list = t.fields[at]
  if not list then
    list = fields_at(text, t, at, name, n)
    t.fields[at] = list
  end
  for _, f in ipairs(list) do
    fields[f[1]] = { line = f[2], col = f[3] }
  end
  local l, c = position(t.starts, at, n)
  return { line = l, col = c }, fields
end

return locate
