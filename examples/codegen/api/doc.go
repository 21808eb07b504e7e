// Package api holds the Go code protoc generates from proto/ (greet.pb.go).
package api
