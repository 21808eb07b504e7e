-- Known problem: goninja writes the edge, then ninja cannot start it:
-- "ninja: fatal: posix_spawn: Argument list too long" (Linux takes at
-- most 128 KiB in one argument, and ninja passes the command as one).
-- Wanted: an error at generation, naming the binary. The message in the
-- .err is a proposal.
platforms { "linux/amd64" }
go_binary { name = "s", main = "./cmd/s", ldflags = { "-X=main.v=" .. string.rep("a", 200000) } }
