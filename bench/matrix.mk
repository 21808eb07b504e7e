# The hand-written Makefile for examples/matrix that bench/run races
# against goninja + ninja: the go build commands goninja writes for it
# (bench/run checks they stay the same), every cell forced, since make
# cannot see Go's dependencies and leaves that to go's cache.
GO = go
VERSION = 0.0.0-dev
COMMIT = unknown
DATE = 1970-01-01T00:00:00Z
# goninja's reproducible default; BUILDID= lets go see an up-to-date binary
BUILDID = -buildid=
LDFLAGS = $(BUILDID) -s -w -X main.commit=$(COMMIT) -X main.date=$(DATE) \
	-X main.version=$(VERSION)
GOBUILD = CGO_ENABLED=0 GOTOOLCHAIN=local $(GO) build -trimpath -buildvcs=false

BINS = server cli worker
PLATFORMS = linux_amd64 linux_arm64 linux_arm_v7 linux_386 windows_amd64 \
	darwin_amd64 darwin_arm64 freebsd_amd64

env_linux_amd64 = GOOS=linux GOARCH=amd64 GOAMD64=v1
env_linux_arm64 = GOOS=linux GOARCH=arm64 GOARM64=v8.0
env_linux_arm_v7 = GOOS=linux GOARCH=arm GOARM=7
env_linux_386 = GOOS=linux GOARCH=386 GO386=sse2
env_windows_amd64 = GOOS=windows GOARCH=amd64 GOAMD64=v1
env_darwin_amd64 = GOOS=darwin GOARCH=amd64 GOAMD64=v1
env_darwin_arm64 = GOOS=darwin GOARCH=arm64 GOARM64=v8.0
env_freebsd_amd64 = GOOS=freebsd GOARCH=amd64 GOAMD64=v1
ext_windows_amd64 = .exe
tags_worker = -tags=matrixdemo

all:

# cell PLATFORM BINARY
define cell
all: out/$(1)/$(2)$(ext_$(1))
out/$(1)/$(2)$(ext_$(1)): FORCE
	$(env_$(1)) $(GOBUILD) $(tags_$(2)) '-ldflags=$(LDFLAGS)' -o $$@ ./cmd/$(2)
endef
$(foreach b,$(BINS),$(foreach p,$(PLATFORMS),$(eval $(call cell,$(p),$(b)))))

clean:
	rm -rf out

FORCE:
.PHONY: all clean FORCE
