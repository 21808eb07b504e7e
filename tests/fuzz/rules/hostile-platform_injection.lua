platforms { "linux/amd64", "linux/arm64; touch /tmp/x" }
