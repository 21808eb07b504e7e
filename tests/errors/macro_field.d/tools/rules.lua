-- a project's rule library: go_binary with the project's defaults
function service(spec)
  go_binary { name = spec.name, main = "./cmd/" .. spec.name,
              cgo = spec.cgo }
end
