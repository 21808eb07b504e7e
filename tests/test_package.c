#include <stdlib.h>
#include <string.h>
#include "cmocka.h"
#include "util.h"
#include "package.h"
#include "md5.h"

static void arch_is(const char *fmt, const char *plat, const char *want)
{
	const char *why = NULL, *a = package_arch(fmt, plat, &why);

	if (want) {
		assert_non_null(a);
		assert_string_equal(a, want);
	} else {
		assert_null(a);
		assert_non_null(why);
	}
}

static void test_arch(void **state)
{
	arch_is("deb", "linux/amd64", "amd64");
	arch_is("rpm", "linux/amd64", "x86_64");
	arch_is("rpm", "linux/amd64/v1", "x86_64");
	arch_is("deb", "linux/arm64", "arm64");
	arch_is("rpm", "linux/arm64", "aarch64");
	arch_is("deb", "linux/arm/v7", "armhf");
	arch_is("rpm", "linux/arm/v7", "armv7hl");
	arch_is("deb", "linux/arm/v5", "armel");
	arch_is("deb", "linux/386", "i386");
	arch_is("rpm", "linux/386", "i686");
	arch_is("deb", "linux/ppc64le", "ppc64el");
	arch_is("rpm", "linux/ppc64le", "ppc64le");
	arch_is("deb", "linux/s390x", "s390x");
	arch_is("rpm", "linux/riscv64", "riscv64");
	arch_is("rpm", "linux/loong64", "loongarch64");
	arch_is("deb", "linux/arm/v6", NULL);      /* Debian has no ARMv6 */
	arch_is("rpm", "linux/arm/v6", "armv6hl");
	arch_is("deb", "linux/amd64/v3", NULL);    /* no arch for a higher level */
	arch_is("deb", "windows/amd64", NULL);
	arch_is("rpm", "darwin/arm64", NULL);
}

static void version_is(const char *v, const char *want)
{
	char *why = NULL, *got = package_version("deb", v, &why);

	if (want) {
		assert_non_null(got);
		assert_string_equal(got, want);
	} else {
		assert_null(got);
		assert_non_null(why);
		free(why);
	}
	free(got);
}

static void test_version(void **state)
{
	version_is("1.2.3", "1.2.3");
	version_is("v1.2.3", "1.2.3");
	version_is("1.2.3-rc1", "1.2.3~rc1");
	version_is("1.0.0-alpha-1", "1.0.0~alpha.1");   /* sorts after 1.0.0~alpha */
	version_is("0.0.0-dev", "0.0.0~dev");
	version_is("1.2.3+meta.4", "1.2.3+meta.4");
	version_is("dev", NULL);
	version_is("1.2_3", NULL);
	version_is("1.2:3", NULL);
}

static void test_names(void **state)
{
	char *s = package_file("deb", "relapp", "1.2.3~rc1", "1", "armhf");

	assert_string_equal(s, "relapp_1.2.3~rc1_armhf.deb");
	free(s);
	s = package_file("rpm", "relapp", "1.2.3~rc1", "2", "armv7hl");
	assert_string_equal(s, "relapp-1.2.3~rc1-2.armv7hl.rpm");
	free(s);
	s = package_escape("a\\b\nc");
	assert_string_equal(s, "a\\\\b\\nc");
	free(s);
	assert_true(package_dest_ok("/usr/share/doc/x/copyright"));
	assert_false(package_dest_ok("usr/bin/x"));
	assert_false(package_dest_ok("/usr/bin/"));
	assert_false(package_dest_ok("/usr/../etc/x"));
	assert_false(package_dest_ok("/usr/bin/.."));
	assert_false(package_dest_ok("/etc/a=b"));
	assert_false(package_dest_ok("/etc/100%"));
	assert_false(package_dest_ok("/etc/$HOME"));
}

/* RFC 1321's test suite, and a padding boundary (56 bytes: md5sum's) */
static void test_md5(void **state)
{
	const char *cases[][2] = {
		{"", "d41d8cd98f00b204e9800998ecf8427e"},
		{"abc", "900150983cd24fb0d6963f7d28e17f72"},
		{"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
		{"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
		 "57edf4a22be3c955ac49da2e2107b67a"},
		{"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcd",
		 "31fcfb5165169eb55898e7e4cf34d19a"},
	};
	char hex[33];

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		md5_hex(cases[i][0], strlen(cases[i][0]), hex);
		assert_string_equal(hex, cases[i][1]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arch),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_md5),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
