-- go: the Go rule library: project, platforms and go_binary.
-- Checks shapes here; C checks meaning (platforms, flag cells) later,
-- using the location kept on each declaration.

return function(rt)
  local api, model, schema = rt.api, rt.model, rt.schema

  local project_fields = {
    name = "string", version = "string", go = "string", out = "string",
    platforms = "strings", verify = "boolean", strip = "boolean",
    stamp = "boolean", reproducible = "boolean", glibc = "string",
  }

  local binary_fields = {
    name = "string", main = "string", cgo = "boolean",
    link = { "auto", "static", "dynamic" },
    tags = "strings", ldflags = "strings", gcflags = "strings",
    x = "map", env = "map", platforms = "strings", go = "string",
    trimpath = "boolean", nss = "boolean", race = "boolean", msan = "boolean",
    libc = { "glibc", "musl" },
    buildmode = { "exe", "pie", "c-shared", "c-archive", "plugin" },
    extldflags = "strings", cgo_cflags = "strings", cgo_ldflags = "strings",
    universal = "boolean", glibc = "string",
  }

  local release_fields = {
    binaries = "strings", name = "string", files = "strings", checksums = "string",
    sbom = { "beside", "archive", "none" },
  }

  local toolchain_fields = {
    [1] = "string", cc = "string", cxx = "string", ar = "string",
    libc = { "glibc", "musl" },
  }

  local function fail_at(where)
    return function(msg) rt.fail(msg, where) end
  end

  local function set_platforms(list, where)
    if model.platforms then
      rt.fail(string.format("platforms already declared at %s:%d",
        model.platforms.where.file, model.platforms.where.line), where)
    end
    model.platforms = { list = list, where = where }
  end

  function api.project(spec)
    local where = rt.where()
    if model.project.where then
      rt.fail(string.format("project already declared at %s:%d",
        model.project.where.file, model.project.where.line), where)
    end
    local p = schema.check("project", spec, project_fields, fail_at(where))
    p.where = where
    if p.platforms then set_platforms(p.platforms, where) end
    p.platforms = nil
    model.project = p   -- not returned: the model is the runtime's, checked once
  end

  function api.platforms(list)
    local where = rt.where()
    if not schema.is_list(list) then
      rt.fail("platforms takes a list: platforms { \"linux/amd64\", ... }", where)
    end
    local copy = {}   -- the values checked, not a second read of list
    for i = 1, #list do
      local s = list[i]
      if type(s) ~= "string" or s:find("%z") then
        rt.fail("platforms: each platform is a string like \"linux/arm64\"", where)
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
    local where = rt.where()
    local t = schema.check("toolchain", spec, toolchain_fields, fail_at(where))
    if not t[1] then
      rt.fail("toolchain: name the platform first: toolchain { \"linux/arm64\", cc = ... }", where)
    end
    if not t.cc then rt.fail("toolchain: field \"cc\" is required", where) end
    for _, other in ipairs(model.toolchains) do
      if other.platform == t[1] and (other.libc or "glibc") == (t.libc or "glibc") then
        rt.fail(string.format("toolchain %q already declared at %s:%d", t[1],
          other.where.file, other.where.line), where)
      end
    end
    t.platform, t[1], t.where = t[1], nil, where
    model.toolchains[#model.toolchains + 1] = t
  end

  local test_fields = {
    name = "string", packages = "strings", platforms = "strings", cgo = "boolean",
    tags = "strings", env = "map", go = "string", args = "strings",
    race = "boolean", libc = { "glibc", "musl" },
  }

  model.tests = {}

  -- release { files = { "README.md" } }: archives and checksums, ninja release
  function api.release(spec)
    local where = rt.where()
    if model.release then
      rt.fail(string.format("release already declared at %s:%d",
        model.release.where.file, model.release.where.line), where)
    end
    local r = schema.check("release", spec, release_fields, fail_at(where))
    local files = {}
    for i, f in ipairs(r.files or {}) do
      files[i] = rt.join(rt.dir(), f)
      if not files[i] or files[i] == "" or f:sub(1, 1) == "/" then
        rt.fail(string.format("release: file %q is not inside the project", f), where)
      end
    end
    r.files, r.where = files, where
    model.release = r
  end

  -- go_test { packages = { "./..." }, platforms = { ... } }: ninja test
  function api.go_test(spec)
    local where = rt.where()
    local t = schema.check("go_test", spec, test_fields, fail_at(where))
    t.name = t.name or "test"
    t.packages = t.packages or { "./..." }
    for _, other in ipairs(model.tests) do
      if other.name == t.name then
        rt.fail(string.format("go_test %q already declared at %s:%d (give it "
          .. "another name)", t.name, other.where.file, other.where.line), where)
      end
    end
    for _, pkg in ipairs(t.packages) do
      check_package(string.format("go_test %q: package", t.name), pkg, where)
    end
    t.where, t.dir, t.main = where, rt.dir(), t.packages[1]
    model.tests[#model.tests + 1] = t
  end

  function api.go_binary(spec)
    local where = rt.where()
    local b = schema.check("go_binary", spec, binary_fields, fail_at(where))
    for _, f in ipairs({ "name", "main" }) do
      if not b[f] then
        rt.fail(string.format("go_binary: field %q is required", f), where)
      end
    end
    check_package(string.format("go_binary %q: main", b.name), b.main, where)
    b.where = where
    b.dir = rt.dir()
    model.binaries[#model.binaries + 1] = b   -- not returned, as for project
  end
end
