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
  -- a checked action a: its paths made project paths, then declared
  local function declare(a)
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

  function api.action(spec)
    declare(rt.check("action", spec, rt.declared("action")))
  end

  -- go_generate { name = "gen", packages = { "./internal/..." }, outputs = { ... } }:
  -- an action running go generate, declared the way a project's macro would
  function api.go_generate(spec)
    local g = rt.check("go_generate", spec, rt.declared("go_generate"))
    local command = { g.go or model.project.go or "go", "generate" }
    for _, pkg in ipairs(g.packages) do
      if pkg:sub(1, 1) == "-" then
        rt.fail(string.format("go_generate %q: package %q starts with \"-\": go "
          .. "would read it as an option", g.name, pkg), rt.at(g.where, "packages"))
      end
      command[#command + 1] = pkg
    end
    declare({ name = g.name, inputs = g.inputs, outputs = g.outputs, command = command,
      env = g.env, shell = false, where = g.where,
      description = g.description or ("go generate " .. g.name) })
  end
end
