package main

import "github.com/google/uuid"

func id() string { return uuid.NewSHA1(uuid.NameSpaceURL, []byte("goninja")).String() }
