#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmocka.h"
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "template.h"
#include "action.h"

static void relpath(const char *dir, const char *path, const char *want)
{
	char *got = action_relpath(dir, path);

	assert_string_equal(got, want);
	free(got);
}

static void test_relpath(void **state)
{
	relpath("", "api/a.proto", "api/a.proto");
	relpath("api", "api/a.proto", "a.proto");
	relpath("api", "proto/a.proto", "../proto/a.proto");
	relpath("a/b", "a/c/x", "../c/x");
	relpath("ap", "api/x", "../api/x");
	relpath("api", "ap/x", "../ap/x");
	relpath("api", "api", ".");
}

/* the command of a one-output action with words, in dir */
static char *command(const char *const *words, bool shell, const char *dir)
{
	struct action a = {0};
	struct strlist outs = {0};
	struct tvars tv = {0};
	struct action_vars v = {&outs, &tv, NULL, NULL};
	struct buf b = {0};
	char *err;

	for (size_t i = 0; words[i]; i++)
		strlist_add(&a.command, xstrdup(words[i]));
	strlist_add(&a.files, xstrdup("proto/a b.proto"));
	strlist_add(&outs, xstrdup("api/a.pb.go"));
	a.dir = (char *)dir;
	a.shell = shell;
	err = action_command(&b, &a, &v);
	assert_null(err);
	strlist_free(&a.command);
	strlist_free(&a.files);
	strlist_free(&outs);
	return b.s;
}

static void test_command(void **state)
{
	const char *argv[] = {"protoc", "--go_out={out}", "{inputs}", "a;b", "$X", NULL};
	const char *sh[] = {"protoc", "{inputs}", "|", "wc", NULL};
	const char *inword[] = {"cat <{inputs}", ">{outputs}", "{out}.tmp", NULL};
	char *s = command(argv, false, "");

	assert_string_equal(s, "cd . && protoc --go_out=api/a.pb.go 'proto/a b.proto' "
	                    "'a;b' '$X'");
	free(s);
	s = command(argv, false, "api");
	assert_string_equal(s, "cd api && protoc --go_out=a.pb.go '../proto/a b.proto' "
	                    "'a;b' '$X'");
	free(s);
	s = command(sh, true, "");
	assert_string_equal(s, "cd . && /bin/sh -c 'protoc '\\''proto/a b.proto'\\'' | wc'");
	free(s);
	s = command(inword, true, "");   /* quoted for the shell that runs them */
	assert_string_equal(s, "cd . && /bin/sh -c 'cat <'\\''proto/a b.proto'\\'' >api/a.pb.go api/a.pb.go.tmp'");
	free(s);
}

static void test_glob(void **state)
{
	char dir[] = "/tmp/test_action.XXXXXX", *err;
	struct strlist files = {0}, dirs = {0};

	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(system("mkdir p && touch p/b.proto p/a.proto p/c.txt && "
	                        "mkdir p/d.proto"), 0);
	err = action_glob("p/*.proto", &files, &dirs);
	assert_non_null(err);           /* p/d.proto is a directory */
	free(err);
	assert_int_equal(system("rmdir p/d.proto"), 0);
	strlist_free(&files);
	err = action_glob("p/*.proto", &files, &dirs);
	assert_null(err);
	assert_int_equal(files.n, 2);
	assert_string_equal(files.v[0], "p/a.proto");
	assert_string_equal(files.v[1], "p/b.proto");
	assert_int_equal(dirs.n, 1);
	assert_string_equal(dirs.v[0], "p");
	err = action_glob("*/x", &files, &dirs);
	assert_non_null(err);
	free(err);
	strlist_free(&files);
	strlist_free(&dirs);
	assert_int_equal(chdir("/"), 0);
	{
		char *rm = xconcat("rm -rf ", dir, NULL);
		assert_int_equal(system(rm), 0);
		free(rm);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relpath),
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_glob),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
