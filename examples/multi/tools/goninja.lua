-- Developer tools: built from this directory's own module, for the
-- machines developers use.
go_binary { name = "gen", main = "./cmd/gen", platforms = { "linux/amd64", "darwin/arm64" },
            x = { ["main.built"] = "{platform}" } }
