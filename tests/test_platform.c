#include <stdlib.h>
#include "cmocka.h"
#include "util.h"
#include "platform.h"

static void parsed(const char *s, const char *dir, const char *var, const char *val)
{
	struct platform p;
	char *err = platform_parse(s, &p);

	assert_null(err);
	assert_string_equal(p.dir, dir);
	if (var) {
		assert_string_equal(p.varname, var);
		assert_string_equal(p.varvalue, val);
	} else {
		assert_null(p.varname);
	}
	platform_free(&p);
}

static void refused(const char *s, const char *want)
{
	struct platform p;
	char *err = platform_parse(s, &p);

	assert_non_null(err);
	assert_string_equal(err, want);
	free(err);
}

static void test_variants(void **state)
{
	parsed("linux/arm/v7", "linux_arm_v7", "GOARM", "7");
	parsed("linux/arm", "linux_arm", "GOARM", "7");
	parsed("linux/amd64/v3", "linux_amd64_v3", "GOAMD64", "v3");
	parsed("linux/amd64", "linux_amd64", "GOAMD64", "v1");
	parsed("linux/386", "linux_386", "GO386", "sse2");
	parsed("linux/arm64/v8", "linux_arm64_v8", "GOARM64", "v8.0");
	parsed("linux/arm64/v9.2", "linux_arm64_v9.2", "GOARM64", "v9.2");
	parsed("linux/s390x", "linux_s390x", NULL, NULL);
	parsed("windows/amd64", "windows_amd64", "GOAMD64", "v1");
}

static void test_refused(void **state)
{
	refused("linux/amd46", "unknown arch \"amd46\" in platform \"linux/amd46\": did you mean \"linux/amd64\"?");
	refused("linx/arm64", "unknown OS \"linx\" in platform \"linx/arm64\": did you mean \"linux/arm64\"?");
	refused("linux/x86_64", "unknown arch \"x86_64\" in platform \"linux/x86_64\": did you mean \"linux/amd64\"?");
	refused("linux/aarch64", "unknown arch \"aarch64\" in platform \"linux/aarch64\": did you mean \"linux/arm64\"?");
	refused("linux/armv7", "unknown arch \"armv7\" in platform \"linux/armv7\": did you mean \"linux/arm/v7\"?");
	refused("linux/armhf", "unknown arch \"armhf\" in platform \"linux/armhf\": did you mean \"linux/arm/v7\"?");
	refused("linux/armv7/v6", "unknown arch \"armv7\" in platform \"linux/armv7/v6\": did you mean \"linux/arm/v6\"?");
	refused("linux/arm46", "unknown arch \"arm46\" in platform \"linux/arm46\": did you mean \"linux/arm64\"?");
	refused("linux/i686", "unknown arch \"i686\" in platform \"linux/i686\": did you mean \"linux/386\"?");
	refused("windows/i386", "unknown arch \"i386\" in platform \"windows/i386\": did you mean \"windows/386\"?");
	refused("linux/amd64p32", "unknown arch \"amd64p32\" in platform \"linux/amd64p32\": Go has no such port");
	refused("macos/arm64", "unknown OS \"macos\" in platform \"macos/arm64\": did you mean \"darwin/arm64\"?");
	refused("darwin/386", "platform \"darwin/386\": Go has no 386 port for darwin (darwin has amd64, arm64)");
	refused("js/foo", "unknown arch \"foo\" in platform \"js/foo\" (js has wasm)");
	refused("qnx/arm64", "unknown OS \"qnx\" in platform \"qnx/arm64\"");
	refused("linux/amd64/v7", "platform \"linux/amd64/v7\": v7 is not a variant of amd64 (GOAMD64: v1, v2, v3, v4)");
	refused("linux/arm/v8", "platform \"linux/arm/v8\": v8 is not a variant of arm (GOARM: v5, v6, v7)");
	refused("linux/s390x/z15", "platform \"linux/s390x/z15\": s390x has no variants");
	refused("Linux/AMD64", "platform \"Linux/AMD64\": write it in lower case, \"linux/amd64\"");
	refused("linux", "platform \"linux\": expected os/arch[/variant], like \"linux/arm64\"");
	refused("linux//amd64", "platform \"linux//amd64\": expected os/arch[/variant], like \"linux/arm64\"");
	refused("linux/amd64/", "platform \"linux/amd64/\": expected os/arch[/variant], like \"linux/arm64\"");
	refused("linux/arm/v7/x", "platform \"linux/arm/v7/x\": expected os/arch[/variant], like \"linux/arm64\"");
	assert_int_equal(platform_since("wasip1/wasm"), 21);
	assert_int_equal(platform_since("linux/amd64"), 0);
}

static void test_static_os(void **state)
{
	assert_true(platform_static_os("linux"));
	assert_true(platform_static_os("freebsd"));
	assert_false(platform_static_os("darwin"));
	assert_false(platform_static_os("windows"));
	assert_false(platform_static_os("openbsd"));
	assert_false(platform_static_os("illumos"));
}

static void test_same(void **state)
{
	struct platform a, b, c;

	assert_null(platform_parse("linux/arm", &a));
	assert_null(platform_parse("linux/arm/v7", &b));
	assert_null(platform_parse("linux/arm/v6", &c));
	assert_true(platform_same(&a, &b));
	assert_false(platform_same(&b, &c));
	platform_free(&a);
	platform_free(&b);
	platform_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_static_os),
		cmocka_unit_test(test_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
