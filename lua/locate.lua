-- locate: where a declaration and its fields are written. Lua's debug
-- API knows the line of a call, not its column, so this reads the source
-- text: the call's name on that line, then its table constructor, whose
-- keys at the first level are the fields. A spec that is not written in
-- place (go_binary(spec)) has no field positions; its errors point at
-- the call.

local locate = {}

local byte, find, match = string.byte, string.find, string.match
local QUOTE2, QUOTE1, DASH, BRACKET = 34, 39, 45, 91

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

-- line and column (1-based, in bytes) of offset i
local function position(starts, i)
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
    i = depth == 1 and blanks(text, i)
      or text:find("[%a_\"'%-{}()%[%]]", i) or #text + 1
    local c, after = text:sub(i, i), skip(text, i)
    local a, b = text:find("^[%a_][%w_]*", i)
    if depth == 1 and entry and a then
      local j = blanks(text, b + 1)
      if text:sub(j, j) == "=" and text:sub(j + 1, j + 1) ~= "=" then
        keys[text:sub(a, b)] = keys[text:sub(a, b)] or a
      else
        n = n + 1
        keys[n] = a
      end
      entry, i = false, b + 1
    elseif depth == 1 and entry and c ~= "" and not closes[c] and c ~= "[" then
      n = n + 1
      keys[n] = i
      entry = false
    elseif after then
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
  return keys
end

local cache = {}   -- text -> { starts, calls = "line name" -> offsets }

-- the nth call (0-based, wrapping) of name on line n of text:
-- its { line, col } and its fields, key -> { line, col }
function locate.call(text, n, name, nth)
  local t = cache[text]
  if not t then
    t = { starts = line_starts(text), calls = {} }
    cache[text] = t
  end
  local k = n .. " " .. name
  t.calls[k] = t.calls[k] or calls_on(text, t.starts, n, name)
  local found, fields = t.calls[k], {}
  if #found == 0 or not t.starts[n] then
    return { line = n, col = 0 }, fields
  end
  local at = found[nth % #found + 1]
  local i = blanks(text, at + #name)
  if text:sub(i, i) == "(" then i = blanks(text, i + 1) end
  if text:sub(i, i) == "{" then
    for key, off in pairs(keys_of(text, i)) do
      local l, c = position(t.starts, off)
      fields[key] = { line = l, col = c }
    end
  end
  local l, c = position(t.starts, at)
  return { line = l, col = c }, fields
end

return locate
