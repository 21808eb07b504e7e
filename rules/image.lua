-- image: OCI images of the binaries per linux platform and a multi-arch
-- index over them (ninja image), written by goninja image at build time.

return function(rt)
  local api, model = rt.api, rt.model

  model.images = {}

  -- image { name = "server", binaries = { "server" }, base = "scratch" }
  function api.image(spec)
    local i = rt.check("image", spec, rt.declared("image"))
    for _, other in ipairs(model.images) do
      if other.name == i.name then
        rt.fail(string.format("image %q already declared at %s:%d", i.name,
          other.where.file, other.where.line), rt.at(i.where, "name"))
      end
    end
    for _, pair in ipairs(i.files or {}) do
      local src = rt.join(rt.dir(), pair[1])
      if not src or src == "" or pair[1]:sub(1, 1) == "/" then
        rt.fail(string.format("image %q: file %q is not inside the project",
          i.name, pair[1]), rt.at(i.where, "files"))
      end
      pair[1] = src
    end
    if i.base ~= "scratch" then
      local dir = rt.join(rt.dir(), i.base)
      if not dir or dir == "" or i.base:sub(1, 1) == "/" then
        rt.fail(string.format("image %q: base %q is not a directory inside the project "
          .. "(\"scratch\", or an OCI image layout such as skopeo copy writes)",
          i.name, i.base), rt.at(i.where, "base"))
      end
      i.base = dir
    end
    model.images[#model.images + 1] = i
  end
end
