#!/bin/sh
# End to end on examples/release: ninja release makes per-platform archives
# (tar.gz, zip for windows), a universal macOS binary and SHA256SUMS that
# sha256sum -c accepts; two clean builds from different paths are
# byte-identical; the CI workflow's steps (one job per platform, then
# checksums over the collected archives) give the same SHA256SUMS.
. "$(dirname "$0")/lib.sh"

[ -n "${GOROOT_BIN:-}" ] && PATH=$GOROOT_BIN:$PATH
gover=$(go env GOVERSION)
echo "e2e_release: $gover"
export SOURCE_DATE_EPOCH=1700000000
p=$(project_copy release)
cd "$p" || exit 1

check "$gover: goninja" "$GONINJA"
check "$gover: ninja release" ninja release
cd out/release || exit 1
same "7 archives, SHA256SUMS, the provenance, 3 .deb, 3 .rpm, homebrew/, scoop/" 17 "$(ls | wc -l)"
check "sha256sum -c accepts SHA256SUMS" sha256sum -c SHA256SUMS
same "SHA256SUMS lists the archives sorted" "$(ls | grep -v -e SHA256SUMS -e provenance -e '\.deb$' -e '\.rpm$' -e homebrew -e scoop)" "$(cut -c67- SHA256SUMS)"
lst=$(TZ=UTC tar -tzvf relapp_1.0.0_linux_arm_v7.tar.gz)
contains "tar: app, 0/0, the epoch" "-rwxr-xr-x 0/0" "$lst"
contains "tar: the SOURCE_DATE_EPOCH time" "2023-11-14 22:13 app" "$lst"
contains "tar: README" "README.md" "$lst"
contains "tar: LICENSE" "LICENSE" "$lst"
check "windows: a zip" python3 -c 'import zipfile; z = zipfile.ZipFile("relapp_1.0.0_windows_amd64.zip"); assert sorted(z.namelist()) == ["LICENSE", "README.md", "app.exe", "app.exe.cdx.json", "app.exe.spdx.json", "tool.exe", "tool.exe.cdx.json", "tool.exe.spdx.json"]; assert z.testzip() is None'
mkdir x && tar -xzf relapp_1.0.0_linux_arm64.tar.gz -C x
contains "the archived arm64 app runs under qemu" "app 1.0.0 (unknown, 2023-11-14T22:13:20Z) on linux/arm64" "$(qemu-aarch64 x/app)"
check "the archived binary is the built one" cmp x/app ../linux_arm64/app
rm -rf x
cd ../.. || exit 1

# the universal binary: both slices, checked
out=$("$GONINJA" check out/darwin_all/app)
contains "universal: fat with amd64" "Mach-O fat (2 slices): Mach-O 64-bit amd64 darwin" "$out"
contains "universal: and arm64" "Mach-O 64-bit arm64 darwin" "$out"
contains "file agrees" "Mach-O universal binary with 2 architectures" "$(file -b out/darwin_all/app)"
check "the universal binary was verified" test -f out/.verify/darwin_all/app
contains "release again: nothing" "no work to do" "$(ninja release)"

# reproducible: another clean build from a longer path, same bytes
q=$(mktemp -d "${TMPDIR:-/tmp}/goninja-another-checkout-path.XXXXXX")
cp -R "$TOP/examples/release/." "$q/"
(cd "$q" && "$GONINJA" && ninja release) >/dev/null 2>&1
for f in $(find out/release -type f | LC_ALL=C sort); do
	check "byte-identical from another path: $(basename "$f")" cmp "$f" "$q/$f"
done
# the release's multi-arch image: linux amd64, arm64 and arm/v7, the same
# digests from the other path (tests/e2e_image.sh checks images in depth)
check "release wrote the image archive" cmp out/image/relapp.tar "$q/out/image/relapp.tar"
check "the same image index from another path" cmp out/image/relapp/index.json "$q/out/image/relapp/index.json"
same "the image index: amd64, arm64, arm/v7" "amd64 - arm64 - arm v7" "$(python3 -c '
import json
top = json.load(open("out/image/relapp/index.json"))
idx = json.load(open("out/image/relapp/blobs/sha256/" + top["manifests"][0]["digest"][7:]))
print(" ".join(m["platform"]["architecture"] + " " + m["platform"].get("variant", "-") for m in idx["manifests"]))')"
rm -rf "$q"

agrees out/*/app out/*/tool out/*/*.exe

# goninja report: the matrix at a glance, and out/artifacts.json
out=$("$GONINJA" report); rc=$?
same "report: all there" 0 "$rc"
contains "report: a static verified linux binary" "linux/arm/v7" "$out"
contains "report: the windows imports" "kernel32.dll" "$out"
contains "report: the summary" "12 outputs, 0 missing; out/artifacts.json written" "$out"
check "artifacts.json: 12 verified binaries" python3 -c '
import json; a = json.load(open("out/artifacts.json"))
assert len(a) == 12 and all(x["verified"] and x["type"] == "Binary" and x["size"] > 0 for x in a)
assert {x["link"] for x in a if x["goos"] == "linux"} == {"static"}'
mv out/linux_arm64/tool tool.saved
out=$("$GONINJA" report); rc=$?
same "report: a missing output fails" 1 "$rc"
contains "report: and says so" "12 outputs, 1 missing" "$out"
mv tool.saved out/linux_arm64/tool

# the workflow: matrix -> build (one job per matrix entry) -> release
check "the workflow is valid YAML with its three jobs" python3 -c '
import yaml
w = yaml.safe_load(open(".github/workflows/release.yml"))
j = w["jobs"]
assert list(j) == ["matrix", "build", "release"]
assert j["build"]["needs"] == "matrix" and j["release"]["needs"] == "build"
steps = " ".join(s.get("run", "") for s in j["matrix"]["steps"])
assert "goninja matrix --json" in steps
run = " ".join(s.get("run", "") for s in j["build"]["steps"])
assert "ninja ${{ matrix.target }} ${{ matrix.archive }}" in run
assert "sha256sum $(ls) > SHA256SUMS" in j["release"]["steps"][1]["run"]'

# the workflow's steps: one job per platform (its target and archive) in
# its own checkout, then SHA256SUMS over what the jobs uploaded
collect=$(mktemp -d)
"$GONINJA" matrix --json >jobs.json
python3 -c '
import json
for j in json.load(open("jobs.json"))["include"]:
    print(j["name"], j["target"], j.get("archive", ""))' >jobs.txt
same "jobs: 6 platforms and darwin_all" 7 "$(wc -l <jobs.txt)"
while read -r name target archive; do
	w=$(mktemp -d)
	cp -R "$TOP/examples/release/." "$w/"
	(cd "$w" && "$GONINJA" && ninja $target $archive) >/dev/null 2>&1
	check "job $name built its archive" cp "$w/$archive" "$collect/"
	rm -rf "$w"
done <jobs.txt
(cd "$collect" && sha256sum $(ls) >SHA256SUMS)
check "the jobs' SHA256SUMS equals ninja release's" cmp "$collect/SHA256SUMS" out/release/SHA256SUMS
rm -rf "$collect"

cd / && rm -rf "$p"
summary
