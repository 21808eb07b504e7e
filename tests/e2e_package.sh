#!/bin/sh
# End to end on examples/release: ninja package makes a .deb and an .rpm
# for linux amd64, arm64 and arm/v7, checked by the real tools: dpkg-deb
# --info/--contents, dpkg --root into a scratch root, the installed binary
# run (arm under qemu-user), lintian without errors, rpm -qip/-qlp and
# rpm --root -i --nodeps; two clean builds from different paths give the
# same bytes, and a pre-release version maps to ~.
. "$(dirname "$0")/lib.sh"

[ -n "${GOROOT_BIN:-}" ] && PATH=$GOROOT_BIN:$PATH
export SOURCE_DATE_EPOCH=1700000000
p=$(project_copy release)
cd "$p" || exit 1

check "goninja" "$GONINJA"
check "ninja package" ninja package
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
	lint=$(lintian "$deb" 2>&1)
	same "$arch: lintian: no errors" "" "$(echo "$lint" | grep '^E:')"

	# installed into a scratch root, scripts run outside a chroot
	r=$(mktemp -d)
	mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates"
	: >"$r/var/lib/dpkg/status"
	check "$arch: dpkg --root installs it" dpkg --root="$r" --force-architecture \
		--force-script-chrootless --force-not-root -i "$deb"
	check "$arch: the conffile is installed" test -f "$r/etc/relapp.conf"
	contains "$arch: dpkg knows the conffile" "/etc/relapp.conf" "$(dpkg --root="$r" -s relapp)"
	out=$(timeout -s KILL 60 $(runner $arch) "$r/usr/bin/app")
	contains "$arch: the installed app runs" "app 1.0.0 (unknown, 2023-11-14T22:13:20Z) on linux/$(goarch $arch)" "$out"
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

# reproducible: another clean build from a longer path, same bytes
cd "$p" || exit 1
q=$(mktemp -d "${TMPDIR:-/tmp}/goninja-another-checkout-path.XXXXXX")
cp -R "$TOP/examples/release/." "$q/"
(cd "$q" && "$GONINJA" && ninja package) >/dev/null 2>&1
for f in out/release/*.deb out/release/*.rpm; do
	check "byte-identical from another path: $(basename "$f")" cmp "$f" "$q/$f"
done

# a pre-release version sorts before the release in both formats
(cd "$q" && "$GONINJA" -D version=1.2.3-rc1 && ninja package) >/dev/null 2>&1
check "deb: 1.2.3-rc1 is 1.2.3~rc1" test -f "$q/out/release/relapp_1.2.3~rc1_amd64.deb"
check "rpm: 1.2.3-rc1 is 1.2.3~rc1" test -f "$q/out/release/relapp-1.2.3~rc1-1.x86_64.rpm"
check "dpkg: 1.2.3~rc1 < 1.2.3" dpkg --compare-versions 1.2.3~rc1 lt 1.2.3
same "rpm: 1.2.3~rc1 < 1.2.3" -1 "$(rpm --eval '%{lua: print(rpm.vercmp("1.2.3~rc1", "1.2.3"))}')"
rm -rf "$q"

cd / && rm -rf "$p"
summary
