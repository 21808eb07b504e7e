#include <stdlib.h>
#include <string.h>
#include "cmocka.h"
#include "util.h"
#include "provenance.h"

static char *env[] = { "GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0" };
static char *defines[] = { "version=1.2.3" };

static void fill(struct prov *p, struct prov_file *subj, struct prov_file *rules,
                 struct prov_cell *cell)
{
	memset(p, 0, sizeof(*p));
	subj[0] = (struct prov_file){ "a.tar.gz", "" };
	subj[1] = (struct prov_file){ "SHA256SUMS", "" };
	memset(subj[0].sha256, 'a', 64);
	memset(subj[1].sha256, 'b', 64);
	rules[0] = (struct prov_file){ "goninja.lua", "" };
	memset(rules[0].sha256, 'c', 64);
	*cell = (struct prov_cell){ "out/linux_amd64/app", "linux/amd64", "go1.19.8",
		"GOOS=linux go build -o out/linux_amd64/app ./cmd/app", env, 3 };
	p->rulefile = "goninja.lua";
	p->commit = "0123456789abcdef0123456789abcdef01234567";
	p->defines = defines;
	p->ndefines = 1;
	p->subjects = subj;
	p->nsubjects = 2;
	p->rules = rules;
	p->nrules = 1;
	p->cells = cell;
	p->ncells = 1;
}

static void test_statement(void **state)
{
	struct prov_file subj[2], rules[1];
	struct prov_cell cell;
	struct prov p;
	struct buf a = {0}, b = {0};

	fill(&p, subj, rules, &cell);
	provenance_json(&a, &p);
	provenance_json(&b, &p);
	assert_string_equal(a.s, b.s);
	assert_non_null(strstr(a.s, "\"_type\": \"https://in-toto.io/Statement/v1\""));
	assert_non_null(strstr(a.s, "\"predicateType\": \"https://slsa.dev/provenance/v1\""));
	assert_non_null(strstr(a.s, "{\"name\": \"a.tar.gz\", \"digest\": {\"sha256\": \"aaaa"));
	assert_non_null(strstr(a.s, "\"digest\": {\"gitCommit\": \"0123456789abcdef"));
	assert_non_null(strstr(a.s, "{\"name\": \"goninja.lua\", \"digest\": {\"sha256\": \"cccc"));
	assert_non_null(strstr(a.s, "\"env\": [\"GOOS=linux\", \"GOARCH=amd64\", \"CGO_ENABLED=0\"]"));
	assert_non_null(strstr(a.s, "\"command\": \"GOOS=linux go build -o out/linux_amd64/app ./cmd/app\""));
	assert_non_null(strstr(a.s, "\"defines\": [\"version=1.2.3\"]"));
	buf_free(&b);
	p.commit = NULL;          /* outside git: no source entry, still JSON */
	provenance_json(&b, &p);
	assert_null(strstr(b.s, "gitCommit"));
	assert_non_null(strstr(b.s, "\"resolvedDependencies\": [\n        {\"name\": \"goninja.lua\""));
	buf_free(&a);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statement),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
