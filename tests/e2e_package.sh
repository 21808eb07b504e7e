#!/bin/sh
# End to end on examples/release: ninja package makes a .deb and an .rpm
# for linux amd64, arm64 and arm/v7, checked by the real tools: dpkg-deb
# --info/--contents, dpkg --root into a scratch root, the installed binary
# run (arm under qemu-user), lintian without errors, rpm -qip/-qlp and
# rpm --root -i --nodeps; two clean builds from different paths give the
# same bytes, and a pre-release version maps to ~. The Homebrew formula
# passes ruby -c and, evaluated, names each archive with its SHA-256; the
# Scoop manifest parses as JSON with the zip's.
. "$(dirname "$0")/lib.sh"

[ -n "${GOROOT_BIN:-}" ] && PATH=$GOROOT_BIN:$PATH
export SOURCE_DATE_EPOCH=1700000000
p=$(project_copy release)
cd "$p" || exit 1

check "goninja" "$GONINJA"
check "ninja package" ninja package
contains "no commit time and no SOURCE_DATE_EPOCH: a warning" "dated 1970" \
	"$(cd "$p" && env -u SOURCE_DATE_EPOCH "$GONINJA" -o /dev/null 2>&1)"
contains "package again: nothing" "no work to do" "$(ninja package)"
cd out/release || exit 1
same "3 .deb and 3 .rpm" "relapp-1.0.0-1.aarch64.rpm
relapp-1.0.0-1.armv7hl.rpm
relapp-1.0.0-1.x86_64.rpm
relapp_1.0.0_amd64.deb
relapp_1.0.0_arm64.deb
relapp_1.0.0_armhf.deb" "$(ls ./*.deb ./*.rpm | sed 's|^\./||' | LC_ALL=C sort)"

# how each architecture's installed app is run here, and what it prints
runner() {
	case $1 in
	amd64|x86_64) echo "" ;;
	arm64|aarch64) echo "qemu-aarch64" ;;
	armhf|armv7hl) echo "qemu-arm" ;;
	esac
}
goarch() {
	case $1 in amd64) echo amd64 ;; arm64) echo arm64 ;; armhf) echo arm ;; esac
}

for arch in amd64 arm64 armhf; do
	deb=relapp_1.0.0_$arch.deb
	info=$(dpkg-deb --info "$deb")
	contains "$arch: dpkg-deb --info: Package" "Package: relapp" "$info"
	contains "$arch: Version" "Version: 1.0.0" "$info"
	contains "$arch: Architecture" "Architecture: $arch" "$info"
	contains "$arch: Maintainer" "Maintainer: goninja authors <maintainers@example.org>" "$info"
	contains "$arch: the long description" " runs, tool is a second binary." "$info"
	contains "$arch: conffiles" "conffiles" "$info"
	contents=$(TZ=UTC dpkg-deb --contents "$deb")
	contains "$arch: the binary, root-owned, at the epoch" "-rwxr-xr-x root/root" "$contents"
	contains "$arch: /usr/bin/app" "2023-11-14 22:13 ./usr/bin/app" "$contents"
	contains "$arch: the copyright file" "./usr/share/doc/relapp/copyright" "$contents"
	contains "$arch: the changelog" "./usr/share/doc/relapp/changelog.gz" "$contents"
	same "$arch: entries sorted" "$(echo "$contents" | awk '{print $6}')" \
		"$(echo "$contents" | awk '{print $6}' | LC_ALL=C sort)"
	lint=$(lintian -I --show-overrides "$deb" 2>&1)
	same "$arch: lintian: no errors" "" "$(echo "$lint" | grep '^E:')"
	contains "$arch: lintian: the static binary's override is used" \
		"O: relapp: statically-linked-binary [usr/bin/app]" "$lint"
	same "$arch: lintian: no unused or mismatched override" "" \
		"$(echo "$lint" | grep -e unused-override -e mismatched-override)"

	# installed into a scratch root, scripts run outside a chroot
	r=$(mktemp -d)
	mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates"
	: >"$r/var/lib/dpkg/status"
	check "$arch: dpkg --root installs it" dpkg --root="$r" --force-architecture \
		--force-script-chrootless --force-not-root -i "$deb"
	check "$arch: the conffile is installed" test -f "$r/etc/relapp.conf"
	same "$arch: dpkg --verify: the md5sums hold" "" "$(dpkg --root="$r" --verify relapp 2>&1)"
	contains "$arch: dpkg knows the conffile" "/etc/relapp.conf" "$(dpkg --root="$r" -s relapp)"
	out=$(timeout -s KILL 60 $(runner $arch) "$r/usr/bin/app")
	contains "$arch: the installed app runs" "app 1.0.0 (unknown, 2023-11-14T22:13:20Z) on linux/$(goarch $arch)" "$out"
	printf x >>"$r/usr/bin/tool"
	contains "$arch: dpkg --verify: a changed file is found" "??5??????   /usr/bin/tool" \
		"$(dpkg --root="$r" --verify relapp 2>&1)"
	rm -rf "$r"
done

for arch in x86_64 aarch64 armv7hl; do
	rpm=relapp-1.0.0-1.$arch.rpm
	info=$(rpm -qip "$rpm" 2>&1)
	contains "$arch: rpm -qip: Name" "Name        : relapp" "$info"
	contains "$arch: Architecture" "Architecture: $arch" "$info"
	contains "$arch: License" "License     : MIT" "$info"
	contains "$arch: Build Host" "Build Host  : reproducible" "$info"
	list=$(rpm -qlp "$rpm" 2>&1)
	contains "$arch: rpm -qlp: app" "/usr/bin/app" "$list"
	contains "$arch: rpm -qlp: copyright" "/usr/share/doc/relapp/copyright" "$list"
	contains "$arch: rpm -qcp: the config file" "/etc/relapp.conf" "$(rpm -qcp "$rpm" 2>&1)"
	contains "$arch: the postinst is %post" "postinstall scriptlet" "$(rpm -qp --scripts "$rpm" 2>&1)"
	contains "$arch: the %changelog entry" "- Release 1.0.0." "$(rpm -qp --changelog "$rpm" 2>&1)"
	r=$(mktemp -d)
	if err=$(rpm --root "$r" -i --nodeps --ignorearch "$rpm" 2>&1) && [ -f "$r/usr/bin/app" ]; then
		ok
		out=$(timeout -s KILL 60 $(runner $arch) "$r/usr/bin/app")
		contains "$arch: the rpm-installed app runs" "app 1.0.0 (unknown" "$out"
	else
		echo "not run here: rpm --root -i: $err"
	fi
	rm -rf "$r"
done

# install manifests: a Homebrew formula and a Scoop manifest over the
# release archives, with their real SHA-256 sums
cd "$p" || exit 1
check "ninja release" ninja release
f=out/release/homebrew/Formula/relapp.rb
s=out/release/scoop/relapp.json
contains "ruby -c: the formula is valid Ruby" "Syntax OK" "$(ruby -c "$f" 2>&1)"
# the formula evaluated with a stand-in for Homebrew's DSL: url and sha256
# per platform block, against SHA256SUMS
got=$(ruby -e '
module Hardware; module CPU; def self.is_64_bit?; $bits == 64; end
  def self.is_32_bit?; $bits == 32; end; end; end
class Formula
  def self.method_missing(*a) end
  def self.test; end
  def self.on_macos; $os = "darwin"; yield; end
  def self.on_linux; $os = "linux"; yield; end
  def self.on_intel; $cpu = "intel"; yield; end
  def self.on_arm; $cpu = "arm"; yield; end
  def self.url(u) $url = u end
  def self.sha256(h) puts "#{$os}/#{$cpu}/#{$bits} #{h} #{File.basename($url)}" end
end
[64, 32].each { |b| $bits = b; load ARGV[0] }' "$f" | sort -u)
sums=out/release/SHA256SUMS
sha() { grep " $1\$" "$sums" | cut -c1-64; }
contains "formula: darwin amd64" "darwin/intel/64 $(sha relapp_1.0.0_darwin_amd64.tar.gz) relapp_1.0.0_darwin_amd64.tar.gz" "$got"
contains "formula: darwin arm64" "darwin/arm/64 $(sha relapp_1.0.0_darwin_arm64.tar.gz) relapp_1.0.0_darwin_arm64.tar.gz" "$got"
contains "formula: linux amd64" "linux/intel/64 $(sha relapp_1.0.0_linux_amd64.tar.gz) relapp_1.0.0_linux_amd64.tar.gz" "$got"
contains "formula: linux arm64" "linux/arm/64 $(sha relapp_1.0.0_linux_arm64.tar.gz) relapp_1.0.0_linux_arm64.tar.gz" "$got"
contains "formula: linux arm/v7 on 32-bit arm" "linux/arm/32 $(sha relapp_1.0.0_linux_arm_v7.tar.gz) relapp_1.0.0_linux_arm_v7.tar.gz" "$got"
contains "formula: the URL template" 'url "https://example.org/relapp/releases/download/v1.0.0/relapp_1.0.0_linux_arm64.tar.gz"' "$(cat "$f")"
contains "formula: installs both binaries" 'bin.install "tool"' "$(cat "$f")"
check "scoop: the manifest parses as JSON, with the zip's sum" python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
a = m["architecture"]["64bit"]
assert list(m["architecture"]) == ["64bit"], m
assert a["url"] == "https://example.org/relapp/releases/download/v1.0.0/relapp_1.0.0_windows_amd64.zip", a
assert a["hash"] == sys.argv[2], (a, sys.argv[2])
assert m["bin"] == ["app.exe", "tool.exe"] and m["version"] == "1.0.0" and m["license"] == "MIT"
' "$s" "$(sha relapp_1.0.0_windows_amd64.zip)"
contains "scoop: its edge reads the windows archive" "relapp_1.0.0_windows_amd64.zip" "$(ninja -t query "$s")"
contains "release again: nothing" "no work to do" "$(ninja release)"

# reproducible: another clean build from a longer path, same bytes
q=$(mktemp -d "${TMPDIR:-/tmp}/goninja-another-checkout-path.XXXXXX")
cp -R "$TOP/examples/release/." "$q/"
(cd "$q" && "$GONINJA" && ninja release) >/dev/null 2>&1
for f in out/release/*.deb out/release/*.rpm $f $s; do
	check "byte-identical from another path: $(basename "$f")" cmp "$f" "$q/$f"
done

# a pre-release version sorts before the release in both formats
(cd "$q" && "$GONINJA" -D version=1.2.3-rc1 && ninja package) >/dev/null 2>&1
check "deb: 1.2.3-rc1 is 1.2.3~rc1" test -f "$q/out/release/relapp_1.2.3~rc1_amd64.deb"
check "rpm: 1.2.3-rc1 is 1.2.3~rc1" test -f "$q/out/release/relapp-1.2.3~rc1-1.x86_64.rpm"
check "dpkg: 1.2.3~rc1 < 1.2.3" dpkg --compare-versions 1.2.3~rc1 lt 1.2.3
same "rpm: 1.2.3~rc1 < 1.2.3" -1 "$(rpm --eval '%{lua: print(rpm.vercmp("1.2.3~rc1", "1.2.3"))}')"
rm -rf "$q"

# goninja package itself: an epoch, a v prefix, rpm's Release; a
# platform a format has no architecture for is refused, with why
cd "$p" || exit 1
set -- --name=relapp --version=v1.2.3-rc.1 --pkg-epoch=2 --platform=linux/arm64 \
	'--maintainer=M <m@example.org>' --description=x out/linux_arm64/app=/usr/bin/app
check "package: a .deb with an epoch" "$GONINJA" package --format=deb --out=e.deb "$@"
same "dpkg-deb: epoch:version, ~ for the pre-release" "2:1.2.3~rc.1" "$(dpkg-deb -f e.deb Version)"
check "package: an .rpm with an epoch and Release 3" "$GONINJA" package --format=rpm --out=e.rpm --release=3 "$@"
same "rpm: epoch, version, release, arch" "2:1.2.3~rc.1-3.aarch64" \
	"$(rpm -qp --qf '%{EPOCH}:%{VERSION}-%{RELEASE}.%{ARCH}' e.rpm 2>/dev/null)"
out=$("$GONINJA" package --format=deb --out=v6.deb --name=relapp --version=1.0 \
	--platform=linux/arm/v6 --maintainer=M --description=x out/linux_arm64/app=/usr/bin/app 2>&1); rc=$?
same "arm/v6 .deb: refused" 1 "$rc"
contains "arm/v6 .deb: why" "Debian has no ARMv6 architecture" "$out"
check "arm/v6 .deb: nothing written" test ! -e v6.deb

cd / && rm -rf "$p"
summary
