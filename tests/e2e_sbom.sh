#!/bin/sh
# End to end on tests/sbom/project: a matrix where github.com/google/uuid
# (Debian's golang-github-google-uuid-dev, through replace) is imported on
# windows only, and example.com/greet comes from a file GOPROXY with a real
# go.sum hash. ninja sbom and ninja release write SPDX 2.3 and CycloneDX 1.5
# documents per (binary, platform); the CycloneDX project's validator and
# a field-by-field SPDX 2.3 check accept them; two clean builds from
# different paths give the same bytes.
. "$(dirname "$0")/lib.sh"

[ -n "${GOROOT_BIN:-}" ] && PATH=$GOROOT_BIN:$PATH
gover=$(go env GOVERSION)
echo "e2e_sbom: $gover"
export SOURCE_DATE_EPOCH=1700000000
node_dir=/usr/local/lib/goninja-test-node/node_modules
tmp=$(mktemp -d "${TMPDIR:-/tmp}/goninja-sbom.XXXXXX")

# example.com/greet v1.0.0 served from a directory, as a module proxy does
python3 - "$tmp/proxy" "$TOP/tests/sbom/greet" <<'PY'
import os, sys, zipfile
d, src = sys.argv[1] + "/example.com/greet/@v", sys.argv[2]
os.makedirs(d)
open(d + "/list", "w").write("v1.0.0\n")
open(d + "/v1.0.0.info", "w").write('{"Version":"v1.0.0","Time":"2023-01-01T00:00:00Z"}\n')
open(d + "/v1.0.0.mod", "w").write(open(src + "/go.mod").read())
with zipfile.ZipFile(d + "/v1.0.0.zip", "w") as z:
    for f in sorted(os.listdir(src)):
        z.write(src + "/" + f, "example.com/greet@v1.0.0/" + f)
PY
export GOPROXY="file://$tmp/proxy" GOSUMDB=off GOMODCACHE="$tmp/modcache"
export GOFLAGS="-mod=mod -modcacherw"

# the same commit in every checkout: fixed author, committer and dates
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export GIT_AUTHOR_DATE="@1700000000 +0000" GIT_COMMITTER_DATE="@1700000000 +0000"

# signing keys, made now: minisign and signify without a password, gpg
# in a GNUPGHOME of its own
keys=$tmp/keys
mkdir -p "$keys" && chmod 700 "$keys"
minisign -G -W -p "$keys/m.pub" -s "$keys/m.key" >/dev/null 2>&1 || bad "minisign -G"
signify-openbsd -G -n -p "$keys/s.pub" -s "$keys/s.sec" || bad "signify-openbsd -G"
export GNUPGHOME=$keys/gnupg
mkdir -m 700 "$GNUPGHOME"
gpg --batch --passphrase '' --quick-gen-key "goninja test <sign@example.invalid>" \
	ed25519 sign never >/dev/null 2>&1 || bad "gpg --quick-gen-key"
export GONINJA_MINISIGN_KEY=$keys/m.key
signing="-D sign=yes -D signify_key=$keys/s.sec -D gpg_key=sign@example.invalid"

# build PATH [DEFINES...]: the project, committed, generated and released there
build() {
	d=$1; shift
	mkdir -p "$d" && cp -R "$TOP/tests/sbom/project/." "$d/" &&
	(cd "$d" && git init -q && git add . && git commit -q -m test &&
	 "$GONINJA" "$@" && ninja release) >"$d.log" 2>&1
}

p=$tmp/a
# shellcheck disable=SC2086
if ! build "$p" $signing; then bad "$gover: ninja release"; tail -20 "$p.log" >&2; fi
cd "$p" || exit 1
for t in linux_amd64/app linux_arm64/app windows_amd64/app.exe windows_arm64/app.exe; do
	check "$t: SPDX beside the binary" test -s "out/$t.spdx.json"
	check "$t: CycloneDX beside the binary" test -s "out/$t.cdx.json"
done

# what each document lists: uuid on windows only, greet everywhere with
# the h1: hash go.sum holds, the build settings of the cell
h1=$(awk '$1 == "example.com/greet" && $2 == "v1.0.0" { print $3 }' go.sum)
for t in linux_amd64/app linux_arm64/app windows_amd64/app.exe windows_arm64/app.exe; do
	case $t in windows*) want=yes ;; *) want=no ;; esac
	got=no; grep -q '"name": "github.com/google/uuid"' "out/$t.cdx.json" && got=yes
	same "$t: CycloneDX lists uuid" "$want" "$got"
	got=no; grep -q '"name": "github.com/google/uuid"' "out/$t.spdx.json" && got=yes
	same "$t: SPDX lists uuid" "$want" "$got"
	contains "$t: greet's go.sum hash" "\"goninja:go.sum\", \"value\": \"$h1\"" "$(cat "out/$t.cdx.json")"
	contains "$t: greet's go.sum hash in SPDX" "\"comment\": \"go.sum $h1\"" "$(cat "out/$t.spdx.json")"
	os=${t%%_*}; arch=${t#*_}; arch=${arch%%/*}
	check "$t: the settings and the binary's digest" python3 - "out/$t" "$os" "$arch" "$gover" <<'PY'
import hashlib, json, sys
f, goos, goarch, gover = sys.argv[1:]
c = json.load(open(f + ".cdx.json"))
props = {p["name"]: p["value"] for p in c["metadata"]["component"]["properties"]}
assert props["goninja:build:GOOS"] == goos and props["goninja:build:GOARCH"] == goarch, props
assert props["goninja:build:CGO_ENABLED"] == "0" and props["goninja:go"] == gover, props
assert "-s -w -buildid=" in props["goninja:build:-ldflags"], props
assert props["goninja:build:-trimpath"] == "true", props
assert goarch != "amd64" or props["goninja:build:GOAMD64"] == "v1", props
digest = hashlib.sha256(open(f, "rb").read()).hexdigest()
assert c["metadata"]["component"]["hashes"] == [{"alg": "SHA-256", "content": digest}]
s = json.load(open(f + ".spdx.json"))
assert s["packages"][0]["checksums"][0]["checksumValue"] == digest
assert s["creationInfo"]["created"] == "2023-11-14T22:13:20Z"
PY
done
contains "windows: uuid reported as replaced" \
	'"goninja:replaced-by", "value": "/usr/share/gocode/src/github.com/google/uuid"' \
	"$(cat out/windows_amd64/app.exe.cdx.json)"
contains "windows: uuid replaced, in SPDX" \
	'"sourceInfo": "replaced by /usr/share/gocode/src/github.com/google/uuid"' \
	"$(cat out/windows_amd64/app.exe.spdx.json)"

# the validators
if [ -d "$node_dir/@cyclonedx/cyclonedx-library" ]; then
	for f in out/*/*.cdx.json out/release/*.cdx.json; do
		out=$(NODE_PATH=$node_dir node "$TOP/tests/cdx-validate.js" "$f" 2>&1)
		same "CycloneDX validator: $f" "$f: valid" "$out"
	done
	sed 's/"type": "library"/"type": "libary"/' out/windows_amd64/app.exe.cdx.json >bad.cdx.json
	check "CycloneDX validator: a bad type is refused" sh -c \
		"! NODE_PATH=$node_dir node '$TOP/tests/cdx-validate.js' bad.cdx.json"
else
	echo "not run here: the CycloneDX validator (run scripts/install-deps)"
fi
for f in out/*/*.spdx.json out/release/*.spdx.json; do
	same "SPDX 2.3 fields: $f" "$f: valid" "$(python3 "$TOP/tests/spdx_check.py" "$f" 2>&1)"
done

# the release: SBOMs beside the archives, in SHA256SUMS
cd out/release || exit 1
check "sha256sum -c accepts SHA256SUMS" sha256sum -c SHA256SUMS
same "SHA256SUMS: 4 archives and 8 SBOMs" 12 "$(wc -l <SHA256SUMS)"
check "the windows SBOM beside its archive" cmp supply_1.2.3_windows_amd64.app.exe.cdx.json ../windows_amd64/app.exe.cdx.json
cd "$p" || exit 1

# provenance: every other release file a subject with its digest, each
# cell's env and command as goninja explain prints them, without the -p
# that only schedules (it depends on the machine's cores), the rule
# file's digest, the commit
explain=$("$GONINJA" explain app@windows/arm64 | sed -n '/^command:/{n;s/^  //;s/ build -p [0-9]* / build /;p}')
check "provenance: an in-toto SLSA v1 statement over the release" python3 - \
	out/release "$(git rev-parse HEAD)" "$(sha256sum goninja.lua | cut -c1-64)" "$explain" <<'PY'
import hashlib, json, os, sys
d, commit, rules, explain = sys.argv[1:]
s = json.load(open(d + "/provenance.intoto.json"))
assert s["_type"] == "https://in-toto.io/Statement/v1"
assert s["predicateType"] == "https://slsa.dev/provenance/v1"
names = sorted(f for f in os.listdir(d) if f != "provenance.intoto.json"
               and not f.endswith((".minisig", ".sig", ".asc")))
assert [x["name"] for x in s["subject"]] == names, (names, s["subject"])
for x in s["subject"]:
    assert x["digest"]["sha256"] == hashlib.sha256(open(d + "/" + x["name"], "rb").read()).hexdigest()
bd = s["predicate"]["buildDefinition"]
assert bd["resolvedDependencies"][0] == {"name": "source", "digest": {"gitCommit": commit}}
assert bd["resolvedDependencies"][1] == {"name": "goninja.lua", "digest": {"sha256": rules}}
cells = bd["internalParameters"]["cells"]
assert [c["platform"] for c in cells] == ["linux/amd64", "linux/arm64", "windows/amd64", "windows/arm64"]
w = cells[3]
assert w["command"] == explain, (w["command"], explain)
assert "GOOS=windows" in w["env"] and "CGO_ENABLED=0" in w["env"], w
assert s["predicate"]["runDetails"]["builder"]["id"]
PY
# the signatures, checked by the tools that made them; a tampered file fails
cd out/release || exit 1
check "minisign -V accepts SHA256SUMS.minisig" minisign -V -q -p "$keys/m.pub" -m SHA256SUMS
check "minisign -V accepts the archive's signature (files = all)" \
	minisign -V -q -p "$keys/m.pub" -m supply_1.2.3_windows_amd64.zip
check "minisign -V accepts the provenance's signature" \
	minisign -V -q -p "$keys/m.pub" -m provenance.intoto.json
contains "minisign: the release time, not the signing time" "timestamp:1700000000	file:SHA256SUMS	hashed" \
	"$(cat SHA256SUMS.minisig)"
check "signify-openbsd -V accepts SHA256SUMS.sig" \
	signify-openbsd -V -q -p "$keys/s.pub" -m SHA256SUMS -x SHA256SUMS.sig
check "gpg --verify accepts SHA256SUMS.asc" gpg --batch --verify SHA256SUMS.asc SHA256SUMS
same "signed: SHA256SUMS by three tools, every file by minisign" \
	"$(ls | grep -v -e '\.minisig$' -e '\.sig$' -e '\.asc$' | sed 's/$/.minisig/' | sort)" \
	"$(ls | grep '\.minisig$' | sort)"
t=$tmp/tampered && mkdir -p "$t"
cp supply_1.2.3_windows_amd64.zip supply_1.2.3_windows_amd64.zip.minisig SHA256SUMS \
	SHA256SUMS.minisig SHA256SUMS.sig SHA256SUMS.asc "$t/"
printf 'x' >>"$t/supply_1.2.3_windows_amd64.zip"
sed -i '1s/^./0/' "$t/SHA256SUMS"
check "minisign -V refuses a tampered archive" sh -c \
	"! minisign -V -q -p '$keys/m.pub' -m '$t/supply_1.2.3_windows_amd64.zip'"
check "minisign -V refuses a tampered SHA256SUMS" sh -c "! minisign -V -q -p '$keys/m.pub' -m '$t/SHA256SUMS'"
check "signify-openbsd -V refuses a tampered SHA256SUMS" sh -c \
	"! signify-openbsd -V -q -p '$keys/s.pub' -m '$t/SHA256SUMS' -x '$t/SHA256SUMS.sig'"
check "gpg --verify refuses a tampered SHA256SUMS" sh -c "! gpg --batch --verify '$t/SHA256SUMS.asc' '$t/SHA256SUMS'"
cd "$p" || exit 1

# keys with a password: read from $GONINJA_<TOOL>_PASSWORD, never asked for
echo data >"$tmp/data"
printf 'pw\npw\n' | minisign -G -p "$keys/pw.pub" -s "$keys/pw.key" >/dev/null 2>&1
check "minisign: a password-protected key signs with GONINJA_MINISIGN_PASSWORD" env \
	GONINJA_MINISIGN_PASSWORD=pw "$GONINJA" sign --with=minisign --key="$keys/pw.key" \
	--out="$tmp/data.minisig" "$tmp/data"
check "and minisign -V accepts it" minisign -V -q -p "$keys/pw.pub" -m "$tmp/data"
check "a wrong password fails, and leaves no signature" sh -c "! GONINJA_MINISIGN_PASSWORD=no \
	'$GONINJA' sign --with=minisign --key='$keys/pw.key' --out='$tmp/no.minisig' '$tmp/data' &&
	! test -e '$tmp/no.minisig' && ! test -e '$tmp/no.minisig.tmp'"
gpg --batch --passphrase gpw --quick-gen-key "goninja pw <pw@example.invalid>" ed25519 sign never \
	>/dev/null 2>&1 || bad "gpg --quick-gen-key with a passphrase"
gpgconf --reload gpg-agent    # forget the passphrase generation cached
check "gpg: a passphrase-protected key signs with GONINJA_GPG_PASSWORD" env \
	GONINJA_GPG_PASSWORD=gpw "$GONINJA" sign --with=gpg --key=pw@example.invalid \
	--out="$tmp/data.asc" "$tmp/data"
check "and gpg --verify accepts it" gpg --batch --verify "$tmp/data.asc" "$tmp/data"

# no key: generation is fine, the signing edge fails and says why
rm out/release/SHA256SUMS.minisig
out=$(GONINJA_MINISIGN_KEY= ninja release 2>&1); rc=$?
same "no minisign key: ninja release fails" 1 "$rc"
contains "no minisign key: the message" "goninja: sign: no key for minisign: give sign { key = ... } (the secret key file) or set GONINJA_MINISIGN_KEY" "$out"
check "and build.ninja names no key" sh -c "! grep -q -e m.key -e 'PRIVATE KEY' build.ninja"
check "with the key again, the signature is made" ninja release

contains "sbom again: nothing" "no work to do" "$(ninja sbom)"

# a cross-check that fails: the linux binary against go list for windows
out=$(GOOS=windows "$GONINJA" sbom --name app --platform linux/amd64 out/linux_amd64/app -- go ./cmd/app 2>&1)
contains "a binary and go list that disagree: an error" \
	"go list -deps names module github.com/google/uuid@v1.3.0 => /usr/share/gocode/src/github.com/google/uuid@, which the binary's build info does not hold" "$out"

# reproducible: another clean build from a longer path, same bytes; gpg's
# signatures hold the time they were made, so they differ
q=$tmp/another-checkout-path/b
# shellcheck disable=SC2086
build "$q" $signing || bad "second build"
for f in out/*/*.json out/release/*; do
	case $f in *.asc) continue ;; esac
	check "byte-identical from another path: $f" cmp "$f" "$q/$f"
done
check "gpg: the other build's signature verifies too" gpg --batch --verify "$q/out/release/SHA256SUMS.asc" out/release/SHA256SUMS

# sbom = "archive": the documents go inside the archives instead
r=$tmp/c
build "$r" -D sbom=archive || bad "release with sbom = archive"
same "archive: no SBOM beside" "" "$(ls "$r/out/release" | grep -e spdx -e cdx)"
contains "archive: the SBOMs inside" "app.exe.spdx.json" \
	"$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).namelist())' "$r/out/release/supply_1.2.3_windows_amd64.zip")"

gpgconf --kill gpg-agent
cd / && rm -rf "$tmp"
summary
