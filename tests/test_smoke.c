/* tests for smoke: matching stdout, running with a hard time limit, the log */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "../src/util.h"
#include "../src/smoke.h"

static void test_match(void **state)
{
	const char *bad;

	(void)state;
	assert_true(smoke_match("hello 1.2.3\n", "hello 1.2.3", &bad));
	assert_null(bad);
	assert_true(smoke_match("x (1.2.3)", "(1.2.3)", &bad));   /* a substring first */
	assert_true(smoke_match("hello 1.2.3\n", "^hello %d+%.%d+%.%d+$", &bad) == false);
	assert_true(smoke_match("hello 1.2.3", "^hello %d+%.%d+%.%d+$", &bad));
	assert_false(smoke_match("hello 1.2.4", "hello 1.2.3", &bad));
	assert_null(bad);
	assert_false(smoke_match("hello", "%", &bad));           /* malformed pattern */
	assert_non_null(bad);
	assert_true(smoke_match("anything", "", &bad));
}

static void test_exec(void **state)
{
	char *ok[] = {"sh", "-c", "echo out; echo err >&2; exit 7", NULL};
	char *env[] = {"SMOKE_TEST=yes", NULL};
	char *envsh[] = {"sh", "-c", "echo $SMOKE_TEST; read x || echo eof", NULL};
	char *missing[] = {"/nonexistent/bin", NULL};
	struct smoke_outcome o;

	(void)state;
	assert_int_equal(smoke_exec(ok, NULL, 60, &o), 0);
	assert_int_equal(o.status, 7);
	assert_false(o.timed_out);
	assert_string_equal(o.out.s, "out\n");
	assert_string_equal(o.err.s, "err\n");
	smoke_outcome_free(&o);
	assert_int_equal(smoke_exec(envsh, env, 60, &o), 0);   /* stdin is /dev/null */
	assert_string_equal(o.out.s, "yes\neof\n");
	smoke_outcome_free(&o);
	assert_int_equal(smoke_exec(missing, NULL, 60, &o), 0);
	assert_int_equal(o.status, 127);
	assert_non_null(strstr(o.err.s, "cannot run /nonexistent/bin"));
	smoke_outcome_free(&o);
}

/* a run that outlives its limit is killed with its children, which would
 * otherwise hold the output pipe open */
static void test_timeout(void **state)
{
	char *hang[] = {"sh", "-c", "echo started; sleep 300 & sleep 300", NULL};
	struct smoke_outcome o;
	time_t t0 = time(NULL);

	(void)state;
	assert_int_equal(smoke_exec(hang, NULL, 1, &o), 0);
	assert_true(o.timed_out);
	assert_int_equal(o.status, -1);
	assert_string_equal(o.out.s, "started\n");
	assert_true(time(NULL) - t0 < 200);   /* not the 300 s sleep */
	smoke_outcome_free(&o);
}

/* a run that closes its output and hangs is still killed at its limit */
static void test_timeout_closed(void **state)
{
	char *hang[] = {"sh", "-c", "echo bye; exec >&- 2>&-; sleep 300", NULL};
	struct smoke_outcome o;
	time_t t0 = time(NULL);

	(void)state;
	assert_int_equal(smoke_exec(hang, NULL, 1, &o), 0);
	assert_true(o.timed_out);
	assert_string_equal(o.out.s, "bye\n");
	assert_true(time(NULL) - t0 < 200);
	smoke_outcome_free(&o);
}

/* a run that exits leaving a background process on its output is done
 * when it exits, not when the background process lets go; and the
 * background process is killed with it */
static void test_exit_background(void **state)
{
	char *file = xasprintf("/tmp/test_smoke.%d.bg", (int)getpid());
	char *script = xasprintf("sleep 300 & echo $! > %s; echo done; exit 4", file);
	char *bg[] = {"sh", "-c", script, NULL};
	struct timespec tick = {0, 10000000};
	char *pid;
	struct smoke_outcome o;
	time_t t0 = time(NULL);

	(void)state;
	assert_int_equal(smoke_exec(bg, NULL, 250, &o), 0);
	assert_false(o.timed_out);
	assert_int_equal(o.status, 4);
	assert_string_equal(o.out.s, "done\n");
	assert_true(time(NULL) - t0 < 200);
	smoke_outcome_free(&o);
	assert_non_null(pid = file_read(file, 100, NULL, NULL));
	for (int i = 0; i < 1000 && kill(atoi(pid), 0) == 0; i++)
		nanosleep(&tick, NULL);   /* killed; its zombie reaped by init */
	assert_int_equal(kill(atoi(pid), 0), -1);
	unlink(file);
	free(pid);
	free(file);
	free(script);
}

static void test_log(void **state)
{
	char dir[] = "/tmp/test_smoke.XXXXXX", *log, *bad;
	struct smoke_status st;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	log = smoke_log_path(dir, "linux_arm64", "out/linux_arm64/server");
	bad = xconcat(log, ".failed", NULL);
	assert_string_equal(strrchr(log, '/'), "/server.log");
	assert_non_null(strstr(log, "/.smoke/linux_arm64/"));
	smoke_status_read(log, &st);
	assert_null(st.result);
	assert_null(st.runner);
	f = NULL;
	free(log);
	log = xasprintf("mkdir -p '%s/.smoke/linux_arm64'", dir);
	assert_int_equal(system(log), 0);
	free(log);
	log = smoke_log_path(dir, "linux_arm64", "out/linux_arm64/server");
	assert_non_null(f = fopen(bad, "w"));
	fputs("platform: linux/arm64\nrunner: qemu-aarch64\nrun 1 []: x\nresult: failed\n", f);
	fclose(f);
	smoke_status_read(log, &st);
	assert_string_equal(st.result, "failed");
	assert_string_equal(st.runner, "qemu-aarch64");
	smoke_status_free(&st);
	unlink(bad);
	free(bad);
	free(log);
	bad = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(bad), 0);
	free(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_exec),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_timeout_closed),
		cmocka_unit_test(test_exit_background),
		cmocka_unit_test(test_log),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
