#include <stdlib.h>
#include <string.h>
#include "cmocka.h"
#include "util.h"
#include "godeps.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depfile),
		cmocka_unit_test(test_root_dir_left_out),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
