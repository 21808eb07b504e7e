package greet

const family = "windows"
