#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmocka.h"
#include "util.h"
#include "pkgdir.h"

static void modpath(const char *gomod, const char *want)
{
	char *got = pkgdir_modpath(gomod);

	if (want)
		assert_string_equal(got, want);
	else
		assert_null(got);
	free(got);
}

static void test_modpath(void **state)
{
	modpath("module example.com/m\n\ngo 1.19\n", "example.com/m");
	modpath("// a comment\n  module\t\"quoted/m\"\n", "quoted/m");
	modpath("module tool // the tool\n", "tool");
	modpath("go 1.19\nrequire modulex v1.0.0\n", NULL);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void says(const char *dir, const char *main, const char *want)
{
	char *got = pkgdir_check("main", dir, main, true);

	if (want)
		assert_string_equal(got, want);
	else
		assert_null(got);
	free(got);
}

static void test_check(void **state)
{
	char tmp[] = "/tmp/goninja-pkgdir.XXXXXX", *old = getcwd(NULL, 0);

	assert_non_null(mkdtemp(tmp));
	assert_int_equal(chdir(tmp), 0);
	put("go.mod", "module example.com/m\n");
	mkdir("cmd", 0755);
	mkdir("cmd/server", 0755);
	mkdir("docs", 0755);
	mkdir("sub", 0755);
	mkdir("sub/tool", 0755);
	mkdir("w", 0755);
	mkdir("w/cmd", 0755);
	put("cmd/server/main.go", "package main\n");
	put("sub/tool/main.go", "package main\n");
	put("w/go.mod", "module w\n");
	put("w/cmd/x.go", "package main\n");
	put("docs/.main.go.swp", "");
	says("", "./cmd/server", NULL);
	says("", "./cmd/sever", "main \"./cmd/sever\": no such directory (did you mean \"./cmd/server\"?)");
	says("", "./nothing/here", "main \"./nothing/here\": no such directory");
	says("", "./docs", "main \"./docs\" holds no .go files");
	says("sub", "./tool", NULL);
	says("sub", "./tol", "main \"./tol\": no such directory (did you mean \"./tool\"?)");
	says("", "cmd/server", "main \"cmd/server\" is an import path, not the directory cmd/server here: write \"./cmd/server\"");
	says("", "example.com/m/cmd/server", NULL);
	says("", "w/cmd", NULL);                  /* a module named w: that is its path */
	says("", "golang.org/x/tools/cmd/stringer", NULL);
	says("", "./...", NULL);
	assert_null(pkgdir_check("package", "", "./cmd/...", false));
	char *m = pkgdir_check("package", "", "./cdm/...", false);
	assert_string_equal(m, "package \"./cdm/...\": no such directory (did you mean \"./cmd/...\"?)");
	free(m);
	assert_int_equal(chdir(old), 0);
	free(old);
	char *rm = xasprintf("rm -rf %s", tmp);
	assert_int_equal(system(rm), 0);
	free(rm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modpath),
		cmocka_unit_test(test_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
