platforms { "linux/amd64" }
include "/etc/passwd"
