module example.com/supply

go 1.19

require (
	example.com/greet v1.0.0
	github.com/google/uuid v1.3.0
)

// Debian's golang-github-google-uuid-dev, imported on windows only
replace github.com/google/uuid => /usr/share/gocode/src/github.com/google/uuid
