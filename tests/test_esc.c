#include <stdlib.h>
#include "cmocka.h"
#include "util.h"
#include "esc.h"

typedef void escfn(struct buf *, const char *);

static void expect(escfn *f, const char *in, const char *want)
{
	struct buf b = {0};

	f(&b, in);
	assert_string_equal(b.s ? b.s : "", want);
	buf_free(&b);
}

static void test_ninja_path(void **state)
{
	expect(esc_ninja_path, "out/linux_amd64/server", "out/linux_amd64/server");
	expect(esc_ninja_path, "a b:c$d", "a$ b$:c$$d");
}

static void test_ninja_value(void **state)
{
	expect(esc_ninja_value, "x=$HOME a:b", "x=$$HOME a:b");
	expect(esc_ninja_value, " lead", "$ lead");
}

static void test_shell(void **state)
{
	expect(esc_shell, "GOOS=linux", "GOOS=linux");
	expect(esc_shell, "-ldflags=-s -w", "'-ldflags=-s -w'");
	expect(esc_shell, "it's", "'it'\\''s'");
	expect(esc_shell, "$(rm -rf /)", "'$(rm -rf /)'");
	expect(esc_shell, "a;b&&c`d`", "'a;b&&c`d`'");
	expect(esc_shell, "", "''");
}

static void test_goquote(void **state)
{
	struct buf b = {0};

	assert_int_equal(esc_goquote(&b, "-s"), 1);
	assert_string_equal(b.s, "-s");
	buf_free(&b);
	assert_int_equal(esc_goquote(&b, "main.v=1 beta"), 1);
	assert_string_equal(b.s, "\"main.v=1 beta\"");
	buf_free(&b);
	assert_int_equal(esc_goquote(&b, "say \"hi\""), 1);
	assert_string_equal(b.s, "'say \"hi\"'");
	buf_free(&b);
	assert_int_equal(esc_goquote(&b, "it's \"x\""), 0);
	buf_free(&b);
}

static void test_gosplit(void **state)
{
	struct strlist l = {0};

	assert_int_equal(esc_gosplit(" all=-N\t-l 'a b' \"c'd\"e x=\"y z\" ", &l), 1);
	assert_int_equal(l.n, 7);
	assert_string_equal(l.v[0], "all=-N");
	assert_string_equal(l.v[1], "-l");
	assert_string_equal(l.v[2], "a b");
	assert_string_equal(l.v[3], "c'd");
	assert_string_equal(l.v[4], "e");
	assert_string_equal(l.v[5], "x=\"y");
	assert_string_equal(l.v[6], "z\"");
	strlist_free(&l);
	assert_int_equal(esc_gosplit("-X 'main.a=b", &l), 0);
	strlist_free(&l);
}

static void test_depfile(void **state)
{
	expect(esc_depfile, "a b#c$d", "a\\ b\\#c$$d");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ninja_path),
		cmocka_unit_test(test_ninja_value),
		cmocka_unit_test(test_shell),
		cmocka_unit_test(test_goquote),
		cmocka_unit_test(test_gosplit),
		cmocka_unit_test(test_depfile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
