#include <stdlib.h>
#include <string.h>
#include "cmocka.h"
#include "util.h"
#include "sha256.h"
#include "sbom.h"

/* go version -m of a windows binary whose one dependency is replaced */
static const char info[] =
	"out/windows_amd64/app.exe: go1.19.8\n"
	"\tpath\texample.com/sb/cmd/app\n"
	"\tmod\texample.com/sb\t(devel)\t\n"
	"\tdep\texample.com/greet\tv1.0.0\th1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
	"\tdep\tgithub.com/google/uuid\tv1.3.0\n"
	"\t=>\t/usr/share/gocode/src/github.com/google/uuid\t(devel)\t\n"
	"\t\n"
	"\tbuild\t-compiler=gc\n"
	"\tbuild\t-tags=a,b\n"
	"\tbuild\t-gcflags=\"-N -l\"\n"
	"\tbuild\tCGO_ENABLED=0\n"
	"\tbuild\tGOOS=windows\n";

static void load(struct sbom *s)
{
	memset(s, 0, sizeof(*s));
	assert_int_equal(sbom_buildinfo(s, info), 0);
	s->name = "app";
	s->file = "app.exe";
	s->platform = "windows/amd64";
	s->project = "sb";
	s->version = "1.0.0";
	s->sha256 = "00ff";
	s->epoch = 1700000000;
}

static void test_sha256(void **state)
{
	char hex[65];

	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	/* 56 bytes: the padding spills into a second block */
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_buildinfo(void **state)
{
	struct sbom s;

	load(&s);
	assert_string_equal(s.gover, "go1.19.8");
	assert_string_equal(s.pkg, "example.com/sb/cmd/app");
	assert_string_equal(s.main.path, "example.com/sb");
	assert_int_equal(s.ndeps, 2);
	assert_string_equal(s.deps[0].sum, "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
	assert_null(s.deps[0].rpath);
	assert_string_equal(s.deps[1].rpath, "/usr/share/gocode/src/github.com/google/uuid");
	assert_null(s.deps[1].sum);
	assert_int_equal(s.settings.n, 5);
	assert_string_equal(s.settings.v[2], "-gcflags=-N -l");   /* unquoted */
	sbom_setting(&s, "-tags", "x");                          /* recorded: kept */
	sbom_setting(&s, "-ldflags", "-s -w");
	assert_int_equal(s.settings.n, 6);
	assert_string_equal(s.settings.v[5], "-ldflags=-s -w");
	sbom_free(&s);
}

static void test_not_buildinfo(void **state)
{
	struct sbom s = {0};

	assert_int_equal(sbom_buildinfo(&s, "hello\n"), -1);
	sbom_free(&s);
	memset(&s, 0, sizeof(s));
	assert_int_equal(sbom_buildinfo(&s, "x: go1.19\n\t=>\tx\tv1\n"), -1);
	sbom_free(&s);
}

static void test_crosscheck(void **state)
{
	struct strlist l = {0};
	struct sbom s;
	char *msg;

	load(&s);
	strlist_add(&l, xstrdup("main example.com/sb"));
	strlist_add(&l, xstrdup("example.com/greet@v1.0.0"));
	strlist_add(&l, xstrdup("github.com/google/uuid@v1.3.0 => /usr/share/gocode/src/github.com/google/uuid@"));
	strlist_sort(&l);
	assert_null(sbom_crosscheck(&s, &l));
	free(l.v[1]);        /* go list does not name uuid (say, a linux list) */
	l.v[1] = l.v[--l.n];
	msg = sbom_crosscheck(&s, &l);
	assert_non_null(strstr(msg, "the binary holds module github.com/google/uuid@v1.3.0 =>"));
	free(msg);
	strlist_add(&l, xstrdup("github.com/google/uuid@v1.3.0 => /usr/share/gocode/src/github.com/google/uuid@"));
	strlist_add(&l, xstrdup("example.com/extra@v2.0.0"));
	msg = sbom_crosscheck(&s, &l);
	assert_non_null(strstr(msg, "go list -deps names module example.com/extra@v2.0.0"));
	free(msg);
	strlist_free(&l);
	sbom_free(&s);
}

static void test_purl_uuid(void **state)
{
	char *p = sbom_purl("example.com/a b", "v1.0.0+incompatible"), *u;

	assert_string_equal(p, "pkg:golang/example.com/a%20b@v1.0.0%2Bincompatible");
	free(p);
	p = sbom_purl("example.com/sb", "(devel)");
	assert_string_equal(p, "pkg:golang/example.com/sb");
	free(p);
	u = sbom_uuid("abc", 3);   /* sha256 ba7816bf8f01cfea414140de5dae2223... */
	assert_string_equal(u, "urn:uuid:ba7816bf-8f01-5fea-8141-40de5dae2223");
	free(u);
}

static void test_documents(void **state)
{
	struct buf a = {0}, b = {0}, c = {0};
	struct sbom s;

	load(&s);
	sbom_spdx(&a, &s);
	sbom_spdx(&b, &s);
	assert_string_equal(a.s, b.s);       /* deterministic */
	assert_non_null(strstr(a.s, "\"spdxVersion\": \"SPDX-2.3\""));
	assert_non_null(strstr(a.s, "\"created\": \"2023-11-14T22:13:20Z\""));
	assert_non_null(strstr(a.s, "\"sourceInfo\": \"replaced by /usr/share/gocode/src/github.com/google/uuid\""));
	assert_non_null(strstr(a.s, "\"comment\": \"go.sum h1:AAAA"));
	assert_non_null(strstr(a.s, "\"comment\": \"build -gcflags=-N -l\""));
	assert_null(strstr(a.s, "@@"));
	s.sha256 = "00fe";                   /* other content, other namespace */
	sbom_spdx(&c, &s);
	assert_string_not_equal(strstr(a.s, "documentNamespace"), strstr(c.s, "documentNamespace"));
	buf_free(&a);
	sbom_cyclonedx(&a, &s);
	assert_non_null(strstr(a.s, "\"serialNumber\": \"urn:uuid:"));
	assert_non_null(strstr(a.s, "{\"name\": \"goninja:replaced-by\", \"value\": \"/usr/share/gocode/src/github.com/google/uuid\"}"));
	assert_non_null(strstr(a.s, "\"purl\": \"pkg:golang/example.com/greet@v1.0.0\""));
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	sbom_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_buildinfo),
		cmocka_unit_test(test_not_buildinfo),
		cmocka_unit_test(test_crosscheck),
		cmocka_unit_test(test_purl_uuid),
		cmocka_unit_test(test_documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
