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

/* cells grouped by platform or binary, one job per group */
static struct job *group_jobs(const struct gen *g, bool by_binary, size_t *njobs)
{
	const struct cell **v = xcalloc(g->ncells, sizeof(*v));
	struct job *jobs = xcalloc(g->ncells + 1, sizeof(*jobs));

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
		if (c->bin->buildmode <= MODE_PIE)
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

	job_needs(j, &cc, &emu);
	job_targets(j, p, &t);
	if (json) {
		printf("%s\n    {\"name\": ", first ? "" : ",");
		json_str(j->name);
		if (!sharded) {
			printf(", \"target\": ");
			json_str(j->name);
		}
		if (j->n && !sharded) {
			printf(", \"goos\": ");
			json_str(j->cells[0]->plat->os);
			printf(", \"goarch\": ");
			json_str(j->cells[0]->plat->arch);
		}
		if (archive) {
			printf(", \"archive\": ");
			json_str(archive);
		}
		printf(", \"cells\": %zu, \"tests\": %zu", j->n, j->ntests);
		json_list("cc", &cc);
		json_list("qemu", &emu);
		json_list("targets", &t);
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
	puts("usage: goninja matrix [--json] [--by platform|binary] [--shards N]\n"
	     "       goninja matrix --shard I/N [--targets] [--json]\n"
	     "The CI job list: one job per platform (or binary), or N balanced,\n"
	     "disjoint shards whose union is every cell. --targets prints shard I's\n"
	     "ninja targets on one line: ninja $(goninja matrix --shard 2/4 --targets).\n"
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
	if (!o->shard && !o->shards && !o->by_binary)
		print_universal(g, o->json, lo == hi);
	if (o->json)
		puts("\n]}");
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
	return 0;
}
