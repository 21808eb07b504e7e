#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <lua.h>
#include <lauxlib.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "gotool.h"
#include "toolchain.h"
#include "diag.h"
#include "inspect.h"
#include "check.h"

static void vreport(const struct loc *w, const char *kind, const char *fmt, va_list ap)
{
	char buf[4096];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	diag(kind, w && w->file ? w->file : "goninja", w && w->file ? w->line : 0, buf);
}

void model_fail(const struct loc *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(where, "error", fmt, ap);
	va_end(ap);
	exit(1);
}

void model_error(const struct loc *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(where, "error", fmt, ap);
	va_end(ap);
}

void model_warn(const struct loc *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(where, "warning", fmt, ap);
	va_end(ap);
}

/* the Lua readers below take the table at index -1 */

static char *get_string(lua_State *L, const char *field, const char *dflt)
{
	char *s;

	lua_getfield(L, -1, field);
	s = lua_isstring(L, -1) ? xstrdup(lua_tostring(L, -1))
	                        : dflt ? xstrdup(dflt) : NULL;
	lua_pop(L, 1);
	return s;
}

static bool get_bool(lua_State *L, const char *field, bool dflt)
{
	bool v = dflt;

	lua_getfield(L, -1, field);
	if (lua_isboolean(L, -1))
		v = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return v;
}

static void get_strings(lua_State *L, const char *field, struct strlist *l)
{
	lua_getfield(L, -1, field);
	if (lua_istable(L, -1)) {
		lua_Integer n = luaL_len(L, -1);
		for (lua_Integer i = 1; i <= n; i++) {
			lua_geti(L, -1, i);
			strlist_add(l, xstrdup(lua_tostring(L, -1)));
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
}

/* a list of {key, value} pairs */
static struct kv *get_pairs(lua_State *L, const char *field, size_t *n)
{
	struct kv *v = NULL;

	*n = 0;
	lua_getfield(L, -1, field);
	if (lua_istable(L, -1)) {
		*n = (size_t)luaL_len(L, -1);
		v = xcalloc(*n, sizeof(*v));
		for (size_t i = 0; i < *n; i++) {
			lua_geti(L, -1, (lua_Integer)i + 1);
			lua_geti(L, -1, 1);
			lua_geti(L, -2, 2);
			v[i].key = xstrdup(lua_tostring(L, -2));
			v[i].value = xstrdup(lua_tostring(L, -1));
			lua_pop(L, 3);
		}
	}
	lua_pop(L, 1);
	return v;
}

static struct loc get_where(lua_State *L)
{
	struct loc w = {0};

	lua_getfield(L, -1, "where");
	if (lua_istable(L, -1)) {
		w.file = get_string(L, "file", "?");
		lua_getfield(L, -1, "line");
		w.line = (int)lua_tointeger(L, -1);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return w;
}

/* parse a platform list, refusing bad and duplicate entries */
static struct platform *read_platforms(const struct strlist *names,
                                       const struct loc *where, size_t *n)
{
	struct platform *v = xcalloc(names->n, sizeof(*v));
	char *msg;
	bool bad = false;

	for (size_t i = 0; i < names->n; i++) {   /* every bad one, not the first */
		if ((msg = platform_parse(names->v[i], &v[i]))) {
			model_error(where, "%s", msg);
			free(msg);
			bad = true;
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (v[j].name && platform_same(&v[i], &v[j])) {
				model_error(where, "platforms \"%s\" and \"%s\" are the same "
				            "build", v[j].name, v[i].name);
				bad = true;
			}
	}
	if (bad)
		exit(1);
	*n = names->n;
	return v;
}

static enum link_mode link_mode(const char *s)
{
	if (s && strcmp(s, "static") == 0)
		return LINK_STATIC;
	if (s && strcmp(s, "dynamic") == 0)
		return LINK_DYNAMIC;
	return LINK_AUTO;
}

static enum buildmode buildmode(const char *s)
{
	static const char *names[] = {"exe", "pie", "c-shared", "c-archive", "plugin"};

	for (size_t i = 0; s && i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(s, names[i]) == 0)
			return (enum buildmode)i;
	return MODE_EXE;
}

static void read_binary(lua_State *L, struct project *p, struct binary *b)
{
	struct strlist plats = {0};
	char *link;

	b->where = get_where(L);
	b->name = get_string(L, "name", NULL);
	b->main = get_string(L, "main", NULL);
	b->dir = get_string(L, "dir", "");
	b->cgo = get_bool(L, "cgo", false);
	b->trimpath = get_bool(L, "trimpath", true);
	b->nss = get_bool(L, "nss", false);
	b->race = get_bool(L, "race", false);
	b->msan = get_bool(L, "msan", false);
	b->universal = get_bool(L, "universal", false);
	b->libc = get_string(L, "libc", "glibc");
	b->glibc = get_string(L, "glibc", NULL);
	link = get_string(L, "link", "auto");
	b->link = link_mode(link);
	free(link);
	link = get_string(L, "buildmode", "exe");
	b->buildmode = buildmode(link);
	free(link);
	get_strings(L, "extldflags", &b->extldflags);
	get_strings(L, "cgo_cflags", &b->cgo_cflags);
	get_strings(L, "cgo_ldflags", &b->cgo_ldflags);
	get_strings(L, "tags", &b->tags);
	get_strings(L, "ldflags", &b->ldflags);
	get_strings(L, "gcflags", &b->gcflags);
	b->x = get_pairs(L, "x", &b->nx);
	b->env = get_pairs(L, "env", &b->nenv);
	lua_getfield(L, -1, "platforms");
	bool own = lua_istable(L, -1);
	lua_pop(L, 1);
	if (own) {
		get_strings(L, "platforms", &plats);
		b->plats = read_platforms(&plats, &b->where, &b->nplats);
		strlist_free(&plats);
	} else {
		b->nplats = p->nplats;
		b->plats = p->plats;    /* shared: not freed with b */
	}
	b->own_plats = own;
	b->gocmd = get_string(L, "go", NULL);
}

static void read_project(lua_State *L, struct project *p)
{
	struct strlist names = {0};

	lua_getfield(L, -1, "project");
	p->where = get_where(L);
	p->name = get_string(L, "name", NULL);
	p->version = get_string(L, "version", "0.0.0-dev");
	p->out = get_string(L, "out", "out");
	p->gocmd = get_string(L, "go", "go");
	p->verify = get_bool(L, "verify", true);
	p->strip = get_bool(L, "strip", true);
	p->stamp = get_bool(L, "stamp", true);
	p->reproducible = get_bool(L, "reproducible", true);
	p->glibc = get_string(L, "glibc", NULL);
	lua_pop(L, 1);
	lua_getfield(L, -1, "platforms");
	if (lua_istable(L, -1)) {
		p->plats_where = get_where(L);
		get_strings(L, "list", &names);
		p->plats = read_platforms(&names, &p->plats_where, &p->nplats);
		strlist_free(&names);
	}
	lua_pop(L, 1);
}

static void read_toolchains(lua_State *L, struct project *p)
{
	lua_getfield(L, -1, "toolchains");
	p->ntcs = (size_t)luaL_len(L, -1);
	p->tcs = xcalloc(p->ntcs, sizeof(*p->tcs));
	for (size_t i = 0; i < p->ntcs; i++) {
		struct toolchain *t = &p->tcs[i];
		struct platform plat;
		char *msg;
		lua_geti(L, -1, (lua_Integer)i + 1);
		t->where = get_where(L);
		t->platform = get_string(L, "platform", NULL);
		t->cc = get_string(L, "cc", NULL);
		t->cxx = get_string(L, "cxx", NULL);
		t->ar = get_string(L, "ar", NULL);
		t->libc = get_string(L, "libc", "glibc");
		lua_pop(L, 1);
		if ((msg = platform_parse(t->platform, &plat)))
			model_fail(&t->where, "toolchain: %s", msg);
		platform_free(&plat);
	}
	lua_pop(L, 1);
}

static void read_signs(lua_State *L, struct project *p)
{
	lua_getfield(L, -1, "signs");
	p->nsigns = (size_t)luaL_len(L, -1);
	p->signs = xcalloc(p->nsigns + 1, sizeof(*p->signs));
	for (size_t i = 0; i < p->nsigns; i++) {
		struct sign *s = &p->signs[i];
		lua_geti(L, -1, (lua_Integer)i + 1);
		s->where = get_where(L);
		s->with = get_string(L, "with", NULL);
		s->key = get_string(L, "key", NULL);
		s->files = get_string(L, "files", "checksums");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static void read_release(lua_State *L, struct project *p)
{
	struct release *r = &p->release;

	lua_getfield(L, -1, "release");
	if (lua_istable(L, -1)) {
		r->where = get_where(L);
		get_strings(L, "binaries", &r->binaries);
		get_strings(L, "files", &r->files);
		r->name = get_string(L, "name", "{project}_{version}_{target}");
		r->checksums = get_string(L, "checksums", "SHA256SUMS");
		r->sbom = get_string(L, "sbom", "beside");
	}
	lua_pop(L, 1);
}

static void read_tests(lua_State *L, struct project *p)
{
	lua_getfield(L, -1, "tests");
	p->ntests = (size_t)luaL_len(L, -1);
	p->tests = xcalloc(p->ntests, sizeof(*p->tests));
	for (size_t i = 0; i < p->ntests; i++) {
		struct binary *t = &p->tests[i];
		lua_geti(L, -1, (lua_Integer)i + 1);
		read_binary(L, p, t);
		t->test = true;
		if (t->cgo)
			t->link = LINK_DYNAMIC;   /* test binaries are never linked static */
		get_strings(L, "packages", &t->packages);
		get_strings(L, "args", &t->testargs);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

void model_read(lua_State *L, struct project *p)
{
	memset(p, 0, sizeof(*p));
	get_strings(L, "files", &p->files);
	read_project(L, p);
	read_toolchains(L, p);
	read_tests(L, p);
	read_release(L, p);
	read_signs(L, p);
	lua_getfield(L, -1, "binaries");
	p->nbins = (size_t)luaL_len(L, -1);
	p->bins = xcalloc(p->nbins, sizeof(*p->bins));
	for (size_t i = 0; i < p->nbins; i++) {
		lua_geti(L, -1, (lua_Integer)i + 1);
		read_binary(L, p, &p->bins[i]);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static const char *reserved[] = {
	"all", "dev", "build.ninja", "verify", "release", "test", "clean", "sbom",
};

static bool name_ok(const char *s)
{
	if (!*s || *s == '.' || *s == '-')
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		            "0123456789._+-", *s))
			return false;
	return true;
}

/* binaries by name ignoring case, then by declaration */
static const struct binary *sort_bins;

static int by_name_nocase(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcasecmp(sort_bins[x].name, sort_bins[y].name);

	return c ? c : (x > y) - (x < y);
}

/* for each binary, the first one declared with its name up to case: a
 * sort, not a pairwise comparison (which was quadratic in binaries) */
static size_t *first_of_name(const struct project *p)
{
	size_t *v = xcalloc(p->nbins + 1, sizeof(*v));
	size_t *first = xcalloc(p->nbins + 1, sizeof(*first));

	for (size_t i = 0; i < p->nbins; i++)
		v[i] = i;
	sort_bins = p->bins;
	qsort(v, p->nbins, sizeof(*v), by_name_nocase);
	for (size_t i = 0; i < p->nbins; i++)
		first[v[i]] = i && strcasecmp(p->bins[v[i]].name, p->bins[v[i - 1]].name) == 0
		              ? first[v[i - 1]] : v[i];
	free(v);
	return first;
}

static void check_name(const struct project *p, size_t i, const size_t *first)
{
	const struct binary *b = &p->bins[i], *f = &p->bins[first[i]];

	if (!name_ok(b->name))
		model_fail(&b->where, "go_binary \"%s\": a name is letters, digits and "
		           "\"._+-\", not starting with \".\" or \"-\"", b->name);
	for (size_t j = 0; j < sizeof(reserved) / sizeof(*reserved); j++)
		if (strcmp(b->name, reserved[j]) == 0)
			model_fail(&b->where, "go_binary \"%s\": the name is a reserved "
			           "ninja target", b->name);
	for (size_t j = 0; j < p->nplats; j++)
		if (strcmp(b->name, p->plats[j].dir) == 0)
			model_fail(&b->where, "go_binary \"%s\": the name is also the "
			           "target of platform %s", b->name, p->plats[j].name);
	/* a phony of that name would stand for a file every edge reads */
	if (strlist_has(&p->files, b->name) || strcmp(b->name, "go.mod") == 0 ||
	    strcmp(b->name, "go.sum") == 0 || strcmp(b->name, "go.work") == 0 ||
	    strcmp(b->name, "go.work.sum") == 0)
		model_fail(&b->where, "go_binary \"%s\": the name is a file that "
		           "build.ninja depends on", b->name);
	if (f != b && strcmp(b->name, f->name) == 0)
		model_fail(&b->where, "go_binary \"%s\" already declared at %s:%d",
		           b->name, f->where.file, f->where.line);
	if (f != b)
		model_fail(&b->where, "go_binary \"%s\" and go_binary \"%s\" (%s:%d) "
		           "differ only in case: they would collide in a Windows zip "
		           "and on case-insensitive file systems", b->name, f->name,
		           f->where.file, f->where.line);
}

static bool tag_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		            "0123456789._", *s))
			return false;
	return true;
}

/* names Go or goninja own: set them through fields instead */
static const char *owned_env[] = {
	"GOOS", "GOARCH", "CGO_ENABLED", "GOTOOLCHAIN", "GOARM", "GOAMD64",
	"GO386", "GOARM64", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64",
};

static void check_env(const struct binary *b)
{
	for (size_t i = 0; i < b->nenv; i++) {
		const char *k = b->env[i].key;
		for (size_t j = 0; j < sizeof(owned_env) / sizeof(*owned_env); j++)
			if (strcmp(k, owned_env[j]) == 0)
				model_fail(&b->where, "go_binary \"%s\": env %s is set by "
				           "goninja from the platform and the cgo field",
				           b->name, k);
		if (!*k || strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		                     "0123456789_") != strlen(k) || (*k >= '0' && *k <= '9'))
			model_fail(&b->where, "go_binary \"%s\": env name \"%s\" is not a "
			           "valid variable name", b->name, k);
		if (strcmp(k, "GOFLAGS") == 0 && (strstr(b->env[i].value, "-ldflags") ||
		                                  strstr(b->env[i].value, "-tags")))
			model_fail(&b->where, "go_binary \"%s\": GOFLAGS must not carry "
			           "-ldflags or -tags: goninja passes its own, which would "
			           "replace them; use the ldflags and tags fields", b->name);
	}
}

/* a glibc floor must be a version such as "2.28" */
static void check_glibc(const struct loc *where, const char *what, const char *v)
{
	if (v && (!check_version_ok(v) || strncmp(v, "2.", 2) != 0))
		model_fail(where, "%s: glibc \"%s\" is not a glibc version like \"2.28\"",
		           what, v);
}

static void check_binary(struct project *p, size_t i, const size_t *first)
{
	struct binary *b = &p->bins[i];
	char *what = xasprintf("go_binary \"%s\"", b->name);

	check_glibc(&b->where, what, b->glibc);
	free(what);
	if (!b->glibc && p->glibc)
		b->glibc = xstrdup(p->glibc);
	check_name(p, i, first);
	for (size_t j = 0; j < b->tags.n; j++)
		if (!tag_ok(b->tags.v[j]))
			model_fail(&b->where, "go_binary \"%s\": tag \"%s\" is not a build "
			           "tag (letters, digits, \".\" and \"_\")", b->name, b->tags.v[j]);
	for (size_t j = 0; j < b->nx; j++)
		if (!*b->x[j].key || strpbrk(b->x[j].key, "= \t\n'\""))
			model_fail(&b->where, "go_binary \"%s\": x key \"%s\" is not a "
			           "Go symbol like main.version", b->name, b->x[j].key);
	check_env(b);
	if (b->nplats == 0)
		model_fail(&b->where, "go_binary \"%s\" has no platforms: declare "
		           "platforms { \"linux/amd64\", ... } or give it a platforms "
		           "list", b->name);
	if (strpbrk(b->main, " \t\n\r'\"$`\\;&|<>(){}*?[]#~"))
		model_fail(&b->where, "go_binary \"%s\": main \"%s\" is not a Go "
		           "package path", b->name, b->main);
}

static void check_test(const struct binary *t)
{
	if (!name_ok(t->name))
		model_fail(&t->where, "go_test \"%s\": a name is letters, digits and "
		           "\"._+-\", not starting with \".\" or \"-\"", t->name);
	for (size_t j = 0; j < t->tags.n; j++)
		if (!tag_ok(t->tags.v[j]))
			model_fail(&t->where, "go_test \"%s\": tag \"%s\" is not a build "
			           "tag (letters, digits, \".\" and \"_\")", t->name, t->tags.v[j]);
	check_env(t);
	if (t->nplats == 0)
		model_fail(&t->where, "go_test \"%s\" has no platforms: declare "
		           "platforms { ... } or give it a platforms list", t->name);
	for (size_t j = 0; j < t->packages.n; j++)
		if (strpbrk(t->packages.v[j], " \t\n\r'\"$`\\;&|<>(){}*?[]#~"))
			model_fail(&t->where, "go_test \"%s\": package \"%s\" is not a Go "
			           "package pattern", t->name, t->packages.v[j]);
}

static const struct binary *find_binary(const struct project *p, const char *name)
{
	for (size_t i = 0; i < p->nbins; i++)
		if (strcmp(p->bins[i].name, name) == 0)
			return &p->bins[i];
	return NULL;
}

static bool has_platform(const struct binary *b, const char *name)
{
	for (size_t i = 0; i < b->nplats; i++)
		if (strcmp(b->plats[i].name, name) == 0)
			return true;
	return false;
}

static void check_release(const struct project *p)
{
	const struct release *r = &p->release;
	struct stat st;

	for (size_t i = 0; i < r->binaries.n; i++)
		if (!find_binary(p, r->binaries.v[i]))
			model_fail(&r->where, "release: no go_binary \"%s\"", r->binaries.v[i]);
	for (size_t i = 0; i < r->files.n; i++)
		if (stat(r->files.v[i], &st) != 0 || !S_ISREG(st.st_mode))
			model_fail(&r->where, "release: file \"%s\" is not a file here",
			           r->files.v[i]);
	if (!name_ok(r->checksums))
		model_fail(&r->where, "release: checksums \"%s\" must be a plain file "
		           "name", r->checksums);
}

static void check_universal(const struct binary *b)
{
	if (b->universal && (!has_platform(b, "darwin/amd64") ||
	                     !has_platform(b, "darwin/arm64")))
		model_fail(&b->where, "go_binary \"%s\": universal = true needs "
		           "darwin/amd64 and darwin/arm64 in its platforms", b->name);
}

void model_check(struct project *p)
{
	size_t *first;

	if (p->release.where.file)
		check_release(p);
	else if (p->nsigns)
		model_fail(&p->signs[0].where, "sign: there is no release { } to sign");
	for (size_t i = 0; i < p->nbins; i++)
		check_universal(&p->bins[i]);
	if (!name_ok(p->out) && strcmp(p->out, "out") != 0)
		model_fail(&p->where, "project out \"%s\" must be a plain directory name", p->out);
	check_glibc(&p->where, "project", p->glibc);
	first = first_of_name(p);
	for (size_t i = 0; i < p->nbins; i++)
		check_binary(p, i, first);
	free(first);
	for (size_t i = 0; i < p->ntests; i++)
		check_test(&p->tests[i]);
}

void model_resolve_tools(struct project *p)
{
	p->tools = xcalloc(p->nbins + p->ntests + 1, sizeof(*p->tools));
	for (size_t i = 0; i < p->nbins + p->ntests; i++) {
		struct binary *b = i < p->nbins ? &p->bins[i] : &p->tests[i - p->nbins];
		const char *cmd = b->gocmd ? b->gocmd : p->gocmd;
		size_t j;
		for (j = 0; j < p->ntools; j++)
			if (strcmp(p->tools[j].cmd, cmd) == 0)
				break;
		if (j == p->ntools)
			gotool_find(&p->tools[p->ntools++], cmd);
		b->go = &p->tools[j];
	}
}

static void free_binary(struct binary *b)
{
	free(b->where.file);
	free(b->name);
	free(b->main);
	free(b->dir);
	free(b->gocmd);
	strlist_free(&b->tags);
	strlist_free(&b->ldflags);
	strlist_free(&b->gcflags);
	strlist_free(&b->extldflags);
	strlist_free(&b->cgo_cflags);
	strlist_free(&b->cgo_ldflags);
	strlist_free(&b->packages);
	strlist_free(&b->testargs);
	free(b->libc);
	free(b->glibc);
	for (size_t i = 0; i < b->nx; i++) {
		free(b->x[i].key);
		free(b->x[i].value);
	}
	for (size_t i = 0; i < b->nenv; i++) {
		free(b->env[i].key);
		free(b->env[i].value);
	}
	free(b->x);
	free(b->env);
	if (!b->own_plats)
		return;
	for (size_t i = 0; i < b->nplats; i++)
		platform_free(&b->plats[i]);
	free(b->plats);
}

void model_free(struct project *p)
{
	free(p->where.file);
	free(p->plats_where.file);
	for (size_t i = 0; i < p->nbins; i++)
		free_binary(&p->bins[i]);
	free(p->bins);
	for (size_t i = 0; i < p->ntests; i++)
		free_binary(&p->tests[i]);
	free(p->tests);
	for (size_t i = 0; i < p->nplats; i++)
		platform_free(&p->plats[i]);
	free(p->plats);
	for (size_t i = 0; i < p->ntools; i++) {
		free(p->tools[i].cmd);
		free(p->tools[i].path);
		free(p->tools[i].version);
		free(p->tools[i].hostos);
		free(p->tools[i].hostarch);
		free(p->tools[i].dist);
	}
	free(p->tools);
	for (size_t i = 0; i < p->ntcs; i++) {
		free(p->tcs[i].where.file);
		free(p->tcs[i].platform);
		free(p->tcs[i].cc);
		free(p->tcs[i].cxx);
		free(p->tcs[i].ar);
		free(p->tcs[i].libc);
	}
	free(p->tcs);
	strlist_free(&p->files);
	strlist_free(&p->inputs);
	free(p->release.where.file);
	strlist_free(&p->release.binaries);
	strlist_free(&p->release.files);
	free(p->release.name);
	free(p->release.checksums);
	free(p->release.sbom);
	for (size_t i = 0; i < p->nsigns; i++) {
		free(p->signs[i].where.file);
		free(p->signs[i].with);
		free(p->signs[i].key);
		free(p->signs[i].files);
	}
	free(p->signs);
	vcs_free(&p->vcs);
	free(p->name);
	free(p->version);
	free(p->out);
	free(p->gocmd);
	free(p->glibc);
}
