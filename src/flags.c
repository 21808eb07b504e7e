#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "esc.h"
#include "platform.h"
#include "model.h"
#include "flags.h"

static void add(struct setting **v, size_t *n, char *text, char *why)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].text = text;
	(*v)[*n].why = why;
	(*n)++;
}

static void env(struct cell *c, const char *name, const char *value, char *why)
{
	add(&c->env, &c->nenv, xasprintf("%s=%s", name, value), why);
}

static void arg(struct cell *c, char *text, char *why)
{
	add(&c->args, &c->nargs, text, why);
}

static void note(struct cell *c, const char *flag, char *why)
{
	add(&c->notes, &c->nnotes, xstrdup(flag), why);
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

	env(c, "GOOS", p->os, xasprintf("target operating system of %s", p->name));
	env(c, "GOARCH", p->arch, xasprintf("target architecture of %s", p->name));
	if (!p->varname)
		return NULL;
	since = platform_varsince(p->varname);
	env(c, p->varname, p->varvalue, p->variant
	    ? xasprintf("variant %s of %s", p->variant, p->name)
	    : xasprintf("no variant written: goninja's documented default, set "
	                "explicitly because packagers' defaults differ"));
	if (p->variant && go->minor && go->minor < since)
		return xasprintf("%s ignores %s: %s builds the same as %s/%s",
		                 go->version, p->varname, p->name, p->os, p->arch);
	return NULL;
}

/* -ldflags as one word Go splits itself; NULL when there is none */
static char *ldflags_word(const struct binary *b, const char *pre, char **err)
{
	struct buf v = {0};

	if (pre)
		buf_puts(&v, pre);
	for (size_t i = 0; i < b->ldflags.n; i++) {
		if (v.len)
			buf_putc(&v, ' ');
		if (!esc_goquote(&v, b->ldflags.v[i]))
			*err = xasprintf("ldflags \"%s\" holds both kinds of quote; Go "
			                 "cannot split it", b->ldflags.v[i]);
	}
	for (size_t i = 0; i < b->nx; i++) {
		char *kv = xasprintf("%s=%s", b->x[i].key, b->x[i].value);
		buf_puts(&v, v.len ? " -X " : "-X ");
		if (!esc_goquote(&v, kv))
			*err = xasprintf("x[\"%s\"] holds both kinds of quote; Go cannot "
			                 "split it", b->x[i].key);
		free(kv);
	}
	return v.s;
}

static char *joined(const struct strlist *l, const char *sep)
{
	struct buf v = {0};

	for (size_t i = 0; i < l->n; i++)
		buf_printf(&v, "%s%s", i ? sep : "", l->v[i]);
	return v.s;
}

/* the flags every build of b shares; NULL or an error */
static char *common_args(struct cell *c, const char *linkpre, bool release)
{
	const struct binary *b = c->bin;
	char *ld, *words, *err = NULL;

	if (release && b->trimpath)
		arg(c, xstrdup("-trimpath"), xstrdup("no build paths in the binary: "
		    "the same bytes from any checkout"));
	if (release && (!b->go->minor || b->go->minor >= 18))
		arg(c, xstrdup("-buildvcs=false"), xstrdup("no VCS stamp: the binary "
		    "depends on its sources only (stamp with x = { ... })"));
	if (b->tags.n) {
		words = joined(&b->tags, ",");
		arg(c, xasprintf("-tags=%s", words),
		    xstrdup("the rule's build tags, in the one -tags Go honours"));
		free(words);
	}
	if (b->gcflags.n) {
		words = joined(&b->gcflags, " ");
		arg(c, xasprintf("-gcflags=%s", words), xstrdup("the rule's compiler flags"));
		free(words);
	}
	ld = ldflags_word(b, linkpre, &err);
	if (ld)
		arg(c, xasprintf("-ldflags=%s", ld), xstrdup("the rule's linker flags "
		    "and -X stamps, in the one -ldflags Go honours"));
	free(ld);
	return err;
}

static void user_env(struct cell *c)
{
	for (size_t i = 0; i < c->bin->nenv; i++)
		env(c, c->bin->env[i].key, c->bin->env[i].value,
		    xstrdup("set by the rule's env"));
}

static char *link_error(const struct binary *b, const struct platform *p)
{
	if (b->link == LINK_STATIC && !p->static_ok)
		return xasprintf("link = \"static\" is impossible for %s: %s binaries "
		                 "always load system libraries whatever the flags; use "
		                 "link = \"auto\"", p->name, p->os);
	if (b->link == LINK_DYNAMIC && !b->cgo && p->static_ok)
		return xasprintf("link = \"dynamic\" needs cgo = true: with cgo off Go "
		                 "links %s binaries statically", p->os);
	return NULL;
}

static char *cgo_off(struct cell *c, const struct platform *p)
{
	env(c, "CGO_ENABLED", "0", xstrdup(p->static_ok
	    ? "cgo = false: pure-Go net and os/user, no libc, a static binary"
	    : "cgo = false: no C toolchain needed"));
	if (p->static_ok)
		note(c, "-linkmode external", xstrdup("not used: the internal linker "
		     "already makes a static binary with cgo off; external linking "
		     "without runtime/cgo links a binary that crashes at start on Go "
		     "1.19 and is refused by Go 1.22+"));
	c->linkage = p->static_ok ? "static" : "default";
	c->mode = xstrdup(p->static_ok ? "static, cgo off" : "system libraries, cgo off");
	return NULL;
}

static char *cgo_on(struct cell *c, const struct platform *p)
{
	env(c, "CGO_ENABLED", "1", xstrdup(is_host(c->bin, p)
	    ? "cgo = true" : "cgo = true: Go turns cgo off when cross-compiling "
	      "and would silently drop files that import \"C\""));
	c->linkage = "dynamic";
	c->mode = xstrdup("dynamic, cgo on");
	return NULL;
}

char *flags_cell(struct cell *c, const struct binary *b, const struct platform *p,
                 const char *outdir)
{
	char *err;

	memset(c, 0, sizeof(*c));
	c->bin = b;
	c->plat = p;
	c->out = xasprintf("%s/%s/%s%s", outdir, p->dir, b->name,
	                   strcmp(p->os, "windows") == 0 ? ".exe" : "");
	if ((err = link_error(b, p)))
		return err;
	c->warning = target_env(c, p);
	err = b->cgo ? cgo_on(c, p) : cgo_off(c, p);
	if (err)
		return err;
	env(c, "GOTOOLCHAIN", "local", xstrdup("the Go named by the rule, "
	    "never a downloaded one"));
	user_env(c);
	return common_args(c, NULL, true);
}

void flags_dev(struct cell *c, const struct binary *b, const char *outdir)
{
	memset(c, 0, sizeof(*c));
	c->bin = b;
	c->out = xasprintf("%s/dev/%s", outdir, b->name);
	c->linkage = "default";
	c->mode = xstrdup("host, plain go build");
	env(c, "GOTOOLCHAIN", "local", xstrdup("the Go named by the rule, never "
	    "a downloaded one"));
	user_env(c);
	free(common_args(c, NULL, false));
}

void flags_free(struct cell *c)
{
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
	free(c->notes);
	free(c->env);
	free(c->args);
	free(c->out);
	free(c->mode);
	free(c->warning);
}
