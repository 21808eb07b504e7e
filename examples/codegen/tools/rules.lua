-- codegen's own rule library: macros over action { }, loaded by
-- goninja.lua with load "tools/rules.lua".
local rules = {}

-- Go code from .proto files with Debian's protoc and protoc-gen-go:
-- proto/NAME.proto -> DIR/NAME.pb.go
function rules.proto(spec)
  local outs = {}
  for i, f in ipairs(spec.files) do
    outs[i] = spec.dir .. "/" .. f:gsub("%.proto$", ".pb.go")
  end
  local ins = {}
  for i, f in ipairs(spec.files) do ins[i] = "proto/" .. f end
  action { name = spec.name, inputs = ins, outputs = outs,
    command = { "protoc", "-Iproto", "--go_out=paths=source_relative:" .. spec.dir, "{inputs}" },
    description = "PROTOC {out}" }
end

-- String methods for a type: DIR/TYPE_string.go (lowercase) by stringer
function rules.stringer(spec)
  action { name = spec.name, dir = spec.dir, inputs = { spec.dir .. "/" .. spec.src },
    outputs = { spec.dir .. "/" .. spec.type:lower() .. "_string.go" },
    env = { GOFLAGS = "-mod=mod", GOPROXY = "off" },
    command = { "stringer", "-type=" .. spec.type, "-output", "{out}", "." },
    description = "STRINGER {out}" }
end

return rules
