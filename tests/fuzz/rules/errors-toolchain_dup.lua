toolchain { "darwin/arm64", cc = "a-gcc" }
toolchain { "darwin/arm64", cc = "b-gcc" }
