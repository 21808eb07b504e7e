/* tests for image: the OCI JSON goninja writes, byte for byte, and the
 * layer and layout image_main writes, the same twice */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmocka.h"
#include "util.h"
#include "image.h"

static char *platform(const char *p)
{
	struct buf b = {0};

	if (!image_platform_json(&b, p)) {
		buf_free(&b);
		return NULL;
	}
	return b.s;
}

static void test_platform(void **state)
{
	char *s = platform("linux/arm/v7");

	/* OCI: arm/v7 is architecture "arm", variant "v7" */
	assert_string_equal(s, "{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}");
	free(s);
	s = platform("linux/arm64");
	assert_string_equal(s, "{\"architecture\":\"arm64\",\"os\":\"linux\"}");
	free(s);
	assert_null(platform("linux"));
	assert_null(platform("linux/"));
	assert_null(platform("/amd64"));
	assert_null(platform("linux/arm/"));
}

static void test_config(void **state)
{
	struct image_config c = {.platform = "linux/arm/v7", .mtime = 1700000000};
	struct buf b = {0};

	strlist_add(&c.env, xstrdup("PATH=/usr/local/bin"));
	strlist_add(&c.entrypoint, xstrdup("/usr/local/bin/server"));
	strlist_add(&c.cmd, xstrdup("say \"hi\""));
	strlist_add(&c.labels, xstrdup("a=b=c"));
	image_config_json(&b, &c, "sha256:00");
	assert_string_equal(b.s,
	    "{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\",\"config\":{"
	    "\"Env\":[\"PATH=/usr/local/bin\"],\"Entrypoint\":[\"/usr/local/bin/server\"],"
	    "\"Cmd\":[\"say \\\"hi\\\"\"],\"Labels\":{\"a\":\"b=c\"}},"
	    "\"created\":\"2023-11-14T22:13:20Z\",\"history\":[{\"created\":"
	    "\"2023-11-14T22:13:20Z\",\"created_by\":\"goninja image\"}],"
	    "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:00\"]}}");
	buf_free(&b);
	strlist_free(&c.env);
	strlist_free(&c.entrypoint);
	strlist_free(&c.cmd);
	strlist_free(&c.labels);
}

static void test_manifest(void **state)
{
	struct buf b = {0};

	image_manifest_json(&b, "sha256:c", 12, "sha256:l", 34);
	assert_string_equal(b.s,
	    "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
	    "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
	    "\"digest\":\"sha256:c\",\"size\":12},\"layers\":[{\"mediaType\":"
	    "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:l\",\"size\":34}]}");
	buf_free(&b);
}

static int run(char **args)
{
	int n = 0;

	while (args[n])
		n++;
	return image_main(n, args);
}

static size_t slurped;   /* the size of what slurp read last */

static char *slurp(const char *path)
{
	return file_read(path, 0, &slurped, NULL);
}

/* the same layer and layout from two runs; a stale blob is pruned */
static void test_layout_twice(void **state)
{
	char dir[] = "/tmp/goninja-image.XXXXXX";
	char *first, *second, *stale;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	f = fopen("bin", "w");
	fputs("#!/bin/sh\necho hi\n", f);
	fclose(f);
	chmod("bin", 0755);
	char *layer[] = {"image", "layer", "--out", "p", "--platform", "linux/arm/v7", "--mtime", "5",
		"--label", "z=1", "--label", "a=2", "bin=usr/local/bin/x", NULL};
	char *index[] = {"image", "index", "--layout", "lay", "--archive", "lay.tar", "--tag", "1.0",
		"--mtime", "5", "linux/arm/v7=p", NULL};
	assert_int_equal(run(layer), 0);
	assert_int_equal(run(index), 0);
	first = slurp("lay.tar");
	assert_non_null(first);
	size_t n = slurped;
	/* labels sorted by key, whatever the order given */
	char *cfg = slurp("p/config.json");
	assert_non_null(strstr(cfg, "\"Labels\":{\"a\":\"2\",\"z\":\"1\"}"));
	free(cfg);
	stale = xconcat("lay/blobs/sha256/", "0000", NULL);
	f = fopen(stale, "w");
	fclose(f);
	assert_int_equal(run(layer), 0);
	assert_int_equal(run(index), 0);
	second = slurp("lay.tar");
	assert_int_equal(n, slurped);
	assert_memory_equal(first, second, n);
	assert_int_equal(access(stale, F_OK), -1);
	char *bad[] = {"image", "index", "--layout", "lay", "--archive", "lay.tar", "--tag", "1.0",
		"linux=p", NULL};
	assert_int_equal(run(bad), 1);
	char *nofiles[] = {"image", "layer", "--out", "p", "--platform", "linux/amd64", NULL};
	assert_int_equal(run(nofiles), 2);
	/* a link planted for the blobs directory is refused, not followed */
	assert_int_equal(system("rm -rf lay/blobs/sha256 && mkdir elsewhere && "
	                        "ln -s ../../elsewhere lay/blobs/sha256"), 0);
	assert_int_equal(run(index), 1);
	assert_int_equal(system("test -z \"$(ls elsewhere)\""), 0);
	free(first);
	free(second);
	free(stale);
	assert_int_equal(system("rm -rf lay lay.tar p bin elsewhere"), 0);
	assert_int_equal(chdir("/"), 0);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_platform),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_manifest),
		cmocka_unit_test(test_layout_twice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
