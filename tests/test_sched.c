#include <stdlib.h>
#include <string.h>
#include "cmocka.h"
#include "util.h"
#include "sched.h"

#define GiB (1ULL << 30)

static void test_size(void **state)
{
	assert_true(sched_size("2G") == 2 * GiB);
	assert_true(sched_size("512M") == 512ULL << 20);
	assert_true(sched_size("1.5G") == 3 * GiB / 2);
	assert_true(sched_size("3GiB") == 3 * GiB);
	assert_true(sched_size("4096k") == 4ULL << 20);
	assert_true(sched_size("1TB") == 1ULL << 40);
	assert_true(sched_size("2") == 0);        /* no unit: a mistake */
	assert_true(sched_size("G") == 0);
	assert_true(sched_size("-1G") == 0);
	assert_true(sched_size("2 G") == 0);
	assert_true(sched_size("2Gx") == 0);
	assert_true(sched_size("99999999999999T") == 0);
}

static void test_meminfo(void **state)
{
	const char *from;

	assert_true(sched_meminfo("MemTotal:       24683652 kB\nMemFree:  1 kB\n"
	                          "MemAvailable:   24022852 kB\n", &from) == 24683652ULL * 1024);
	assert_string_equal(from, "MemTotal");
	assert_true(sched_meminfo("MemAvailable:   1024 kB\n", &from) == 1024ULL * 1024);
	assert_string_equal(from, "MemAvailable");
	assert_true(sched_meminfo("MemTotalX: 5 kB\n", &from) == 0);
	assert_null(from);
}

static struct sched plan(int jobs, unsigned long long per_link,
                         unsigned long long mem, int ncpu)
{
	struct sched s = {0};

	s.jobs = jobs;
	s.per_link = per_link;
	s.per_link_declared = per_link != 0;
	s.mem = mem;
	s.memfrom = mem ? "MemTotal" : NULL;
	s.ncpu = ncpu;
	sched_plan(&s);
	return s;
}

static void test_plan(void **state)
{
	struct sched s;
	char *why;

	/* the default: one build per core while 2 GiB each fit */
	s = plan(0, 0, 64 * GiB, 8);
	assert_int_equal(s.depth, 8);
	assert_int_equal(s.p, 1);
	/* memory binds: 6 GiB / 2 GiB */
	s = plan(0, 0, 6 * GiB, 8);
	assert_int_equal(s.depth, 3);
	assert_int_equal(s.p, 2);
	why = sched_why(&s);
	assert_non_null(strstr(why, "3 links fit in 6 GiB (MemTotal at generation) at 2 GiB each"));
	assert_non_null(strstr(why, "default estimate"));
	free(why);
	/* declared jobs bind */
	s = plan(2, 0, 64 * GiB, 8);
	assert_int_equal(s.depth, 2);
	assert_int_equal(s.p, 4);
	/* declared memory_per_link binds below jobs */
	s = plan(4, 4 * GiB, 8 * GiB, 16);
	assert_int_equal(s.depth, 2);
	assert_int_equal(s.p, 8);
	why = sched_why(&s);
	assert_non_null(strstr(why, "the smaller of jobs = 4 and 2 links fit"));
	assert_non_null(strstr(why, "(memory_per_link)"));
	free(why);
	/* not even one fits: one at a time, never 0 */
	s = plan(0, 8 * GiB, 4 * GiB, 2);
	assert_int_equal(s.depth, 1);
	assert_int_equal(s.p, 2);
	/* more builds than cores: -p is at least 1 */
	s = plan(16, 0, 0, 2);
	assert_int_equal(s.depth, 16);
	assert_int_equal(s.p, 1);
	why = sched_why(&s);
	assert_non_null(strstr(why, "memory is unknown"));
	free(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size),
		cmocka_unit_test(test_meminfo),
		cmocka_unit_test(test_plan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
