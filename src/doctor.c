/* doctor: the rule file's cells against this machine. Builds nothing: looks
 * in PATH, and asks each Go once which platforms it knows. */

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "toolchain.h"
#include "flags.h"
#include "gen.h"
#include "gotool.h"
#include "init.h"
#include "doctor.h"
#include "sign.h"
#include "runner.h"
#include "smoke.h"

static const char usage[] =
	"usage: goninja doctor [-C dir] [-f rulefile] [-D name=value]...\n"
	"Whether this machine can build what the rule file declares: the Go of\n"
	"each binary, ninja, the C compilers of cgo cells; and whether their\n"
	"binaries can run here (natively or under qemu-user). Prints the apt-get\n"
	"command for what is missing.\n"
	"Exit status: 0 every cell can be built here, 1 not, 2 bad options.\n";

struct doctor {
	const struct gen *g;
	const char *hostos, *hostarch;
	char **dists;              /* per Go tool: "go tool dist list", or NULL */
	struct strlist build_pkgs; /* Debian packages the build lacks */
	struct strlist run_pkgs;   /* and running the binaries here */
	struct strlist notes;      /* what no package fixes, one line each */
	struct strlist bad;        /* platforms that cannot be built here */
	const struct platform **plats;   /* of every cell, first-declared order */
	size_t nplats;
	bool ninja;                /* found */
	bool signers;              /* every sign tool (and rpmbuild) found */
};

/* one line of the platform table */
struct row {
	char *cols[4];             /* platform, build, cgo, run */
};

static void add_once(struct strlist *l, const char *s)
{
	if (!strlist_has(l, s))
		strlist_add(l, xstrdup(s));
}

static void find_host(struct doctor *d)
{
	const struct project *p = d->g->proj;

	for (size_t i = 0; i < p->ntools && !d->hostos; i++)
		if (p->tools[i].hostos && p->tools[i].hostarch) {
			d->hostos = p->tools[i].hostos;
			d->hostarch = p->tools[i].hostarch;
		}
	if (!d->hostos) {
		d->hostos = "linux";
		d->hostarch = runner_uname_arch();
	}
}

/* ask each Go found which os/arch pairs it builds */
static void read_dists(struct doctor *d)
{
	const struct project *p = d->g->proj;

	d->dists = xcalloc(p->ntools, sizeof(*d->dists));
	for (size_t i = 0; i < p->ntools; i++) {
		char *argv[] = {p->tools[i].path, "tool", "dist", "list", NULL};
		char *out = NULL;
		if (p->tools[i].path && gotool_run_quiet(argv, &out, NULL) == 0)
			d->dists[i] = out;
		else
			free(out);
	}
}

static size_t tool_index(const struct doctor *d, const struct gotool *t)
{
	return (size_t)(t - d->g->proj->tools);
}

/* whether Go's dist list (NULL: unknown, so yes) names p */
static bool go_knows(const char *list, const struct platform *p)
{
	size_t n = strlen(p->os), k = strlen(p->arch);

	if (!list)
		return true;
	for (const char *s = list; *s; s += strcspn(s, "\n") + (s[strcspn(s, "\n")] == '\n'))
		if (strncmp(s, p->os, n) == 0 && s[n] == '/' && strncmp(s + n + 1, p->arch, k) == 0 &&
		    (s[n + 1 + k] == '\n' || s[n + 1 + k] == '\0'))
			return true;
	return false;
}

/* the Debian package of a Go command, or NULL */
static char *go_package(const char *cmd)
{
	int minor, end = 0;

	if (strcmp(cmd, "go") == 0)
		return xstrdup("golang-go");
	if (sscanf(cmd, "/usr/lib/go-1.%d/bin/go%n", &minor, &end) == 1 &&
	    cmd[end] == '\0' && minor > 0)
		return xasprintf("golang-1.%d-go", minor);
	return NULL;
}

/* the go line of the module binary b builds in, or NULL */
static char *module_go(const struct binary *b)
{
	char *dir = xstrdup(b->dir), *go = NULL, *slash;
	struct gomod m;

	for (;;) {
		char *path = *dir ? xconcat(dir, "/go.mod", NULL) : xstrdup("go.mod");
		int rc = init_gomod(path, &m);
		free(path);
		if (rc == 0)
			go = m.go ? xstrdup(m.go) : NULL;
		init_gomod_free(&m);
		if (rc == 0 || !*dir)
			break;
		slash = strrchr(dir, '/');
		*(slash ? slash : dir) = '\0';
	}
	free(dir);
	return go;
}

/* "1.22.3" as numbers; missing parts 0 */
static void version_parts(const char *s, long v[3])
{
	char *end;

	v[0] = v[1] = v[2] = 0;
	for (int i = 0; i < 3 && *s >= '0' && *s <= '9'; i++) {
		v[i] = strtol(s, &end, 10);
		s = *end == '.' ? end + 1 : end;
		if (end == s)
			break;
	}
}

/* whether Go version "go1.19.8" is older than a go.mod's "1.22" */
static bool older(const char *version, const char *need)
{
	long have[3], want[3];

	if (!version || strncmp(version, "go", 2) != 0 || !need)
		return false;
	version_parts(version + 2, have);
	version_parts(need, want);
	for (int i = 0; i < 3; i++)
		if (have[i] != want[i])
			return have[i] < want[i];
	return false;
}

/* the binaries of p that use tool t, "cli, server" */
static char *users(const struct project *p, const struct gotool *t)
{
	struct buf b = {0};

	for (size_t i = 0; i < p->nbins; i++)
		if (p->bins[i].go == t)
			buf_printf(&b, "%s%s", b.len ? ", " : "", p->bins[i].name);
	for (size_t i = 0; i < p->ntests; i++)
		if (p->tests[i].go == t)
			buf_printf(&b, "%sgo_test %s", b.len ? ", " : "", p->tests[i].name);
	if (!b.s)
		buf_puts(&b, "nothing");
	return b.s;
}

static void report_tool(struct doctor *d, struct buf *out, const struct gotool *t)
{
	char *who = users(d->g->proj, t), *pkg = go_package(t->cmd);

	if (!t->path) {
		buf_printf(out, "go         missing: %s not found; for %s", t->cmd, who);
		if (pkg) {
			buf_printf(out, " (install %s)", pkg);
			add_once(&d->build_pkgs, pkg);
		}
		buf_putc(out, '\n');
	} else if (!t->version) {
		buf_printf(out, "go         %s: version unknown (go env GOVERSION failed); "
		           "for %s\n", t->path, who);
	} else if (strcmp(t->cmd, t->path) == 0) {
		buf_printf(out, "go         %s: %s; for %s\n", t->version, t->path, who);
	} else {
		buf_printf(out, "go         %s: %s is %s; for %s\n", t->version, t->cmd,
		           t->path, who);
	}
	free(who);
	free(pkg);
}

/* go.mod lines that ask for a Go newer than the one that builds */
static void report_gomod(struct doctor *d, struct buf *out, const struct binary *b)
{
	char *need = module_go(b);

	if (older(b->go->version, need)) {
		buf_printf(out, "go.mod     %s: go.mod asks for go %s, newer than %s "
		           "(GOTOOLCHAIN=local: nothing is downloaded)\n", b->name, need,
		           b->go->version);
		add_once(&d->notes, "a newer Go: name it with go = \"/usr/lib/go-1.N/bin/go\" "
		         "(Debian: golang-1.N-go), or lower the go line of go.mod");
	}
	free(need);
}

static void report_ninja(struct doctor *d, struct buf *out)
{
	char *path = gotool_which("ninja");

	d->ninja = path != NULL;
	if (path) {
		buf_printf(out, "ninja      %s\n", path);
	} else {
		buf_puts(out, "ninja      missing (install ninja-build)\n");
		add_once(&d->build_pkgs, "ninja-build");
	}
	free(path);
}

/* the program of each sign declaration; cosign is not in Debian 12 */
static void report_signers(struct doctor *d, struct buf *out)
{
	const struct project *p = d->g->proj;

	d->signers = true;
	for (size_t i = 0; i < p->nsigns; i++) {
		const char *prog = sign_program(p->signs[i].with);
		char *path = gotool_which(prog);
		if (path) {
			buf_printf(out, "%-10s %s\n", p->signs[i].with, path);
			free(path);
			continue;
		}
		d->signers = false;
		if (strcmp(prog, "cosign") == 0) {
			buf_puts(out, "cosign     missing: Debian 12 does not package it\n");
			add_once(&d->notes, "sign with cosign: put a cosign binary on PATH "
			         "(Debian 12 has none), or sign with minisign, signify or gpg");
			continue;
		}
		buf_printf(out, "%-10s missing (install %s)\n", p->signs[i].with,
		           strcmp(prog, "gpg") == 0 ? "gnupg" : prog);
		add_once(&d->build_pkgs, strcmp(prog, "gpg") == 0 ? "gnupg" : prog);
	}
}

/* rpmbuild, when a package declaration makes an .rpm (the .deb is
 * goninja's own) */
static void report_packagers(struct doctor *d, struct buf *out)
{
	const struct project *p = d->g->proj;
	bool rpm = false;
	char *path;

	for (size_t i = 0; i < p->npkgs; i++)
		rpm = rpm || strlist_has(&p->pkgs[i].formats, "rpm");
	if (!rpm)
		return;
	if ((path = gotool_which("rpmbuild"))) {
		buf_printf(out, "%-10s %s\n", "rpmbuild", path);
		free(path);
		return;
	}
	d->signers = false;   /* a release tool is missing */
	buf_printf(out, "%-10s missing: .rpm packages need it (install rpm)\n", "rpmbuild");
	add_once(&d->build_pkgs, "rpm");
}

/* the C compiler a cgo cell runs: its CC, else $CC, else Go's default gcc */
static char *cell_cc(const struct cell *c, const char **pkg)
{
	const char *cc = c->cc, *e;

	for (size_t i = 0; i < c->nenv; i++)
		if (strncmp(c->env[i].text, "CC=", 3) == 0)
			cc = c->env[i].text + 3;
	*pkg = c->cc && strcmp(cc, c->cc) == 0 ? c->ccpkg : NULL;
	if (!cc && (e = getenv("CC")) && *e)
		cc = e;
	if (!cc) {
		cc = "gcc";
		*pkg = "gcc";
	}
	return xstrndup(cc, strcspn(cc, " \t"));
}

/* where the rule file declared cc, or NULL */
static const struct toolchain *declared(const struct project *p, const char *cc)
{
	for (size_t i = 0; i < p->ntcs; i++)
		if (p->tcs[i].cc && strcmp(p->tcs[i].cc, cc) == 0)
			return &p->tcs[i];
	return NULL;
}

static void missing_cc(struct doctor *d, const struct cell *c, const char *cc,
                       const char *pkg)
{
	const struct toolchain *t = declared(d->g->proj, cc);
	char *line;

	if (pkg) {
		add_once(&d->build_pkgs, pkg);
		return;
	}
	line = t ? xasprintf("%s: not on PATH, and no Debian package is known for it "
	                     "(cgo for %s; toolchain declared at %s:%d)", cc,
	                     c->plat->name, t->where.file, t->where.line)
	         : xasprintf("%s: not on PATH (cgo for %s)", cc, c->plat->name);
	add_once(&d->notes, line);
	free(line);
}

/* the cells of g on platform name: binaries, then tests */
static const struct cell *next_cell(const struct gen *g, const char *name, size_t *i)
{
	while (*i < g->ncells + g->ntests) {
		const struct cell *c = *i < g->ncells ? &g->cells[*i] : &g->tests[*i - g->ncells];
		++*i;
		if (strcmp(c->plat->name, name) == 0)
			return c;
	}
	return NULL;
}

/* why Go cannot build c, or NULL; versions collects those that can */
static char *go_problem(struct doctor *d, const struct cell *c, struct strlist *versions)
{
	const struct gotool *t = c->bin->go;
	char *need;

	if (!t->path)
		return xstrdup("no go");
	if (!t->version)
		return xstrdup("go version unknown");
	if (!go_knows(d->dists[tool_index(d, t)], c->plat))
		return xasprintf("%s does not know %s/%s", t->version, c->plat->os,
		                 c->plat->arch);
	need = module_go(c->bin);
	if (older(t->version, need)) {
		char *s = xasprintf("%s older than go.mod's go %s", t->version, need);
		free(need);
		return s;
	}
	free(need);
	add_once(versions, t->version);
	return NULL;
}

static char *joined(const struct strlist *l)
{
	struct buf b = {0};

	for (size_t i = 0; i < l->n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", l->v[i]);
	return b.s ? b.s : xstrdup("");
}

/* the build column of a platform; false when some Go cannot build it */
static bool build_col(struct doctor *d, const char *name, char **col)
{
	struct strlist versions = {0}, problems = {0};
	const struct cell *c;
	char *s;
	size_t i = 0;
	bool ok;

	while ((c = next_cell(d->g, name, &i))) {
		if ((s = go_problem(d, c, &versions)))
			add_once(&problems, s);
		free(s);
	}
	ok = problems.n == 0;
	s = joined(ok ? &versions : &problems);
	*col = xasprintf("build: %s (%s)", ok ? "ok" : "no", s);
	free(s);
	strlist_free(&versions);
	strlist_free(&problems);
	return ok;
}

/* the cgo column; false when a C compiler is missing */
static bool cgo_col(struct doctor *d, const char *name, char **col)
{
	struct strlist found = {0}, missing = {0}, seen = {0};
	const struct cell *c;
	const char *pkg;
	size_t i = 0;
	char *cc, *path, *s;
	bool ok;

	while ((c = next_cell(d->g, name, &i))) {
		if (!c->bin->cgo)
			continue;
		cc = cell_cc(c, &pkg);
		if ((path = gotool_which(cc))) {
			add_once(&found, cc);
		} else if (!strlist_has(&seen, cc)) {
			add_once(&seen, cc);
			strlist_add(&missing, pkg ? xasprintf("%s (install %s)", cc, pkg)
			                          : xstrdup(cc));
			missing_cc(d, c, cc, pkg);
		}
		free(path);
		free(cc);
	}
	ok = missing.n == 0;
	s = joined(ok ? &found : &missing);
	*col = !ok ? xasprintf("cgo: missing %s", s)
	     : found.n ? xasprintf("cgo: ok (%s)", s) : xstrdup("cgo: off");
	free(s);
	strlist_free(&found);
	strlist_free(&missing);
	strlist_free(&seen);
	return ok;
}

/* the cross compiler of a dynamic cgo cell on platform name, or NULL */
static const char *dynamic_cc(const struct doctor *d, const char *name)
{
	const struct cell *c;
	size_t i = 0;

	while ((c = next_cell(d->g, name, &i)))
		if (c->cc && c->linkage && strcmp(c->linkage, "dynamic") == 0)
			return c->cc;
	return NULL;
}

/* whether name has go_test cells, whose binaries must run here */
static bool has_tests(const struct doctor *d, const char *name)
{
	size_t i = d->g->ncells;

	return next_cell(d->g, name, &i) != NULL;
}

/* whether a binary on platform name has smoke runs; *newgo: one of
 * them is built by Go 1.22 or later */
static bool has_smoke(const struct doctor *d, const char *name, bool *newgo)
{
	size_t i = 0;
	const struct cell *c;
	bool any = false;

	*newgo = false;
	while ((c = next_cell(d->g, name, &i)))
		if (!c->bin->test && c->bin->nsmokes) {
			any = true;
			*newgo = *newgo || c->bin->go->minor >= 22;
		}
	return any;
}

/* windows/amd64 on a linux/amd64 machine: smoke runs it under wine64 */
static bool wine_col(struct doctor *d, const struct platform *p, char **col)
{
	if (strcmp(p->os, "windows") != 0 || strcmp(p->arch, "amd64") != 0 ||
	    strcmp(d->hostos, "linux") != 0 || !d->hostarch || strcmp(d->hostarch, "amd64") != 0)
		return false;
	bool newgo, smoke = has_smoke(d, p->name, &newgo);

	if (access(SMOKE_WINE64, X_OK) != 0) {
		*col = xstrdup("run: cannot run here: " SMOKE_WINE64 " not found (install wine64)");
		if (smoke)
			add_once(&d->run_pkgs, "wine64");
	} else if (newgo && !smoke_wine_has("bcryptprimitives.dll")) {
		*col = xstrdup("run: cannot run here: wine here has no bcryptprimitives.dll, "
		               "which Go 1.22+ windows binaries load (smoke says not run)");
	} else {
		*col = xstrdup("run: " SMOKE_WINE64 " (smoke runs; go test does not run windows)");
	}
	return true;
}

/* the run column: the command that runs p's binaries here, or why none
 * does; a go_test that cannot run is reported by ninja test, not failed */
static void run_col(struct doctor *d, const struct platform *p, char **col)
{
	struct runner r;
	char *cmd;

	if (wine_col(d, p, col))
		return;
	runner_find_dynamic(&r, p->os, p->arch, d->hostos, d->hostarch,
	                    dynamic_cc(d, p->name));
	if (r.kind == RUNNER_NATIVE) {
		*col = xstrdup("run: native");
	} else if (r.kind == RUNNER_QEMU) {
		cmd = runner_command(&r);
		*col = xasprintf("run: %s", cmd);
		free(cmd);
	} else {
		*col = r.package ? xasprintf("run: cannot run here: %s (install %s)",
		                             r.reason, r.package)
		                 : xasprintf("run: cannot run here: %s", r.reason);
		if (r.package)
			add_once(&d->run_pkgs, r.package);
		if (has_tests(d, p->name))
			strlist_add(&d->notes, xasprintf("go_test on %s: ninja test will say "
			            "\"not run here: %s\"", p->name, r.reason));
	}
	runner_free(&r);
}

/* the platforms of every cell, in first-declared order */
static void platforms(const struct gen *g, const struct platform ***v, size_t *n)
{
	struct strlist seen = {0};

	*v = xcalloc(g->ncells + g->ntests, sizeof(**v));
	*n = 0;
	for (size_t i = 0; i < g->ncells + g->ntests; i++) {
		const struct cell *c = i < g->ncells ? &g->cells[i] : &g->tests[i - g->ncells];
		if (strlist_has(&seen, c->plat->name))
			continue;
		strlist_add(&seen, xstrdup(c->plat->name));
		(*v)[(*n)++] = c->plat;
	}
	strlist_free(&seen);
}

static void fill_row(struct doctor *d, const struct platform *p, struct row *r)
{
	bool ok = build_col(d, p->name, &r->cols[1]);

	ok = cgo_col(d, p->name, &r->cols[2]) && ok;
	run_col(d, p, &r->cols[3]);
	r->cols[0] = xstrdup(p->name);
	if (!ok)
		add_once(&d->bad, p->name);
}

/* the rows with each column as wide as its widest cell */
static void print_rows(struct buf *out, struct row *rows, size_t n)
{
	size_t w[4] = {0};

	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 4; k++)
			if (strlen(rows[i].cols[k]) > w[k])
				w[k] = strlen(rows[i].cols[k]);
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < 3; k++)
			buf_printf(out, "%-*s   ", (int)w[k], rows[i].cols[k]);
		buf_printf(out, "%s\n", rows[i].cols[3]);
	}
}

static void report_platforms(struct doctor *d, struct buf *out)
{
	struct row *rows = xcalloc(d->nplats, sizeof(*rows));

	for (size_t i = 0; i < d->nplats; i++)
		fill_row(d, d->plats[i], &rows[i]);
	buf_putc(out, '\n');
	print_rows(out, rows, d->nplats);
	for (size_t i = 0; i < d->nplats; i++)
		for (int k = 0; k < 4; k++)
			free(rows[i].cols[k]);
	free(rows);
}

static void apt_line(struct buf *out, const char *label, const struct strlist *pkgs)
{
	if (!pkgs->n)
		return;
	buf_printf(out, "%s apt-get install", label);
	for (size_t i = 0; i < pkgs->n; i++)
		buf_printf(out, " %s", pkgs->v[i]);
	buf_putc(out, '\n');
}

static void report_fixes(struct doctor *d, struct buf *out)
{
	if (d->build_pkgs.n || d->run_pkgs.n || d->notes.n)
		buf_putc(out, '\n');
	apt_line(out, "to build here:", &d->build_pkgs);
	apt_line(out, "to run here:  ", &d->run_pkgs);
	for (size_t i = 0; i < d->notes.n; i++)
		buf_printf(out, "%s\n", d->notes.v[i]);
	if (!d->ninja)
		buf_puts(out, "doctor: ninja is missing: nothing can be built here\n");
	if (!d->bad.n && d->ninja) {
		buf_puts(out, "doctor: every cell can be built here\n");
		return;
	}
	if (!d->bad.n)
		return;
	buf_printf(out, "doctor: %zu of %zu platforms cannot be built here:",
	           d->bad.n, d->nplats);
	for (size_t i = 0; i < d->bad.n; i++)
		buf_printf(out, " %s", d->bad.v[i]);
	buf_putc(out, '\n');
}

int doctor_report(struct buf *out, const struct gen *g)
{
	const struct project *p = g->proj;
	struct doctor d = {.g = g};
	int rc;

	find_host(&d);
	read_dists(&d);
	platforms(g, &d.plats, &d.nplats);
	buf_printf(out, "rule file  %s: %zu binar%s", p->files.n ? p->files.v[0] : "?",
	           p->nbins, p->nbins == 1 ? "y" : "ies");
	if (p->ntests)
		buf_printf(out, ", %zu go_test", p->ntests);
	buf_printf(out, " on %zu platform%s, %zu cells\n", d.nplats,
	           d.nplats == 1 ? "" : "s", g->ncells + g->ntests);
	for (size_t i = 0; i < p->ntools; i++)
		report_tool(&d, out, &p->tools[i]);
	for (size_t i = 0; i < p->nbins; i++)
		report_gomod(&d, out, &p->bins[i]);
	report_ninja(&d, out);
	report_signers(&d, out);
	report_packagers(&d, out);
	report_platforms(&d, out);
	report_fixes(&d, out);
	rc = d.bad.n || !d.ninja || !d.signers ? 1 : 0;
	for (size_t i = 0; i < p->ntools; i++)
		free(d.dists[i]);
	free(d.dists);
	free(d.plats);
	strlist_free(&d.build_pkgs);
	strlist_free(&d.run_pkgs);
	strlist_free(&d.notes);
	strlist_free(&d.bad);
	return rc;
}

int doctor_main(int argc, char **argv)
{
	struct genopts o = GENOPTS_DEFAULT;
	struct buf out = {0};
	struct gen g;
	int rc;

	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return 0;
		}
	gen_options(&o, argc - 1, argv + 1, NULL);
	gen_recorded_defines(&o);
	gen_load(&g, &o);
	rc = doctor_report(&out, &g);
	fputs(out.s ? out.s : "", stdout);
	fflush(stdout);
	buf_free(&out);
	gen_free(&g);
	free(o.defines);
	return rc;
}
