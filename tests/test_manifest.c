#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "cmocka.h"
#include "util.h"
#include "manifest.h"

static void test_class(void **state)
{
	const char *cases[][2] = {
		{"relapp", "Relapp"}, {"my-tool", "MyTool"}, {"foo_bar.baz", "FooBarBaz"},
		{"c++", "Cxx"}, {"python@3", "PythonAT3"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *c = manifest_class(cases[i][0]);
		assert_string_equal(c, cases[i][1]);
		free(c);
	}
}

static void test_serves(void **state)
{
	assert_true(manifest_serves("homebrew", "darwin/arm64"));
	assert_true(manifest_serves("homebrew", "linux/arm/v7"));
	assert_false(manifest_serves("homebrew", "windows/amd64"));
	assert_false(manifest_serves("homebrew", "linux/386"));
	assert_true(manifest_serves("scoop", "windows/amd64"));
	assert_true(manifest_serves("scoop", "windows/arm64"));
	assert_false(manifest_serves("scoop", "linux/amd64"));
}

static struct manifest_archive archives[] = {
	{"darwin/arm64", "https://x/a.tar.gz", "aa"},
	{"linux/amd64", "https://x/#{evil}\"q.tar.gz", "bb"},
	{"windows/386", "https://x/w.zip", "cc"},
};

static void test_render(void **state)
{
	struct manifest m = {"my-tool", "1.2.3", "does \"things\"", NULL, "MIT", {0}, archives, 3};
	struct buf b = {0};

	strlist_add(&m.bins, xstrdup("app"));
	manifest_homebrew(&m, &b);
	assert_non_null(strstr(b.s, "class MyTool < Formula\n"));
	assert_non_null(strstr(b.s, "  desc \"does \\\"things\\\"\"\n"));
	assert_null(strstr(b.s, "homepage"));           /* not given: left out */
	assert_non_null(strstr(b.s, "url \"https://x/\\#{evil}\\\"q.tar.gz\""));
	assert_non_null(strstr(b.s, "  on_macos do\n    on_arm do\n      url \"https://x/a.tar.gz\"\n"
	                            "      sha256 \"aa\"\n    end\n  end\n"));
	assert_non_null(strstr(b.s, "if Hardware::CPU.is_64_bit?\n        url"));
	assert_null(strstr(b.s, "w.zip"));
	buf_free(&b);
	manifest_scoop(&m, &b);
	assert_non_null(strstr(b.s, "\"32bit\": {\n            \"url\": \"https://x/w.zip\",\n"
	                            "            \"hash\": \"cc\"\n        }\n    },\n"));
	assert_non_null(strstr(b.s, "\"bin\": [\"app.exe\"]"));
	assert_non_null(strstr(b.s, "\"description\": \"does \\\"things\\\"\""));
	assert_null(strstr(b.s, "a.tar.gz"));
	buf_free(&b);
	strlist_free(&m.bins);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_class),
		cmocka_unit_test(test_serves),
		cmocka_unit_test(test_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
