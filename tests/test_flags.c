#include <stdlib.h>
#include <string.h>
#include "cmocka.h"
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "flags.h"
#include "gotool.h"

static struct gotool go119 = {.cmd = "go", .path = "/usr/lib/go-1.19/bin/go", .version = "go1.19.8",
                              .minor = 19, .hostos = "linux", .hostarch = "amd64"};

static struct project proj = {
	.out = "out", .name = "demo", .version = "1.2.3",
	.vcs = {"0123456789abcdef0123456789abcdef01234567", "1700000000", "2023-11-14T22:13:20Z"},
};

static struct binary make_binary(void)
{
	struct binary b;

	memset(&b, 0, sizeof(b));
	b.name = "server";
	b.main = "./cmd/server";
	b.dir = "";
	b.libc = "glibc";
	b.trimpath = true;
	b.go = &go119;
	return b;
}

/* all texts of v joined by blanks */
static char *joined(const struct setting *v, size_t n)
{
	struct buf b = {0};

	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", v[i].text);
	return b.s ? b.s : xstrdup("");
}

static char *cell_for(const struct binary *b, const char *plat, struct cell *c,
                      struct platform *p)
{
	assert_null(platform_parse(plat, p));
	return flags_cell(c, b, p, &proj);
}

static void test_static_pure_go(void **state)
{
	struct binary b = make_binary();
	struct platform p;
	struct cell c;
	char *env, *args;

	strlist_add(&b.ldflags, xstrdup("-s"));
	strlist_add(&b.tags, xstrdup("prod"));
	struct kv x[] = {{"main.commit", "abc"}, {"main.version", "1.0 beta"}};
	b.x = x;
	b.nx = 2;
	assert_null(cell_for(&b, "linux/arm/v7", &c, &p));
	env = joined(c.env, c.nenv);
	args = joined(c.args, c.nargs);
	assert_string_equal(env, "GOOS=linux GOARCH=arm GOARM=7 CGO_ENABLED=0 GOTOOLCHAIN=local");
	assert_string_equal(args, "-trimpath -buildvcs=false -tags=prod "
	                    "-ldflags=-s -X main.commit=abc -X \"main.version=1.0 beta\"");
	assert_string_equal(c.out, "out/linux_arm_v7/server");
	assert_string_equal(c.linkage, "static");
	assert_null(c.warning);
	for (size_t i = 0; i < c.nargs; i++)
		assert_true(strlen(c.args[i].why) > 0);
	free(args);
	args = joined(c.ld, c.nld);   /* a reason per flag, together the word */
	assert_string_equal(args, "-s -X main.commit=abc -X \"main.version=1.0 beta\"");
	assert_int_equal(c.nld, 3);
	free(env);
	free(args);
	flags_free(&c);
	platform_free(&p);
	strlist_free(&b.ldflags);
	strlist_free(&b.tags);
}

static void test_one_ldflags(void **state)
{
	struct binary b = make_binary();
	struct platform p;
	struct cell c;
	int n = 0;

	strlist_add(&b.ldflags, xstrdup("-s"));
	strlist_add(&b.ldflags, xstrdup("-w"));
	struct kv x[] = {{"main.version", "1"}};
	b.x = x;
	b.nx = 1;
	assert_null(cell_for(&b, "linux/amd64", &c, &p));
	for (size_t i = 0; i < c.nargs; i++)
		n += strncmp(c.args[i].text, "-ldflags", 8) == 0;
	assert_int_equal(n, 1);
	flags_free(&c);
	platform_free(&p);
	strlist_free(&b.ldflags);
}

static void test_windows_exe(void **state)
{
	struct binary b = make_binary();
	struct platform p;
	struct cell c;

	assert_null(cell_for(&b, "windows/amd64", &c, &p));
	assert_string_equal(c.out, "out/windows_amd64/server.exe");
	assert_string_equal(c.linkage, "default");
	flags_free(&c);
	platform_free(&p);
}

static void test_static_refused(void **state)
{
	struct binary b = make_binary();
	struct platform p;
	struct cell c;
	char *err;

	b.link = LINK_STATIC;
	err = cell_for(&b, "darwin/arm64", &c, &p);
	assert_string_equal(err, "link = \"static\" is impossible for darwin/arm64: "
	                    "darwin binaries always load system libraries whatever "
	                    "the flags; use link = \"auto\"");
	free(err);
	flags_free(&c);
	platform_free(&p);
	b.link = LINK_DYNAMIC;
	err = cell_for(&b, "linux/amd64", &c, &p);
	assert_non_null(strstr(err, "needs cgo = true"));
	free(err);
	flags_free(&c);
	platform_free(&p);
}

static void test_variant_ignored_by_old_go(void **state)
{
	struct binary b = make_binary();
	struct platform p;
	struct cell c;

	assert_null(cell_for(&b, "linux/riscv64/rva22u64", &c, &p));
	assert_string_equal(c.warning, "go1.19.8 ignores GORISCV64: "
	                    "linux/riscv64/rva22u64 builds the same as linux/riscv64");
	flags_free(&c);
	platform_free(&p);
}

static void test_release_defaults(void **state)
{
	struct binary b = make_binary();
	struct platform p;
	struct cell c;
	char *args;

	proj.strip = proj.stamp = proj.reproducible = true;
	strlist_add(&b.ldflags, xstrdup("-w"));
	struct kv x[] = {{"main.version", "{version}+{short_commit} {os}/{arch}{variant}"}};
	b.x = x;
	b.nx = 1;
	assert_null(cell_for(&b, "linux/arm/v7", &c, &p));
	args = joined(c.args, c.nargs);
	assert_string_equal(args, "-trimpath -buildvcs=false -ldflags=-w -s -buildid= "
	                    "-X main.commit=0123456789abcdef0123456789abcdef01234567 "
	                    "-X main.date=2023-11-14T22:13:20Z "
	                    "-X \"main.version=1.2.3+0123456789ab linux/armv7\"");
	free(args);
	flags_free(&c);
	platform_free(&p);
	b.x[0].value = "{nope}";
	assert_null(platform_parse("linux/amd64", &p));
	char *err = flags_cell(&c, &b, &p, &proj);
	assert_string_equal(err, "x[\"main.version\"]: unknown template field {nope} "
	                    "(known: project, version, commit, short_commit, date, epoch, "
	                    "name, os, arch, variant, platform, target)");
	free(err);
	flags_free(&c);
	platform_free(&p);
	strlist_free(&b.ldflags);
	proj.strip = proj.stamp = proj.reproducible = false;
}

static void test_dev(void **state)
{
	struct binary b = make_binary();
	struct cell c;
	char *args;

	strlist_add(&b.tags, xstrdup("dev"));
	assert_null(flags_dev(&c, &b, &proj));
	args = joined(c.args, c.nargs);
	assert_string_equal(args, "-tags=dev");
	assert_string_equal(c.out, "out/dev/server");
	free(args);
	flags_free(&c);
	strlist_free(&b.tags);
}

/* the per-binary stage: errors name the field, never a platform */
static void test_check_binary(void **state)
{
	struct binary b = make_binary();
	const char *key;
	char *err;

	assert_null(flags_check(&b, &key));
	strlist_add(&b.ldflags, xstrdup("-linkmode=external"));
	err = flags_check(&b, &key);
	assert_string_equal(key, "ldflags");
	assert_non_null(strstr(err, "-linkmode is goninja's to set"));
	free(err);
	strlist_free(&b.ldflags);
	b.msan = true;
	err = flags_check(&b, &key);
	assert_string_equal(key, "msan");
	assert_string_equal(err, "msan = true needs cgo = true: the msan runtime is C "
	                    "(go build says \"-msan requires cgo\")");
	free(err);
	b.cgo = true;
	assert_null(flags_check(&b, &key));
}

/* a field's Go floor against the binary's Go; unknown allows */
static void test_go_floor(void **state)
{
	struct binary b = make_binary();
	struct fieldpos f = {"cover", 3, 5, 20, "cover = true"};
	struct gotool go123 = {.cmd = "go", .path = "/usr/lib/go-1.23/bin/go",
	                       .version = "go1.23.5", .minor = 23};
	struct gotool unknown = {.cmd = "go"};
	const char *key;
	char *err;

	b.where.fields = &f;
	b.where.nfields = 1;
	err = flags_check(&b, &key);
	assert_string_equal(key, "cover");
	assert_string_equal(err, "cover = true needs Go 1.20 or later; go is go1.19.8");
	free(err);
	b.go = &go123;
	assert_null(flags_check(&b, &key));
	b.go = &unknown;
	assert_null(flags_check(&b, &key));
	assert_true(gotool_at_least(&go119, 19));
	assert_false(gotool_at_least(&go119, 20));
	assert_true(gotool_at_least(&unknown, 99));
}

/* cover = true: -cover on every build of the binary, dev included */
static void test_cover(void **state)
{
	struct binary b = make_binary();
	struct platform p;
	struct cell c;
	char *args;

	b.cover = true;
	assert_null(cell_for(&b, "linux/amd64", &c, &p));
	args = joined(c.args, c.nargs);
	assert_string_equal(args, "-trimpath -buildvcs=false -cover");
	free(args);
	flags_free(&c);
	platform_free(&p);
	assert_null(flags_dev(&c, &b, &proj));
	args = joined(c.args, c.nargs);
	assert_string_equal(args, "-cover");
	free(args);
	flags_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_static_pure_go),
		cmocka_unit_test(test_one_ldflags),
		cmocka_unit_test(test_windows_exe),
		cmocka_unit_test(test_static_refused),
		cmocka_unit_test(test_variant_ignored_by_old_go),
		cmocka_unit_test(test_release_defaults),
		cmocka_unit_test(test_dev),
		cmocka_unit_test(test_check_binary),
		cmocka_unit_test(test_go_floor),
		cmocka_unit_test(test_cover),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
