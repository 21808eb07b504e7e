#define _DEFAULT_SOURCE   /* d_type: a directory's links without an lstat each */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <lua.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "flags.h"
#include "gotool.h"
#include "host.h"
#include "ninja.h"
#include "outfile.h"
#include "gen.h"
#include "sched.h"
#include "diag.h"
#include "pkgdir.h"

/* a whole number from 1 to max, or exit with the option's range */
static long number(const char *flag, const char *s, long max)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || errno || n < 1 || n > max)
		fatal("%s takes a whole number from 1 to %ld, not \"%s\"", flag, max, s);
	return n;
}

static const char *valued[] = {
	"-C", "-f", "-o", "-D", "--max-steps", "--max-memory", "--max-seconds",
};

static int takes_value(const char *a)
{
	for (size_t i = 0; i < sizeof(valued) / sizeof(*valued); i++)
		if (strcmp(a, valued[i]) == 0)
			return 1;
	return 0;
}

/* a line break in a path or a -D would end a line of build.ninja (the
 * regeneration edge repeats them): refuse it, shown escaped (argv holds
 * no NUL) */
static void one_line(const char *a, const char *v)
{
	struct buf esc = {0};

	if (!strpbrk(v, "\n\r"))
		return;
	diag_escape(&esc, v);
	fatal("%s \"%s\" holds a line break, which build.ninja cannot carry", a, esc.s);
}

/* whether path is absolute or has a ".." component */
static int leaves(const char *path)
{
	for (const char *s = path; *s; s += strcspn(s, "/"), s += *s == '/')
		if (strncmp(s, "..", 2) == 0 && (s[2] == '/' || s[2] == '\0'))
			return 1;
	return path[0] == '/';
}

static void option(struct genopts *o, const char *a, const char *v)
{
	if (strncmp(a, "--max-", 6) != 0)
		one_line(a, v);
	if (strcmp(a, "-C") == 0) {
		if (chdir(v) < 0)
			fatal("-C %s:", v);
	} else if (strcmp(a, "-f") == 0) {
		if (leaves(v))
			fatal("-f %s: the rule file must be inside the project directory, "
			      "named relative to it without \"..\" (to generate for another "
			      "directory, run goninja -C DIR)", v);
		o->rulefile = v;
	} else if (strcmp(a, "-o") == 0) {
		o->output = v;
	} else if (strcmp(a, "-D") == 0) {
		if (!strchr(v, '=') || v[0] == '=')
			fatal("-D takes name=value, not \"%s\"", v);
		o->defines = xrealloc(o->defines, (o->ndefines + 1) * sizeof(char *));
		o->defines[o->ndefines++] = (char *)v;
	} else if (strcmp(a, "--max-steps") == 0) {
		o->max_steps = number(a, v, GENOPTS_MAX_STEPS);
	} else if (strcmp(a, "--max-seconds") == 0) {
		o->max_seconds = number(a, v, GENOPTS_MAX_SECONDS);
	} else {
		o->max_bytes = (size_t)number(a, v, GENOPTS_MAX_MIB) << 20;
	}
}

void gen_options(struct genopts *o, int argc, char **argv, struct strlist *pos)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' && pos)
			strlist_add(pos, xstrdup(a));
		else if (a[0] != '-')
			fatal("unexpected argument \"%s\" (goninja --help)", a);
		else if (!takes_value(a))
			fatal("unknown option %s (goninja --help)", a);
		else if (i + 1 == argc)
			fatal("%s needs a value (goninja --help)", a);
		else
			option(o, a, argv[++i]);
	}
}

static void warn_tools(const struct project *p)
{
	for (size_t i = 0; i < p->ntools; i++) {
		const struct gotool *t = &p->tools[i];
		if (!t->path)
			warn("%s: Go command not found: generating for Go 1.19 and later "
			     "(install golang-go, or name one with project { go = ... })",
			     t->cmd);
		else if (!t->version)
			warn("%s: could not read its version (go env GOVERSION)", t->path);
	}
}

/* once per C compiler that cgo cells need and PATH lacks */
static void warn_compilers(const struct gen *g)
{
	struct strlist seen = {0};

	for (size_t i = 0; i < g->ncells; i++) {
		const struct cell *c = &g->cells[i];
		char *path;
		if (!c->cc || strlist_has(&seen, c->cc))
			continue;
		strlist_add(&seen, xstrdup(c->cc));
		if ((path = gotool_which(c->cc))) {
			free(path);
			continue;
		}
		if (c->ccpkg)
			warn("%s not found: cgo for %s needs it (apt-get install %s)",
			     c->cc, c->plat->name, c->ccpkg);
		else
			warn("%s not found: cgo for %s needs it", c->cc, c->plat->name);
	}
	strlist_free(&seen);
}

/* the per-binary stage: what no cell of b can give, once its Go is known */
static void check_binary(const struct binary *b)
{
	const char *key;
	char *err = flags_check(b, &key);

	if (err)
		model_fail_at(&b->where, key, "%s \"%s\": %s",
		              b->test ? "go_test" : "go_binary", b->name, err);
}

static void compute_tests(struct gen *g)
{
	struct project *p = g->proj;
	size_t n = 0;
	char *err;

	for (size_t i = 0; i < p->ntests; i++)
		n += p->tests[i].nplats;
	g->tests = xcalloc(n, sizeof(*g->tests));
	for (size_t i = 0; i < p->ntests; i++) {
		struct binary *t = &p->tests[i];
		check_binary(t);
		for (size_t j = 0; j < t->nplats; j++) {
			struct cell *c = &g->tests[g->ntests++];
			if ((err = flags_cell(c, t, &t->plats[j], p)))
				model_fail_at(&t->where, c->key, "go_test \"%s\" on %s: %s", t->name,
				           t->plats[j].name, err);
		}
	}
}

/* the cells of b, at g->cells + g->ncells, and its dev cell; like: the
 * cells of an earlier binary with b's share key, or NULL */
static void binary_cells(struct gen *g, struct binary *b, const struct cell *like,
                         const struct cell *like_dev)
{
	struct project *p = g->proj;
	char *err;

	for (size_t j = 0; j < b->nplats; j++) {
		struct cell *c = &g->cells[g->ncells++];
		if (like)
			flags_cell_like(c, b, &b->plats[j], p, &like[j]);
		else if ((err = flags_cell(c, b, &b->plats[j], p)))
			model_fail_at(&b->where, c->key, "go_binary \"%s\" on %s: %s", b->name,
			           b->plats[j].name, err);
		if (c->warning)
			model_warn_at(&b->where, c->key, "go_binary \"%s\": %s", b->name,
			              c->warning);
	}
	if (like_dev)
		flags_cell_like(&g->dev[g->ndev], b, NULL, p, like_dev);
	else if ((err = flags_dev(&g->dev[g->ndev], b, p)))
		model_fail_at(&b->where, g->dev[g->ndev].key, "go_binary \"%s\": %s",
		              b->name, err);
	g->ndev++;
}

/* binaries declared alike (a loop in the rule file) share their cells'
 * flags: each kind is computed once, per platform */
static void compute_cells(struct gen *g)
{
	struct project *p = g->proj;
	struct intern kinds = {0};
	size_t n = 0;
	struct { size_t cell, dev; } *first = xcalloc(p->nbins, sizeof(*first));

	for (size_t i = 0; i < p->nbins; i++)
		n += p->bins[i].nplats;
	g->cells = xcalloc(n, sizeof(*g->cells));
	g->dev = xcalloc(p->nbins, sizeof(*g->dev));
	for (size_t i = 0; i < p->nbins; i++) {
		struct binary *b = &p->bins[i];
		char *key = flags_share_key(b);
		size_t had = kinds.list.n, k = key ? intern_add(&kinds, key) : 0;
		bool seen = key && kinds.list.n == had;
		check_binary(b);
		if (key && !seen) {   /* the first of its kind: the cells its kind shares */
			first[k].cell = g->ncells;
			first[k].dev = g->ndev;
		}
		binary_cells(g, b, seen ? &g->cells[first[k].cell] : NULL,
		             seen ? &g->dev[first[k].dev] : NULL);
		free(key);
	}
	intern_free(&kinds);
	free(first);
	compute_tests(g);
	warn_compilers(g);
}

static int cmpbin(const void *a, const void *b)
{
	return strcmp(((const struct binary *)a)->name, ((const struct binary *)b)->name);
}

/* by output, then emission order */
static int by_out(const void *a, const void *b)
{
	const struct cell *x = *(const struct cell *const *)a;
	const struct cell *y = *(const struct cell *const *)b;
	int c = strcmp(x->out, y->out);

	return c ? c : (x < y ? -1 : x > y);
}

/* names ninja must see once: each output, and the phony of each binary
 * and of each platform (bins are sorted by name) */
static void check_targets(const struct gen *g)
{
	const struct project *p = g->proj;
	const struct cell **v = xcalloc(g->ncells, sizeof(*v));
	bool *seen = xcalloc(p->nplats + 1, sizeof(*seen));   /* the matrix's, looked up */
	const struct binary *b;
	size_t at = 0;

	/* cells are laid out binary by binary, in platform order */
	for (size_t k = 0; k < p->nbins; k++)
		for (size_t j = 0; j < p->bins[k].nplats; j++, at++) {
			const struct platform *pl = g->cells[at].plat;
			bool matrix = !p->bins[k].own_plats && j < p->nplats;
			v[at] = &g->cells[at];
			if (matrix && seen[j])
				continue;
			if (matrix)   /* a binary's own list may be longer than the matrix */
				seen[j] = true;
			b = bsearch(&(struct binary){.name = pl->dir}, p->bins, p->nbins,
			            sizeof(*p->bins), cmpbin);
			if (b)
				model_fail_at(&b->where, "name", "go_binary \"%s\": the name is "
				           "also the target of platform %s", b->name, pl->name);
		}
	free(seen);
	qsort(v, g->ncells, sizeof(*v), by_out);
	for (size_t i = 1; i < g->ncells; i++)
		if (strcmp(v[i - 1]->out, v[i]->out) == 0)
			model_fail_at(&v[i]->bin->where, "name", "go_binary \"%s\" on %s: its output "
			           "%s is also the output of go_binary \"%s\" (%s:%d)",
			           v[i]->bin->name, v[i]->plat->name, v[i]->out,
			           v[i - 1]->bin->name, v[i - 1]->bin->where.file,
			           v[i - 1]->bin->where.line);
	free(v);
}

/* each main and go_test package, on disk: last, so that what can be said
 * of the rule file alone is said first */
static void check_mains(const struct project *p)
{
	char *msg;

	for (size_t i = 0; i < p->nbins; i++)
		if ((msg = pkgdir_check("main", p->bins[i].dir, p->bins[i].main, true)))
			model_fail_at(&p->bins[i].where, "main", "go_binary \"%s\": %s",
			              p->bins[i].name, msg);
	for (size_t i = 0; i < p->ntests; i++)
		for (size_t j = 0; j < p->tests[i].packages.n; j++)
			if ((msg = pkgdir_check("package", p->tests[i].dir,
			                        p->tests[i].packages.v[j], false)))
				model_fail_at(&p->tests[i].where, "packages", "go_test \"%s\": %s",
				              p->tests[i].name, msg);
}

/* each platform against the Go that builds it: every one it lacks, once
 * per declaration */
static void check_ports(const struct project *p)
{
	struct strlist seen = {0};
	bool *said = xcalloc(p->ntools, sizeof(*said));   /* per Go: the matrix checked */
	bool bad = false;
	char *why, *key, at[24];

	for (size_t i = 0; i < p->nbins + p->ntests; i++) {
		const struct binary *b = i < p->nbins ? &p->bins[i] : &p->tests[i - p->nbins];
		const struct loc *w = b->own_plats ? &b->where : &p->plats_where;
		if (!b->own_plats && said[b->go - p->tools])
			continue;   /* the project's matrix, with this Go: said once */
		said[b->go - p->tools] = !b->own_plats;
		for (size_t j = 0; j < b->nplats; j++) {
			char *osarch = xconcat(b->plats[j].os, "/", b->plats[j].arch, NULL);
			if ((why = gotool_cannot(b->go, osarch))) {
				key = xasprintf("%s:%d %s %s", w->file, w->line, osarch, b->go->cmd);
				if (!strlist_has(&seen, key)) {
					snprintf(at, sizeof(at), "%zu", j + 1);
					model_error_at(w, b->own_plats ? "platforms" : at,
					               "platform \"%s\": %s", b->plats[j].name, why);
					bad = true;
				}
				strlist_add(&seen, key);
				free(why);
			}
			free(osarch);
		}
	}
	strlist_free(&seen);
	free(said);
	if (bad)
		exit(1);
}

static char *srcdir(void)
{
	const char *s = getenv("GONINJA_SRCDIR");

	return s && *s ? xstrdup(s) : NULL;
}

/* a missing rule file is a first run more often than a typo: say what to do */
static void need_rulefile(const char *rulefile)
{
	if (access(rulefile, F_OK) == 0 || errno != ENOENT)
		return;
	if (strcmp(rulefile, "goninja.lua") == 0)
		diag("error", rulefile, 0, 0, "there is no rule file here: \"goninja init\" "
		     "writes a first goninja.lua for the Go module in this directory "
		     "(or name one with -f FILE)");
	else
		diag("error", rulefile, 0, 0, "no such rule file (\"goninja init\" writes "
		     "a first goninja.lua)");
	exit(1);
}

static bool is_link(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/* the first link on the way to path, the directories first (caller
 * frees), or NULL */
static char *link_on_path(char *path)
{
	char *slash = strrchr(path, '/'), *bad = NULL;

	if (slash) {
		*slash = '\0';
		bad = link_on_path(path);
		*slash = '/';
	}
	return bad ? bad : is_link(path) ? xstrdup(path) : NULL;
}

enum { PATH_PLAIN = 1, PATH_ABSENT, PATH_LINK };

/* the directories on the way to the outputs, each lstat'ed once */
struct dirwalk {
	struct intern dirs;
	unsigned char *state;   /* per dir: PATH_*, of the dir and its parents */
	size_t cap;
	struct intern links;    /* "dir/name" of each link in a dir read so far */
};

/* the links in plain directory dir, into w->links: one read of the
 * directory, not an lstat per output (20,000 at 1000 x 20) */
static void dir_links(struct dirwalk *w, const char *dir)
{
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char *path = xconcat(dir, "/", e->d_name, NULL);
		struct stat st;
		if (e->d_type == DT_LNK ||
		    (e->d_type == DT_UNKNOWN && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)))
			intern_add(&w->links, path);
		free(path);
	}
	if (d)
		closedir(d);
}

/* PATH_LINK when a link is on the way to path, the path included;
 * PATH_ABSENT when lstat fails on the way (nothing below can be a link:
 * lstat fails there too); else PATH_PLAIN. Directories are remembered
 * in w, the last component (an output) is not. */
static int path_state(struct dirwalk *w, char *path, bool dir)
{
	char *slash = strrchr(path, '/');
	size_t n = w->dirs.list.n, i = 0;
	struct stat st;
	int s = PATH_PLAIN;

	if (dir && (i = intern_add(&w->dirs, path), w->dirs.list.n == n))
		return w->state[i];
	if (slash) {
		*slash = '\0';
		s = path_state(w, path, true);
		*slash = '/';
	}
	if (s == PATH_PLAIN && !dir && slash)   /* an output: its directory's links */
		return intern_has(&w->links, path) ? PATH_LINK : PATH_PLAIN;
	if (s == PATH_PLAIN)
		s = lstat(path, &st) < 0 ? PATH_ABSENT : S_ISLNK(st.st_mode) ? PATH_LINK
		  : PATH_PLAIN;
	if (dir && s == PATH_PLAIN && S_ISDIR(st.st_mode))
		dir_links(w, path);
	if (dir) {
		if (i >= w->cap) {
			w->cap = w->cap ? 2 * w->cap : 64;
			w->state = xrealloc(w->state, w->cap);
		}
		w->state[i] = (unsigned char)s;
	}
	return s;
}

/* go build writes through a link it finds at its -o path: a checkout
 * that plants out/linux_amd64 -> /somewhere would have binaries written
 * outside the project, so a link on the way to any output stops
 * generation before anything is built */
/* stop generation when a link is on the way to path (dir: a directory) */
static void refuse_link(struct dirwalk *w, char *path, bool dir, const struct loc *at)
{
	char *bad;

	if (path_state(w, path, dir) == PATH_LINK && (bad = link_on_path(path)))
		model_fail_at(at, "out", "%s is a symbolic link: goninja never writes "
		              "through a link; remove it", bad);
}

static void check_out_links(const struct gen *g, const char *rulefile)
{
	struct loc top = {.file = (char *)rulefile};
	const struct project *p = g->proj;
	const struct loc *at = p->where.file ? &p->where : &top;
	struct dirwalk w = {0};

	for (size_t i = 0; i < g->ncells + g->ndev; i++) {
		const struct cell *c = i < g->ncells ? &g->cells[i] : &g->dev[i - g->ncells];
		const char *rel = c->out + strlen(p->out) + 1, *slash = strrchr(rel, '/');
		char *path = xstrdup(c->out);
		refuse_link(&w, path, false, at);
		free(path);
		/* the directory of its listing, which godeps writes */
		path = xasprintf("%s/.deps/%.*s", p->out, slash ? (int)(slash - rel) : 0, rel);
		refuse_link(&w, path, true, at);
		free(path);
	}
	intern_free(&w.dirs);
	intern_free(&w.links);
	free(w.state);
}

/* the link pool's depth and go build -p, from the project and this machine */
static struct sched *plan(const struct project *p)
{
	struct sched *s = xcalloc(1, sizeof(*s));

	sched_machine(&s->mem, &s->memfrom, &s->ncpu);
	s->jobs = p->jobs;
	if (p->memory_per_link) {
		s->per_link = sched_size(p->memory_per_link);
		s->per_link_declared = true;
	}
	sched_plan(s);
	return s;
}

void gen_load(struct gen *g, const struct genopts *o)
{
	struct host_limits lim = {o->max_steps, o->max_bytes, o->max_seconds};
	char *dev;

	need_rulefile(o->rulefile);
	dev = srcdir();
	memset(g, 0, sizeof(*g));
	g->proj = xcalloc(1, sizeof(*g->proj));
	/* most rule files name no Go: its go env runs while they are evaluated */
	gotool_prefetch("go");
	g->L = host_new(dev, &lim);
	if (host_run(g->L, o->rulefile, o->defines, o->ndefines) != 0)
		exit(1);
	model_read(g->L, g->proj);
	lua_pop(g->L, 1);
	host_close(g->L);
	g->L = NULL;
	free(dev);
	/* declaration order is the user's; output order must not depend on
	 * how a rule file happened to iterate its tables */
	model_check(g->proj);
	g->sched = plan(g->proj);
	qsort(g->proj->bins, g->proj->nbins, sizeof(*g->proj->bins), cmpbin);
	model_resolve_tools(g->proj);
	gotool_prefetch_end();
	check_ports(g->proj);
	vcs_read(&g->proj->vcs, &g->proj->inputs);
	warn_tools(g->proj);
	compute_cells(g);
	check_targets(g);
	check_out_links(g, o->rulefile);
	check_mains(g->proj);
}

static char *self_path(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n <= 0)
		fatal("cannot find my own executable: /proc/self/exe:");
	buf[n] = '\0';
	return xstrdup(buf);
}

/* the output buffer's flush: its bytes go on to the file */
static void to_outfile(void *f, const char *s, size_t n)
{
	outfile_put(f, s, n);
}

int gen_write(struct gen *g, const struct genopts *o)
{
	struct regen r = {0};
	struct outfile f;
	struct buf text = {.flush = to_outfile, .sink = &f};
	char *err;

	r.self = self_path();
	r.rulefile = o->rulefile;
	r.output = o->output;
	r.defines = o->defines;
	r.ndefines = o->ndefines;
	/* written as it is made, 64 KiB at a time, and put in place whole */
	outfile_open(&f, o->output);
	ninja_write(&text, g, &r);
	buf_flush(&text);
	if ((err = outfile_close(&f)))
		fprintf(stderr, "goninja: write %s\n", err);
	buf_free(&text);
	free((char *)r.self);
	free(err);
	return err ? 2 : 0;
}

/* the -D lines of a header written from rulefile, into out; 0 when text
 * is no build.ninja of goninja's from that rule file */
static int header_defines(const char *text, const char *rulefile,
                          struct strlist *out)
{
	const char *nl = strchr(text, '\n'), *line;
	char *tail = xasprintf(" from %s.", rulefile);
	size_t n = strlen(tail);
	int ok = nl && strncmp(text, "# build.ninja", 13) == 0 &&
	         strstr(text, "written by goninja ") && (size_t)(nl - text) >= n &&
	         strncmp(nl - n, tail, n) == 0;

	free(tail);
	for (line = nl + 1; ok && strncmp(line, "# ", 2) == 0; line = nl + 1) {
		if (!(nl = strchr(line, '\n')))
			break;
		if (strncmp(line, "# -D ", 5) == 0)
			strlist_add(out, xstrndup(line + 5, (size_t)(nl - line - 5)));
	}
	return ok;
}

size_t gen_recorded_defines(struct genopts *o)
{
	/* kept for the process; o->defines gets a copy of the array, which
	 * the caller frees as it would its own */
	static struct strlist rec;
	char *text;

	if (o->ndefines || rec.v || !(text = file_read(o->output, 64u << 20, NULL, NULL)))
		return 0;
	if (header_defines(text, o->rulefile, &rec) && rec.n) {
		o->defines = xcalloc(rec.n, sizeof(*o->defines));
		memcpy(o->defines, rec.v, rec.n * sizeof(*o->defines));
		o->ndefines = rec.n;
	}
	free(text);
	return o->ndefines;
}

const struct cell *gen_find(const struct gen *g, const char *s)
{
	const char *at = strchr(s, '@');

	for (size_t i = 0; i < g->ncells; i++) {
		const struct cell *c = &g->cells[i];
		if (strcmp(c->out, s) == 0)
			return c;
		if (at && strncmp(c->bin->name, s, (size_t)(at - s)) == 0 &&
		    c->bin->name[at - s] == '\0' && strcmp(c->plat->name, at + 1) == 0)
			return c;
	}
	for (size_t i = 0; i < g->ndev; i++)
		if (strcmp(g->dev[i].out, s) == 0 ||
		    (at && strcmp(at + 1, "dev") == 0 &&
		     strncmp(g->dev[i].bin->name, s, (size_t)(at - s)) == 0 &&
		     g->dev[i].bin->name[at - s] == '\0'))
			return &g->dev[i];
	return NULL;
}

void gen_free(struct gen *g)
{
	for (size_t i = 0; i < g->ncells; i++)
		flags_free(&g->cells[i]);
	for (size_t i = 0; i < g->ndev; i++)
		flags_free(&g->dev[i]);
	for (size_t i = 0; i < g->ntests; i++)
		flags_free(&g->tests[i]);
	free(g->tests);
	free(g->cells);
	free(g->dev);
	free(g->sched);
	if (g->proj)
		model_free(g->proj);
	free(g->proj);
}
