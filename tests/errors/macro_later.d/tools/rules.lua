-- a project's rule library: go_binary with the project's defaults
function service(spec)
  go_binary { name = spec.name, main = "./cmd/" .. spec.name,
              cgo = spec.cgo }
end

local M = {}
function M.proto(name)
  local function declare()
    action { name = name, outputs = { "api/" .. name .. ".pb.go" }, command = { "protoc" } }
  end
  declare()
end
return M
