#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "esc.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "gotool.h"
#include "toolchain.h"
#include "template.h"
#include "gotool.h"
#include "flags.h"
#include "runner.h"

static void add(struct setting **v, size_t *n, char *text, char *why)
{
	if ((*n & (*n - 1)) == 0 && *n >= 8)     /* 8, 16, 32...: double */
		*v = xrealloc(*v, 2 * *n * sizeof(**v));
	else if (*n == 0)
		*v = xmalloc(8 * sizeof(**v));
	(*v)[*n].text = text;
	(*v)[*n].why = why;
	(*n)++;
}

static void env(struct cell *c, const char *name, const char *value, char *why)
{
	add(&c->env, &c->nenv, xconcat(name, "=", value, NULL), why);
}

static void arg(struct cell *c, char *text, char *why)
{
	add(&c->args, &c->nargs, text, why);
}

static void note(struct cell *c, const char *flag, char *why)
{
	add(&c->notes, &c->nnotes, xstrdup(flag), why);
}

/* the linker flag v holds from byte at on (one or more words), and why */
static void ld_why(struct cell *c, const struct buf *v, size_t at, char *why)
{
	if (at < v->len && v->s[at] == ' ')
		at++;
	if (at >= v->len) {
		free(why);
		return;
	}
	add(&c->ld, &c->nld, xstrdup(v->s + at), why);
}

/* linker flags that take the next word as their value */
static const char *ld_valued[] = {
	"-X", "-B", "-E", "-H", "-I", "-L", "-R", "-T", "-r", "-k", "-extld",
	"-extar", "-installsuffix", "-tmpdir", "-buildmode", "-importcfg",
	"-o", "-benchmark", "-benchmarkprofile", "-capturehostobjs", "-cpuprofile",
	"-memprofile", "-memprofilerate", "-libgcc", "-pluginpath",
};

static bool ld_takes_value(const char *w)
{
	w += strncmp(w, "--", 2) == 0;
	for (size_t i = 0; i < sizeof(ld_valued) / sizeof(*ld_valued); i++)
		if (strcmp(w, ld_valued[i]) == 0)
			return true;
	return false;
}

/* what a linker flag of the rule's own does, for explain */
static const char *ld_meaning(const char *w)
{
	w += strncmp(w, "--", 2) == 0;
	if (strcmp(w, "-s") == 0)
		return ": no symbol table (nor DWARF)";
	if (strcmp(w, "-w") == 0)
		return ": no DWARF debug information";
	if (strncmp(w, "-buildid", 8) == 0)
		return ": the build ID";
	if (strncmp(w, "-X", 2) == 0)
		return ": sets a string variable";
	return "";
}

static void add_warning(struct cell *c, const char *key, const char *msg)
{
	c->key = key;
	char *w = c->warning ? xasprintf("%s; %s", c->warning, msg) : xstrdup(msg);

	free(c->warning);
	c->warning = w;
}

/* msg, an error about field key of c's binary */
static char *refuse(struct cell *c, const char *key, char *msg)
{
	c->key = key;
	return msg;
}

static bool is_host(const struct binary *b, const struct platform *p)
{
	return b->go->hostos && strcmp(b->go->hostos, p->os) == 0 &&
	       strcmp(b->go->hostarch, p->arch) == 0;
}

static char *target_env(struct cell *c, const struct platform *p)
{
	const struct gotool *go = c->bin->go;
	int since;

	env(c, "GOOS", p->os, xstrdup("the platform's operating system"));
	env(c, "GOARCH", p->arch, xstrdup("the platform's architecture"));
	if (!p->varname)
		return NULL;
	since = platform_varsince(p->varname);
	env(c, p->varname, p->varvalue, p->variant
	    ? xstrdup("the platform's variant")
	    : xstrdup("no variant written: goninja's documented default, set "
	                "explicitly because packagers' defaults differ"));
	if (p->variant && !gotool_at_least(go, since) &&
	    strcmp(p->varvalue, platform_vardefault(p->arch)) != 0)
		return xasprintf("%s ignores %s: %s builds the same as %s/%s",
		                 go->version, p->varname, p->name, p->os, p->arch);
	return NULL;
}

static bool has_word(const struct strlist *l, const char *w)
{
	return strlist_has(l, w);
}

static bool has_key(const struct binary *b, const char *key)
{
	for (size_t i = 0; i < b->nx; i++)
		if (strcmp(b->x[i].key, key) == 0)
			return true;
	return false;
}

/* the template values of a cell; p NULL for the host build */
static void cell_vars(struct tvars *v, const struct cell *c, const struct project *proj,
                      char *shortc)
{
	const struct binary *b = c->bin;
	const struct platform *p = c->plat;

	memset(v, 0, sizeof(*v));
	v->project = proj->name ? proj->name : "";
	v->version = proj->version;
	v->commit = proj->vcs.commit ? proj->vcs.commit : "unknown";
	strncpy(shortc, v->commit, 12);   /* not memcpy: "unknown" is shorter */
	shortc[12] = '\0';
	v->short_commit = shortc;
	v->date = proj->vcs.date;
	v->epoch = proj->vcs.epoch;
	v->name = b->name;
	v->os = p ? p->os : b->go->hostos;
	v->arch = p ? p->arch : b->go->hostarch;
	v->variant = p && p->variant ? p->variant : "";
	v->platform = p ? p->name : "dev";
	v->target = p ? p->dir : "dev";
}

/* append one linker word; quotes Go can split, or an error */
static void ld_word(struct buf *v, const char *w, char **err)
{
	if (v->len)
		buf_putc(v, ' ');
	if (!esc_goquote(v, w) && !*err)
		*err = xasprintf("ldflags word \"%s\" holds both kinds of quote; Go "
		                 "cannot split it", w);
}

/* "-X key=value" with the value's template expanded */
static void ld_stamp(struct buf *v, const char *key, const char *tmpl,
                     const struct tvars *tv, char **err)
{
	struct buf val = {0};
	char *e = template_expand(&val, tmpl, tv), *kv;

	if (e && !*err)
		*err = xasprintf("x[\"%s\"]: %s", key, e);
	free(e);
	kv = xconcat(key, "=", val.s ? val.s : "", NULL);
	if (strchr(kv, '\'') && strchr(kv, '"') && !*err)
		*err = xasprintf("x[\"%s\"] holds both kinds of quote; Go cannot "
		                 "split it", key);
	ld_word(v, "-X", err);
	ld_word(v, kv, err);
	free(kv);
	buf_free(&val);
}

static const struct kv default_stamps[] = {
	{"main.commit", "{commit}"}, {"main.date", "{date}"}, {"main.version", "{version}"},
};

static char *joined(const struct strlist *l, const char *sep);

/* the rule's words as the one value Go splits itself (what a user writes
 * inside -ldflags="..."): *pat gets a leading package pattern ("all"),
 * fields the words Go makes of the rest. The rest, or NULL when empty */
static char *user_value(const struct strlist *l, const char *what, char **pat,
                        struct strlist *fields, char **err)
{
	char *all = joined(l, " "), *v, *eq, *e = NULL;

	*pat = NULL;
	if (!all)
		return NULL;
	v = all + strspn(all, " \t\r\n");
	if (*v && *v != '-') {
		if (*v == '\'' || *v == '"')
			e = xasprintf("%s \"%s\" starts with a quote: Go refuses it; "
			              "quote a word after the first", what, all);
		else if (!(eq = strchr(v, '=')))
			e = xasprintf("%s \"%s\" is neither a flag nor pattern=flags", what, all);
		else {
			*pat = xstrndup(v, (size_t)(eq - v));
			v = eq + 1;
		}
	}
	if (!e && !esc_gosplit(v, fields))
		e = xasprintf("%s \"%s\" has an unterminated quote: Go splits the "
		              "words at blanks, and a word that starts with ' or \" "
		              "runs to the same quote", what, all);
	if (e && !*err)
		*err = e;
	else
		free(e);
	v = *v ? xstrdup(v) : NULL;
	free(all);
	return v;
}

/* the symbols the rule's own -X sets: "-X k=v", "-X=k=v", "--X ..." */
static void user_stamps(const struct strlist *f, struct strlist *keys)
{
	for (size_t i = 0; i < f->n; i++) {
		const char *w = f->v[i] + (strncmp(f->v[i], "--", 2) == 0), *kv = NULL;
		if (strcmp(w, "-X") == 0 && i + 1 < f->n)
			kv = f->v[++i];
		else if (strncmp(w, "-X=", 3) == 0)
			kv = w + 3;
		if (kv && strchr(kv, '='))
			strlist_add(keys, xstrndup(kv, strcspn(kv, "=")));
	}
}

static bool has_prefix(const struct strlist *l, const char *pre)
{
	for (size_t i = 0; i < l->n; i++)
		if (strncmp(l->v[i] + (strncmp(l->v[i], "--", 2) == 0), pre, strlen(pre)) == 0)
			return true;
	return false;
}

/* the rule's x stamps and, for a release build, goninja's -s -w -buildid=
 * and default stamps, after the rule's fields f: its own value wins */
static void ld_defaults(struct buf *v, struct cell *c, const struct project *proj,
                        const struct strlist *f, bool release, char **err)
{
	const struct binary *b = c->bin;
	struct strlist mine = {0};
	struct tvars tv;
	char shortc[16];
	bool own = gotool_main_package(b->dir, b->main);
	size_t i = 0, j = 0, nd = release && proj->stamp && own ? 3 : 0, at;

	cell_vars(&tv, c, proj, shortc);
	user_stamps(f, &mine);
	if (release && proj->strip && !strlist_has(f, "-s") && !strlist_has(f, "--s")) {
		at = v->len;
		ld_word(v, "-s", err);
		ld_why(c, v, at, xstrdup("project strip = true (the default): no "
		       "symbol table, a smaller release binary"));
	}
	if (release && proj->strip && !strlist_has(f, "-w") && !strlist_has(f, "--w")) {
		at = v->len;
		ld_word(v, "-w", err);
		ld_why(c, v, at, xstrdup("project strip = true (the default): no "
		       "DWARF debug information"));
	}
	if (release && proj->reproducible && !has_prefix(f, "-buildid")) {
		at = v->len;
		ld_word(v, "-buildid=", err);
		ld_why(c, v, at, xstrdup("project reproducible = true (the default): "
		       "an empty build ID, the same bytes from every build"));
	}
	if (release && proj->stamp && !own)
		note(c, "-X main.version", xasprintf("no default stamps: %s is not a "
		     "package of this module, its main.version is its own", b->main));
	for (size_t k = 0; k < b->nx; k++)
		if (strlist_has(&mine, b->x[k].key) && !*err)
			*err = xasprintf("x[\"%s\"] and ldflags' -X both set %s: keep one",
			                 b->x[k].key, b->x[k].key);
	/* merge the sorted default stamps with the rule's sorted x */
	while (i < nd || j < b->nx) {
		at = v->len;
		if (i < nd && (has_key(b, default_stamps[i].key) ||
		               strlist_has(&mine, default_stamps[i].key))) {
			if (!has_key(b, default_stamps[i].key))
				note(c, default_stamps[i].key, xasprintf("no default -X %s=%s: "
				     "the rule's ldflags set it, and an explicit value wins",
				     default_stamps[i].key, default_stamps[i].value));
			i++;
		} else if (j == b->nx || (i < nd && strcmp(default_stamps[i].key, b->x[j].key) < 0)) {
			ld_stamp(v, default_stamps[i].key, default_stamps[i].value, &tv, err);
			ld_why(c, v, at, xasprintf("project stamp = true (the default): "
			       "%s = \"%s\"", default_stamps[i].key, default_stamps[i].value));
			i++;
		} else {
			ld_stamp(v, b->x[j].key, b->x[j].value, &tv, err);
			ld_why(c, v, at, xasprintf("the rule's x[\"%s\"] = \"%s\"",
			       b->x[j].key, b->x[j].value));
			j++;
		}
	}
	strlist_free(&mine);
}

/* each of the rule's linker flags as Go reads it (a flag with its value),
 * with its reason, for explain */
static void ld_user_why(struct cell *c, const struct strlist *f)
{
	for (size_t k = 0; k < f->n; k++) {
		const char *flag = f->v[k];
		char *text = ld_takes_value(flag) && k + 1 < f->n
		           ? xconcat(flag, " ", f->v[++k], NULL) : xstrdup(flag);
		add(&c->ld, &c->nld, text, xconcat("the rule's ldflags",
		    ld_meaning(flag), NULL));
	}
}

/* -ldflags as one word Go splits itself: goninja's link mode, the rule's
 * value as written, then release defaults; NULL when there is none */
static char *ldflags_word(struct cell *c, const struct project *proj,
                          const char *pre, bool release, char **err)
{
	const struct binary *b = c->bin;
	struct strlist f = {0};
	struct buf v = {0};
	char *pat, *mine = user_value(&b->ldflags, "ldflags", &pat, &f, err);

	if (pat && pre && strcmp(pat, "all") != 0 && !*err)
		*err = xasprintf("ldflags: the pattern %s= cannot narrow goninja's "
		                 "all= for static cgo linking", pat);
	if (pre)
		buf_puts(&v, pre);
	else if (pat)
		buf_printf(&v, "%s=", pat);
	if (mine)
		buf_printf(&v, "%s%s", pre ? " " : "", mine);
	ld_user_why(c, &f);
	ld_defaults(&v, c, proj, &f, release, err);
	free(mine);
	free(pat);
	strlist_free(&f);
	return v.s;
}

/* the rule's gcflags as one value Go splits itself; *err for what Go refuses */
static char *go_words(const struct strlist *l, const char *what, char **err)
{
	struct strlist f = {0};
	char *pat, *v = user_value(l, what, &pat, &f, err), *all;

	all = pat ? xconcat(pat, "=", v ? v : "", NULL) : v ? xstrdup(v) : NULL;
	free(v);
	free(pat);
	strlist_free(&f);
	return all;
}

static char *joined(const struct strlist *l, const char *sep)
{
	struct buf v = {0};

	for (size_t i = 0; i < l->n; i++)
		buf_printf(&v, "%s%s", i ? sep : "", l->v[i]);
	return v.s;
}

/* what one cell adds to the rule's own flags */
struct extra {
	struct strlist tags;      /* borrowed strings */
	char *linkpre;            /* leads -ldflags: "all=-linkmode external ..." */
	const char *buildmode;    /* "-buildmode=pie" or NULL */
};

static void tags_arg(struct cell *c, const struct extra *x)
{
	struct strlist all = {0};
	char *words;

	for (size_t i = 0; i < c->bin->tags.n; i++)
		strlist_add(&all, c->bin->tags.v[i]);
	for (size_t i = 0; x && i < x->tags.n; i++)
		if (!strlist_has(&all, x->tags.v[i]))
			strlist_add(&all, x->tags.v[i]);
	if (all.n) {
		words = joined(&all, ",");
		arg(c, xconcat("-tags=", words, NULL), xstrdup(x && x->tags.n
		    ? "the rule's tags and goninja's pure-Go netgo,osusergo, in the "
		      "one -tags Go honours" : "the rule's build tags, in the one "
		      "-tags Go honours"));
		free(words);
	}
	free(all.v);
}

/* the flags every build of b shares; NULL or an error */
static char *common_args(struct cell *c, const struct project *proj,
                         const struct extra *x, bool release)
{
	const struct binary *b = c->bin;
	char *ld, *words, *err = NULL;

	if (release && b->trimpath)
		arg(c, xstrdup("-trimpath"), xstrdup("no build paths in the binary: "
		    "the same bytes from any checkout"));
	if (release && gotool_at_least(b->go, 18))
		arg(c, xstrdup("-buildvcs=false"), xstrdup("no VCS stamp: the binary "
		    "depends on its sources only (stamp with x = { ... })"));
	if (x && x->buildmode)
		arg(c, xstrdup(x->buildmode), xstrdup("the rule's buildmode"));
	if (b->race)
		arg(c, xstrdup("-race"), xstrdup("race = true"));
	if (b->msan)
		arg(c, xstrdup("-msan"), xstrdup("msan = true"));
	if (b->cover)
		arg(c, xstrdup("-cover"), xstrdup("cover = true: the binary writes "
		    "coverage data to $GOCOVERDIR when it runs (Go 1.20+)"));
	tags_arg(c, x);
	if (b->gcflags.n) {
		words = go_words(&b->gcflags, "gcflags", &err);
		arg(c, xconcat("-gcflags=", words, NULL), xstrdup("the rule's compiler flags"));
		free(words);
	}
	if (err)
		c->key = "gcflags";
	ld = ldflags_word(c, proj, x ? x->linkpre : NULL, release, &err);
	if (err && !c->key)
		c->key = strncmp(err, "x[", 2) == 0 ? "x" : "ldflags";
	if (ld)
		arg(c, xconcat("-ldflags=", ld, NULL), xstrdup("every linker flag in "
		    "the one -ldflags Go honours (a second would replace it); each "
		    "flag's reason below"));
	free(ld);
	return err;
}

static void user_env(struct cell *c)
{
	for (size_t i = 0; i < c->bin->nenv; i++)
		env(c, c->bin->env[i].key, c->bin->env[i].value,
		    xstrdup("set by the rule's env"));
}

static bool has_flag(const struct strlist *l, const char *flag)
{
	size_t n = strlen(flag);

	for (size_t i = 0; i < l->n; i++) {
		const char *s = l->v[i] + (strncmp(l->v[i], "--", 2) == 0);
		if (strncmp(s, flag, n) == 0 && (s[n] == '\0' || s[n] == '='))
			return true;
	}
	return false;
}

static const char *race_ok[] = {
	"linux/amd64", "linux/arm64", "linux/ppc64le", "linux/s390x",
	"darwin/amd64", "darwin/arm64", "freebsd/amd64", "netbsd/amd64",
	"windows/amd64",
};
static const char *msan_ok[] = {"linux/amd64", "linux/arm64", "freebsd/amd64"};

static bool listed(const char **v, size_t n, const struct platform *p)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(p->os);
		if (strncmp(v[i], p->os, k) == 0 && v[i][k] == '/' &&
		    strcmp(v[i] + k + 1, p->arch) == 0)
			return true;
	}
	return false;
}

/* each field written with a value that needs a newer Go than b's */
static char *floor_error(const struct binary *b, const char **key)
{
	for (size_t i = 0; i < b->where.nfields; i++) {
		const struct fieldpos *f = &b->where.fields[i];
		if (f->since && !gotool_at_least(b->go, f->since)) {
			*key = f->key;
			return xasprintf("%s needs Go 1.%d or later; %s is %s", f->set,
			                 f->since, b->go->cmd, b->go->version);
		}
	}
	return NULL;
}

/* fields that mean nothing without cgo */
static char *cgo_needed(const struct binary *b, const char **key)
{
	static const char *modes[] = {NULL, NULL, "c-shared", "c-archive", "plugin"};

	if (b->cgo)
		return NULL;
	if ((*key = b->race ? "race" : b->msan ? "msan" : NULL))
		return xasprintf("%s = true needs cgo = true: the %s runtime is C "
		                 "(go build says \"-%s requires cgo\")", *key, *key, *key);
	if (modes[b->buildmode] && (*key = "buildmode"))
		return xasprintf("buildmode = \"%s\" needs cgo = true: it makes a C "
		                 "library or a plugin through cgo", modes[b->buildmode]);
	*key = b->extldflags.n ? "extldflags" : b->cgo_cflags.n ? "cgo_cflags"
	     : b->cgo_ldflags.n ? "cgo_ldflags" : NULL;
	if (*key)
		return xstrdup("extldflags, cgo_cflags and cgo_ldflags need cgo = true: "
		               "with cgo off no C compiler or external linker runs");
	if ((*key = b->nss ? "nss" : strcmp(b->libc, "glibc") != 0 ? "libc" : NULL))
		return xasprintf("%s needs cgo = true: with cgo off no libc is linked",
		                 b->nss ? "nss = true" : "libc = \"musl\"");
	return NULL;
}

char *flags_check(const struct binary *b, const char **key)
{
	struct strlist f = {0};
	char *pat, *e = NULL, *v = user_value(&b->ldflags, "ldflags", &pat, &f, &e);
	bool linkmode = has_flag(&f, "-linkmode"), extld = has_flag(&f, "-extldflags");
	char *err;

	free(v);
	free(pat);
	free(e);
	strlist_free(&f);
	*key = NULL;
	if ((err = floor_error(b, key)))
		return err;
	*key = "ldflags";
	if (linkmode)
		return xstrdup("ldflags: -linkmode is goninja's to set: use link = "
		               "\"static\" with cgo = true (with cgo off, external "
		               "linking makes a binary that crashes at start on Go "
		               "1.19 and is refused by Go 1.22+)");
	if (extld)
		return xstrdup("ldflags: -extldflags is goninja's to set: use the "
		               "extldflags field");
	return cgo_needed(b, key);
}

/* refusals of b on p that hold whatever cgo is */
static char *flag_error(struct cell *c, const struct platform *p)
{
	const struct binary *b = c->bin;

	if (b->race && !listed(race_ok, sizeof(race_ok) / sizeof(*race_ok), p))
		return refuse(c, "race", xasprintf("race = true: Go's race detector "
		              "does not support %s", p->name));
	if (b->msan && !listed(msan_ok, sizeof(msan_ok) / sizeof(*msan_ok), p))
		return refuse(c, "msan", xasprintf("msan = true: Go's memory sanitizer "
		              "does not support %s", p->name));
	if (b->link == LINK_STATIC && !p->static_ok)
		return refuse(c, "link", xasprintf("link = \"static\" is impossible "
		              "for %s: %s binaries always load system libraries "
		              "whatever the flags; use link = \"auto\"", p->name, p->os));
	return NULL;
}

static char *cgo_off(struct cell *c, const struct platform *p)
{
	if (c->bin->link == LINK_DYNAMIC && p->static_ok)
		return refuse(c, "link", xasprintf("link = \"dynamic\" needs cgo = "
		              "true: with cgo off Go links %s binaries statically", p->os));
	env(c, "CGO_ENABLED", "0", xstrdup(p->static_ok
	    ? "cgo = false: pure-Go net and os/user, no libc, a static binary"
	    : "cgo = false: no C toolchain needed"));
	if (p->static_ok)
		note(c, "-linkmode external", xstrdup("not used: the internal linker "
		     "already makes a static binary with cgo off; external linking "
		     "without runtime/cgo links a binary that crashes at start on Go "
		     "1.19 and is refused by Go 1.22+"));
	c->linkage = p->static_ok ? "static" : "default";
	if (c->bin->buildmode == MODE_PIE) {
		if (c->bin->link == LINK_STATIC)
			return refuse(c, "buildmode", xstrdup("buildmode = \"pie\" with cgo "
			              "off keeps a dynamic loader; a static-pie needs cgo = true"));
		c->linkage = "dynamic";
	}
	c->mode = xstrdup(strcmp(c->linkage, "static") == 0 ? "static, cgo off"
	                  : c->bin->buildmode == MODE_PIE ? "pie, cgo off"
	                  : "system libraries, cgo off");
	return NULL;
}

static char *no_toolchain(const struct binary *b, const struct platform *p)
{
	if (strcmp(b->libc, "musl") == 0)
		return xasprintf("libc = \"musl\" for %s needs a musl C compiler for "
		                 "it: declare toolchain { \"%s\", cc = \"...\", libc = "
		                 "\"musl\" }", p->name, p->name);
	return xasprintf("cgo = true for %s needs a C compiler for %s, and goninja "
	                 "knows none%s: declare toolchain { \"%s/%s\", cc = \"...\" }",
	                 p->name, p->name, strcmp(p->os, "darwin") == 0
	                 ? " on Linux (Apple's SDK and linker, through osxcross for "
	                   "example)" : "", p->os, p->arch);
}

static void toolchain_env(struct cell *c, const struct toolchain *t,
                          const struct platform *p)
{
	char *src = t->where.file ? xasprintf("declared at %s:%d", t->where.file,
	                                      t->where.line)
	          : t->package ? xasprintf("Debian package %s", t->package)
	                       : xstrdup("the host's");

	if (t->cc) {
		env(c, "CC", t->cc, xasprintf("C compiler for %s (%s)", p->name, src));
		c->cc = t->cc;
		c->ccpkg = t->package;
	}
	if (t->cxx)
		env(c, "CXX", t->cxx, xasprintf("C++ compiler for %s (%s)", p->name, src));
	if (t->ar && c->bin->buildmode == MODE_C_ARCHIVE)
		env(c, "AR", t->ar, xasprintf("archiver for %s (%s)", p->name, src));
	free(src);
}

static void cgo_env(struct cell *c)
{
	const struct binary *b = c->bin;
	char *v;

	if (b->cgo_cflags.n) {
		v = joined(&b->cgo_cflags, " ");
		env(c, "CGO_CFLAGS", v, xstrdup("the rule's cgo_cflags"));
		free(v);
	}
	if (b->cgo_ldflags.n) {
		v = joined(&b->cgo_ldflags, " ");
		env(c, "CGO_LDFLAGS", v, xstrdup("the rule's cgo_ldflags"));
		free(v);
	}
}

static bool wants_static(const struct binary *b, const struct platform *p)
{
	if (b->link == LINK_STATIC)
		return true;
	return b->link == LINK_AUTO && p->static_ok && !b->race && !b->msan &&
	       b->buildmode != MODE_C_SHARED && b->buildmode != MODE_PLUGIN &&
	       b->buildmode != MODE_C_ARCHIVE;
}

/* -extldflags as Go splits it: one quoted word */
static void extld(struct buf *pre, const char *first, const struct strlist *more)
{
	struct buf v = {0};

	if (first)
		buf_puts(&v, first);
	for (size_t i = 0; i < more->n; i++)
		buf_printf(&v, "%s%s", v.len ? " " : "", more->v[i]);
	if (!v.len)
		return;
	buf_puts(pre, pre->len ? " -extldflags " : "-extldflags ");
	if (!esc_goquote(pre, v.s))
		buf_puts(pre, "''");
	buf_free(&v);
}

static char *cgo_static(struct cell *c, struct extra *x)
{
	const struct binary *b = c->bin;
	bool musl = strcmp(b->libc, "musl") == 0, pie = b->buildmode == MODE_PIE;
	struct buf pre = {0};
	size_t at;

	if (b->race || b->msan)
		return refuse(c, "link", xasprintf("%s = true with link = \"static\": "
		              "goninja links the %s runtime dynamically; use link = "
		              "\"dynamic\"", b->race ? "race" : "msan",
		              b->race ? "race" : "msan"));
	if (b->buildmode == MODE_C_SHARED || b->buildmode == MODE_PLUGIN)
		return refuse(c, "link", xstrdup("link = \"static\" is impossible for a "
		              "shared library or a plugin: they are loaded by a dynamic "
		              "loader"));
	if (b->buildmode == MODE_C_ARCHIVE)
		return refuse(c, "link", xstrdup("link = \"static\" means nothing for a "
		              "C archive: the program it is linked into decides; use "
		              "link = \"auto\""));
	if (!musl && !b->nss) {
		strlist_add(&x->tags, "netgo");
		strlist_add(&x->tags, "osusergo");
		note(c, "nss", xstrdup("netgo,osusergo added: a static glibc binary that "
		     "resolves names or users through libc needs that glibc's shared "
		     "libraries at run time; Go's pure resolvers need none (nss = true "
		     "keeps libc's, with a warning)"));
	} else if (!musl) {
		add_warning(c, "nss", "nss = true: a static glibc binary that resolves names "
		            "or users loads, at run time, the NSS libraries of the "
		            "glibc it was linked with");
	}
	if (!musl && (has_word(&b->cgo_ldflags, "-lsqlite3") ||
	              has_word(&b->extldflags, "-lsqlite3")))
		add_warning(c, has_word(&b->cgo_ldflags, "-lsqlite3") ? "cgo_ldflags"
		            : "extldflags", "-lsqlite3 in a static glibc binary: a libsqlite3 "
		            "with load_extension calls dlopen, which needs at run time "
		            "the shared libraries of the glibc it was linked with (the "
		            "link warns, goninja check says so); use a SQLite built with "
		            "-DSQLITE_OMIT_LOAD_EXTENSION (github.com/mattn/go-sqlite3: "
		            "tags sqlite_omit_load_extension), or link = \"dynamic\"");
	buf_puts(&pre, "all=-linkmode external");
	ld_why(c, &pre, 0, xstrdup("link resolves to static with cgo on: the "
	       "external linker links libc in; all= makes Go add runtime/cgo even "
	       "without C of its own"));
	at = pre.len;
	extld(&pre, pie ? "-static-pie" : "-static", &b->extldflags);
	ld_why(c, &pre, at, xasprintf("%s to the external linker%s",
	       pie ? "-static-pie (buildmode = \"pie\", link = \"static\")"
	           : "-static (no dynamic loader)",
	       b->extldflags.n ? ", then the rule's extldflags" : ""));
	x->linkpre = pre.s;
	note(c, "all=", xstrdup("the all= form: Go adds runtime/cgo even to a "
	     "binary without C of its own; without it Go 1.19 links a binary that "
	     "crashes at start"));
	c->linkage = pie ? "static-pie" : "static";
	c->mode = xasprintf("%s, cgo on%s", c->linkage, musl ? ", musl" : "");
	return NULL;
}

static char *cgo_on(struct cell *c, const struct platform *p,
                    const struct project *proj, struct extra *x)
{
	const struct binary *b = c->bin;
	bool native = is_host(b, p);
	const struct toolchain *t;
	struct buf pre = {0};

	if (strcmp(b->libc, "musl") == 0 && strcmp(p->os, "linux") != 0)
		return refuse(c, "libc", xasprintf("libc = \"musl\" is for linux, not %s",
		              p->os));
	if (!(t = toolchain_for(proj->tcs, proj->ntcs, p, b->libc, native)))
		return refuse(c, strcmp(b->libc, "musl") == 0 ? "libc" : "cgo",
		              no_toolchain(b, p));
	env(c, "CGO_ENABLED", "1", xstrdup(native ? "cgo = true"
	    : "cgo = true: Go turns cgo off when cross-compiling and would "
	      "silently drop files that import \"C\""));
	toolchain_env(c, t, p);
	cgo_env(c);
	if (b->buildmode == MODE_PIE)
		x->buildmode = "-buildmode=pie";
	if (wants_static(b, p))
		return cgo_static(c, x);
	extld(&pre, NULL, &b->extldflags);
	ld_why(c, &pre, 0, xstrdup("the rule's extldflags, to the external linker"));
	x->linkpre = pre.s;
	c->linkage = "dynamic";
	c->mode = xstrdup(b->buildmode == MODE_C_ARCHIVE ? "C archive, cgo on"
	                  : b->buildmode == MODE_C_SHARED ? "C shared library, cgo on"
	                  : b->buildmode == MODE_PLUGIN ? "plugin, cgo on"
	                  : p->static_ok ? "dynamic, cgo on" : "system libraries, cgo on");
	return NULL;
}

static const char *suffix(const struct binary *b, const struct platform *p,
                          const char **prefix)
{
	bool win = strcmp(p->os, "windows") == 0, mac = strcmp(p->os, "darwin") == 0;

	*prefix = "";
	switch (b->buildmode) {
	case MODE_C_SHARED:
		*prefix = win ? "" : "lib";
		return win ? ".dll" : mac ? ".dylib" : ".so";
	case MODE_C_ARCHIVE:
		*prefix = "lib";
		return ".a";
	case MODE_PLUGIN:
		return ".so";
	default:
		return win ? ".exe" : "";
	}
}

/* an error when go_test on p cannot run on any Linux machine */
static char *test_where(struct cell *c, const struct platform *p)
{
	const struct gotool *go = c->bin->go;

	if (is_host(c->bin, p) || (strcmp(p->os, "linux") == 0 &&
	                           (!go->hostos || strcmp(go->hostos, "linux") == 0)))
		return NULL;
	return refuse(c, "platforms", xasprintf("go_test on %s: its test "
	              "binaries cannot run on a Linux machine (natively or under "
	              "qemu-user)", p->name));
}

/* the runner's words as one -exec value, which go splits itself */
static char *exec_words(const struct runner *r)
{
	struct buf b = {0};

	for (size_t i = 0; r->prefix[i]; i++) {
		if (i)
			buf_putc(&b, ' ');
		if (!esc_goquote(&b, r->prefix[i]))
			fatal("cannot quote %s for go test -exec", r->prefix[i]);
	}
	return b.s;
}

/* how go test runs c's test binaries here: natively, under qemu-user
 * (c->exec), or not at all (c->notrun says why) */
static void test_runner(struct cell *c, const struct platform *p)
{
	const struct gotool *go = c->bin->go;
	struct runner r;

	if (c->cc && strcmp(c->linkage, "dynamic") == 0)
		runner_find_dynamic(&r, p->os, p->arch, go->hostos, go->hostarch, c->cc);
	else
		runner_find(&r, p->os, p->arch, go->hostos, go->hostarch);
	c->runner = r.program;
	if (r.kind == RUNNER_QEMU)
		c->exec = exec_words(&r);
	else if (r.kind == RUNNER_NONE && r.package)
		c->notrun = xasprintf("%s (install %s, then run goninja again)",
		                      r.reason, r.package);
	else if (r.kind == RUNNER_NONE)
		c->notrun = xstrdup(r.reason);
	runner_free(&r);
}

/* each smoke run's expect with the cell's templates expanded */
static char *smoke_expects(struct cell *c, const struct project *proj)
{
	const struct binary *b = c->bin;
	struct tvars tv;
	char shortc[16], *e = NULL;

	if (!b->nsmokes)
		return NULL;
	cell_vars(&tv, c, proj, shortc);
	c->expect = xcalloc(b->nsmokes, sizeof(*c->expect));
	for (size_t i = 0; i < b->nsmokes && !e; i++) {
		struct buf v = {0};

		if ((e = template_expand(&v, b->smokes[i].expect, &tv))) {
			char *m = xasprintf("smoke: expect: %s", e);
			free(e);
			e = m;
		}
		c->expect[i] = v.s ? v.s : xstrdup("");
	}
	return e;
}

static const char *mode_names[] = {"-buildmode=exe", "-buildmode=pie",
	"-buildmode=c-shared", "-buildmode=c-archive", "-buildmode=plugin"};

/* "out/dir/<prefix><name><sfx>": one allocation, each length taken once */
static char *path_join(const char *out, const char *dir, const char *prefix,
                       const char *name, const char *sfx)
{
	const char *part[] = {out, "/", dir, "/", prefix, name, sfx};
	size_t len[7], n = 0;
	char *s, *at;

	for (size_t i = 0; i < 7; i++)
		n += len[i] = strlen(part[i]);
	at = s = xmalloc(n + 1);
	for (size_t i = 0; i < 7; i++) {
		memcpy(at, part[i], len[i]);
		at += len[i];
	}
	*at = '\0';
	return s;
}

/* c's output: out/<platform>/<name>, out/.test/... or out/dev/<name> */
static char *cell_out(const struct binary *b, const struct platform *p,
                      const struct project *proj)
{
	const char *prefix, *sfx;

	if (!p)
		return xconcat(proj->out, "/dev/", b->name, NULL);
	sfx = suffix(b, p, &prefix);
	return b->test ? xconcat(proj->out, "/.test/", p->dir, "/", b->name, ".ok", NULL)
	               : path_join(proj->out, p->dir, prefix, b->name, sfx);
}

char *flags_share_key(const struct binary *b)
{
	/* main reaches the flags only through whether it is the module's own */
	bool own = gotool_main_package(b->dir, b->main);
	struct buf k = {0};
	char *fields;

	if (b->test || b->nx || b->nsmokes)
		return NULL;
	fields = model_build_key(b);
	buf_puts(&k, fields);
	buf_puts(&k, own ? "own\n" : "not own: ");
	if (!own) {
		buf_puts(&k, b->main);
		buf_putc(&k, '\n');
	}
	if (!b->own_plats)
		buf_puts(&k, "the project's platforms\n");
	for (size_t i = 0; b->own_plats && i < b->nplats; i++) {
		buf_puts(&k, b->plats[i].name);
		buf_putc(&k, '\n');
	}
	free(fields);
	return k.s;
}

void flags_cell_like(struct cell *c, const struct binary *b, const struct platform *p,
                     const struct project *proj, const struct cell *like)
{
	*c = *like;
	c->bin = b;
	c->plat = p;
	c->out = cell_out(b, p, proj);
	c->borrowed = true;
}

char *flags_cell(struct cell *c, const struct binary *b, const struct platform *p,
                 const struct project *proj)
{
	struct extra x = {0};
	char *err;

	memset(c, 0, sizeof(*c));
	c->bin = b;
	c->plat = p;
	c->out = cell_out(b, p, proj);
	if (b->test && (err = test_where(c, p)))
		return err;
	if ((err = flag_error(c, p)))
		return err;
	if ((c->warning = target_env(c, p)))
		c->key = "platforms";
	if (b->buildmode > MODE_PIE)
		x.buildmode = mode_names[b->buildmode];
	if (b->buildmode == MODE_PIE && !b->cgo)
		x.buildmode = mode_names[MODE_PIE];
	err = b->cgo ? cgo_on(c, p, proj, &x) : cgo_off(c, p);
	if (!err) {
		env(c, "GOTOOLCHAIN", "local", xstrdup("the Go named by the rule, "
		    "never a downloaded one"));
		user_env(c);
		err = common_args(c, proj, &x, !b->test);
	}
	if (!err && b->test)
		test_runner(c, p);
	if (!err && (err = smoke_expects(c, proj)))
		c->key = "smoke";
	free(x.tags.v);
	free(x.linkpre);
	return err;
}

char *flags_dev(struct cell *c, const struct binary *b, const struct project *proj)
{
	memset(c, 0, sizeof(*c));
	c->bin = b;
	c->out = cell_out(b, NULL, proj);
	c->linkage = "default";
	c->mode = xstrdup("host, plain go build");
	env(c, "GOTOOLCHAIN", "local", xstrdup("the Go named by the rule, never "
	    "a downloaded one"));
	user_env(c);
	return common_args(c, proj, NULL, false);
}

void flags_free(struct cell *c)
{
	free(c->out);
	if (c->borrowed)
		return;
	for (size_t i = 0; i < c->nenv; i++) {
		free(c->env[i].text);
		free(c->env[i].why);
	}
	for (size_t i = 0; i < c->nargs; i++) {
		free(c->args[i].text);
		free(c->args[i].why);
	}
	for (size_t i = 0; i < c->nnotes; i++) {
		free(c->notes[i].text);
		free(c->notes[i].why);
	}
	for (size_t i = 0; i < c->nld; i++) {
		free(c->ld[i].text);
		free(c->ld[i].why);
	}
	for (size_t i = 0; c->expect && i < c->bin->nsmokes; i++)
		free(c->expect[i]);
	free(c->expect);
	free(c->notes);
	free(c->ld);
	free(c->env);
	free(c->args);
	free(c->mode);
	free(c->warning);
	free(c->exec);
	free(c->notrun);
}
