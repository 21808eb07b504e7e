#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "flags.h"
#include "gen.h"
#include "release.h"
#include "gotool.h"
#include "sha256.h"
#include "affected.h"
#include "matrix.h"

struct job {
	char *name;                    /* the ninja target or shard name */
	const struct cell **cells;
	size_t n;
	const struct cell **tests;     /* go_test cells it runs: a platform's */
	size_t ntests;
};

struct matrix_opts {
	struct genopts gen;
	bool json, targets, by_binary;
	long shard, shards;            /* shard 0: all of them */
	const char *affected;          /* a git revision: only the cells changed since */
};

static void json_str(const char *s)
{
	struct buf b = {0};

	buf_json(&b, s);
	fputs(b.s, stdout);
	buf_free(&b);
}

static int by_platform(const void *a, const void *b)
{
	const struct cell *x = *(const struct cell *const *)a;
	const struct cell *y = *(const struct cell *const *)b;
	int c = strcmp(x->plat->dir, y->plat->dir);

	return c ? c : strcmp(x->bin->name, y->bin->name);
}

/* a platform job runs that platform's go_test cells too */
static void platform_tests(const struct gen *g, struct job *j)
{
	for (size_t i = 0; i < g->ntests; i++)
		if (strcmp(g->tests[i].plat->dir, j->name) == 0) {
			j->tests = xrealloc(j->tests, (j->ntests + 1) * sizeof(*j->tests));
			j->tests[j->ntests++] = &g->tests[i];
		}
}

/* a job per platform that has go_test cells but no cells to build (with
 * --affected, a change to a _test.go file) */
static void test_only_jobs(const struct gen *g, const struct cell **none,
                           struct job *jobs, size_t *njobs)
{
	for (size_t i = 0; i < g->ntests; i++) {
		const char *dir = g->tests[i].plat->dir;
		bool have = false;
		for (size_t k = 0; k < *njobs && !have; k++)
			have = strcmp(jobs[k].name, dir) == 0;
		if (have)
			continue;
		jobs[*njobs] = (struct job){xstrdup(dir), none, 0, NULL, 0};
		platform_tests(g, &jobs[(*njobs)++]);
	}
}

/* cells grouped by platform or binary, one job per group */
static struct job *group_jobs(const struct gen *g, bool by_binary, size_t *njobs)
{
	const struct cell **v = xcalloc(g->ncells + 1, sizeof(*v));
	struct job *jobs = xcalloc(g->ncells + g->ntests + 1, sizeof(*jobs));

	for (size_t i = 0; i < g->ncells; i++)
		v[i] = &g->cells[i];
	if (!by_binary)
		qsort(v, g->ncells, sizeof(*v), by_platform);
	*njobs = 0;
	for (size_t i = 0, j; i < g->ncells; i = j) {
		const char *key = by_binary ? v[i]->bin->name : v[i]->plat->dir;
		for (j = i + 1; j < g->ncells; j++)
			if (strcmp(by_binary ? v[j]->bin->name : v[j]->plat->dir, key) != 0)
				break;
		jobs[*njobs] = (struct job){xstrdup(key), v + i, j - i, NULL, 0};
		if (!by_binary)
			platform_tests(g, &jobs[*njobs]);
		(*njobs)++;
	}
	if (!by_binary)
		test_only_jobs(g, v + g->ncells, jobs, njobs);
	if (*njobs == 0)
		free(v);
	return jobs;
}

/* n contiguous, disjoint shards of the platform-sorted cells: a platform's
 * cells stay together where they can, so each job compiles few std libraries */
static struct job *shard_jobs(const struct gen *g, long n)
{
	const struct cell **v = xcalloc(g->ncells, sizeof(*v));
	struct job *jobs = xcalloc((size_t)n, sizeof(*jobs));

	for (size_t i = 0; i < g->ncells; i++)
		v[i] = &g->cells[i];
	qsort(v, g->ncells, sizeof(*v), by_platform);
	for (long k = 0; k < n; k++) {
		size_t lo = g->ncells * (size_t)k / (size_t)n;
		size_t hi = g->ncells * (size_t)(k + 1) / (size_t)n;
		jobs[k] = (struct job){xasprintf("shard-%ld-of-%ld", k + 1, n), v + lo,
		                       hi - lo, NULL, 0};
	}
	return jobs;
}

/* the ninja targets of a job: outputs and, where checked, their stamps;
 * then the logs of the tests it runs */
static void job_targets(const struct job *j, const struct project *p, struct strlist *t)
{
	for (size_t i = 0; i < j->n; i++) {
		const struct cell *c = j->cells[i];
		strlist_add(t, xstrdup(c->out));
		if (model_checked(p) && c->bin->buildmode <= MODE_PIE)
			strlist_add(t, xconcat(p->out, "/.verify/", c->plat->dir,
			                       strrchr(c->out, '/'), NULL));
	}
	for (size_t i = 0; i < j->ntests; i++)
		strlist_add(t, xstrdup(j->tests[i]->out));
}

static void add_new(struct strlist *l, const char *s)
{
	if (s && !strlist_has(l, s))
		strlist_add(l, xstrdup(s));
}

/* the distinct C compilers a job needs, and the qemu programs its tests
 * run under: building for a foreign arch needs no qemu */
static void job_needs(const struct job *j, struct strlist *cc, struct strlist *emu)
{
	for (size_t i = 0; i < j->n; i++)
		add_new(cc, j->cells[i]->cc);
	for (size_t i = 0; i < j->ntests; i++) {
		add_new(cc, j->tests[i]->cc);
		add_new(emu, j->tests[i]->runner);
	}
}

/* the go.sum files of the job's builds, digested: "sum-" and 16 hex
 * digits, "nosum" when none has one */
static char *sum_digest(const struct job *j)
{
	struct strlist sums = {0}, mods = {0};
	struct sha256 h;
	unsigned char d[32];
	char hex[65], *out;

	for (size_t i = 0; i < j->n + j->ntests; i++) {
		const struct cell *c = i < j->n ? j->cells[i] : j->tests[i - j->n];
		gotool_modfiles(c->bin->dir, &mods);
		for (size_t k = 0; k < mods.n; k++) {
			const char *base = strrchr(mods.v[k], '/');
			if (strcmp(base ? base + 1 : mods.v[k], "go.sum") == 0)
				add_new(&sums, mods.v[k]);
		}
		strlist_free(&mods);
	}
	if (!sums.n)
		return xstrdup("nosum");
	strlist_sort(&sums);
	sha256_init(&h);
	for (size_t i = 0; i < sums.n; i++) {
		if (sha256_file(sums.v[i], hex) != 0)
			strcpy(hex, "unreadable");
		sha256_update(&h, sums.v[i], strlen(sums.v[i]) + 1);
		sha256_update(&h, hex, strlen(hex) + 1);
	}
	sha256_final(&h, d);
	out = xasprintf("sum-%02x%02x%02x%02x%02x%02x%02x%02x", d[0], d[1], d[2], d[3],
	                d[4], d[5], d[6], d[7]);
	strlist_free(&sums);
	return out;
}

/* a CI cache key for the job: goninja, the Go versions, the job (its
 * platform), the go.sum digest: cells that differ in any never share */
static char *cache_key(const struct job *j)
{
	struct strlist vers = {0};
	struct buf k = {0};
	char *sum = sum_digest(j);

	for (size_t i = 0; i < j->n + j->ntests; i++) {
		const struct cell *c = i < j->n ? j->cells[i] : j->tests[i - j->n];
		add_new(&vers, c->bin->go->version ? c->bin->go->version : "go-unknown");
	}
	strlist_sort(&vers);
	buf_puts(&k, "goninja");
	for (size_t i = 0; i < vers.n; i++)
		buf_printf(&k, "-%s", vers.v[i]);
	buf_printf(&k, "-%s-%s", j->name, sum);
	free(sum);
	strlist_free(&vers);
	return k.s;
}

static void json_list(const char *key, const struct strlist *l)
{
	printf(", \"%s\": [", key);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			printf(", ");
		json_str(l->v[i]);
	}
	putchar(']');
}

static void print_job(const struct job *j, const struct project *p, bool json,
                      bool sharded, bool first, const char *archive)
{
	struct strlist cc = {0}, emu = {0}, t = {0};
	char *key;

	job_needs(j, &cc, &emu);
	job_targets(j, p, &t);
	if (json) {
		printf("%s\n    {\"name\": ", first ? "" : ",");
		json_str(j->name);
		if (!sharded) {
			printf(", \"target\": ");
			json_str(j->name);
		}
		if ((j->n || j->ntests) && !sharded) {
			const struct platform *pl = j->n ? j->cells[0]->plat : j->tests[0]->plat;
			printf(", \"goos\": ");
			json_str(pl->os);
			printf(", \"goarch\": ");
			json_str(pl->arch);
		}
		if (archive) {
			printf(", \"archive\": ");
			json_str(archive);
		}
		printf(", \"cells\": %zu, \"tests\": %zu", j->n, j->ntests);
		json_list("cc", &cc);
		json_list("qemu", &emu);
		json_list("targets", &t);
		key = cache_key(j);
		printf(", \"cache_key\": ");
		json_str(key);
		free(key);
		putchar('}');
	} else {
		printf("%s\t%zu cells", j->name, j->n);
		if (j->ntests)
			printf("\t%zu tests", j->ntests);
		for (size_t i = 0; i < cc.n; i++)
			printf("\tcc=%s", cc.v[i]);
		for (size_t i = 0; i < emu.n; i++)
			printf("\tqemu=%s", emu.v[i]);
		putchar('\n');
	}
	strlist_free(&cc);
	strlist_free(&emu);
	strlist_free(&t);
}

static void usage(void)
{
	puts("usage: goninja matrix [--json] [--by platform|binary] [--shards N] [--affected REV]\n"
	     "       goninja matrix --shard I/N [--targets] [--json]\n"
	     "The CI job list: one job per platform (or binary), or N balanced,\n"
	     "disjoint shards whose union is every cell. --targets prints shard I's\n"
	     "ninja targets on one line: ninja $(goninja matrix --shard 2/4 --targets).\n"
	     "--affected REV: only the cells and tests whose inputs changed since the\n"
	     "git revision REV (goninja affected --since REV).\n"
	     "Rule-file options as for goninja gen (-C, -f, -D).");
}

static long parse_shard(const char *s, long *n)
{
	char *end;
	long i = strtol(s, &end, 10);
	const char *d = end + 1;

	if (*s < '0' || *s > '9' || *end != '/' || i < 1)
		fatal("--shard takes I/N with 1 <= I <= N, not \"%s\"", s);
	*n = strtol(d, &end, 10);
	if (*d < '0' || *d > '9' || *end || *n < i || *n > 1000)
		fatal("--shard takes I/N with 1 <= I <= N <= 1000, not \"%s\"", s);
	return i;
}

/* matrix options, then the generator's; leaves the rest to gen_options */
static int parse(int argc, char **argv, struct matrix_opts *o, struct strlist *rest)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage();
			return 0;
		} else if (strcmp(a, "--json") == 0) {
			o->json = true;
		} else if (strcmp(a, "--targets") == 0) {
			o->targets = true;
		} else if (strcmp(a, "--by") == 0 && i + 1 < argc) {
			a = argv[++i];
			if (strcmp(a, "binary") != 0 && strcmp(a, "platform") != 0)
				fatal("--by takes platform or binary, not \"%s\"", a);
			o->by_binary = strcmp(a, "binary") == 0;
		} else if (strcmp(a, "--affected") == 0 && i + 1 < argc) {
			o->affected = argv[++i];
		} else if (strcmp(a, "--shard") == 0 && i + 1 < argc) {
			o->shard = parse_shard(argv[++i], &o->shards);
		} else if (strcmp(a, "--shards") == 0 && i + 1 < argc) {
			char *end, *v = argv[++i];
			o->shards = strtol(v, &end, 10);
			if (*v < '0' || *v > '9' || *end || o->shards < 1 || o->shards > 1000)
				fatal("--shards takes a number from 1 to 1000, not \"%s\"", v);
		} else {
			strlist_add(rest, xstrdup(a));
		}
	}
	return 1;
}

/* a platform job's release archive, when the project declares a release */
static char *job_archive(const struct gen *g, const struct matrix_opts *o,
                         const struct job *j)
{
	const struct release *r = &g->proj->release;
	char *name, *path;

	if (!r->where.file || o->shards || o->by_binary || !j->n)
		return NULL;
	for (size_t i = 0; i < j->n; i++) {
		const struct binary *b = j->cells[i]->bin;
		if (r->binaries.n == 0 || strlist_has(&r->binaries, b->name)) {
			name = release_archive(g, j->cells[0]->plat);
			path = xconcat(g->proj->out, "/release/", name, NULL);
			free(name);
			return path;
		}
	}
	return NULL;
}

/* one more job for macOS universal binaries: both darwin slices, lipo */
static void print_universal(const struct gen *g, bool json, bool first)
{
	const struct project *p = g->proj;
	struct buf t = {0};
	char *archive = NULL;

	for (size_t i = 0; i < p->nbins; i++)
		if (p->bins[i].universal)
			buf_printf(&t, "%s%s/darwin_all/%s", t.len ? " " : "", p->out,
			           p->bins[i].name);
	if (!t.len)
		return;
	if (p->release.where.file) {
		char *name = release_archive(g, NULL);
		archive = xconcat(p->out, "/release/", name, NULL);
		free(name);
	}
	if (json) {
		printf("%s\n    {\"name\": \"darwin_all\", \"target\": ", first ? "" : ",");
		json_str(t.s);
		if (archive) {
			printf(", \"archive\": ");
			json_str(archive);
		}
		printf(", \"cc\": [], \"qemu\": []}");
	} else {
		printf("darwin_all\t%s\n", t.s);
	}
	free(archive);
	buf_free(&t);
}

static void print_jobs(const struct gen *g, const struct matrix_opts *o,
                       struct job *jobs, size_t n)
{
	bool sharded = o->shards > 0;
	size_t lo = o->shard ? (size_t)o->shard - 1 : 0, hi = o->shard ? lo + 1 : n;

	if (o->targets) {
		struct strlist t = {0};
		for (size_t k = lo; k < hi; k++)
			job_targets(&jobs[k], g->proj, &t);
		for (size_t i = 0; i < t.n; i++)
			printf("%s%s", i ? " " : "", t.v[i]);
		putchar('\n');
		strlist_free(&t);
		return;
	}
	if (o->json)
		printf("{\"include\": [");
	for (size_t k = lo; k < hi; k++) {
		char *archive = job_archive(g, o, &jobs[k]);
		print_job(&jobs[k], g->proj, o->json, sharded, k == lo, archive);
		free(archive);
	}
	if (!o->shard && !o->shards && !o->by_binary && !o->affected)
		print_universal(g, o->json, lo == hi);
	if (o->json)
		puts("\n]}");
}

/* keep only g's cells and tests that changed files since rev touch; the
 * dropped ones are freed here, so gen_free sees only the kept ones */
static void keep_affected(struct gen *g, const char *rev, const char *ninjafile)
{
	struct strlist changed = {0}, added = {0};
	const char *how;
	bool *marks;
	size_t k = 0, t = 0;

	affected_changed(rev, &changed, &added);
	marks = affected_mark(g, &changed, &added, ninjafile, &how);
	for (size_t i = 0; i < g->ncells; i++) {
		if (marks[i])
			g->cells[k++] = g->cells[i];
		else
			flags_free(&g->cells[i]);
	}
	for (size_t i = 0; i < g->ntests; i++) {
		if (marks[g->ncells + i])
			g->tests[t++] = g->tests[i];
		else
			flags_free(&g->tests[i]);
	}
	g->ncells = k;
	g->ntests = t;
	free(marks);
	strlist_free(&changed);
	strlist_free(&added);
}

int matrix_main(int argc, char **argv)
{
	struct matrix_opts o = {0};
	struct strlist rest = {0};
	struct job *jobs;
	struct gen g;
	size_t n;

	if (!parse(argc, argv, &o, &rest))
		return 0;
	o.gen = (struct genopts)GENOPTS_DEFAULT;
	gen_options(&o.gen, (int)rest.n, rest.v, NULL);
	gen_recorded_defines(&o.gen);
	gen_load(&g, &o.gen);
	if (o.affected)
		keep_affected(&g, o.affected, o.gen.output);
	if (o.shards)
		jobs = shard_jobs(&g, o.shards), n = (size_t)o.shards;
	else
		jobs = group_jobs(&g, o.by_binary, &n);
	print_jobs(&g, &o, jobs, n);
	if (n)
		free(jobs[0].cells);
	for (size_t k = 0; k < n; k++) {
		free(jobs[k].name);
		free(jobs[k].tests);
	}
	free(jobs);
	strlist_free(&rest);
	gen_free(&g);
	free(o.gen.defines);
	return 0;
}
