#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "esc.h"
#include "platform.h"
#include "model.h"
#include "flags.h"
#include "gotool.h"
#include "promise.h"
#include "ninja.h"

#define VERSION_LINE "goninja " GONINJA_VERSION

static void header(struct buf *o, const struct project *p, const struct regen *r)
{
	buf_printf(o, "# build.ninja%s%s, written by " VERSION_LINE " from %s.\n"
	           "# Do not edit: edit the rule files; ninja runs goninja again.\n\n",
	           p->name ? " for " : "", p->name ? p->name : "", r->rulefile);
	buf_puts(o, "ninja_required_version = 1.10\n\ngoninja = ");
	esc_ninja_value(o, r->self);
	buf_puts(o, "\n\n");
}

/* "name = value" where value is shell words, ninja-escaped */
static void var_words(struct buf *o, const char *name, char *const *w, size_t n)
{
	struct buf sh = {0};

	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&sh, ' ');
		esc_shell(&sh, w[i]);
	}
	buf_printf(o, "  %s = ", name);
	esc_ninja_value(o, sh.s ? sh.s : "");
	buf_putc(o, '\n');
	buf_free(&sh);
}

static void regen(struct buf *o, const struct project *p, const struct regen *r)
{
	struct strlist argv = {0};

	strlist_add(&argv, xstrdup("gen"));
	strlist_add(&argv, xstrdup("-f"));
	strlist_add(&argv, xstrdup(r->rulefile));
	strlist_add(&argv, xstrdup("-o"));
	strlist_add(&argv, xstrdup(r->output));
	for (size_t i = 0; i < r->ndefines; i++) {
		strlist_add(&argv, xstrdup("-D"));
		strlist_add(&argv, xstrdup(r->defines[i]));
	}
	buf_puts(o, "rule goninja\n  command = $goninja $args\n"
	         "  description = GONINJA $out\n  generator = 1\n  restat = 1\n\n");
	buf_puts(o, "build ");
	esc_ninja_path(o, r->output);
	buf_puts(o, ": goninja");
	for (size_t i = 0; i < p->files.n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, p->files.v[i]);
	}
	buf_puts(o, " | $goninja");
	for (size_t i = 0; i < p->ntools; i++) {
		if (p->tools[i].path) {
			buf_putc(o, ' ');
			esc_ninja_path(o, p->tools[i].path);
		}
	}
	buf_putc(o, '\n');
	var_words(o, "args", argv.v, argv.n);
	buf_putc(o, '\n');
	strlist_free(&argv);
}

static void rules(struct buf *o)
{
	buf_puts(o,
	    "# One go build per cell. goninja godeps asks go list, with the same\n"
	    "# environment and flags, which files the binary is made of.\n"
	    "rule go\n"
	    "  command = ${cd}$env $goninja godeps $out $top$out.d $top. -- $go "
	    "$flags $pkg && $env $go build $flags -o $top$out $pkg\n"
	    "  depfile = $out.d\n"
	    "  deps = gcc\n"
	    "  description = GO $desc\n\n"
	    "# goninja check: the binary is what its rule promised, or the build fails.\n"
	    "rule check\n"
	    "  command = $goninja check $args $in > $out.tmp && mv $out.tmp $out\n"
	    "  description = CHECK $in\n\n");
}

/* "../" for each component of dir */
static char *updir(const char *dir)
{
	struct buf b = {0};

	if (!*dir)
		return xstrdup("");
	buf_puts(&b, "../");
	for (const char *s = dir; *s; s++)
		if (*s == '/')
			buf_puts(&b, "../");
	return b.s;
}

static char **texts(const struct setting *s, size_t n)
{
	char **v = xcalloc(n, sizeof(*v));

	for (size_t i = 0; i < n; i++)
		v[i] = s[i].text;
	return v;
}

static void edge_inputs(struct buf *o, const struct binary *b)
{
	struct strlist mods = {0};

	if (b->go->path) {
		buf_putc(o, ' ');
		esc_ninja_path(o, b->go->path);
	}
	gotool_modfiles(b->dir, &mods);
	for (size_t i = 0; i < mods.n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, mods.v[i]);
	}
	strlist_free(&mods);
}

static void edge(struct buf *o, const struct cell *c)
{
	const struct binary *b = c->bin;
	char **v, *top = updir(b->dir);
	char *go = b->go->cmd;

	buf_puts(o, "build ");
	esc_ninja_path(o, c->out);
	buf_puts(o, ": go |");
	edge_inputs(o, b);
	buf_putc(o, '\n');
	if (*b->dir) {
		buf_puts(o, "  cd = cd ");
		struct buf sh = {0};
		esc_shell(&sh, b->dir);
		buf_puts(&sh, " && ");
		esc_ninja_value(o, sh.s);
		buf_free(&sh);
		buf_puts(o, "\n  top = ");
		esc_ninja_value(o, top);
		buf_putc(o, '\n');
	}
	v = texts(c->env, c->nenv);
	var_words(o, "env", v, c->nenv);
	free(v);
	var_words(o, "go", &go, 1);
	v = texts(c->args, c->nargs);
	var_words(o, "flags", v, c->nargs);
	free(v);
	var_words(o, "pkg", &b->main, 1);
	buf_printf(o, "  desc = ");
	char *desc = xasprintf("%s %s [%s]", c->plat ? c->plat->name : "dev",
	                       b->name, c->mode);
	esc_ninja_value(o, desc);
	buf_puts(o, "\n\n");
	free(desc);
	free(top);
}

static char *stamp(const struct project *p, const struct cell *c)
{
	return xasprintf("%s/.verify/%s/%s", p->out, c->plat->dir,
	                 strrchr(c->out, '/') + 1);
}

static void verify_edge(struct buf *o, const struct project *p, const struct cell *c)
{
	struct strlist args = {0};
	char *s;

	if (!promise_args(c, &args))
		return;
	s = stamp(p, c);
	buf_puts(o, "build ");
	esc_ninja_path(o, s);
	buf_puts(o, ": check ");
	esc_ninja_path(o, c->out);
	buf_puts(o, " | $goninja\n");
	var_words(o, "args", args.v, args.n);
	strlist_free(&args);
	free(s);
}

static void verify_alias(struct buf *o, const struct project *p,
                         const struct cell *cells, size_t n)
{
	struct strlist args = {0};

	buf_puts(o, "build verify: phony");
	for (size_t i = 0; i < n; i++) {
		if (!promise_args(&cells[i], &args))
			continue;
		char *s = stamp(p, &cells[i]);
		buf_putc(o, ' ');
		esc_ninja_path(o, s);
		free(s);
		strlist_free(&args);
	}
	buf_putc(o, '\n');
}

static void phony(struct buf *o, const char *name, const struct cell *cells,
                  size_t n, const char *dir, const char *bin)
{
	buf_puts(o, "build ");
	esc_ninja_path(o, name);
	buf_puts(o, ": phony");
	for (size_t i = 0; i < n; i++) {
		const struct cell *c = &cells[i];
		if (dir && strcmp(c->plat->dir, dir) != 0)
			continue;
		if (bin && strcmp(c->bin->name, bin) != 0)
			continue;
		buf_putc(o, ' ');
		esc_ninja_path(o, c->out);
	}
	buf_putc(o, '\n');
}

static void aliases(struct buf *o, const struct project *p,
                    const struct cell *cells, size_t n,
                    const struct cell *dev, size_t ndev)
{
	struct strlist dirs = {0};

	buf_puts(o, "# Aliases: each binary, each platform, verify, all, dev.\n");
	for (size_t i = 0; i < p->nbins; i++)
		phony(o, p->bins[i].name, cells, n, NULL, p->bins[i].name);
	for (size_t i = 0; i < n; i++)
		if (!strlist_has(&dirs, cells[i].plat->dir))
			strlist_add(&dirs, xstrdup(cells[i].plat->dir));
	strlist_sort(&dirs);
	for (size_t i = 0; i < dirs.n; i++)
		phony(o, dirs.v[i], cells, n, dirs.v[i], NULL);
	strlist_free(&dirs);
	verify_alias(o, p, cells, n);
	phony(o, "all", cells, n, NULL, NULL);
	if (p->verify) {
		o->len--;
		buf_puts(o, " verify\n");
	}
	buf_puts(o, "build dev: phony");
	for (size_t i = 0; i < ndev; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, dev[i].out);
	}
	buf_puts(o, "\n\ndefault all\n");
}

void ninja_write(struct buf *o, const struct project *p, const struct regen *r,
                 const struct cell *cells, size_t ncells,
                 const struct cell *dev, size_t ndev)
{
	header(o, p, r);
	regen(o, p, r);
	rules(o);
	for (size_t i = 0; i < ncells; i++)
		edge(o, &cells[i]);
	buf_puts(o, "# Checks: each binary against its rule's promise.\n");
	for (size_t i = 0; i < ncells; i++)
		verify_edge(o, p, &cells[i]);
	buf_putc(o, '\n');
	for (size_t i = 0; i < ndev; i++)
		edge(o, &dev[i]);
	aliases(o, p, cells, ncells, dev, ndev);
}
