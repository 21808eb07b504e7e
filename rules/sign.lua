-- sign: signature edges over the release (ninja release), made at build
-- time by the real tools. Keys are files (or a gpg key id) named here or
-- in the environment; their contents never reach build.ninja.

return function(rt)
  local api, model, schema = rt.api, rt.model, rt.schema

  local sign_fields = {
    with = { "minisign", "signify", "gpg", "cosign" },
    key = "string",
    files = { "checksums", "all" },
  }

  model.signs = {}

  -- sign { with = "minisign", key = var("key"), files = "checksums" }
  function api.sign(spec)
    local where = rt.where()
    local s = schema.check("sign", spec, sign_fields, function(msg) rt.fail(msg, where) end)
    if not s.with then
      rt.fail("sign: field \"with\" is required: sign { with = \"minisign\", key = ... }", where)
    end
    for _, other in ipairs(model.signs) do
      if other.with == s.with then
        rt.fail(string.format("sign with %q already declared at %s:%d", s.with,
          other.where.file, other.where.line), where)
      end
    end
    s.files = s.files or "checksums"
    s.where = where
    model.signs[#model.signs + 1] = s
  end
end
