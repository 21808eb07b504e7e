-- go: the Go rule library: project, platforms and go_binary.
-- Checks shapes here; C checks meaning (platforms, flag cells) later,
-- using the location kept on each declaration.

return function(rt)
  local api, model, schema = rt.api, rt.model, rt.schema

  local function set_platforms(list, where)
    if model.platforms then
      rt.fail(string.format("platforms already declared at %s:%d",
        model.platforms.where.file, model.platforms.where.line), where)
    end
    model.platforms = { list = list, where = where }
  end

  function api.project(spec)
    local where = rt.declared("project")
    if model.project.where then
      rt.fail(string.format("project already declared at %s:%d",
        model.project.where.file, model.project.where.line), where)
    end
    local p = rt.check("project", spec, where)
    if p.platforms then set_platforms(p.platforms, rt.at(where, "platforms")) end
    p.platforms = nil
    model.project = p   -- not returned: the model is the runtime's, checked once
  end

  function api.platforms(list)
    local where = rt.declared("platforms")
    if not schema.is_list(list) then
      rt.fail("platforms takes a list: platforms { \"linux/amd64\", ... }", where)
    end
    local copy = {}   -- the values checked, not a second read of list
    for i = 1, #list do
      local s = list[i]
      if type(s) ~= "string" or s:find("%z") then
        rt.fail("platforms: each platform is a string like \"linux/arm64\"", rt.at(where, i))
      end
      copy[i] = s
    end
    set_platforms(copy, where)
  end

  -- what names a package: ./dir inside the project, or an import path;
  -- who is 'go_binary "x": main' or 'go_test "x": package'
  local function check_package(who, m, where)
    if m == "." or m:sub(1, 2) == "./" or m:sub(1, 3) == "../" then
      if not rt.join(rt.dir(), m) then
        rt.fail(string.format("%s %q leaves the project directory", who, m), where)
      end
    elseif m:sub(1, 1) == "-" then   -- go would take it as an option
      rt.fail(string.format("%s %q starts with \"-\": go would read it as an "
        .. "option; give ./dir or an import path", who, m), where)
    elseif m:sub(1, 1) == "/" then
      rt.fail(string.format("%s %q must be ./dir (relative to the rule file) or "
        .. "an import path", who, m), where)
    end
  end

  model.toolchains = {}

  -- toolchain { "linux/arm64", cc = "...", cxx = "...", ar = "..." }
  function api.toolchain(spec)
    local where = rt.declared("toolchain")
    local t = rt.check("toolchain", spec, where)
    for _, other in ipairs(model.toolchains) do
      if other.platform == t.platform and other.libc == t.libc then
        rt.fail(string.format("toolchain %q already declared at %s:%d", t.platform,
          other.where.file, other.where.line), rt.at(where, "platform"))
      end
    end
    model.toolchains[#model.toolchains + 1] = t
  end

  model.tests = {}

  -- release { files = { "README.md" } }: archives and checksums, ninja release
  function api.release(spec)
    local where = rt.declared("release")
    if model.release then
      rt.fail(string.format("release already declared at %s:%d",
        model.release.where.file, model.release.where.line), where)
    end
    local r = rt.check("release", spec, where)
    local files = {}
    for i, f in ipairs(r.files or {}) do
      files[i] = rt.join(rt.dir(), f)
      if not files[i] or files[i] == "" or f:sub(1, 1) == "/" then
        rt.fail(string.format("release: file %q is not inside the project", f),
          rt.at(where, "files"))
      end
    end
    r.files = files
    model.release = r
  end

  -- go_test { packages = { "./..." }, platforms = { ... } }: ninja test
  function api.go_test(spec)
    local where = rt.declared("go_test")
    local t = rt.check("go_test", spec, where)
    for _, other in ipairs(model.tests) do
      if other.name == t.name then
        rt.fail(string.format("go_test %q already declared at %s:%d (give it "
          .. "another name)", t.name, other.where.file, other.where.line),
          rt.at(where, "name"))
      end
    end
    for _, pkg in ipairs(t.packages) do
      check_package(string.format("go_test %q: package", t.name), pkg,
        rt.at(where, "packages"))
    end
    t.dir, t.main = rt.dir(), t.packages[1]
    model.tests[#model.tests + 1] = t
  end

  function api.go_binary(spec)
    local b = rt.check("go_binary", spec, rt.declared("go_binary"))
    check_package(string.format("go_binary %q: main", b.name), b.main,
      rt.at(b.where, "main"))
    b.dir = rt.dir()
    model.binaries[#model.binaries + 1] = b   -- not returned, as for project
  end
end
