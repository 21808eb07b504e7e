#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmocka.h"
#include "util.h"
#include "runner.h"

static const char refused[] = "the kernel refuses 32-bit x86 binaries (exec format error)";

static void kind_is(struct runner *r, enum runner_kind kind, const char *cmd)
{
	char *c = runner_command(r);

	assert_int_equal(r->kind, kind);
	assert_string_equal(c, cmd);
	free(c);
}

static void test_native(void **state)
{
	struct runner r;

	runner_find(&r, "linux", "amd64", "linux", "amd64");
	kind_is(&r, RUNNER_NATIVE, "");
	assert_null(r.reason);
	assert_null(r.program);
	runner_free(&r);
	runner_find(&r, "linux", "arm64", "linux", "arm64");
	kind_is(&r, RUNNER_NATIVE, "");
	runner_free(&r);
}

/* the override answers as refused; the real probe is not disturbed */
static void test_386_forced(void **state)
{
	const char *why = NULL, *why2 = NULL;
	bool real = runner_exec_386(&why);
	struct runner r;

	setenv("GONINJA_PROBE_NO_EXEC", "linux/arm64,linux/386", 1);
	assert_false(runner_exec_386(&why2));
	assert_string_equal(why2, refused);
	runner_find(&r, "linux", "386", "linux", "amd64");
	kind_is(&r, RUNNER_NONE, "");
	assert_string_equal(r.reason, refused);
	assert_null(r.package);
	runner_free(&r);
	setenv("GONINJA_PROBE_NO_EXEC", "linux/3860", 1);
	assert_int_equal(runner_exec_386(&why2), real);
	unsetenv("GONINJA_PROBE_NO_EXEC");
	assert_int_equal(runner_exec_386(&why2), real);
	assert_ptr_equal(why, why2);
	runner_find(&r, "linux", "386", "linux", "amd64");
	kind_is(&r, real ? RUNNER_NATIVE : RUNNER_NONE, "");
	runner_free(&r);
}

/* a kernel that cannot exec 386 at all is told so; one that can is not
 * asked twice (the tmp directory stays clean) */
static void test_386_probe(void **state)
{
	const char *why;
	bool yes = runner_exec_386(&why);

	if (strcmp(runner_uname_arch(), "amd64") == 0)
		printf("probe: this kernel %s\n", yes ? "runs 386 binaries" : why);
	assert_true(yes ? why == NULL : why != NULL);
}

static void test_386_elsewhere(void **state)
{
	struct runner r;

	runner_find(&r, "linux", "386", "linux", "arm64");
	kind_is(&r, RUNNER_NONE, "");
	assert_string_equal(r.reason, "Debian's qemu-i386 crashes Go binaries "
	                    "(fatal error: runtime: mcall called on m->g0 stack)");
	runner_free(&r);
}

static void test_not_linux(void **state)
{
	struct runner r;

	runner_find(&r, "windows", "amd64", "linux", "amd64");
	kind_is(&r, RUNNER_NONE, "");
	assert_string_equal(r.reason, "windows binaries do not run on linux");
	runner_free(&r);
	runner_find(&r, "linux", "arm64", "darwin", "arm64");
	kind_is(&r, RUNNER_NONE, "");
	assert_string_equal(r.reason, "qemu-user runs linux binaries on linux, not darwin");
	runner_free(&r);
	runner_find(&r, "darwin", "arm64", "darwin", "arm64");
	kind_is(&r, RUNNER_NATIVE, "");
	runner_free(&r);
}

static char *tmpbin(void)
{
	char *d = xstrdup("/tmp/test_runner.XXXXXX");

	assert_non_null(mkdtemp(d));
	return d;
}

static void program(const char *dir, const char *name)
{
	char *p = xconcat(dir, "/", name, NULL);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fclose(f);
	assert_int_equal(chmod(p, 0755), 0);
	free(p);
}

static void cleanup(char *dir, const char *name)
{
	char *p = xconcat(dir, "/", name, NULL);

	unlink(p);
	free(p);
	rmdir(dir);
	free(dir);
}

/* qemu-user is looked up in PATH, qemu-user-static's name too */
static void test_qemu_path(void **state)
{
	char *old = xstrdup(getenv("PATH")), *dir = tmpbin();
	struct runner r;

	setenv("PATH", dir, 1);
	runner_find(&r, "linux", "arm64", "linux", "amd64");
	kind_is(&r, RUNNER_NONE, "");
	assert_string_equal(r.reason, "qemu-aarch64 not found");
	assert_string_equal(r.package, "qemu-user");
	assert_string_equal(r.program, "qemu-aarch64");
	runner_free(&r);
	program(dir, "qemu-riscv64-static");
	runner_find(&r, "linux", "riscv64", "linux", "amd64");
	kind_is(&r, RUNNER_QEMU, "qemu-riscv64-static");
	assert_string_equal(r.program, "qemu-riscv64");
	runner_free(&r);
	runner_find(&r, "linux", "sparc64", "linux", "amd64");
	kind_is(&r, RUNNER_NONE, "");
	assert_string_equal(r.reason, "qemu-user has no program for linux/sparc64");
	runner_free(&r);
	setenv("PATH", old, 1);
	free(old);
	cleanup(dir, "qemu-riscv64-static");
}

/* a dynamic binary: the multiarch loader when installed, else -L the
 * cross sysroot, else the package to install; whatever is true here */
static void dynamic(const char *arch, const char *cc, const char *q,
                    const char *loader, const char *sysroot, const char *pkg)
{
	struct runner r;
	struct stat st;
	char *want;

	runner_find_dynamic(&r, "linux", arch, "linux", "amd64", cc);
	if (r.kind == RUNNER_NONE && r.package && strcmp(r.package, "qemu-user") == 0) {
		printf("not run here: %s not found\n", q);
		runner_free(&r);
		return;
	}
	if (access(loader, F_OK) == 0) {
		kind_is(&r, RUNNER_QEMU, q);
	} else if (stat(sysroot, &st) == 0) {
		want = xconcat(q, " -L ", sysroot, NULL);
		kind_is(&r, RUNNER_QEMU, want);
		free(want);
	} else {
		kind_is(&r, RUNNER_NONE, "");
		assert_string_equal(r.package, pkg);
	}
	runner_free(&r);
}

static void test_dynamic(void **state)
{
	struct runner r;

	dynamic("arm64", "aarch64-linux-gnu-gcc", "qemu-aarch64", "/lib/ld-linux-aarch64.so.1",
	        "/usr/aarch64-linux-gnu", "libc6-arm64-cross");
	dynamic("arm", "/usr/bin/arm-linux-gnueabihf-gcc", "qemu-arm", "/lib/ld-linux-armhf.so.3",
	        "/usr/arm-linux-gnueabihf", "libc6-armhf-cross");
	dynamic("riscv64", "riscv64-linux-gnu-gcc", "qemu-riscv64",
	        "/lib/ld-linux-riscv64-lp64d.so.1", "/usr/riscv64-linux-gnu",
	        "libc6-riscv64-cross");
	/* native, and an unknown compiler: no loader advice */
	runner_find_dynamic(&r, "linux", "amd64", "linux", "amd64", "x86_64-linux-gnu-gcc");
	kind_is(&r, RUNNER_NATIVE, "");
	runner_free(&r);
	runner_find_dynamic(&r, "linux", "arm64", "linux", "amd64", "clang");
	assert_true(r.kind != RUNNER_QEMU || r.prefix[1] == NULL);
	runner_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_native),
		cmocka_unit_test(test_386_forced),
		cmocka_unit_test(test_386_probe),
		cmocka_unit_test(test_386_elsewhere),
		cmocka_unit_test(test_not_linux),
		cmocka_unit_test(test_qemu_path),
		cmocka_unit_test(test_dynamic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
