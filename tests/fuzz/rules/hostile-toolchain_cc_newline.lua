toolchain { "linux/arm64", cc = "cc\nrule pwn" }
