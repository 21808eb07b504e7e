-- package: Linux packages (.deb, .rpm) of the release binaries. Checks
-- shapes and paths here; C maps platforms and versions and writes the edges.

return function(rt)
  local api, model = rt.api, rt.model

  model.packages = {}

  local formats = { deb = true, rpm = true }
  local scripts = { preinst = true, postinst = true, prerm = true, postrm = true }

  -- path, relative to the rule file, inside the project
  local function inside(p, what, where)
    local full = p:sub(1, 1) ~= "/" and rt.join(rt.dir(), p)
    if not full or full == "" then
      rt.fail(string.format("package: %s %q is not inside the project", what, p), where)
    end
    return full
  end

  -- package { formats = { "deb", "rpm" }, maintainer = ..., description = ... }
  function api.package(spec)
    local where = rt.declared("package")
    local k = rt.check("package", spec, where)
    for _, f in ipairs(k.formats) do
      if not formats[f] then
        rt.fail(string.format("package: format %q: \"deb\" or \"rpm\"", f), rt.at(where, "formats"))
      end
    end
    for _, kv in ipairs(k.files or {}) do
      kv[1] = inside(kv[1], "file", rt.at(where, "files"))
    end
    for _, kv in ipairs(k.scripts or {}) do
      if not scripts[kv[1]] then
        rt.fail(string.format("package: script %q: preinst, postinst, prerm or postrm",
          kv[1]), rt.at(where, "scripts"))
      end
      kv[2] = inside(kv[2], "script", rt.at(where, "scripts"))
    end
    for _, other in ipairs(model.packages) do
      if other.name == k.name then
        rt.fail(string.format("package %q already declared at %s:%d", k.name,
          other.where.file, other.where.line), rt.at(where, "name"))
      end
    end
    model.packages[#model.packages + 1] = k
  end

  model.manifests = {}

  -- homebrew { url = ".../v{version}/{archive}" } and scoop { ... }: once each
  local function manifest(kind)
    return function(spec)
      local where = rt.declared(kind)
      local m = rt.check(kind, spec, where)
      for _, other in ipairs(model.manifests) do
        if other.kind == kind then
          rt.fail(string.format("%s already declared at %s:%d", kind,
            other.where.file, other.where.line), where)
        end
      end
      m.kind = kind
      model.manifests[#model.manifests + 1] = m
    end
  end
  api.homebrew = manifest("homebrew")
  api.scoop = manifest("scoop")
end
