#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "esc.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "flags.h"
#include "gotool.h"
#include "promise.h"
#include "gen.h"
#include "release.h"
#include "sign.h"
#include "smoke.h"
#include "package.h"
#include "template.h"
#include "manifest.h"
#include "toolchain.h"
#include "action.h"
#include "sched.h"
#include "pkgdir.h"
#include "ninja.h"

#define VERSION_LINE "goninja " GONINJA_VERSION

/* build " IN" for each of l */
static void paths(struct buf *o, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, l->v[i]);
	}
}

static void header(struct buf *o, const struct project *p, const struct regen *r)
{
	buf_printf(o, "# build.ninja%s%s, written by " VERSION_LINE " from %s.\n"
	           "# Do not edit: edit the rule files; ninja runs goninja again.\n",
	           p->name ? " for " : "", p->name ? p->name : "", r->rulefile);
	/* read back by targets, explain, matrix, doctor and report */
	for (size_t i = 0; i < r->ndefines; i++)
		buf_printf(o, "# -D %s\n", r->defines[i]);
	buf_putc(o, '\n');
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

/* what regenerates build.ninja besides goninja: rule files, git's files,
 * each Go, and the module files of every build */
static void regen_inputs(struct strlist *in, const struct project *p)
{
	for (size_t i = 0; i < p->files.n; i++)
		if (!strlist_has(in, p->files.v[i]))
			strlist_add(in, xstrdup(p->files.v[i]));
	for (size_t i = 0; i < p->inputs.n; i++)
		if (!strlist_has(in, p->inputs.v[i]))
			strlist_add(in, xstrdup(p->inputs.v[i]));
	for (size_t i = 0; i < p->nbins + p->ntests; i++) {
		const struct binary *b = i < p->nbins ? &p->bins[i] : &p->tests[i - p->nbins];
		struct strlist mods = {0};
		gotool_modfiles(b->dir, &mods);
		for (size_t j = 0; j < mods.n; j++)
			if (!strlist_has(in, mods.v[j]))
				strlist_add(in, xstrdup(mods.v[j]));
		strlist_free(&mods);
	}
}

static void regen(struct buf *o, const struct project *p, const struct regen *r)
{
	struct strlist argv = {0}, in = {0}, tools = {0};

	strlist_add(&argv, xstrdup("gen"));
	strlist_add(&argv, xstrdup("-f"));
	strlist_add(&argv, xstrdup(r->rulefile));
	strlist_add(&argv, xstrdup("-o"));
	strlist_add(&argv, xstrdup(r->output));
	for (size_t i = 0; i < r->ndefines; i++) {
		strlist_add(&argv, xstrdup("-D"));
		strlist_add(&argv, xstrdup(r->defines[i]));
	}
	regen_inputs(&in, p);
	for (size_t i = 0; i < p->ntools; i++)
		if (p->tools[i].path && !strlist_has(&in, p->tools[i].path) &&
		    !strlist_has(&tools, p->tools[i].path))
			strlist_add(&tools, xstrdup(p->tools[i].path));
	buf_puts(o, "rule goninja\n  command = $goninja $args\n"
	         "  description = GONINJA $out\n  generator = 1\n  restat = 1\n\n");
	buf_puts(o, "build ");
	esc_ninja_path(o, r->output);
	buf_puts(o, ": goninja");
	for (size_t i = 0; i < in.n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, in.v[i]);
	}
	buf_puts(o, " | $goninja");
	for (size_t i = 0; i < tools.n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, tools.v[i]);
	}
	buf_putc(o, '\n');
	var_words(o, "args", argv.v, argv.n);
	/* a vanished input regenerates instead of stopping ninja with
	 * "missing and no known rule to make it" */
	buf_puts(o, "\n# Each input may vanish (git pack-refs, a removed include).\n");
	for (size_t i = 0; i < in.n + tools.n; i++) {
		buf_puts(o, "build ");
		esc_ninja_path(o, i < in.n ? in.v[i] : tools.v[i - in.n]);
		buf_puts(o, ": phony\n");
	}
	buf_putc(o, '\n');
	strlist_free(&argv);
	strlist_free(&in);
	strlist_free(&tools);
}

/* the link pool: go builds and go tests at once, each with -p */
static void pool(struct buf *o, const struct sched *s)
{
	char *why = sched_why(s);

	if (s->depth == 1)
		buf_puts(o, "# One go build or go test at a time (the link pool), with\n#");
	else
		buf_printf(o, "# At most %d go builds and go tests at once (the link pool), each\n"
		           "# with", s->depth);
	buf_printf(o, " go build -p %d (%d core%s / %d). The depth is\n# ", s->p,
	           s->ncpu, s->ncpu == 1 ? "" : "s", s->depth);
	buf_puts(o, why);
	buf_printf(o, ".\npool link\n  depth = %d\n\n", s->depth);
	free(why);
}

static void rules(struct buf *o, const struct sched *s)
{
	pool(o, s);
	buf_printf(o,
	    "# go test, natively or under qemu-user (-exec); the log is the stamp.\n"
	    "rule gotest\n"
	    "  command = ${cd}$env $goninja godeps --test --pkgs $pkgs $out $top$out.d $top. -- "
	    "$go $flags $pkg && if $env $go test -p %d $flags $exec $args $pkg > "
	    "$top$out.log 2>&1; then mv $top$out.log $top$out; else cat "
	    "$top$out.log; exit 1; fi\n"
	    "  depfile = $out.d\n"
	    "  deps = gcc\n"
	    "  pool = link\n"
	    "  description = TEST $desc\n\n", s->p);
	buf_puts(o,
	    "# A package directory changed: rewrite the listing of the names go\n"
	    "# build could read there only if they changed (restat). A new\n"
	    "# foo_linux.go rebuilds; an editor's swap file does not.\n"
	    "rule pkgscan\n"
	    "  command = $goninja godeps --rescan $out\n"
	    "  depfile = $dep\n"
	    "  restat = 1\n"
	    "  description = SCAN $out\n\n"
	    "# Release: universal binaries, reproducible archives, checksums.\n"
	    "rule lipo\n"
	    "  command = $goninja lipo -o $out $in\n"
	    "  description = LIPO $out\n\n"
	    "rule archive\n"
	    "  command = $goninja archive -o $out --mtime=$mtime $files\n"
	    "  description = ARCHIVE $out\n\n"
	    "rule checksums\n"
	    "  command = cd $dir && sha256sum $names > $name.tmp && mv $name.tmp $name\n"
	    "  description = SHA256 $out\n\n"
	    "rule provenance\n"
	    "  command = $goninja provenance --out=$out $args $in\n"
	    "  description = PROVENANCE $out\n\n"
	    "# Signatures by minisign, signify, gpg or cosign; keys from files or\n"
	    "# the environment, never from this file.\n"
	    "rule sign\n"
	    "  command = $goninja sign --with=$with $key --epoch=$mtime --out=$out $in\n"
	    "  description = SIGN $out\n\n"
	    "# Linux packages: .deb written by goninja, .rpm by rpmbuild.\n"
	    "rule package\n"
	    "  command = $goninja package --out=$out --mtime=$mtime $args\n"
	    "  description = PACKAGE $out\n\n"
	    "# Homebrew formulae and Scoop manifests over the release archives.\n"
	    "rule manifest\n"
	    "  command = $goninja manifest --out=$out $args\n"
	    "  description = MANIFEST $out\n\n"
	    "rule copy\n"
	    "  command = cp $in $out\n"
	    "  description = COPY $out\n\n"
	    "# goninja check: the binary is what its rule promised, or the build fails.\n"
	    "rule check\n"
	    "  command = $goninja check $args $label $in > $out.tmp && mv $out.tmp $out\n"
	    "  description = CHECK $in\n\n"
	    "go = go\n\n");
}

/* what the edges of one file share: numbered variables env_N, flags_N,
 * check_N, written once; and the rules of the groups of cells that differ
 * only in their binary (go_N, check_N, sbom_N), so that each edge says
 * no more than its paths and package */
struct shared {
	struct intern env, flags, check;
	struct intern go, checks, sbom;   /* group keys */
	struct intern gfiles;             /* go list groups files, by text */
	size_t *gfile, ngroups;           /* per go_N: its groups file + 1 */
	size_t *cell;          /* per cell, SHARE_N of: below */
};

enum { S_ENV, S_FLAGS, S_CHECK, S_GO, S_CHECKS, S_SBOM, SHARE_N };

/* the number of the shell words of s[0..n) in in; scratch: reused */
static size_t intern_words(struct intern *in, const struct setting *s, size_t n,
                           struct buf *scratch)
{
	scratch->len = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(scratch, ' ');
		esc_shell(scratch, s[i].text);
	}
	return intern_add(in, scratch->len ? scratch->s : "");
}

/* the number of key "a b c" in in */
static size_t intern_key(struct intern *in, size_t a, size_t b, const char *c,
                         struct buf *scratch)
{
	scratch->len = 0;
	buf_putnum(scratch, a);
	buf_putc(scratch, ' ');
	buf_putnum(scratch, b);
	buf_putc(scratch, ' ');
	buf_puts(scratch, c);
	return intern_add(in, scratch->s);
}

static char *check_label(const struct binary *b)
{
	return xasprintf("--for=%s:%d", b->where.file, b->where.line);
}

/* the check args of c as shell words, or NULL: no check edge */
static char *check_words(const struct cell *c)
{
	struct strlist args = {0};
	struct buf sh = {0};

	if (!promise_args(c, &args))
		return NULL;
	for (size_t j = 0; j < args.n; j++) {
		if (j)
			buf_putc(&sh, ' ');
		esc_shell(&sh, args.v[j]);
	}
	strlist_free(&args);
	return sh.s ? sh.s : xstrdup("");
}

/* the cells one go list serves (goninja godeps --groups): the same
 * environment, flags, mode, directory and go; at most GROUP_MAX packages,
 * so that each cell reads a listing of bounded size */
#define GROUP_MAX 16

/* the groups of each go_N rule's cells: records "DIR GO PKG... ;" (DIR
 * "." for the top), plain words only. Rules whose groups read alike share
 * a file, out/.deps/groups_K (sh->gfile[N - 1] = K), that a ninja edge
 * writes from its text: a clean of out/ loses nothing. */
static void share_groups(struct shared *sh, const struct cell *cells, size_t n,
                         struct buf *scratch)
{
	struct intern keys = {0};
	struct intern *mains = NULL;   /* per key: its packages, numbered */
	size_t *rule = NULL;           /* per key: its go_N */
	struct buf *text;
	const struct binary *last = NULL;
	bool plain = false;

	for (size_t i = 0; i < n; i++) {
		const struct binary *b = cells[i].bin;
		size_t nk = keys.list.n;
		if (b != last)
			plain = !b->test && (!*b->dir || esc_plain(b->dir)) && esc_plain(b->go->cmd) &&
			        esc_plain(b->main);
		last = b;
		if (!plain)
			continue;   /* not a plain word: the cell lists itself */
		scratch->len = 0;
		buf_putnum(scratch, sh->cell[SHARE_N * i + S_GO]);
		buf_putc(scratch, ' ');
		buf_puts(scratch, *b->dir ? b->dir : ".");
		buf_putc(scratch, ' ');
		buf_puts(scratch, b->go->cmd);
		size_t k = intern_add(&keys, scratch->s);
		if (keys.list.n > nk) {   /* a new key */
			mains = xrealloc(mains, keys.list.n * sizeof(*mains));
			mains[k] = (struct intern){0};
			rule = xrealloc(rule, keys.list.n * sizeof(*rule));
			rule[k] = sh->cell[SHARE_N * i + S_GO];
		}
		intern_add(&mains[k], b->main);
	}
	sh->ngroups = sh->go.list.n;
	text = xcalloc(sh->ngroups + 1, sizeof(*text));
	sh->gfile = xcalloc(sh->ngroups + 1, sizeof(*sh->gfile));
	for (size_t k = 0; k < keys.list.n; k++) {
		const struct strlist *m = &mains[k].list;
		const char *dir_go = strchr(keys.list.v[k], ' ') + 1;
		for (size_t from = 0; from + 1 < m->n; from += GROUP_MAX) {
			size_t to = from + GROUP_MAX < m->n ? from + GROUP_MAX : m->n;
			struct buf *g = &text[rule[k]];
			if (to - from < 2)
				continue;   /* one package: it lists itself */
			if (g->len)
				buf_putc(g, ' ');
			buf_puts(g, dir_go);
			for (size_t j = from; j < to; j++) {
				buf_putc(g, ' ');
				buf_puts(g, m->v[j]);
			}
			buf_puts(g, " ;");
		}
		intern_free(&mains[k]);
	}
	for (size_t i = 0; i < sh->ngroups; i++) {
		if (text[i].len)
			sh->gfile[i] = intern_add(&sh->gfiles, text[i].s) + 1;
		buf_free(&text[i]);
	}
	free(text);
	free(mains);
	free(rule);
	intern_free(&keys);
}

/* lists: the cells' go lists are shared by groups (not for dev builds) */
static void share(struct shared *sh, const struct cell *cells, size_t n, bool checks,
                  bool sboms, bool lists)
{
	struct buf scratch = {0};
	/* cells of binaries declared alike share their settings (borrowed,
	 * flags.c): what one's settings gave, by the settings' address */
	struct { const struct setting *env; size_t s[SHARE_N]; } memo[256] = {{0}};
	const struct binary *last = NULL;
	char *label = NULL;

	sh->cell = xcalloc(n * SHARE_N, sizeof(*sh->cell));
	for (size_t i = 0; i < n; i++) {
		const struct cell *c = &cells[i];
		size_t *s = &sh->cell[SHARE_N * i];
		size_t m = (size_t)(((uintptr_t)c->env * 0x9E3779B97F4A7C15u) >> 56) % 256;
		char *check;
		if (c->env && memo[m].env == c->env && !c->bin->test) {
			memcpy(s, memo[m].s, sizeof(memo[m].s));
		} else {
			s[S_ENV] = intern_words(&sh->env, c->env, c->nenv, &scratch);
			s[S_FLAGS] = intern_words(&sh->flags, c->args, c->nargs, &scratch);
			if (!c->bin->test)
				s[S_GO] = intern_key(&sh->go, s[S_ENV], s[S_FLAGS], c->mode, &scratch);
			if (sboms && c->plat && !c->bin->test)
				s[S_SBOM] = intern_key(&sh->sbom, s[S_ENV], s[S_FLAGS], c->plat->name,
				                       &scratch);
			if (checks && (check = check_words(c))) {
				s[S_CHECK] = intern_add(&sh->check, check) + 1;
				free(check);
			}
			memo[m].env = c->env;
			memcpy(memo[m].s, s, sizeof(memo[m].s));
		}
		if (!s[S_CHECK])
			continue;
		if (c->bin != last) {
			free(label);
			label = check_label(c->bin);
			last = c->bin;
		}
		s[S_CHECKS] = intern_key(&sh->checks, s[S_CHECK], 0, label, &scratch);
	}
	free(label);
	if (lists)
		share_groups(sh, cells, n, &scratch);
	buf_free(&scratch);
}

static void share_vars(struct buf *o, const char *name, const struct intern *in)
{
	for (size_t i = 0; i < in->list.n; i++) {
		buf_puts(o, name);
		buf_putc(o, '_');
		buf_putnum(o, i + 1);
		buf_puts(o, " = ");
		esc_ninja_value(o, in->list.v[i]);
		buf_putc(o, '\n');
	}
}

static void share_free(struct shared *sh)
{
	intern_free(&sh->env);
	intern_free(&sh->flags);
	intern_free(&sh->check);
	intern_free(&sh->go);
	intern_free(&sh->checks);
	intern_free(&sh->sbom);
	free(sh->cell);
}

/* key "A B rest" of intern_key: a, b and rest */
static const char *key_parts(const char *key, size_t *a, size_t *b)
{
	char *end;

	*a = strtoul(key, &end, 10);
	*b = strtoul(end + 1, &end, 10);
	return end + 1;
}

/* shell word w, as a ninja value */
static void value_word(struct buf *o, const char *w)
{
	struct buf sh = {0};

	esc_shell(&sh, w);
	esc_ninja_value(o, sh.s);
	buf_free(&sh);
}

/* the groups file K (from 0) */
static char *groups_path(const struct project *p, size_t k)
{
	return xasprintf("%s/.deps/groups_%zu", p->out, k + 1);
}

/* the edges that write the groups files */
static void groups_edges(struct buf *o, const struct project *p, const struct shared *sh)
{
	if (!sh->gfiles.list.n)
		return;
	buf_puts(o, "# Which packages one go list serves (goninja godeps --groups): a\n"
	            "# record \"DIR GO PKG... ;\" per group, written when missing.\n"
	            "rule groups\n"
	            "  command = $goninja godeps --write-groups $out $groups\n"
	            "  description = GROUPS $out\n\n");
	for (size_t k = 0; k < sh->gfiles.list.n; k++) {
		char *path = groups_path(p, k);
		buf_puts(o, "build ");
		esc_ninja_path(o, path);
		buf_puts(o, ": groups\n  groups = ");
		/* plain words (share_groups) but the ";" that ends a record */
		for (const char *s = sh->gfiles.list.v[k]; *s; s++)
			if (*s == ';')
				buf_puts(o, "';'");
			else
				buf_putc(o, *s);
		buf_puts(o, "\n\n");
		free(path);
	}
}

/* a rule per group: go_N per (environment, flags, mode), check_N per
 * (checks, declaration), sbom_N per (environment, flags, platform) */
static void group_rules(struct buf *o, const struct project *p, const struct shared *sh,
                        const struct sched *s)
{
	size_t a, b;
	const char *rest;

	buf_puts(o, "# One go build per cell, a rule per group of cells that differ only\n"
	            "# in their binary. goninja godeps asks go list, with the same\n"
	            "# environment and flags, which files the binary is made of: one\n"
	            "# go list of a group in out/.deps/groups_K serves its cells\n"
	            "# while what it read is unchanged. It runs the go build after\n"
	            "# --then beside go list, with the same environment.\n");
	for (size_t i = 0; i < sh->go.list.n; i++) {
		rest = key_parts(sh->go.list.v[i], &a, &b);
		buf_printf(o, "rule go_%zu\n  command = ${cd}$env_%zu $goninja godeps --pkgs $in ",
		           i + 1, a + 1);
		if (i < sh->ngroups && sh->gfile[i]) {
			char *g = groups_path(p, sh->gfile[i] - 1);
			buf_puts(o, "--groups ");
			value_word(o, g);
			buf_putc(o, ' ');
			free(g);
		}
		buf_printf(o, "$out $top$out.d $top. -- $go $flags_%zu $pkg --then $go build "
		           "-p %d $flags_%zu -o $top$out $pkg\n  depfile = $out.d\n  deps = gcc\n"
		           "  pool = link\n  description = GO $out [", b + 1, s->p, b + 1);
		esc_ninja_value(o, rest);
		buf_puts(o, "]\n\n");
	}
	for (size_t i = 0; i < sh->checks.list.n; i++) {
		rest = key_parts(sh->checks.list.v[i], &a, &b);
		buf_printf(o, "rule check_%zu\n  command = $goninja check $check_%zu ", i + 1, a);
		value_word(o, rest);
		buf_puts(o, " $in > $out.tmp && mv $out.tmp $out\n  description = CHECK $in\n\n");
	}
	for (size_t i = 0; i < sh->sbom.list.n; i++) {
		if (i == 0)
			buf_puts(o, "# SBOMs from each binary's build info, checked against go list -deps.\n");
		rest = key_parts(sh->sbom.list.v[i], &a, &b);
		buf_printf(o, "rule sbom_%zu\n  command = ${cd}$env_%zu $goninja sbom $sbom_args ",
		           i + 1, a + 1);
		char *plat = xconcat("--platform=", rest, NULL);
		value_word(o, plat);
		free(plat);
		buf_printf(o, " $args $top$in -- $go $flags_%zu $pkg\n  description = SBOM $in\n\n",
		           b + 1);
	}
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

/* " | go go.mod ..." for b: those of the go command and module files
 * that its depfile cannot name (see goninja godeps), else "" */
static char *edge_inputs(const struct binary *b)
{
	struct strlist files = {0};
	struct buf o = {0};

	if (b->go->path)
		strlist_add(&files, xstrdup(b->go->path));
	gotool_modfiles(b->dir, &files);
	for (size_t i = 0; i < files.n; i++) {
		if (esc_depfile_ok(files.v[i]))
			continue;
		buf_puts(&o, o.len ? " " : " | ");
		esc_ninja_path(&o, files.v[i]);
	}
	strlist_free(&files);
	return o.s ? o.s : xstrdup("");
}

/* "  name = word\n" */
static void var_word(struct buf *o, const char *name, const char *w)
{
	struct buf sh = {0};

	if (esc_plain(w)) {   /* the usual ./cmd/server: nothing to quote */
		buf_puts(o, "  ");
		buf_puts(o, name);
		buf_puts(o, " = ");
		buf_puts(o, w);
		buf_putc(o, '\n');
		return;
	}
	esc_shell(&sh, w);
	buf_printf(o, "  %s = ", name);
	esc_ninja_value(o, sh.s);
	buf_putc(o, '\n');
	buf_free(&sh);
}

static void edge_dir(struct buf *o, const struct binary *b)
{
	struct buf sh = {0};
	char *top = updir(b->dir);

	buf_puts(&sh, "cd ");
	esc_shell(&sh, b->dir);
	buf_puts(&sh, " && ");
	buf_puts(o, "  cd = ");
	esc_ninja_value(o, sh.s);
	buf_puts(o, "\n  top = ");
	esc_ninja_value(o, top);
	buf_putc(o, '\n');
	buf_free(&sh);
	free(top);
}

/* shell words of l, as one ninja value */
static void var_list(struct buf *o, const char *name, const struct strlist *l,
                     const char *prefix)
{
	struct buf sh = {0};

	for (size_t i = 0; i < l->n; i++) {
		char *w = xconcat(prefix, l->v[i], NULL);
		if (i)
			buf_putc(&sh, ' ');
		esc_shell(&sh, w);
		free(w);
	}
	buf_printf(o, "  %s = ", name);
	esc_ninja_value(o, sh.s ? sh.s : "");
	buf_putc(o, '\n');
	buf_free(&sh);
}

static void test_vars(struct buf *o, const struct cell *c)
{
	const struct binary *t = c->bin;
	struct strlist exec = {0};

	var_list(o, "pkg", &t->packages, "");
	if (c->exec)
		strlist_add(&exec, xstrdup(c->exec));
	var_list(o, "exec", &exec, "-exec=");
	var_list(o, "args", &t->testargs, "");
	buf_puts(o, "  desc = ");
	esc_ninja_value(o, c->plat->name);
	buf_putc(o, ' ');
	esc_ninja_value(o, t->name);
	buf_puts(o, c->exec ? " [" : " [native");
	esc_ninja_value(o, c->exec ? c->exec : "");
	buf_puts(o, "]\n");
	strlist_free(&exec);
}

/* the listing of c's package directories: out/.deps/<c's output
 * directory>/<its binary's name>.pkgs, so that the listings of a binary
 * (server and server.exe) share one depfile (pkgdir_union) */
static char *pkgs_path(const struct project *p, const struct cell *c)
{
	size_t nout = strlen(p->out);
	const char *rel = c->out + nout + 1, *slash = strrchr(rel, '/');
	size_t n = slash ? (size_t)(slash - rel) + 1 : 0, name = strlen(c->bin->name);
	char *s = xmalloc(nout + 7 + n + name + 6), *t = s;

	memcpy(t, p->out, nout);
	memcpy(t += nout, "/.deps/", 7);
	memcpy(t += 7, rel, n);
	memcpy(t += n, c->bin->name, name);
	memcpy(t + name, ".pkgs", 6);
	return s;
}

static void cell_action_outs(const struct gen *g, const struct cell *c,
                             struct strlist *outs);

/* one package scan over the listings of v[0..n), the cells of one
 * binary, after their actions' outputs (order-only) */
static void pkgscan_edge(struct buf *o, const struct gen *g, const struct cell *const *v,
                         size_t n, const struct strlist *after)
{
	struct strlist made = {0}, outs = {0};
	char *dep;

	for (size_t i = 0; i < n; i++) {
		strlist_add(&outs, pkgs_path(g->proj, v[i]));
		cell_action_outs(g, v[i], &made);
	}
	for (size_t i = 0; after && i < after->n; i++)
		strlist_add(&made, xstrdup(after->v[i]));
	strlist_sort(&made);
	buf_puts(o, "build");
	paths(o, &outs);
	buf_puts(o, ": pkgscan");
	if (made.n)
		buf_puts(o, " ||");
	for (size_t i = 0; i < made.n; i++) {
		if (i && strcmp(made.v[i], made.v[i - 1]) == 0)
			continue;
		buf_putc(o, ' ');
		esc_ninja_path(o, made.v[i]);
	}
	dep = pkgdir_union(outs.v[0]);
	buf_puts(o, "\n  dep = ");
	esc_ninja_value(o, dep);
	buf_putc(o, '\n');
	free(dep);
	strlist_free(&outs);
	strlist_free(&made);
}

/* the go (or gotest) edge of c, after its actions' outputs: its package
 * scan waits for them and the build rebuilds when they change. The go
 * command and go.mod are inputs through the depfile (goninja godeps). */
static void edge(struct buf *o, const struct gen *g, const struct cell *c,
                 const char *inputs, const size_t *idx)
{
	const struct project *p = g->proj;
	const struct binary *b = c->bin;
	char *pkgs = pkgs_path(p, c);
	struct strlist made = {0};
	bool bar = *inputs;

	cell_action_outs(g, c, &made);
	buf_puts(o, "build ");
	esc_ninja_path(o, c->out);
	if (b->test) {
		buf_puts(o, ": gotest");
	} else {
		buf_puts(o, ": go_");
		buf_putnum(o, idx[S_GO] + 1);
		buf_putc(o, ' ');
		esc_ninja_path(o, pkgs);
	}
	buf_puts(o, inputs);
	for (size_t i = 0; i < made.n; i++) {
		if (!bar)
			buf_puts(o, " |");
		bar = true;
		buf_putc(o, ' ');
		esc_ninja_path(o, made.v[i]);
	}
	strlist_free(&made);
	if (b->test) {
		if (!bar)
			buf_puts(o, " |");
		buf_putc(o, ' ');
		esc_ninja_path(o, pkgs);
		buf_puts(o, "\n  env = $env_");
		buf_putnum(o, idx[S_ENV] + 1);
		buf_puts(o, "\n  flags = $flags_");
		buf_putnum(o, idx[S_FLAGS] + 1);
		buf_putc(o, '\n');
		var_word(o, "pkgs", pkgs);
	} else {
		buf_putc(o, '\n');
	}
	free(pkgs);
	if (*b->dir)
		edge_dir(o, b);
	if (strcmp(b->go->cmd, "go") != 0)
		var_word(o, "go", b->go->cmd);
	if (b->test) {
		test_vars(o, c);
		return;
	}
	var_word(o, "pkg", b->main);
}

static char *stamp(const struct project *p, const struct cell *c)
{
	return xconcat(p->out, "/.verify/", c->plat->dir, strrchr(c->out, '/'), NULL);
}

static void verify_edge(struct buf *o, const struct project *p,
                        const struct cell *c, size_t group)
{
	char *s = stamp(p, c);

	buf_puts(o, "build ");
	esc_ninja_path(o, s);
	buf_puts(o, ": check_");
	buf_putnum(o, group + 1);
	buf_putc(o, ' ');
	esc_ninja_path(o, c->out);
	buf_puts(o, " | $goninja\n");
	free(s);
}

/* "build NAME: refuse": a target turned off fails and says why, rather
 * than pass without doing anything */
static void refusal(struct buf *o, const struct project *p, const char *name,
                    const char *field, const char *what)
{
	char *why = xasprintf("goninja: %s = false (%s:%d): no %s were written; set "
	                      "%s = true in project { }", field, p->where.file,
	                      p->where.line, what, field);

	buf_puts(o, "build ");
	buf_puts(o, name);
	buf_puts(o, ": refuse\n");
	var_word(o, "why", why);
	free(why);
}

/* verify: the check edges of cells and universal binaries (stamps at
 * odd places of uni) */
static void verify_alias(struct buf *o, const struct project *p,
                         const struct cell *cells, size_t n, const struct shared *sh,
                         const struct strlist *uni)
{
	if (!model_checked(p)) {
		refusal(o, p, "verify", "verify", "checks");
		return;
	}
	buf_puts(o, "build verify: phony");
	for (size_t i = 0; i < n; i++) {
		if (!sh->cell[SHARE_N * i + S_CHECK])
			continue;
		char *s = stamp(p, &cells[i]);
		buf_putc(o, ' ');
		esc_ninja_path(o, s);
		free(s);
	}
	for (size_t i = 1; i < uni->n; i += 2) {
		buf_putc(o, ' ');
		esc_ninja_path(o, uni->v[i]);
	}
	buf_putc(o, '\n');
}

/* cells with SBOMs: Go records build info in executables, not in archives */
static bool has_sbom(const struct project *p, const struct cell *c)
{
	return p->sbom && c->plat && c->bin->buildmode <= MODE_PIE;
}

/* FILE.spdx.json and FILE.cdx.json beside a cell's binary */
static void sbom_files(const struct cell *c, struct strlist *out)
{
	strlist_add(out, xconcat(c->out, ".spdx.json", NULL));
	strlist_add(out, xconcat(c->out, ".cdx.json", NULL));
}

/* "sbom_args = --project=P --version=V --epoch=E", shared by the edges */
static void sbom_args(struct buf *o, const struct project *p)
{
	struct buf sh = {0};
	char *a;

	if (p->name) {
		a = xconcat("--project=", p->name, NULL);
		esc_shell(&sh, a);
		buf_putc(&sh, ' ');
		free(a);
	}
	a = xconcat("--version=", p->version, NULL);
	esc_shell(&sh, a);
	free(a);
	a = xconcat("--epoch=", p->vcs.epoch, NULL);
	buf_putc(&sh, ' ');
	esc_shell(&sh, a);
	free(a);
	buf_puts(o, "sbom_args = ");
	esc_ninja_value(o, sh.s);
	buf_puts(o, "\n\n");
	buf_free(&sh);
}

static void sbom_edge(struct buf *o, const struct cell *c, const size_t *idx)
{
	const struct binary *b = c->bin;
	struct strlist outs = {0};
	char *name = xconcat("--name=", b->name, NULL);

	sbom_files(c, &outs);
	buf_puts(o, "build ");
	esc_ninja_path(o, outs.v[0]);
	buf_putc(o, ' ');
	esc_ninja_path(o, outs.v[1]);
	buf_puts(o, ": sbom_");
	buf_putnum(o, idx[S_SBOM] + 1);
	buf_putc(o, ' ');
	esc_ninja_path(o, c->out);
	buf_puts(o, " | $goninja\n");
	if (*b->dir)
		edge_dir(o, b);
	if (strcmp(b->go->cmd, "go") != 0)
		var_word(o, "go", b->go->cmd);
	var_word(o, "pkg", b->main);
	var_word(o, "args", name);
	free(name);
	strlist_free(&outs);
}

/* the go edges of cells and dev, and the check edges of cells */
static void edges(struct buf *o, const struct gen *g, const struct shared *sh,
                  const struct cell *cells, size_t n, const struct cell *dev,
                  size_t ndev, const struct shared *dsh)
{
	const struct project *p = g->proj;
	const struct cell **devof = xcalloc(p->nbins + 1, sizeof(*devof));
	const struct cell **v = xcalloc(n + ndev + 1, sizeof(*v));
	bool *scanned = xcalloc(p->nbins + 1, sizeof(*scanned));
	const struct binary *last = NULL;
	char *inputs = NULL;

	for (size_t i = 0; i < ndev; i++)
		devof[dev[i].bin - p->bins] = &dev[i];
	for (size_t i = 0; i < n + ndev; i++) {
		const struct cell *c = i < n ? &cells[i] : &dev[i - n];
		const size_t *s = i < n ? &sh->cell[SHARE_N * i] : &dsh->cell[SHARE_N * (i - n)];
		size_t k = (size_t)(c->bin - p->bins), m = 0;
		if (!scanned[k]) {   /* the binary's cells come together, then dev */
			struct strlist groups = {0};   /* the go list groups they read */
			size_t seen = 0;
			for (size_t j = i; j < n && cells[j].bin == c->bin; j++) {
				size_t go = sh->cell[SHARE_N * j + S_GO], f;
				v[m++] = &cells[j];
				if (go < sh->ngroups && (f = sh->gfile[go]) && f != seen) {
					strlist_add(&groups, groups_path(p, f - 1));
					seen = f;   /* the binary's platforms mostly read one */
				}
			}
			if (devof[k])
				v[m++] = devof[k];
			pkgscan_edge(o, g, v, m, &groups);
			strlist_free(&groups);
			scanned[k] = true;
		}
		if (c->bin != last) {
			free(inputs);
			inputs = edge_inputs(c->bin);
			last = c->bin;
		}
		edge(o, g, c, inputs, s);
		if (i < n && s[S_CHECK])
			verify_edge(o, p, c, s[S_CHECKS]);
		if (i < n && has_sbom(p, c))
			sbom_edge(o, c, s);
		buf_putc(o, '\n');
	}
	free(scanned);
	free(inputs);
	free(v);
	free(devof);
}

/* "build name: phony" and the outputs of v[0..n) */
static void phony(struct buf *o, const char *name, const struct cell *const *v, size_t n)
{
	buf_puts(o, "build ");
	esc_ninja_path(o, name);
	buf_puts(o, ": phony");
	for (size_t i = 0; i < n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, v[i]->out);
	}
	buf_putc(o, '\n');
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* v: the cells grouped by platform directory, directories in sorted order,
 * cells in emission order within each: a counting sort */
static void by_dir(const struct cell **v, const struct cell *cells, size_t n)
{
	struct intern dirs = {0};
	size_t *idx, *start, *rank;
	char **sorted;

	if (n == 0)
		return;   /* memcpy and qsort take no NULL, even for 0 bytes */
	idx = xcalloc(n, sizeof(*idx));
	for (size_t i = 0; i < n; i++)
		idx[i] = intern_add(&dirs, cells[i].plat->dir);
	sorted = xcalloc(dirs.list.n, sizeof(*sorted));
	memcpy(sorted, dirs.list.v, dirs.list.n * sizeof(*sorted));
	qsort(sorted, dirs.list.n, sizeof(*sorted), cmpstr);
	rank = xcalloc(dirs.list.n, sizeof(*rank));
	for (size_t i = 0; i < dirs.list.n; i++)
		rank[intern_add(&dirs, sorted[i])] = i;
	start = xcalloc(dirs.list.n + 1, sizeof(*start));
	for (size_t i = 0; i < n; i++)
		start[rank[idx[i]] + 1]++;
	for (size_t i = 0; i < dirs.list.n; i++)
		start[i + 1] += start[i];
	for (size_t i = 0; i < n; i++)
		v[start[rank[idx[i]]]++] = &cells[i];
	free(start);
	free(rank);
	free(sorted);
	free(idx);
	intern_free(&dirs);
}

/* one phony per run of cells that key() says belong together */
static void groups(struct buf *o, const struct cell **v, size_t n, int plat)
{
	for (size_t i = 0, j; i < n; i = j) {
		const char *key = plat ? v[i]->plat->dir : v[i]->bin->name;
		for (j = i + 1; j < n; j++)
			if (strcmp(plat ? v[j]->plat->dir : v[j]->bin->name, key) != 0)
				break;
		phony(o, key, v + i, j - i);
	}
}

static void sbom_alias(struct buf *o, const struct project *p,
                       const struct cell *cells, size_t n)
{
	struct strlist files = {0};

	if (!p->sbom) {
		refusal(o, p, "sbom", "sbom", "SBOMs");
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (has_sbom(p, &cells[i]))
			sbom_files(&cells[i], &files);
	buf_puts(o, "build sbom: phony");
	for (size_t i = 0; i < files.n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, files.v[i]);
	}
	buf_putc(o, '\n');
	strlist_free(&files);
}

static void aliases(struct buf *o, const struct project *p, const struct shared *sh,
                    const struct cell *cells, size_t n,
                    const struct cell *dev, size_t ndev, const struct strlist *uni)
{
	const struct cell **v = xcalloc(n + ndev, sizeof(*v));

	buf_puts(o, "# Aliases: each binary, each platform, verify, all, dev, sbom.\n");
	for (size_t i = 0; i < n; i++)
		v[i] = &cells[i];
	groups(o, v, n, 0);          /* cells come grouped by binary */
	by_dir(v, cells, n);
	groups(o, v, n, 1);
	verify_alias(o, p, cells, n, sh, uni);
	buf_puts(o, "build all: phony");
	for (size_t i = 0; i < p->nbins; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, p->bins[i].name);
	}
	for (size_t i = 0; i < uni->n; i += 2) {
		buf_putc(o, ' ');
		esc_ninja_path(o, uni->v[i]);
	}
	for (size_t i = 0; i < p->nactions; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, p->actions[i].name);
	}
	buf_puts(o, p->verify ? " verify\n" : "\n");
	for (size_t i = 0; i < ndev; i++)
		v[i] = &dev[i];
	phony(o, "dev", v, ndev);
	sbom_alias(o, p, cells, n);
	buf_puts(o, "\ndefault all\n");
	free(v);
}

/* a go_test cell that cannot run on this machine: no stamp, so ninja
 * test says why every time and never counts it as passed */
static void notrun_edge(struct buf *o, const struct cell *c)
{
	char *why = xconcat("not run here: ", c->plat->name, " ", c->bin->name, ": ",
	                    c->notrun, NULL);

	buf_puts(o, "build ");
	esc_ninja_path(o, c->out);
	buf_puts(o, ": notrun\n");
	var_word(o, "why", why);
	buf_puts(o, "  desc = ");
	esc_ninja_value(o, c->plat->name);
	buf_putc(o, ' ');
	esc_ninja_value(o, c->bin->name);
	buf_puts(o, "\n");
	free(why);
}

static bool any_notrun(const struct gen *g)
{
	for (size_t i = 0; i < g->ntests; i++)
		if (g->tests[i].notrun)
			return true;
	return false;
}

/* the test edges and the test alias */
static void tests(struct buf *o, const struct gen *g, const struct shared *tsh)
{
	const struct cell **v = xcalloc(g->ntests + 1, sizeof(*v));
	const struct cell **scan = xcalloc(g->ntests + 1, sizeof(*scan));
	char *inputs = NULL;

	if (any_notrun(g))
		buf_puts(o, "# A go_test that cannot run on this machine: it says why at every\n"
		            "# ninja test and leaves no stamp. Never a silent pass.\n"
		            "rule notrun\n"
		            "  command = rm -f $out && printf '%s\\n' $why\n"
		            "  description = NOT RUN $desc\n\n");
	for (size_t i = 0; i < g->ntests; i++) {
		const struct cell *c = &g->tests[i];
		v[i] = c;
		if (c->notrun) {
			notrun_edge(o, c);
			buf_putc(o, '\n');
			continue;
		}
		if (i == 0 || c->bin != g->tests[i - 1].bin) {
			size_t m = 0;
			free(inputs);
			inputs = edge_inputs(c->bin);
			for (size_t j = i; j < g->ntests && g->tests[j].bin == c->bin; j++)
				if (!g->tests[j].notrun)
					scan[m++] = &g->tests[j];
			pkgscan_edge(o, g, scan, m, NULL);
		}
		edge(o, g, c, inputs, &tsh->cell[SHARE_N * i]);
		buf_putc(o, '\n');
	}
	free(scan);
	free(inputs);
	phony(o, "test", v, g->ntests);
	buf_putc(o, '\n');
	free(v);
}

static const struct cell *cell_of(const struct gen *g, const struct binary *b,
                                  const char *plat)
{
	for (size_t i = 0; i < g->ncells; i++)
		if (g->cells[i].bin == b && strcmp(g->cells[i].plat->name, plat) == 0)
			return &g->cells[i];
	return NULL;
}

static char *universal_out(const struct project *p, const struct binary *b)
{
	return xconcat(p->out, "/darwin_all/", b->name, NULL);
}

/* lipo edges for universal binaries, with their checks; outputs to outs */
static void universals(struct buf *o, const struct gen *g, struct strlist *outs)
{
	const struct project *p = g->proj;

	for (size_t i = 0; i < p->nbins; i++) {
		const struct binary *b = &p->bins[i];
		if (!b->universal)
			continue;
		char *out = universal_out(p, b);
		char *stamp = xconcat(p->out, "/.verify/darwin_all/", b->name, NULL);
		buf_puts(o, "build ");
		esc_ninja_path(o, out);
		buf_puts(o, ": lipo ");
		esc_ninja_path(o, cell_of(g, b, "darwin/amd64")->out);
		buf_putc(o, ' ');
		esc_ninja_path(o, cell_of(g, b, "darwin/arm64")->out);
		buf_puts(o, " | $goninja\n");
		if (!model_checked(p))
			goto next;
		buf_puts(o, "build ");
		esc_ninja_path(o, stamp);
		buf_puts(o, ": check ");
		esc_ninja_path(o, out);
		buf_puts(o, " | $goninja\n  args = --os=darwin --expect=dynamic "
		         "--allow=/usr/lib/libSystem.B.dylib --allow=/usr/lib/libresolv.9.dylib "
		         "'--allow=/System/Library/Frameworks/*'\n");
next:
		buf_putc(o, '\n');
		strlist_add(outs, out);
		strlist_add(outs, stamp);
	}
}

static bool released(const struct release *r, const struct binary *b)
{
	return r->binaries.n == 0 || strlist_has(&r->binaries, b->name);
}

/* one archive: "build OUT: archive IN... ", with its files variable */
static void archive_edge(struct buf *o, const struct release *r, const char *out,
                         const struct strlist *bins)
{
	struct strlist files = {0};

	buf_puts(o, "build ");
	esc_ninja_path(o, out);
	buf_puts(o, ": archive");
	for (size_t i = 0; i < bins->n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, bins->v[i]);
		strlist_add(&files, xconcat(bins->v[i], "=", strrchr(bins->v[i], '/') + 1, NULL));
	}
	for (size_t i = 0; i < r->files.n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, r->files.v[i]);
		const char *base = strrchr(r->files.v[i], '/');
		strlist_add(&files, xconcat(r->files.v[i], "=", base ? base + 1 : r->files.v[i], NULL));
	}
	buf_puts(o, " | $goninja\n");
	var_list(o, "files", &files, "");
	strlist_free(&files);
}

/* the archive name without its extension */
static char *stem(const char *name)
{
	size_t n = strlen(name);
	size_t ext = n > 7 && strcmp(name + n - 7, ".tar.gz") == 0 ? 7 : 4;

	return xstrndup(name, n - ext);
}

/* SBOMs beside the archive name: copied as STEM.FILE.spdx.json */
static void sbom_beside(struct buf *o, const struct project *p, const char *name,
                        const struct strlist *sboms, struct strlist *outs,
                        struct strlist *names)
{
	char *base = stem(name);

	for (size_t i = 0; i < sboms->n; i++) {
		char *n = xconcat(base, ".", strrchr(sboms->v[i], '/') + 1, NULL);
		char *out = xconcat(p->out, "/release/", n, NULL);
		buf_puts(o, "build ");
		esc_ninja_path(o, out);
		buf_puts(o, ": copy ");
		esc_ninja_path(o, sboms->v[i]);
		buf_putc(o, '\n');
		strlist_add(outs, out);
		strlist_add(names, n);
	}
	free(base);
}

/* one platform's archive of v[i..j), and its SBOMs as the release says */
static void platform_release(struct buf *o, const struct gen *g,
                             const struct cell **v, size_t i, size_t j,
                             struct strlist *outs, struct strlist *names)
{
	const struct project *p = g->proj;
	const struct release *r = &p->release;
	struct strlist bins = {0}, sboms = {0};
	char *name, *out;

	for (size_t k = i; k < j; k++) {
		if (!released(r, v[k]->bin) || v[k]->bin->buildmode > MODE_PIE)
			continue;
		strlist_add(&bins, xstrdup(v[k]->out));
		if (strcmp(r->sbom, "none") != 0)
			sbom_files(v[k], &sboms);
	}
	if (bins.n) {
		name = release_archive(g, v[i]->plat);
		out = xconcat(p->out, "/release/", name, NULL);
		if (strcmp(r->sbom, "archive") == 0)
			for (size_t k = 0; k < sboms.n; k++)
				strlist_add(&bins, xstrdup(sboms.v[k]));
		archive_edge(o, r, out, &bins);
		if (strcmp(r->sbom, "beside") == 0)
			sbom_beside(o, p, name, &sboms, outs, names);
		strlist_add(outs, out);
		strlist_add(names, name);
	}
	strlist_free(&bins);
	strlist_free(&sboms);
}

/* the in-toto statement over every release artifact; its path into outs */
static void provenance(struct buf *o, const struct project *p, const struct regen *r,
                       const struct strlist *arts, struct strlist *outs)
{
	struct strlist args = {0};
	char *out = xconcat(p->out, "/release/provenance.intoto.json", NULL);

	buf_puts(o, "build ");
	esc_ninja_path(o, out);
	buf_puts(o, ": provenance");
	for (size_t i = 0; i < arts->n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, arts->v[i]);
	}
	buf_puts(o, " | $goninja");
	for (size_t i = 0; i < p->files.n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, p->files.v[i]);
	}
	buf_putc(o, '\n');
	strlist_add(&args, xstrdup("-f"));
	strlist_add(&args, xstrdup(r->rulefile));
	for (size_t i = 0; i < r->ndefines; i++) {
		strlist_add(&args, xstrdup("-D"));
		strlist_add(&args, xstrdup(r->defines[i]));
	}
	var_list(o, "args", &args, "");
	strlist_free(&args);
	strlist_add(outs, out);
}

/* a signature edge per file the sign declaration covers; outputs to outs */
static void signs(struct buf *o, const struct project *p, const char *sums,
                  const struct strlist *arts, struct strlist *outs)
{
	for (size_t i = 0; i < p->nsigns; i++) {
		const struct sign *s = &p->signs[i];
		bool all = strcmp(s->files, "all") == 0;
		for (size_t j = 0; j < (all ? arts->n : 1); j++) {
			const char *f = all ? arts->v[j] : sums;
			char *sig = sign_output(s->with, f);
			buf_puts(o, "build ");
			esc_ninja_path(o, sig);
			buf_puts(o, ": sign ");
			esc_ninja_path(o, f);
			buf_puts(o, " | $goninja\n");
			var_word(o, "with", s->with);
			if (s->key) {
				char *k = xconcat("--key=", s->key, NULL);
				var_word(o, "key", k);
				free(k);
			}
			strlist_add(outs, sig);
		}
	}
}

/* ---- smoke runs ---- */

static bool smoked(const struct cell *c)
{
	return c->bin->nsmokes && c->bin->buildmode <= MODE_PIE;
}

/* the smoke log of c: the edge's stamp */
static char *smoke_log(const struct project *p, const struct cell *c)
{
	return smoke_log_path(p->out, c->plat->dir, c->out);
}

/* the runs as goninja smoke words: --run TIMEOUT STATUS EXPECT N ARG... */
static void smoke_runs(struct buf *o, const struct cell *c)
{
	const struct binary *b = c->bin;
	struct strlist w = {0};

	for (size_t i = 0; i < b->nsmokes; i++) {
		const struct smoke *s = &b->smokes[i];

		strlist_add(&w, xstrdup("--run"));
		strlist_add(&w, xasprintf("%d", s->timeout));
		strlist_add(&w, xasprintf("%d", s->status));
		strlist_add(&w, xstrdup(c->expect[i]));
		strlist_add(&w, xasprintf("%zu", s->args.n));
		for (size_t k = 0; k < s->args.n; k++)
			strlist_add(&w, xstrdup(s->args.v[k]));
	}
	var_list(o, "runs", &w, "");
	strlist_free(&w);
}

/* one smoke edge: the binary itself, or with a release its archive's copy */
static void smoke_edge(struct buf *o, const struct gen *g, const struct cell *c)
{
	const struct project *p = g->proj;
	char *log = smoke_log(p, c), *archive = NULL, *name;
	struct strlist opts = {0};

	if (p->release.where.file && released(&p->release, c->bin)) {
		name = release_archive(g, c->plat);
		archive = xconcat(p->out, "/release/", name, NULL);
		free(name);
		strlist_add(&opts, xconcat("--archive=", archive, NULL));
		strlist_add(&opts, xconcat("--member=", strrchr(c->out, '/') + 1, NULL));
	}
	if (strcmp(c->plat->os, "windows") == 0)
		strlist_add(&opts, xconcat("--wineprefix=", p->out, "/.wine", NULL));
	if (c->cc && strcmp(c->linkage, "dynamic") == 0)
		strlist_add(&opts, xconcat("--cc=", c->cc, NULL));
	buf_puts(o, "build ");
	esc_ninja_path(o, log);
	buf_puts(o, ": smoke ");
	esc_ninja_path(o, c->out);
	buf_puts(o, " | $goninja");
	if (archive) {
		buf_putc(o, ' ');
		esc_ninja_path(o, archive);
	}
	buf_putc(o, '\n');
	var_word(o, "platform", c->plat->name);
	var_list(o, "opts", &opts, "");
	smoke_runs(o, c);
	if (strcmp(c->plat->os, "windows") == 0)
		buf_puts(o, "  pool = wine\n");
	strlist_free(&opts);
	free(archive);
	free(log);
}

/* append " LOG" for each smoked cell (of a released binary when rel) */
static void smoke_logs(struct buf *o, const struct gen *g, const struct release *rel)
{
	for (size_t i = 0; i < g->ncells; i++) {
		const struct cell *c = &g->cells[i];
		char *log;

		if (!smoked(c) || (rel && !released(rel, c->bin)))
			continue;
		log = smoke_log(g->proj, c);
		buf_putc(o, ' ');
		esc_ninja_path(o, log);
		free(log);
	}
}

static bool any_smoke(const struct gen *g)
{
	for (size_t i = 0; i < g->ncells; i++)
		if (smoked(&g->cells[i]))
			return true;
	return false;
}

/* the smoke rule, one edge per smoked cell, and ninja smoke */
static void smokes(struct buf *o, const struct gen *g)
{
	if (!any_smoke(g))
		return;
	buf_puts(o, "# Smoke runs: each binary run here, natively, under qemu-user or\n"
	         "# wine (decided by goninja smoke when it runs); the log is the stamp.\n"
	         "rule smoke\n"
	         "  command = $goninja smoke --platform=$platform --log=$out $opts $in $runs\n"
	         "  description = SMOKE $in\n\n"
	         "# one wine at a time: they share a prefix\n"
	         "pool wine\n  depth = 1\n\n");
	for (size_t i = 0; i < g->ncells; i++)
		if (smoked(&g->cells[i]))
			smoke_edge(o, g, &g->cells[i]);
	buf_puts(o, "\nbuild smoke: phony");
	smoke_logs(o, g, NULL);
	buf_puts(o, "\n\n");
}

/* the binaries package k installs */
static bool packaged(const struct package *k, const struct binary *b)
{
	return b->buildmode <= MODE_PIE &&
	       (k->binaries.n == 0 || strlist_has(&k->binaries, b->name));
}

/* k's platforms: its own, else the linux ones its binaries are built for */
static void package_plats(const struct gen *g, const struct package *k,
                          const struct platform **v, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < k->nplats; i++)
		v[(*n)++] = &k->plats[i];
	for (size_t i = 0; !k->nplats && i < g->ncells; i++) {
		const struct platform *pl = g->cells[i].plat;
		size_t j = 0;
		if (!packaged(k, g->cells[i].bin) || strcmp(pl->os, "linux") != 0)
			continue;
		while (j < *n && strcmp(v[j]->dir, pl->dir) != 0)
			j++;
		if (j == *n)
			v[(*n)++] = pl;
	}
}

/* the words of k's metadata options, shared by its edges */
static void package_meta(const struct package *k, struct strlist *a)
{
	struct buf d = {0};
	const struct { const char *opt; const char *v; } one[] = {
		{"--maintainer=", k->maintainer}, {"--license=", k->license},
		{"--homepage=", k->homepage}, {"--section=", k->section},
		{"--release=", k->release}, {"--pkg-epoch=", k->epoch},
	};
	const struct { const char *opt; const struct strlist *l; } many[] = {
		{"--depends=", &k->depends}, {"--conflicts=", &k->conflicts},
		{"--replaces=", &k->replaces}, {"--config=", &k->config},
	};

	buf_puts(&d, k->description);
	for (size_t i = 0; i < k->details.n; i++)
		buf_printf(&d, "\n%s", k->details.v[i]);
	char *e = package_escape(d.s);
	strlist_add(a, xconcat("--description=", e, NULL));
	free(e);
	buf_free(&d);
	for (size_t i = 0; i < sizeof(one) / sizeof(*one); i++)
		if (one[i].v)
			strlist_add(a, xconcat(one[i].opt, one[i].v, NULL));
	for (size_t i = 0; i < sizeof(many) / sizeof(*many); i++)
		for (size_t j = 0; j < many[i].l->n; j++)
			strlist_add(a, xconcat(many[i].opt, many[i].l->v[j], NULL));
	for (size_t i = 0; i < k->nscripts; i++)
		strlist_add(a, xconcat("--script=", k->scripts[i].key, "=",
		                       k->scripts[i].value, NULL));
}

/* SRC=/DEST for each binary of k built for pl and each file; inputs to ins */
static void package_files(const struct gen *g, const struct package *k,
                          const struct platform *pl, struct strlist *a, struct strlist *ins)
{
	for (size_t i = 0; i < g->proj->nbins; i++) {
		const struct binary *b = &g->proj->bins[i];
		size_t j = 0;
		if (!packaged(k, b))
			continue;
		while (j < g->ncells && (g->cells[j].bin != b ||
		                         strcmp(g->cells[j].plat->dir, pl->dir) != 0))
			j++;
		if (j == g->ncells)
			model_fail_at(&k->where, "platforms", "package \"%s\": go_binary \"%s\" "
			              "is not built for %s (set the package's binaries or platforms)",
			              k->name, b->name, pl->name);
		strlist_add(ins, xstrdup(g->cells[j].out));
		strlist_add(a, xconcat(g->cells[j].out, "=/usr/bin/", b->name, NULL));
		if (g->cells[j].linkage && strcmp(g->cells[j].linkage, "static") == 0)   /* lintian */
			strlist_add(a, xconcat("--static=/usr/bin/", b->name, NULL));
	}
	for (size_t i = 0; i < k->nfiles; i++) {
		char *dest = release_expand(g, pl, k->files[i].value, &k->where, "files", "package");
		if (!package_dest_ok(dest))
			model_fail_at(&k->where, "files", "package: destination \"%s\" must be an "
			              "absolute path without \"..\", blanks, quotes, '=', '%%' or '$'", dest);
		strlist_add(ins, xstrdup(k->files[i].key));
		strlist_add(a, xconcat(k->files[i].key, "=", dest, NULL));
		free(dest);
	}
	for (size_t i = 0; i < k->nscripts; i++)
		strlist_add(ins, xstrdup(k->scripts[i].value));
}

/* one package edge for k, platform pl and format fmt; its path into outs */
static void package_edge(struct buf *o, const struct gen *g, const struct package *k,
                         const struct platform *pl, const char *fmt,
                         struct strlist *outs)
{
	const char *arch, *why;
	char *version, *vwhy, *name, *file;
	struct strlist a = {0}, ins = {0};

	if (!(arch = package_arch(fmt, pl->name, &why)))
		model_fail_at(&k->where, "platforms", "package: %s: no %s architecture: %s%s",
		              pl->name, fmt, why, k->nplats ? "" : " (give the package "
		              "platforms = { ... } without it)");
	if (!(version = package_version(fmt, g->proj->version, &vwhy)))
		model_fail_at(&k->where, "formats", "package: %s", vwhy);
	name = release_expand(g, pl, k->name, &k->where, "name", "package");
	file = package_file(fmt, name, version, k->release, arch);
	if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789+-.") != strlen(name) ||
	    !strchr("abcdefghijklmnopqrstuvwxyz0123456789", name[0]))
		model_fail_at(&k->where, "name", "package: name \"%s\" is no package name "
		              "(lower-case letters, digits, \"+-.\")", name);
	strlist_add(&a, xconcat("--format=", fmt, NULL));
	strlist_add(&a, xconcat("--name=", name, NULL));
	strlist_add(&a, xconcat("--version=", g->proj->version, NULL));
	strlist_add(&a, xconcat("--platform=", pl->name, NULL));
	package_meta(k, &a);
	package_files(g, k, pl, &a, &ins);
	char *out = xconcat(g->proj->out, "/release/", file, NULL);
	buf_puts(o, "build ");
	esc_ninja_path(o, out);
	buf_puts(o, ": package");
	paths(o, &ins);
	buf_puts(o, " | $goninja\n");
	var_list(o, "args", &a, "");
	strlist_add(outs, out);
	free(file);
	strlist_free(&a);
	strlist_free(&ins);
	free(version);
	free(name);
}

/* every package edge, and the package alias; paths into outs */
static void packages(struct buf *o, const struct gen *g, struct strlist *outs)
{
	const struct project *p = g->proj;
	const struct platform **v = xcalloc(g->ncells + 1, sizeof(*v));
	struct strlist mine = {0};

	for (size_t i = 0; i < p->npkgs; i++) {
		const struct package *k = &p->pkgs[i];
		size_t n;
		package_plats(g, k, v, &n);
		for (size_t j = 0; j < n; j++)
			for (size_t f = 0; f < k->formats.n; f++)
				package_edge(o, g, k, v[j], k->formats.v[f], &mine);
	}
	if (p->npkgs && strcmp(p->vcs.epoch, "0") == 0)
		model_warn(&p->pkgs[0].where, "package: no commit time and no SOURCE_DATE_EPOCH: "
		           "every file is dated 1970, which lintian reports as "
		           "package-contains-ancient-file (and rpmbuild drops the "
		           "%%changelog)");
	if (p->npkgs) {
		buf_puts(o, "build package: phony");
		for (size_t i = 0; i < mine.n; i++) {
			buf_putc(o, ' ');
			esc_ninja_path(o, mine.v[i]);
			strlist_add(outs, xstrdup(mine.v[i]));
		}
		buf_puts(o, "\n\n");
	}
	strlist_free(&mine);
	free(v);
}

/* ---- actions ---- */

static const struct action *action_named(const struct project *p, const char *name)
{
	for (size_t i = 0; i < p->nactions; i++)
		if (strcmp(p->actions[i].name, name) == 0)
			return &p->actions[i];
	return NULL;
}

static bool needs(const struct cell *c, const struct action *a)
{
	return strlist_has(&c->bin->deps, a->name);
}

static int plat_cmp(const void *x, const void *y)
{
	return strcmp((*(const struct platform *const *)x)->dir,
	              (*(const struct platform *const *)y)->dir);
}

/* the platforms of the cells that need a, by directory name; their number */
static size_t action_plats(const struct gen *g, const struct action *a,
                           const struct platform **v)
{
	size_t n = 0;

	for (size_t i = 0; i < g->ncells + g->ntests; i++) {
		const struct cell *c = i < g->ncells ? &g->cells[i] : &g->tests[i - g->ncells];
		size_t j = 0;
		if (!needs(c, a))
			continue;
		while (j < n && strcmp(v[j]->name, c->plat->name) != 0)
			j++;
		if (j == n)
			v[n++] = c->plat;
	}
	qsort(v, n, sizeof(*v), plat_cmp);
	return n;
}

/* the C compiler of pl: its cgo cells', else the toolchain cgo would use */
static const char *action_cc(const struct gen *g, const struct platform *pl)
{
	const struct project *p = g->proj;
	const struct toolchain *t;

	for (size_t i = 0; i < g->ncells; i++)
		if (g->cells[i].cc && strcmp(g->cells[i].plat->name, pl->name) == 0)
			return g->cells[i].cc;
	for (size_t i = 0; i < p->ntools; i++)
		if (p->tools[i].hostos && strcmp(p->tools[i].hostos, pl->os) == 0 &&
		    strcmp(p->tools[i].hostarch, pl->arch) == 0)
			return "gcc";
	t = toolchain_for(p->tcs, p->ntcs, pl, "glibc", false);
	return t && t->cc ? t->cc : "gcc";
}

/* the archiver that goes with cc: a declared toolchain's, else Debian's
 * cross naming (aarch64-linux-gnu-gcc: aarch64-linux-gnu-ar), else ar */
static char *action_ar(const struct gen *g, const struct platform *pl, const char *cc)
{
	const struct toolchain *t = toolchain_for(g->proj->tcs, g->proj->ntcs, pl,
	                                          "glibc", false);
	size_t n = strlen(cc);

	if (t && t->ar && t->cc && strcmp(t->cc, cc) == 0)
		return xstrdup(t->ar);
	if (n > 4 && strcmp(cc + n - 4, "-gcc") == 0)
		return xasprintf("%.*s-ar", (int)(n - 4), cc);
	return xstrdup("ar");
}

/* a's outputs on pl (NULL: a runs once) into outs */
static void action_outs(const struct gen *g, const struct action *a,
                        const struct platform *pl, struct strlist *outs)
{
	struct action_vars av = {outs, NULL, NULL, NULL};
	struct tvars tv;
	char shortc[16];

	release_vars(&tv, g->proj, pl, shortc);
	av.tv = &tv;
	for (size_t i = 0; i < a->outputs.n; i++) {
		struct buf b = {0};
		char *err = action_expand(&b, a->outputs.v[i], a, &av);
		if (err)
			model_fail_at(&a->where, "outputs", "action \"%s\": %s", a->name, err);
		strlist_add(outs, b.s ? b.s : xstrdup(""));
	}
}

/* the outputs of c's actions on its platform into outs */
static void cell_action_outs(const struct gen *g, const struct cell *c, struct strlist *outs)
{
	for (size_t i = 0; i < c->bin->deps.n; i++) {
		const struct action *a = action_named(g->proj, c->bin->deps.v[i]);
		const struct platform *pl = c->plat;
		if (a->platforms && !pl) {   /* the dev build: the host's platform */
			const struct platform **v = xcalloc(g->ncells + g->ntests + 1, sizeof(*v));
			size_t n = action_plats(g, a, v);
			const struct gotool *go = c->bin->go;
			for (size_t j = 0; j < n; j++)
				if (strcmp(v[j]->os, go->hostos ? go->hostos : "") == 0 &&
				    strcmp(v[j]->arch, go->hostarch ? go->hostarch : "") == 0)
					pl = v[j];
			free(v);
			if (!pl)
				continue;
		}
		action_outs(g, a, a->platforms ? pl : NULL, outs);
	}
}

/* one edge of a, on pl or once */
static void action_edge(struct buf *o, const struct gen *g, const struct action *a,
                        const struct platform *pl)
{
	struct strlist outs = {0};
	struct buf cmd = {0}, dep = {0}, desc = {0};
	struct tvars tv;
	char shortc[16], *err, *ar = NULL;
	struct action_vars av = {&outs, &tv, NULL, NULL};

	action_outs(g, a, pl, &outs);
	release_vars(&tv, g->proj, pl, shortc);
	if (pl) {
		av.cc = action_cc(g, pl);
		av.ar = ar = action_ar(g, pl, av.cc);
	}
	if ((err = action_command(&cmd, a, &av)))
		model_fail_at(&a->where, "command", "action \"%s\": %s", a->name, err);
	if (a->depfile && (err = action_expand(&dep, a->depfile, a, &av)))
		model_fail_at(&a->where, "depfile", "action \"%s\": %s", a->name, err);
	if (a->description && (err = action_expand(&desc, a->description, a, &av)))
		model_fail_at(&a->where, "description", "action \"%s\": %s", a->name, err);
	buf_puts(o, "build");
	for (size_t i = 0; i < outs.n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, outs.v[i]);
	}
	buf_puts(o, ": action");
	for (size_t i = 0; i < a->files.n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, a->files.v[i]);
	}
	buf_puts(o, "\n  cmd = ");
	esc_ninja_value(o, cmd.s);
	buf_puts(o, "\n  desc = ");
	esc_ninja_value(o, desc.s ? desc.s : a->name);
	if (pl && !desc.s) {
		buf_puts(o, " ");
		esc_ninja_value(o, pl->name);
	}
	buf_putc(o, '\n');
	if (dep.s) {
		buf_puts(o, "  depfile = ");
		esc_ninja_value(o, dep.s);
		buf_putc(o, '\n');
	}
	strlist_free(&outs);
	buf_free(&cmd);
	buf_free(&dep);
	buf_free(&desc);
	free(ar);
}

/* exits when out is a file goninja writes itself: a cell's binary or a
 * rule file (build.ninja would depend on an action) */
static void action_owned(const struct gen *g, const struct action *a, const char *out)
{
	const struct project *p = g->proj;
	struct strlist mods = {0};

	for (size_t i = 0; i < g->ncells + g->ndev + g->ntests; i++) {
		const struct cell *c = i < g->ncells ? &g->cells[i]
		                     : i < g->ncells + g->ndev ? &g->dev[i - g->ncells]
		                     : &g->tests[i - g->ncells - g->ndev];
		if (strcmp(c->out, out) == 0)
			model_fail_at(&a->where, "outputs", "action \"%s\": output \"%s\" is "
			              "where goninja builds %s for %s", a->name, out, c->bin->name,
			              c->plat ? c->plat->name : "dev");
	}
	for (size_t i = 0; i < p->nbins + p->ntests; i++)
		gotool_modfiles(i < p->nbins ? p->bins[i].dir : p->tests[i - p->nbins].dir, &mods);
	if (strlist_has(&mods, out)) {
		strlist_free(&mods);
		model_fail_at(&a->where, "outputs", "action \"%s\": output \"%s\" is a "
		              "module file build.ninja is generated from", a->name, out);
	}
	strlist_free(&mods);
	if (strlist_has(&p->files, out) || strlist_has(&p->inputs, out) ||
	    strcmp(out, "build.ninja") == 0 || strncmp(out, ".ninja_", 7) == 0)
		model_fail_at(&a->where, "outputs", "action \"%s\": output \"%s\" is a "
		              "file build.ninja is generated from or ninja keeps", a->name, out);
}

/* the action rule, each action's edges and its alias; aliases into names */
static void actions(struct buf *o, const struct gen *g)
{
	const struct project *p = g->proj;
	const struct platform **v = xcalloc(g->ncells + g->ntests + 1, sizeof(*v));

	if (!p->nactions) {
		free(v);
		return;
	}
	buf_puts(o, "# Actions: commands that make files, run by ninja only.\n"
	         "rule action\n  command = $cmd\n  description = ACTION $desc\n"
	         "  restat = 1\n\n");
	for (size_t i = 0; i < p->nactions; i++) {
		const struct action *a = &p->actions[i];
		struct strlist outs = {0};
		size_t n = a->platforms ? action_plats(g, a, v) : 1;
		for (size_t j = 0; j < n; j++) {
			action_edge(o, g, a, a->platforms ? v[j] : NULL);
			action_outs(g, a, a->platforms ? v[j] : NULL, &outs);
		}
		for (size_t j = 0; j < outs.n; j++)
			action_owned(g, a, outs.v[j]);
		buf_puts(o, "build ");
		esc_ninja_path(o, a->name);
		buf_puts(o, ": phony");
		for (size_t j = 0; j < outs.n; j++) {
			buf_putc(o, ' ');
			esc_ninja_path(o, outs.v[j]);
		}
		buf_puts(o, "\n\n");
		strlist_free(&outs);
	}
	free(v);
}

/* ---- images ---- */

#define IMAGE_PATH "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#define CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

/* the OCI platform of a linux cell: arm always names its variant (v7 from
 * GOARM=7, written or the default), amd64 a written v2..v4; the rest none */
static char *oci_platform(const struct platform *pl)
{
	if (strcmp(pl->arch, "arm") == 0 && pl->varvalue)
		return xconcat(pl->os, "/arm/v", pl->varvalue, NULL);
	if (strcmp(pl->arch, "amd64") == 0 && pl->variant && strcmp(pl->variant, "v1") != 0)
		return xconcat(pl->os, "/amd64/", pl->variant, NULL);
	return xconcat(pl->os, "/", pl->arch, NULL);
}

/* tmpl, a value of im's field key, with its templates expanded (those of
 * release names without the platform's); exits at the field on a bad one */
static char *image_expand(const struct project *p, const struct image *im,
                          const char *key, const char *tmpl)
{
	struct tvars v;
	struct buf b = {0};
	char shortc[16], *err;

	release_vars(&v, p, NULL, shortc);
	v.name = im->name;
	if ((err = template_expand(&b, tmpl, &v)))
		model_fail_at(&im->where, key, "image \"%s\": %s: %s", im->name, key, err);
	return b.s ? b.s : xstrdup("");
}

/* the image's tag; exits at the tag field when it is no OCI tag */
static char *image_tag(const struct project *p, const struct image *im)
{
	char *t = image_expand(p, im, "tag", im->tag);
	size_t n = strlen(t);

	if (n == 0 || n > 100 || t[0] == '.' || t[0] == '-' ||
	    strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != n)
		model_fail_at(&im->where, "tag", "image \"%s\": tag \"%s\" is not an OCI tag "
		              "(letters, digits, \"_.-\", not first \".\" or \"-\", up to 100)",
		              im->name, t);
	return t;
}

static bool in_image(const struct image *im, const struct cell *c)
{
	return strcmp(c->plat->os, "linux") == 0 && c->bin->buildmode <= MODE_PIE &&
	       (im->binaries.n == 0 || strlist_has(&im->binaries, c->bin->name));
}

/* the config words every platform of im shares */
static void image_args(const struct project *p, const struct image *im, const char *first,
                       struct strlist *w)
{
	if (strcmp(im->base, "scratch") != 0)
		strlist_add(w, xconcat("--base=", im->base, NULL));
	strlist_add(w, xstrdup("--env=" IMAGE_PATH));
	if (im->entrypoint.n == 0)
		strlist_add(w, xconcat("--entrypoint=/usr/local/bin/", first, NULL));
	for (size_t i = 0; i < im->entrypoint.n; i++)
		strlist_add(w, xconcat("--entrypoint=", im->entrypoint.v[i], NULL));
	for (size_t i = 0; i < im->cmd.n; i++)
		strlist_add(w, xconcat("--cmd=", im->cmd.v[i], NULL));
	for (size_t i = 0; i < im->nlabels; i++) {
		char *v = image_expand(p, im, "labels", im->labels[i].value);
		strlist_add(w, xconcat("--label=", im->labels[i].key, "=", v, NULL));
		free(v);
	}
}

/* one platform's layer edge: the binaries of cells v[0..n) and im's files;
 * the three outputs into ins */
static void image_layer_edge(struct buf *o, const struct project *p, const struct image *im,
                             const struct cell *const *v, size_t n, const struct strlist *args,
                             const char *dir, struct strlist *ins)
{
	struct strlist in = {0}, files = {0}, outs = {0};
	char *plat = oci_platform(v[0]->plat);
	static const char *const names[] = {"layer.tar.gz", "config.json", "manifest.json"};

	for (size_t i = 0; i < n; i++) {
		strlist_add(&in, xstrdup(v[i]->out));
		strlist_add(&files, xconcat(v[i]->out, "=usr/local/bin/", v[i]->bin->name, NULL));
	}
	for (size_t i = 0; i < im->nfiles; i++) {
		strlist_add(&in, xstrdup(im->files[i].key));
		strlist_add(&files, xconcat(im->files[i].key, "=", im->files[i].value + 1, NULL));
	}
	if (strcmp(im->base, "scratch") != 0)
		strlist_add(&in, xconcat(im->base, "/index.json", NULL));
	if (im->ca_certificates) {
		strlist_add(&in, xstrdup(CA_BUNDLE));
		strlist_add(&files, xconcat(CA_BUNDLE, "=", &CA_BUNDLE[1], NULL));
	}
	for (size_t i = 0; i < 3; i++)
		strlist_add(&outs, xconcat(dir, "/", names[i], NULL));
	buf_puts(o, "build");
	paths(o, &outs);
	buf_puts(o, ": image_layer");
	paths(o, &in);
	buf_puts(o, " | $goninja\n");
	var_word(o, "dir", dir);
	var_word(o, "platform", plat);
	var_list(o, "args", args, "");
	var_list(o, "files", &files, "");
	for (size_t i = 0; i < outs.n; i++)
		strlist_add(ins, xstrdup(outs.v[i]));
	strlist_free(&in);
	strlist_free(&files);
	strlist_free(&outs);
	free(plat);
}

/* the entrypoint's default: the image's first binary, as listed or
 * declared, among the cells v[0..n) */
static const char *first_binary(const struct image *im, const struct cell *const *v, size_t n)
{
	const struct binary *first = v[0]->bin;

	for (size_t i = 1; i < n; i++)
		if (v[i]->bin < first)
			first = v[i]->bin;
	return im->binaries.n ? im->binaries.v[0] : first->name;
}

/* the cells of im grouped by platform, in the order platforms first come */
static size_t image_cells(const struct gen *g, const struct image *im, const struct cell **v)
{
	struct strlist dirs = {0};
	size_t n = 0;

	for (size_t i = 0; i < g->ncells; i++)
		if (in_image(im, &g->cells[i]) && !strlist_has(&dirs, g->cells[i].plat->dir))
			strlist_add(&dirs, xstrdup(g->cells[i].plat->dir));
	for (size_t d = 0; d < dirs.n; d++)
		for (size_t i = 0; i < g->ncells; i++)
			if (in_image(im, &g->cells[i]) && strcmp(g->cells[i].plat->dir, dirs.v[d]) == 0)
				v[n++] = &g->cells[i];
	strlist_free(&dirs);
	return n;
}

/* one image: a layer edge per platform, then the index edge; its
 * outputs into outs */
static void image_edges(struct buf *o, const struct gen *g, const struct image *im,
                        struct strlist *outs)
{
	const struct project *p = g->proj;
	const struct cell **v = xcalloc(g->ncells + 1, sizeof(*v));
	size_t n = image_cells(g, im, v);
	struct strlist args = {0}, ins = {0}, plats = {0}, ends = {0};
	char *layout = xconcat(p->out, "/image/", im->name, NULL);
	char *tag = image_tag(p, im);

	image_args(p, im, first_binary(im, v, n), &args);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && strcmp(v[j]->plat->dir, v[i]->plat->dir) == 0; j++)
			;
		char *dir = xconcat(p->out, "/.image/", im->name, "/", v[i]->plat->dir, NULL);
		char *plat = oci_platform(v[i]->plat);
		image_layer_edge(o, p, im, v + i, j - i, &args, dir, &ins);
		strlist_add(&plats, xconcat(plat, "=", dir, NULL));
		free(plat);
		free(dir);
	}
	strlist_add(&ends, xconcat(layout, "/index.json", NULL));
	strlist_add(&ends, xconcat(layout, "/oci-layout", NULL));
	strlist_add(&ends, xconcat(layout, ".tar", NULL));
	buf_puts(o, "build");
	paths(o, &ends);
	buf_puts(o, ": image_index");
	paths(o, &ins);
	buf_puts(o, " | $goninja");
	if (strcmp(im->base, "scratch") != 0) {
		char *idx = xconcat(im->base, "/index.json", NULL);
		buf_putc(o, ' ');
		esc_ninja_path(o, idx);
		free(idx);
	}
	buf_putc(o, '\n');
	var_word(o, "layout", layout);
	if (strcmp(im->base, "scratch") != 0) {
		char *b = xconcat("--base=", im->base, NULL);
		var_word(o, "base", b);
		free(b);
	}
	var_word(o, "tag", tag);
	var_list(o, "plats", &plats, "");
	buf_putc(o, '\n');
	for (size_t i = 0; i < ends.n; i++)
		strlist_add(outs, xstrdup(ends.v[i]));
	strlist_free(&args);
	strlist_free(&ins);
	strlist_free(&plats);
	strlist_free(&ends);
	free(layout);
	free(tag);
	free(v);
}

/* the image rules, every image's edges and ninja image; outputs to outs */
static void images(struct buf *o, const struct gen *g, struct strlist *outs)
{
	const struct project *p = g->proj;

	if (!p->nimages)
		return;
	buf_puts(o, "# OCI images, written by goninja: a layer, config and manifest per\n"
	         "# linux platform, then the multi-arch layout and its archive.\n"
	         "rule image_layer\n"
	         "  command = $goninja image layer --out=$dir --platform=$platform "
	         "--mtime=$image_mtime $args $files\n"
	         "  description = IMAGE $dir\n\n"
	         "rule image_index\n"
	         "  command = $goninja image index --layout=$layout --archive=$layout.tar "
	         "--tag=$tag $base --mtime=$image_mtime $plats\n"
	         "  description = IMAGE $layout\n\n");
	buf_printf(o, "image_mtime = %s\n\n", p->vcs.epoch);
	for (size_t i = 0; i < p->nimages; i++)
		image_edges(o, g, &p->images[i], outs);
	buf_puts(o, "build image: phony");
	paths(o, outs);
	buf_puts(o, "\n\n");
}

/* the url template of m for archive name on pl: {archive} is the name */
static char *manifest_url(const struct gen *g, const struct manifest_decl *m,
                          const struct platform *pl, const char *name)
{
	struct buf t = {0};
	const char *s = m->url, *at;

	while ((at = strstr(s, "{archive}"))) {
		buf_putn(&t, s, (size_t)(at - s));
		for (const char *c = name; *c; c++)   /* a brace in a name stays one */
			buf_puts(&t, *c == '{' ? "{{" : (char[2]){*c, 0});
		s = at + strlen("{archive}");
	}
	buf_puts(&t, s);
	char *url = release_expand(g, pl, t.s, &m->where, "url", m->kind);
	buf_free(&t);
	return url;
}

/* the release binaries built for platform dir (their names) */
static void released_on(const struct gen *g, const char *dir, struct strlist *names)
{
	for (size_t i = 0; i < g->ncells; i++) {
		const struct cell *c = &g->cells[i];
		if (strcmp(c->plat->dir, dir) == 0 && released(&g->proj->release, c->bin) &&
		    c->bin->buildmode <= MODE_PIE)
			strlist_add(names, xstrdup(c->bin->name));
	}
}

/* m's args, archives (inputs) and binaries: one archive per platform it serves */
static void manifest_inputs(const struct gen *g, const struct manifest_decl *m,
                            struct strlist *a, struct strlist *ins, struct strlist *bins)
{
	const struct cell **v = xcalloc(g->ncells + 1, sizeof(*v));
	const char *last = "";

	by_dir(v, g->cells, g->ncells);
	for (size_t i = 0; i < g->ncells; i++) {
		const struct platform *pl = v[i]->plat;
		struct strlist here = {0};
		if (strcmp(pl->dir, last) == 0 || !manifest_serves(m->kind, pl->name))
			continue;
		last = pl->dir;
		released_on(g, pl->dir, &here);
		if (here.n) {
			char *name = release_archive(g, pl);
			strlist_add(a, xconcat("--platform=", pl->name, NULL));
			char *url = manifest_url(g, m, pl, name);
			strlist_add(a, xconcat("--url=", url, NULL));
			free(url);
			strlist_add(ins, xconcat(g->proj->out, "/release/", name, NULL));
			strlist_add(a, xstrdup(ins->v[ins->n - 1]));
			free(name);
			/* the binaries every archive has */
			for (size_t k = bins->n; ins->n == 1 && k < here.n; k++)
				strlist_add(bins, xstrdup(here.v[k]));
			for (size_t k = 0; k < bins->n; )
				if (strlist_has(&here, bins->v[k]))
					k++;
				else {
					free(bins->v[k]);
					bins->v[k] = bins->v[--bins->n];
				}
		}
		strlist_free(&here);
	}
	free(v);
}

/* a manifest edge for each homebrew and scoop declaration; paths into outs */
static void manifests(struct buf *o, const struct gen *g, struct strlist *outs)
{
	for (size_t i = 0; i < g->proj->nmans; i++) {
		const struct manifest_decl *m = &g->proj->mans[i];
		struct strlist a = {0}, ins = {0}, bins = {0};
		bool brew = strcmp(m->kind, "homebrew") == 0;

		manifest_inputs(g, m, &a, &ins, &bins);
		if (!ins.n)
			model_fail(&m->where, "%s: the release has no %s archive", m->kind,
			           brew ? "darwin/amd64, darwin/arm64, linux/amd64, linux/arm64 or "
			           "linux/arm/v7" : "windows/amd64, windows/386 or windows/arm64");
		/* no platform: one manifest covers them all */
		struct platform none = {.name = "", .os = "", .arch = "", .dir = ""};
		char *name = release_expand(g, &none, m->name, &m->where, "name", m->kind);
		char *out = xconcat(g->proj->out, brew ? "/release/homebrew/Formula/" :
		                    "/release/scoop/", name, brew ? ".rb" : ".json", NULL);

		if (!*name || strpbrk(name, "/ \t\\$:'\"`{}"))
			model_fail_at(&m->where, "name", "%s: name \"%s\" is not a plain name", m->kind, name);
		if (m->binaries.n) {
			strlist_free(&bins);
			for (size_t k = 0; k < m->binaries.n; k++)
				strlist_add(&bins, xstrdup(m->binaries.v[k]));
		}
		strlist_sort(&bins);
		buf_puts(o, "build ");
		esc_ninja_path(o, out);
		buf_puts(o, ": manifest");
		paths(o, &ins);
		buf_puts(o, " | $goninja\n");
		struct strlist head = {0};
		strlist_add(&head, xconcat("--kind=", m->kind, NULL));
		strlist_add(&head, xconcat("--name=", name, NULL));
		strlist_add(&head, xconcat("--version=", g->proj->version, NULL));
		if (m->description)
			strlist_add(&head, xconcat("--description=", m->description, NULL));
		if (m->homepage)
			strlist_add(&head, xconcat("--homepage=", m->homepage, NULL));
		if (m->license)
			strlist_add(&head, xconcat("--license=", m->license, NULL));
		for (size_t k = 0; k < bins.n; k++)
			strlist_add(&head, xconcat("--bin=", bins.v[k], NULL));
		for (size_t k = 0; k < a.n; k++)
			strlist_add(&head, xstrdup(a.v[k]));
		var_list(o, "args", &head, "");
		strlist_add(outs, out);
		strlist_free(&head);
		strlist_free(&a);
		strlist_free(&ins);
		strlist_free(&bins);
		free(name);
	}
}

/* archives per platform (and darwin_all), SBOMs, SHA256SUMS, provenance,
 * the release alias */
static void release(struct buf *o, const struct gen *g, const struct regen *rg,
                    const struct strlist *uni, const struct strlist *imgs)
{
	const struct project *p = g->proj;
	const struct release *r = &p->release;
	const struct cell **v = xcalloc(g->ncells + 1, sizeof(*v));
	struct strlist archives = {0}, names = {0};

	buf_puts(o, "# Release archives, one per platform, SBOMs and their checksums.\n");
	buf_printf(o, "mtime = %s\n\n", p->vcs.epoch);
	by_dir(v, g->cells, g->ncells);
	for (size_t i = 0, j; i < g->ncells; i = j) {
		for (j = i; j < g->ncells && strcmp(v[j]->plat->dir, v[i]->plat->dir) == 0; j++)
			;
		platform_release(o, g, v, i, j, &archives, &names);
	}
	if (uni->n) {
		struct strlist bins = {0};
		for (size_t i = 0; i < uni->n; i += 2)
			strlist_add(&bins, xstrdup(uni->v[i]));
		char *name = release_archive(g, NULL);
		char *out = xconcat(p->out, "/release/", name, NULL);
		archive_edge(o, r, out, &bins);
		strlist_add(&archives, out);
		strlist_add(&names, name);
		strlist_free(&bins);
	}
	strlist_sort(&names);      /* SHA256SUMS lists them as ls does */
	for (size_t i = 1; i < names.n; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(names.v[i], names.v[k]) == 0)
				model_fail_at(&r->where, "name", "release: two platforms make "
				              "the same archive name \"%s\": put {target} in the "
				              "name", names.v[i]);
	char *sums = xconcat(p->out, "/release/", r->checksums, NULL);
	buf_puts(o, "build ");
	esc_ninja_path(o, sums);
	buf_puts(o, ": checksums");
	for (size_t i = 0; i < archives.n; i++) {
		buf_putc(o, ' ');
		esc_ninja_path(o, archives.v[i]);
	}
	struct buf logs = {0};     /* an archive whose binary does not run: no sums */
	smoke_logs(&logs, g, r);
	if (logs.len)
		buf_printf(o, " |%s", logs.s);
	buf_free(&logs);
	buf_putc(o, '\n');
	struct strlist dir = {0};
	strlist_add(&dir, xconcat(p->out, "/release", NULL));
	var_list(o, "dir", &dir, "");
	strlist_free(&dir);
	strlist_add(&dir, xstrdup(r->checksums));
	var_list(o, "name", &dir, "");
	strlist_free(&dir);
	var_list(o, "names", &names, "");
	strlist_add(&archives, xstrdup(sums));
	provenance(o, p, rg, &archives, &archives);
	{
		struct strlist sigs = {0};
		signs(o, p, sums, &archives, &sigs);
		for (size_t i = 0; i < sigs.n; i++)
			strlist_add(&archives, sigs.v[i]);
		free(sigs.v);
	}
	packages(o, g, &archives);
	manifests(o, g, &archives);
	buf_puts(o, "build release: phony");
	paths(o, &archives);
	paths(o, imgs);
	buf_puts(o, any_smoke(g) ? " verify smoke\n\n" : " verify\n\n");
	free(sums);
	free(v);
	strlist_free(&archives);
	strlist_free(&names);
}

void ninja_write(struct buf *o, const struct gen *g, const struct regen *r)
{
	const struct project *p = g->proj;
	struct shared sh = {0}, dsh = {0}, tsh = {0};
	struct strlist uni = {0}, imgs = {0};

	header(o, p, r);
	regen(o, p, r);
	rules(o, g->sched);
	share(&sh, g->cells, g->ncells, model_checked(p), p->sbom, true);
	/* dev and test cells continue the same numbering */
	dsh.env = sh.env;
	dsh.flags = sh.flags;
	dsh.go = sh.go;
	share(&dsh, g->dev, g->ndev, false, false, false);
	sh.go = dsh.go;
	tsh.env = dsh.env;
	tsh.flags = dsh.flags;
	share(&tsh, g->tests, g->ntests, false, false, false);
	buf_puts(o, "# What the cells share: environments, flags, checks.\n");
	share_vars(o, "env", &tsh.env);
	share_vars(o, "flags", &tsh.flags);
	share_vars(o, "check", &sh.check);
	buf_putc(o, '\n');
	if (p->sbom)
		sbom_args(o, p);
	group_rules(o, p, &sh, g->sched);
	groups_edges(o, p, &sh);
	if (!model_checked(p) || !p->sbom)
		buf_puts(o, "# A target the project turned off: it fails and says why.\n"
		            "rule refuse\n"
		            "  command = echo $why >&2; exit 1\n"
		            "  description = REFUSE $out\n\n");
	edges(o, g, &sh, g->cells, g->ncells, g->dev, g->ndev, &dsh);
	universals(o, g, &uni);
	tests(o, g, &tsh);
	smokes(o, g);
	actions(o, g);
	images(o, g, &imgs);
	if (p->release.where.file)
		release(o, g, r, &uni, &imgs);
	aliases(o, p, &sh, g->cells, g->ncells, g->dev, g->ndev, &uni);
	strlist_free(&uni);
	strlist_free(&imgs);
	free(sh.cell);
	free(dsh.cell);
	intern_free(&sh.check);
	intern_free(&sh.checks);
	intern_free(&sh.sbom);
	intern_free(&sh.go);
	intern_free(&dsh.check);
	share_free(&tsh);
	intern_free(&sh.gfiles);
	free(sh.gfile);
}
