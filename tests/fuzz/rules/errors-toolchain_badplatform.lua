toolchain { "darwin/arm46", cc = "x-gcc" }
