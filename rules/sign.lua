-- sign: signature edges over the release (ninja release), made at build
-- time by the real tools. Keys are files (or a gpg key id) named here or
-- in the environment; their contents never reach build.ninja.

return function(rt)
  local api, model = rt.api, rt.model

  model.signs = {}

  -- sign { with = "minisign", key = var("key"), files = "checksums" }
  function api.sign(spec)
    local s = rt.check("sign", spec, rt.declared("sign"))
    for _, other in ipairs(model.signs) do
      if other.with == s.with then
        rt.fail(string.format("sign with %q already declared at %s:%d", s.with,
          other.where.file, other.where.line), rt.at(s.where, "with"))
      end
    end
    model.signs[#model.signs + 1] = s
  end
end
