#!/bin/sh
# End to end on examples/image: ninja image writes an OCI image layout and
# archive for linux amd64, arm64 and arm/v7 without a daemon, checked by
# the real consumers from Debian: skopeo inspects the layout, the index
# and every platform in it and copies it to a docker archive; podman
# loads the archive; umoci
# unpacks each platform into a rootfs whose binary runs (natively in a
# chroot, arm64 and arm/v7 under qemu-user); podman runs the host image
# (with runc) where it can. Two clean builds from different directories give the
# same digests and bytes; a changed file changes them and prunes stale
# blobs.
. "$(dirname "$0")/lib.sh"

[ -n "${GOROOT_BIN:-}" ] && PATH=$GOROOT_BIN:$PATH
gover=$(go env GOVERSION)
echo "e2e_image: $gover"
export SOURCE_DATE_EPOCH=1700000000
for t in skopeo umoci; do
	command -v $t >/dev/null || { bad "$t is not installed (scripts/install-deps)"; summary; exit; }
done
p=$(project_copy image)
cd "$p" || exit 1

check "$gover: goninja" "$GONINJA"
check "$gover: ninja image" ninja image
lay=out/image/imgapp
tag=1.2.0
same "oci-layout" '{"imageLayoutVersion":"1.0.0"}' "$(cat $lay/oci-layout)"
# 3 layers, 3 configs, 3 manifests and the index
same "10 blobs" 10 "$(ls $lay/blobs/sha256 | wc -l)"
bad_blobs=$(cd $lay/blobs/sha256 && for b in *; do
	[ "$(sha256sum <"$b" | cut -c1-64)" = "$b" ] || echo "$b"; done)
same "every blob is named by its SHA-256" "" "$bad_blobs"

# the index and each platform, as the layout says (python reads the JSON)
plats=$(python3 - "$lay" "$tag" <<'PY'
import json, sys
lay, tag = sys.argv[1], sys.argv[2]
def blob(d): return json.load(open(lay + "/blobs/sha256/" + d[7:]))
top = json.load(open(lay + "/index.json"))
ref = "org.opencontainers.image.ref.name"
idx = [m for m in top["manifests"] if m["annotations"][ref] == tag][0]
assert idx["mediaType"] == "application/vnd.oci.image.index.v1+json", idx
for m in blob(idx["digest"])["manifests"]:
    p = m["platform"]
    man = blob(m["digest"])
    cfg = blob(man["config"]["digest"])
    assert cfg["architecture"] == p["architecture"] and cfg.get("variant") == p.get("variant"), cfg
    ptag = "-".join([tag, p["os"], p["architecture"]] + ([p["variant"]] if "variant" in p else []))
    assert [t for t in top["manifests"] if t["annotations"][ref] == ptag][0]["digest"] == m["digest"]
    print(p["architecture"], p.get("variant", "-"), ptag, man["layers"][0]["digest"])
PY
)
same "the index: amd64, arm64, arm v7, each tagged" "amd64 - 1.2.0-linux-amd64
arm64 - 1.2.0-linux-arm64
arm v7 1.2.0-linux-arm-v7" "$(printf '%s\n' "$plats" | cut -d' ' -f1-3)"

raw=$(skopeo inspect --raw "oci:$lay:$tag")
contains "skopeo --raw: an OCI image index" '"mediaType":"application/vnd.oci.image.index.v1+json"' "$raw"
contains "skopeo --raw: arm/v7 as architecture arm, variant v7" '"platform":{"architecture":"arm","os":"linux","variant":"v7"}' "$raw"
out=$(skopeo inspect "oci:$lay:$tag")
contains "skopeo inspect: the host's image" '"Architecture": "amd64"' "$out"
contains "skopeo inspect: the labels, templates expanded" '"org.opencontainers.image.version": "1.2.0"' "$out"
contains "skopeo inspect: created at SOURCE_DATE_EPOCH" '"Created": "2023-11-14T22:13:20Z"' "$out"
echo "$plats" | while read -r arch variant ptag layer; do
	v=
	[ "$variant" = - ] || v="--override-variant $variant"
	# shellcheck disable=SC2086
	out=$(skopeo inspect --override-os linux --override-arch "$arch" $v "oci:$lay:$tag" 2>&1)
	contains "skopeo inspect --override-arch $arch $v: its architecture" "\"Architecture\": \"$arch\"" "$out"
	contains "skopeo inspect --override-arch $arch $v: its layer" "\"$layer\"" "$out"
	echo "$passed $failed" >"$p/counts"
done
read -r passed failed <"$p/counts"

check "skopeo copy to a docker archive" skopeo copy "oci:$lay:$tag" "docker-archive:$p/docker.tar:imgapp:$tag"
contains "the docker archive holds a manifest.json" "manifest.json" "$(tar -tf "$p/docker.tar")"
members=$(tar -tvf $lay.tar)
contains "the OCI archive: index.json" " index.json" "$members"
contains "the OCI archive: oci-layout" " oci-layout" "$members"
contains "the OCI archive: owner 0/0, the epoch" "-rw-r--r-- 0/0" "$members"
# the archive's index.json tags the index alone: no tag needed to read it
contains "skopeo reads the OCI archive, no tag named" '"Architecture": "amd64"' "$(skopeo inspect "oci-archive:$lay.tar")"
same "the archive holds the layout's blobs" "$(ls $lay/blobs/sha256)" "$(tar -tf $lay.tar | sed -n 's|^blobs/sha256/\(.\)|\1|p')"
layer=$(ls -S $lay/blobs/sha256 | head -n 1)
lst=$(TZ=UTC tar -tzvf "$lay/blobs/sha256/$layer")
contains "layer: the binary, 0/0, 0755, the epoch" "-rwxr-xr-x 0/0 " "$lst"
contains "layer: the binary at /usr/local/bin" "2023-11-14 22:13 usr/local/bin/server" "$lst"
contains "layer: parent directories" "drwxr-xr-x 0/0               0 2023-11-14 22:13 usr/share/doc/imgapp/" "$lst"

# umoci: a rootfs per platform whose binary runs
if [ "$(id -u)" != 0 ]; then
	echo "not run here: umoci unpack keeps owners 0/0 only as root"
else
	echo "$plats" | while read -r arch variant ptag layer; do
		b=$p/bundle-$arch
		check "umoci unpack $ptag" umoci unpack --image "$lay:$ptag" "$b"
		r=$b/rootfs
		check "$arch: the CA bundle is the host's" cmp "$r/etc/ssl/certs/ca-certificates.crt" /etc/ssl/certs/ca-certificates.crt
		check "$arch: the LICENSE" cmp "$r/usr/share/doc/imgapp/LICENSE" LICENSE
		same "$arch: the binary is root's, with the epoch" "0:0 1700000000" "$(stat -c '%u:%g %Y' "$r/usr/local/bin/server")"
		case $arch in
		amd64) out=$(timeout -s KILL 60 chroot "$r" /usr/local/bin/server 2>&1)
		       contains "amd64 in a chroot of the rootfs: sees its CA bundle" "ca-certificates: yes" "$out"
		       contains "amd64 in a chroot of the rootfs: sees its LICENSE" "license: yes" "$out" ;;
		arm64) out=$(timeout -s KILL 60 qemu-aarch64 "$r/usr/local/bin/server" 2>&1) ;;
		arm) out=$(timeout -s KILL 60 qemu-arm "$r/usr/local/bin/server" 2>&1) ;;
		esac
		contains "$ptag: the unpacked binary runs" "imgapp server 1.2.0 linux/$arch" "$out"
		echo "$passed $failed" >"$p/counts"
	done
	read -r passed failed <"$p/counts"
fi

# podman, as root, from the OCI archive: where this machine lets it run
if ! command -v podman >/dev/null; then
	echo "not run here: podman is not installed"
elif [ "$(id -u)" != 0 ]; then
	echo "not run here: podman run is probed as root only"
else
	mkdir -p "$p/xdg"
	out=$(XDG_RUNTIME_DIR=$p/xdg timeout -s KILL 600 podman --root "$p/podman" \
		--runroot "$p/podman-run" --storage-driver vfs load -i "$p/$lay.tar" 2>&1)
	contains "podman load of the OCI archive" "Loaded image" "$out"
	# runc where installed: crun refuses hybrid cgroup v1/v2 hosts; limits
	# lowered, which needs no privilege (raising them needs CAP_SYS_RESOURCE)
	rt=
	command -v runc >/dev/null && rt="--runtime runc"
	# shellcheck disable=SC2086
	out=$(XDG_RUNTIME_DIR=$p/xdg timeout -s KILL 600 podman --root "$p/podman" \
		--runroot "$p/podman-run" --storage-driver vfs $rt run --rm --network none \
		--ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
		"oci-archive:$p/$lay.tar:$tag" 2>&1)
	rc=$?
	if [ $rc = 0 ]; then
		contains "podman run: the server" "imgapp server 1.2.0 linux/amd64" "$out"
		contains "podman run: the image's cmd" 'args: ["--serve"]' "$out"
		contains "podman run: its CA bundle" "ca-certificates: yes" "$out"
		contains "podman run: its LICENSE" "license: yes" "$out"
	else
		why=$(printf '%s\n' "$out" | grep '^Error' | tail -n 1)
		case $why in
		*setrlimit*"not permitted"*|*"rlimit"*"not permitted"*|*"cgroups in hybrid mode"*)
			echo "not run here: podman run ${rt:-(crun)}: $why" ;;
		*) bad "podman run failed: $(printf '%s\n' "$out" | tail -n 3)" ;;
		esac
	fi
	podman --root "$p/podman" --runroot "$p/podman-run" --storage-driver vfs rmi -a >/dev/null 2>&1
fi
contains "image again: nothing" "no work to do" "$(ninja image)"

# an image on a base: the layout just built, copied in as a base layout
mkdir -p based && cp -R $lay based/layout
cat >>goninja.lua <<'LUA'
image { name = "onbase", base = "based/layout", tag = "on", binaries = { "server" },
        files = { ["LICENSE"] = "/usr/share/doc/onbase/LICENSE" } }
LUA
check "goninja with a base" "$GONINJA"
check "ninja image with a base" ninja image
ob=out/image/onbase
# the base's 3 layers, its own 3 layers, 3 configs, 3 manifests, the index
same "onbase: the base's layers and its own blobs" 13 "$(ls $ob/blobs/sha256 | wc -l)"
echo "$plats" | while read -r arch variant ptag layer; do
	v=
	[ "$variant" = - ] || v="--override-variant $variant"
	# shellcheck disable=SC2086
	out=$(skopeo inspect --override-os linux --override-arch "$arch" $v "oci:$ob:on" 2>&1)
	contains "onbase $arch: the base's layer first" "\"Layers\": [
        \"$layer\"," "$out"
	contains "onbase $arch: the base's labels kept" '"org.opencontainers.image.version": "1.2.0"' "$out"
	echo "$passed $failed" >"$p/counts"
done
read -r passed failed <"$p/counts"
if [ "$(id -u)" = 0 ]; then
	check "umoci unpack onbase arm64" umoci unpack --image "$ob:on-linux-arm64" "$p/onbase"
	r=$p/onbase/rootfs
	check "onbase: the base's CA bundle" test -f "$r/etc/ssl/certs/ca-certificates.crt"
	check "onbase: its own LICENSE" cmp "$r/usr/share/doc/onbase/LICENSE" LICENSE
	contains "onbase: the binary runs" "imgapp server 1.2.0 linux/arm64" "$(timeout -s KILL 60 qemu-aarch64 "$r/usr/local/bin/server" 2>&1)"
fi
big=$(ls -S based/layout/blobs/sha256 | head -n 1)
mv based/layout/blobs/sha256/$big "$p/saved"
printf '{}' >based/layout/blobs/sha256/$big
touch based/layout/index.json
out=$(ninja image 2>&1)
[ $? != 0 ] && ok || bad "a base blob that does not match its digest: ninja image succeeded"
contains "a corrupt base blob is named" "blobs/sha256/$big: does not match its digest" "$out"
mv "$p/saved" based/layout/blobs/sha256/$big
touch based/layout/index.json
check "ninja image with the base restored" ninja image


# reproducible: another clean build elsewhere, the same bytes
q=$(project_copy image)
(cd "$q" && "$GONINJA" >/dev/null && ninja image >/dev/null) || bad "the second build failed"
check "a second clean build: the same index.json" cmp $lay/index.json "$q/$lay/index.json"
check "a second clean build: the same OCI archive" cmp $lay.tar "$q/$lay.tar"
same "a second clean build: the same blobs" "$(ls $lay/blobs/sha256)" "$(ls "$q/$lay/blobs/sha256")"

# a changed file: new digests, the old blobs pruned
old=$(cat $lay/index.json)
echo "changed" >>LICENSE
check "ninja image after a change" ninja image
[ "$old" != "$(cat $lay/index.json)" ] && ok || bad "a changed LICENSE kept the digests"
same "stale blobs pruned: still 10" 10 "$(ls $lay/blobs/sha256 | wc -l)"
check "skopeo still reads the layout" skopeo inspect "oci:$lay:$tag"

# release includes the image
rm -rf out
check "ninja release" ninja release
check "release wrote the OCI archive" test -f $lay.tar

cd / && rm -rf "$p" "$q"
summary
