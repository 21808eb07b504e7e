#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "flags.h"
#include "gen.h"
#include "inspect.h"
#include "check.h"
#include "outfile.h"
#include "promise.h"
#include "diag.h"
#include "smoke.h"
#include "report.h"

/* what is known of one built output */
struct artifact {
	const struct cell *c;
	bool exists, verified;
	long long size;
	struct check_report rep;
	struct smoke_status smoke;   /* result NULL: none declared, or not run yet */
};

static void look(struct artifact *a, const struct project *p)
{
	struct check_opts none = {0};
	struct stat st, vs;
	char *stamp;

	a->exists = stat(a->c->out, &st) == 0;
	a->size = a->exists ? (long long)st.st_size : 0;
	if (!a->exists)
		return;
	check_file(a->c->out, &none, &a->rep);
	if (a->c->bin->nsmokes) {
		char *log = smoke_log_path(p->out, a->c->plat->dir, a->c->out);
		smoke_status_read(log, &a->smoke);
		free(log);
	}
	stamp = xconcat(p->out, "/.verify/", a->c->plat->dir, strrchr(a->c->out, '/'), NULL);
	a->verified = stat(stamp, &vs) == 0 && vs.st_mtim.tv_sec >= st.st_mtim.tv_sec;
	free(stamp);
}

static const char *linkage(const struct artifact *a)
{
	if (!a->exists)
		return "missing";
	if (!a->rep.parsed || !a->rep.res.nimages)
		return "unreadable";
	return inspect_link_name(a->rep.res.images[0].link);
}

/* the newest GLIBC_ version im needs, "2.34", or NULL */
static const char *glibc_needed(const struct inspect_image *im)
{
	const struct inspect_version *v = im ? check_highest(im, "GLIBC_") : NULL;

	return v ? v->name + 6 : NULL;
}

static void json_or_null(struct buf *b, const char *s)
{
	if (s)
		buf_json(b, s);
	else
		buf_puts(b, "null");
}

/* "glibc": what it needs; "glibc_floor": what it must run on, or why none */
static void json_glibc(struct buf *b, const struct artifact *a, const struct inspect_image *im)
{
	const char *why, *floor = promise_glibc(a->c, &why);

	buf_puts(b, ", \"glibc\": ");
	json_or_null(b, glibc_needed(im));
	buf_puts(b, ", \"glibc_floor\": ");
	json_or_null(b, floor ? floor : why);
}

/* "smoke": null (none declared), or its result and runner */
static void json_smoke(struct buf *b, const struct artifact *a)
{
	const struct smoke_status *s = &a->smoke;

	buf_puts(b, ", \"smoke\": ");
	if (!a->c->bin->nsmokes) {
		buf_puts(b, "null");
		return;
	}
	buf_puts(b, "{\"result\": ");
	json_or_null(b, s->result ? s->result : "not run yet: ninja smoke");
	buf_puts(b, ", \"runner\": ");
	json_or_null(b, s->runner && strcmp(s->runner, "none") != 0 ? s->runner : NULL);
	buf_putc(b, '}');
}

static void json_artifact(struct buf *b, const struct artifact *a)
{
	const struct cell *c = a->c;
	const struct inspect_image *im = a->rep.parsed && a->rep.res.nimages
	                                 ? &a->rep.res.images[0] : NULL;

	buf_puts(b, "  {\"name\": ");
	buf_json(b, c->bin->name);
	buf_puts(b, ", \"path\": ");
	buf_json(b, c->out);
	buf_puts(b, ", \"goos\": ");
	buf_json(b, c->plat->os);
	buf_puts(b, ", \"goarch\": ");
	buf_json(b, c->plat->arch);
	buf_puts(b, ", \"variant\": ");
	buf_json(b, c->plat->varvalue ? c->plat->varvalue : "");
	buf_printf(b, ", \"type\": \"Binary\", \"size\": %lld, \"link\": ", a->size);
	buf_json(b, linkage(a));
	buf_puts(b, ", \"needed\": [");
	for (size_t i = 0; im && i < im->nneeded; i++) {
		if (i)
			buf_puts(b, ", ");
		buf_json(b, im->needed[i]);
	}
	buf_putc(b, ']');
	json_glibc(b, a, im);
	json_smoke(b, a);
	buf_printf(b, ", \"verified\": %s}", a->verified ? "true" : "false");
}

/* "; glibc 2.34+" (what it needs), with the declared floor, or why none */
static void table_glibc(const struct artifact *a, const struct inspect_image *im)
{
	const char *why, *floor = promise_glibc(a->c, &why);

	if (glibc_needed(im))
		printf("; glibc %s+", glibc_needed(im));
	if (floor)
		printf(" (floor %s)", floor);
	else if (why)
		printf("; no glibc floor: %s", why);
}

static void table_row(const struct artifact *a, bool colour)
{
	const struct inspect_image *im = a->rep.parsed && a->rep.res.nimages
	                                 ? &a->rep.res.images[0] : NULL;
	const char *green = colour ? "\033[32m" : "", *red = colour ? "\033[31m" : "";
	const char *off = colour ? "\033[0m" : "";

	printf("%-16s %-20s %9.1f KiB  %-10s %s%-12s%s", a->c->bin->name,
	       a->c->plat->name, (double)a->size / 1024.0, linkage(a),
	       a->verified ? green : red, a->verified ? "verified" : "not verified", off);
	for (size_t i = 0; im && i < im->nneeded; i++)
		printf("%s%s", i ? ", " : " ", im->needed[i]);
	table_glibc(a, im);
	if (a->smoke.result && strncmp(a->smoke.result, "ok", 2) == 0)
		printf("; smoke ok %s%s", strcmp(a->smoke.runner, "native") == 0 ? "natively"
		       : "under ", strcmp(a->smoke.runner, "native") == 0 ? "" : a->smoke.runner);
	else if (a->smoke.result)
		printf("; smoke %s", a->smoke.result);
	else if (a->c->bin->nsmokes)
		printf("; smoke not run yet (ninja smoke)");
	putchar('\n');
}

int report_main(int argc, char **argv)
{
	struct genopts o = GENOPTS_DEFAULT;
	struct artifact *v;
	struct buf json = {0};
	bool colour = diag_colour(1);
	int missing = 0;
	struct gen g;
	char *path, *err;

	gen_options(&o, argc - 1, argv + 1, NULL);
	gen_recorded_defines(&o);
	gen_load(&g, &o);
	v = xcalloc(g.ncells + 1, sizeof(*v));
	buf_puts(&json, "[\n");
	for (size_t i = 0; i < g.ncells; i++) {
		v[i].c = &g.cells[i];
		look(&v[i], g.proj);
		missing += !v[i].exists;
		table_row(&v[i], colour);
		if (i)
			buf_puts(&json, ",\n");
		json_artifact(&json, &v[i]);
		check_report_free(&v[i].rep);
		smoke_status_free(&v[i].smoke);
	}
	buf_puts(&json, "\n]\n");
	path = xconcat(g.proj->out, "/artifacts.json", NULL);
	mkdir(g.proj->out, 0777);
	if ((err = outfile_write(path, json.s, json.len)))
		fatal("report: write %s", err);
	printf("%zu outputs, %d missing; %s written\n", g.ncells, missing, path);
	free(path);
	free(v);
	buf_free(&json);
	gen_free(&g);
	free(o.defines);
	return missing ? 1 : 0;
}
