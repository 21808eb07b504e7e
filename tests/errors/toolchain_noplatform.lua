toolchain { cc = "x-gcc" }
