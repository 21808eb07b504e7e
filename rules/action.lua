-- action: commands ninja runs to make files (generated code, embedded
-- files, C libraries). Shapes and paths are checked here; src/action.c
-- expands the globs and writes the commands. Nothing runs at generation.

return function(rt)
  local api, model = rt.api, rt.model

  model.actions = {}

  -- path relative to the rule file, as a project path; fails at key
  local function inside(a, what, path, key)
    local full = path:sub(1, 1) ~= "/" and rt.join(rt.dir(), path)
    if not full or (full == "" and what ~= "dir") then
      rt.fail(string.format("action %q: %s %q is not inside the project", a.name,
        what, path), rt.at(a.where, key))
    end
    if full:find("[%z\r\n|]") then
      rt.fail(string.format("action %q: %s %q: build.ninja cannot name it", a.name,
        what, path), rt.at(a.where, key))
    end
    return full
  end

  local function paths(a, what, list, key)
    local out = {}
    for i, f in ipairs(list) do out[i] = inside(a, what, f, key) end
    return out
  end

  -- action { name = "proto", inputs = { "api/*.proto" }, outputs = { ... },
  --          command = { "protoc", "--go_out=.", "{inputs}" } }
  function api.action(spec)
    local a = rt.check("action", spec, rt.declared("action"))
    for _, other in ipairs(model.actions) do
      if other.name == a.name then
        rt.fail(string.format("action %q already declared at %s:%d", a.name,
          other.where.file, other.where.line), rt.at(a.where, "name"))
      end
    end
    if #a.outputs == 0 then
      rt.fail(string.format("action %q: outputs is empty: name the files it makes",
        a.name), rt.at(a.where, "outputs"))
    end
    if #a.command == 0 then
      rt.fail(string.format("action %q: command is empty", a.name),
        rt.at(a.where, "command"))
    end
    a.inputs = paths(a, "input", a.inputs or {}, "inputs")
    a.outputs = paths(a, "output", a.outputs, "outputs")
    if a.depfile then a.depfile = inside(a, "depfile", a.depfile, "depfile") end
    a.dir = a.dir and inside(a, "dir", a.dir, "dir") or rt.dir()
    model.actions[#model.actions + 1] = a
  end
end
