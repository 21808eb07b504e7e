#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cmocka.h"
#include "util.h"
#include "godeps.h"
#include "golist.h"

/* go list output as the template writes it: fields end in NUL */
static const char list[] =
	"\n\n"   /* standard packages print nothing but a newline */
	"/src/proj/internal/greet\0/src/proj/go.mod\0greet.go\0family_other.go\0\0\n"
	"/usr/share/gocode/src/x\0\0x.go\0x.s\0\0\n"
	"/src/proj/cmd/my app\0/src/proj/go.mod\0main.go\0banner#1.txt\0\0\n";

static void test_depfile(void **state)
{
	struct buf b = {0};

	struct strlist dirs = {0};

	assert_int_equal(godeps_depfile(&b, "out/linux_amd64/my app", list,
	                                 sizeof(list) - 1, "/src/proj", &dirs, false), 0);
	/* no directories: their listings are the pkgscan edge's inputs */
	assert_string_equal(b.s,
		"out/linux_amd64/my\\ app: \\\n  go.mod \\\n"
		"  internal/greet/greet.go \\\n  internal/greet/family_other.go \\\n"
		"  /usr/share/gocode/src/x/x.go \\\n"
		"  /usr/share/gocode/src/x/x.s \\\n"
		"  cmd/my\\ app/main.go \\\n  cmd/my\\ app/banner\\#1.txt\n");
	assert_int_equal(dirs.n, 6);
	assert_string_equal(dirs.v[0], "/src/proj/internal/greet");
	assert_string_equal(dirs.v[2], "/usr/share/gocode/src/x");
	assert_string_equal(dirs.v[4], "/src/proj/cmd/my app");
	assert_non_null(strstr(dirs.v[5], " .txt "));      /* the embedded banner */
	assert_non_null(strstr(dirs.v[5], "-_test.go"));   /* a build: no tests */
	assert_null(strstr(dirs.v[1], ".txt"));
	buf_free(&b);
	strlist_free(&dirs);
}

static void test_root_dir_left_out(void **state)
{
	static const char one[] = "/src/proj\0\0main.go\0\0\n";
	struct buf b = {0};

	struct strlist dirs = {0};

	assert_int_equal(godeps_depfile(&b, "out/x", one, sizeof(one) - 1, "/src/proj",
	                                &dirs, true), 0);
	assert_string_equal(b.s, "out/x: \\\n  main.go\n");
	assert_int_equal(dirs.n, 0);   /* the top directory is never listed */
	buf_free(&b);
}

static void test_malformed(void **state)
{
	static const char cut[] = "/src/proj/a\0/src/proj/go.mod\0a.go";
	struct buf b = {0};

	assert_int_equal(godeps_depfile(&b, "out/x", cut, sizeof(cut) - 1, "/src/proj",
	                                NULL, false), -1);
	buf_free(&b);
}


/* a group listing (golist.h) of ./cmd/a and ./cmd/b: a uses lib, b not */
#define GROUP(d) \
	"\n" \
	"ex/lib\0\0\0" d "/lib\0" d "/go.mod\0lib.go\0\0\n" \
	"ex/cmd/a\0./cmd/a\n\0fmt\nex/lib\n\0" d "/cmd/a\0" d "/go.mod\0a.go\0\0\n" \
	"ex/cmd/b\0./cmd/b\n\0fmt\n\0" d "/cmd/b\0" d "/go.mod\0b.go\0static/x.txt\0\0\n"

static void test_pick(void **state)
{
	static const char grp[] = GROUP("/p");
	struct buf b = {0};

	assert_int_equal(golist_pick(&b, grp, sizeof(grp) - 1, "./cmd/a"), 0);
	/* its dependencies, then the package itself */
	assert_memory_equal(b.s, "/p/lib\0/p/go.mod\0lib.go\0\0\n"
	                    "/p/cmd/a\0/p/go.mod\0a.go\0\0\n", b.len);
	buf_free(&b);
	/* b's closure leaves lib out; the pattern as written, not as go reports it */
	assert_int_equal(golist_pick(&b, grp, sizeof(grp) - 1, "./cmd//b/"), 0);
	assert_memory_equal(b.s, "/p/cmd/b\0/p/go.mod\0b.go\0static/x.txt\0\0\n", b.len);
	buf_free(&b);
	assert_int_equal(golist_pick(&b, grp, sizeof(grp) - 1, "./cmd/c"), -1);
	assert_int_equal(golist_pick(&b, grp, 20, "./cmd/a"), -1);   /* cut short */
	buf_free(&b);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static long long now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* a go list started a second from now: the files are older than it */
static long long later(void)
{
	return now() + 1000000000LL;
}

static void test_saved(void **state)
{
	char tmpl[] = "/tmp/golist.XXXXXX", *d = mkdtemp(tmpl), *path, *got;
	static const char *const names[] = {"go.mod", "lib/lib.go", "cmd/a/a.go",
		"cmd/b/b.go", "cmd/b/static/x.txt", NULL};
	static const char key[] = "k\0v";
	size_t len;

	assert_non_null(d);
	assert_int_equal(chdir(d), 0);
	mkdir("lib", 0777);
	mkdir("cmd", 0777);
	mkdir("cmd/a", 0777);
	mkdir("cmd/b", 0777);
	mkdir("cmd/b/static", 0777);
	for (size_t i = 0; names[i]; i++)
		put(names[i], "package x\n");
	/* the listing as go list would print it in d (the fields need d) */
	struct buf lst = {0};
	char *lib = xconcat(d, "/lib", NULL), *b = xconcat(d, "/cmd/b", NULL),
	     *mod = xconcat(d, "/go.mod", NULL);
	const char *const fields[] = {"ex/lib", "", "", lib, mod, "lib.go", "", NULL,
		"ex/cmd/b", "./cmd/b\n", "fmt\n", b, mod, "b.go", "static/x.txt", "", NULL};
	for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++)
		if (fields[i])
			buf_putn(&lst, fields[i], strlen(fields[i]) + 1);
		else
			buf_putc(&lst, '\n');
	free(lib);
	free(b);
	free(mod);
	path = xconcat(d, "/saved", NULL);

	/* files written just now: go list may have read them half-written */
	assert_int_equal(golist_save(path, key, sizeof(key), lst.s, lst.len, NULL, now()), 0);
	assert_int_equal(access(path, F_OK), -1);
	/* go list run a while after (ctime cannot be set back) */
	assert_int_equal(golist_save(path, key, sizeof(key), lst.s, lst.len, NULL, later()), 0);
	got = golist_load(path, key, sizeof(key), NULL, &len);
	assert_non_null(got);
	assert_int_equal(len, lst.len);
	assert_memory_equal(got, lst.s, len);
	free(got);
	assert_null(golist_load(path, "k\0w", sizeof(key), NULL, &len));   /* another key */

	/* a file's content, a new name in a package directory or below an
	 * embedded file's, and a new go.sum: each makes the listing stale */
	static const char *const changes[] = {"lib/lib.go", "lib/new_linux.go",
		"cmd/b/static/y.txt", "go.sum", NULL};
	for (size_t i = 0; changes[i]; i++) {
		assert_int_equal(golist_save(path, key, sizeof(key), lst.s, lst.len, NULL, later()), 0);
		assert_non_null((got = golist_load(path, key, sizeof(key), NULL, &len)));
		free(got);
		put(changes[i], "package x // changed\n");
		assert_null(golist_load(path, key, sizeof(key), NULL, &len));
		unlink(changes[i]);
		if (i == 0)
			put(changes[i], "package x\n");
	}
	/* a hidden name (an editor's swap file) leaves it as it was */
	/* go list run a while after (ctime cannot be set back) */
	assert_int_equal(golist_save(path, key, sizeof(key), lst.s, lst.len, NULL, later()), 0);
	put("lib/.lib.go.swp", "x");
	assert_non_null((got = golist_load(path, key, sizeof(key), NULL, &len)));
	free(got);
	buf_free(&lst);
	free(path);
	assert_int_equal(chdir("/"), 0);
	path = xconcat("rm -rf ", d, NULL);
	assert_int_equal(system(path), 0);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depfile),
		cmocka_unit_test(test_root_dir_left_out),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_pick),
		cmocka_unit_test(test_saved),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
