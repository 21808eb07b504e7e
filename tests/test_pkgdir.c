#define _GNU_SOURCE   /* memmem */
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

static struct timespec mtime(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mtim;
}

/* editor files leave a listing alone; a new Go file rewrites it */
static void test_rescan(void **state)
{
	char tmp[] = "/tmp/goninja-rescan.XXXXXX", top[] = "/tmp/goninja-deps.XXXXXX";
	char *listing, *f, *before, *after, *u, *dep;
	char *files[] = {"main.go", "static/logo.png", "LICENSE"};
	struct buf b = {0};
	struct timespec t0, t1;
	size_t n0, n1;

	assert_non_null(mkdtemp(tmp));
	assert_non_null(mkdtemp(top));
	f = xconcat(top, "/linux_amd64", NULL);
	assert_int_equal(mkdir(f, 0777), 0);
	free(f);
	f = xconcat(tmp, "/main.go", NULL);
	put(f, "package main\n");
	free(f);
	char *filter = pkgdir_filter(files, 1, false, NULL, NULL);
	assert_non_null(strstr(filter, ".go "));
	assert_non_null(strstr(filter, "-_test.go"));
	free(filter);
	filter = pkgdir_filter(files, 3, true, NULL, NULL);
	assert_non_null(strstr(filter, " .png"));
	assert_non_null(strstr(filter, " *"));      /* LICENSE: any name counts */
	assert_null(strstr(filter, "-_test.go"));
	free(filter);
	filter = pkgdir_filter(files, 1, false, NULL, NULL);
	pkgdir_listing(&b, tmp, filter);
	listing = xconcat(top, "/linux_amd64/x.pkgs", NULL);
	f = xconcat(tmp, "/main_test.go", NULL);
	put(f, "package main\n");   /* a build does not read tests */
	free(f);
	FILE *out = fopen(listing, "w");
	assert_non_null(out);
	assert_int_equal(fwrite(b.s, 1, b.len, out), b.len);
	fclose(out);
	t0 = mtime(listing);
	const char *junk[] = {"/.main.go.swp", "/4913", "/main.go~", "/_skip.go"};
	for (size_t i = 0; i < 4; i++) {
		f = xconcat(tmp, junk[i], NULL);
		put(f, "");
		free(f);
	}
	usleep(20000);
	assert_int_equal(pkgdir_rescan(&listing, 1), 0);
	t1 = mtime(listing);
	assert_true(t0.tv_sec == t1.tv_sec && t0.tv_nsec == t1.tv_nsec);
	/* the binary's depfile: its first listing, then each directory */
	u = pkgdir_union(listing);
	f = xconcat(top, "/x.pkgs.d", NULL);
	assert_string_equal(u, f);
	free(f);
	dep = file_read(u, 0, NULL, NULL);
	f = xasprintf("%s: \\\n  %s\n", listing, tmp);
	assert_string_equal(dep, f);
	free(f);
	free(dep);
	struct strlist more = {0};   /* a go edge adds its directories */
	strlist_add(&more, xstrdup("/usr/share/gocode/src/x"));
	strlist_add(&more, xstrdup(tmp));
	assert_int_equal(pkgdir_union_add(u, "other.pkgs", &more), 0);
	strlist_free(&more);
	dep = file_read(u, 0, NULL, NULL);
	f = xasprintf("%s: \\\n  %s \\\n  /usr/share/gocode/src/x\n", listing, tmp);
	assert_string_equal(dep, f);
	free(f);
	free(dep);
	f = xconcat(tmp, "/extra_linux.go", NULL);
	put(f, "package main\n");
	free(f);
	before = file_read(listing, 0, &n0, NULL);
	assert_int_equal(pkgdir_rescan(&listing, 1), 0);
	after = file_read(listing, 0, &n1, NULL);
	assert_true(n1 > n0);
	assert_non_null(memmem(after, n1, "extra_linux.go", 14));
	free(before);
	free(after);
	buf_free(&b);
	free(filter);
	dep = file_read(u, 0, NULL, NULL);   /* a rescan drops what no listing has */
	f = xasprintf("%s: \\\n  %s\n", listing, tmp);
	assert_string_equal(dep, f);
	free(f);
	free(dep);
	free(u);
	char *rm = xasprintf("rm -rf %s %s", tmp, top);
	assert_int_equal(system(rm), 0);
	free(rm);
	free(listing);
}

/* directories with a blank, a hash or a dollar (a project under "My
 * Projects") survive a go edge's additions to the shared depfile */
static void test_union_escapes(void **state)
{
	char top[] = "/tmp/goninja-union.XXXXXX", *u, *dep;
	struct strlist add = {0};

	assert_non_null(mkdtemp(top));
	u = xconcat(top, "/x.pkgs.d", NULL);
	strlist_add(&add, xstrdup("/My Projects/app/cmd/x"));
	strlist_add(&add, xstrdup("/a#b/$c"));
	assert_int_equal(pkgdir_union_add(u, "out/.deps/linux_amd64/x.pkgs", &add), 0);
	strlist_free(&add);
	strlist_add(&add, xstrdup("/z"));
	assert_int_equal(pkgdir_union_add(u, "ignored: the file names its target", &add), 0);
	strlist_free(&add);
	dep = file_read(u, 0, NULL, NULL);
	assert_string_equal(dep, "out/.deps/linux_amd64/x.pkgs: \\\n"
	                         "  /My\\ Projects/app/cmd/x \\\n"
	                         "  /a\\#b/$$c \\\n"
	                         "  /z\n");
	free(dep);
	char *rm = xasprintf("rm -rf %s", top);
	assert_int_equal(system(rm), 0);
	free(rm);
	free(u);
}

/* names that count for a cell, as go/build reads file-name constraints */
static void test_goos_names(void **state)
{
	char tmp[] = "/tmp/goninja-goos.XXXXXX", *files[] = {"a.go"};
	const char *names[] = {"a.go", "linux.go", "x_linux.go", "x_windows.go",
		"x_linux_arm64.go", "x_linux_amd64.go", "x_amd64.go", "x_android.go",
		"x_linux_test.go", "x_unix.go", "x_linux.c"};
	struct buf b = {0};
	char *filter = pkgdir_filter(files, 1, false, "linux", "amd64");

	assert_non_null(mkdtemp(tmp));
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		char *f = xconcat(tmp, "/", names[i], NULL);
		put(f, "");
		free(f);
	}
	pkgdir_listing(&b, tmp, filter);
	size_t at = strlen(tmp) + 1 + strlen(filter) + 1;
	struct buf want = {0};
	const char *counted[] = {"a.go", "linux.go", "x_amd64.go", "x_linux.c",
		"x_linux.go", "x_linux_amd64.go", "x_unix.go"};
	for (size_t i = 0; i < sizeof(counted) / sizeof(*counted); i++)
		buf_putn(&want, counted[i], strlen(counted[i]) + 1);
	buf_putc(&want, '\0');
	assert_int_equal(b.len - at, want.len);
	assert_memory_equal(b.s + at, want.s, want.len);
	buf_free(&b);
	buf_free(&want);
	free(filter);
	char *rm = xasprintf("rm -rf %s", tmp);
	assert_int_equal(system(rm), 0);
	free(rm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modpath),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_rescan),
		cmocka_unit_test(test_union_escapes),
		cmocka_unit_test(test_goos_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
