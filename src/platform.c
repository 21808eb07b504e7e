#include <stdlib.h>
#include <string.h>
#include "platform.h"
#include "util.h"

/* go tool dist list, Go 1.19 and 1.23 together */
static const char *known[] = {
	"aix/ppc64", "android/386", "android/amd64", "android/arm",
	"android/arm64", "darwin/amd64", "darwin/arm64", "dragonfly/amd64",
	"freebsd/386", "freebsd/amd64", "freebsd/arm", "freebsd/arm64",
	"freebsd/riscv64", "illumos/amd64", "ios/amd64", "ios/arm64",
	"js/wasm", "linux/386", "linux/amd64", "linux/arm", "linux/arm64",
	"linux/loong64", "linux/mips", "linux/mips64", "linux/mips64le",
	"linux/mipsle", "linux/ppc64", "linux/ppc64le", "linux/riscv64",
	"linux/s390x", "netbsd/386", "netbsd/amd64", "netbsd/arm",
	"netbsd/arm64", "openbsd/386", "openbsd/amd64", "openbsd/arm",
	"openbsd/arm64", "openbsd/mips64", "openbsd/ppc64", "openbsd/riscv64",
	"plan9/386", "plan9/amd64", "plan9/arm", "solaris/amd64",
	"wasip1/wasm", "windows/386", "windows/amd64", "windows/arm",
	"windows/arm64",
};

/* OSes whose binaries always load system libraries (GO-LINKING.md) */
static const char *dynamic_os[] = {
	"aix", "android", "darwin", "illumos", "ios", "openbsd", "solaris",
	"windows",
};

struct variant_rule {
	const char *arch, *varname, *dflt;
	const char *valid[24];  /* variants as written; NULL-terminated */
	int since;              /* Go 1.N that reads varname */
};

/* a written variant maps to the variable's value: "v7" -> "7" for arm */
static const struct variant_rule rules[] = {
	{"amd64", "GOAMD64", "v1", {"v1", "v2", "v3", "v4"}, 18},
	{"arm", "GOARM", "7", {"v5", "v6", "v7"}, 0},
	{"arm64", "GOARM64", "v8.0", {"v8", "v8.0", "v8.1", "v8.2", "v8.3",
	 "v8.4", "v8.5", "v8.6", "v8.7", "v8.8", "v8.9", "v9", "v9.0", "v9.1",
	 "v9.2", "v9.3", "v9.4", "v9.5"}, 23},
	{"386", "GO386", "sse2", {"sse2", "softfloat"}, 0},
	{"mips", "GOMIPS", "hardfloat", {"hardfloat", "softfloat"}, 0},
	{"mipsle", "GOMIPS", "hardfloat", {"hardfloat", "softfloat"}, 0},
	{"mips64", "GOMIPS64", "hardfloat", {"hardfloat", "softfloat"}, 0},
	{"mips64le", "GOMIPS64", "hardfloat", {"hardfloat", "softfloat"}, 0},
	{"ppc64", "GOPPC64", "power8", {"power8", "power9", "power10"}, 0},
	{"ppc64le", "GOPPC64", "power8", {"power8", "power9", "power10"}, 0},
	{"riscv64", "GORISCV64", "rva20u64", {"rva20u64", "rva22u64"}, 23},
};

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

bool platform_known(const char *os, const char *arch)
{
	size_t n = strlen(os);

	for (size_t i = 0; i < LEN(known); i++)
		if (strncmp(known[i], os, n) == 0 && known[i][n] == '/' &&
		    strcmp(known[i] + n + 1, arch) == 0)
			return true;
	return false;
}

bool platform_static_os(const char *os)
{
	for (size_t i = 0; i < LEN(dynamic_os); i++)
		if (strcmp(dynamic_os[i], os) == 0)
			return false;
	return true;
}

static const struct variant_rule *rule_for(const char *arch)
{
	for (size_t i = 0; i < LEN(rules); i++)
		if (strcmp(rules[i].arch, arch) == 0)
			return &rules[i];
	return NULL;
}

const char *platform_vardefault(const char *arch)
{
	const struct variant_rule *r = rule_for(arch);

	return r ? r->dflt : NULL;
}

int platform_varsince(const char *varname)
{
	for (size_t i = 0; i < LEN(rules); i++)
		if (strcmp(rules[i].varname, varname) == 0)
			return rules[i].since;
	return 0;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	return a < b ? (a < c ? a : c) : (b < c ? b : c);
}

/* Levenshtein distance; both strings are short */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];

	if (la >= 64 || lb >= 64)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++)
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1,
			              prev[j - 1] + (a[i - 1] != b[j - 1]));
		memcpy(prev, cur, (lb + 1) * sizeof(*cur));
	}
	return prev[lb];
}

const char *platform_nearest(const char *s)
{
	const char *best = known[0];
	size_t bestd = (size_t)-1;

	for (size_t i = 0; i < LEN(known); i++) {
		size_t d = distance(s, known[i]);
		if (d < bestd) {
			bestd = d;
			best = known[i];
		}
	}
	return best;
}

static char *valid_list(const struct variant_rule *r)
{
	struct buf b = {0};

	for (size_t i = 0; r->valid[i]; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", r->valid[i]);
	return b.s;
}

/* fill varname/varvalue; NULL or a message */
static char *parse_variant(struct platform *p)
{
	const struct variant_rule *r = rule_for(p->arch);
	char *list;
	char *msg;

	if (!r) {
		if (p->variant)
			return xasprintf("platform \"%s\": %s has no variants",
			                 p->name, p->arch);
		return NULL;
	}
	p->varname = r->varname;
	if (!p->variant) {
		p->varvalue = xstrdup(r->dflt);
		return NULL;
	}
	for (size_t i = 0; r->valid[i]; i++) {
		if (strcmp(r->valid[i], p->variant) != 0)
			continue;
		if (strcmp(r->arch, "arm") == 0)
			p->varvalue = xstrdup(p->variant + 1);
		else if (strcmp(r->arch, "arm64") == 0 && !strchr(p->variant, '.'))
			p->varvalue = xasprintf("%s.0", p->variant);
		else
			p->varvalue = xstrdup(p->variant);
		return NULL;
	}
	list = valid_list(r);
	msg = xasprintf("platform \"%s\": %s is not a variant of %s (%s: %s)",
	                p->name, p->variant, p->arch, r->varname, list);
	free(list);
	return msg;
}

static bool plain_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789.", *s))
			return false;
	return true;
}

char *platform_parse(const char *s, struct platform *p)
{
	char *parts[3] = {0}, *copy, *save = NULL, *tok, *msg;
	int n = 0;

	memset(p, 0, sizeof(*p));
	copy = xstrdup(s);
	for (tok = strtok_r(copy, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (n == 3 || !plain_word(tok)) {
			free(copy);
			return xasprintf("platform \"%s\": expected os/arch[/variant] "
			                 "in lower case, like \"linux/arm64\"", s);
		}
		parts[n++] = tok;
	}
	if (n < 2 || !platform_known(parts[0], parts[1])) {
		msg = n < 2 ? xasprintf("platform \"%s\": expected os/arch[/variant], "
		                        "like \"linux/arm64\"", s)
		            : xasprintf("unknown platform \"%s\": did you mean \"%s\"?",
		                        s, platform_nearest(s));
		free(copy);
		return msg;
	}
	p->name = xstrdup(s);
	p->os = xstrdup(parts[0]);
	p->arch = xstrdup(parts[1]);
	p->variant = parts[2] ? xstrdup(parts[2]) : NULL;
	p->dir = parts[2] ? xasprintf("%s_%s_%s", p->os, p->arch, p->variant)
	                  : xasprintf("%s_%s", p->os, p->arch);
	p->static_ok = platform_static_os(p->os);
	free(copy);
	if ((msg = parse_variant(p)))
		platform_free(p);
	return msg;
}

void platform_free(struct platform *p)
{
	free(p->name);
	free(p->os);
	free(p->arch);
	free(p->variant);
	free(p->dir);
	free(p->varvalue);
	memset(p, 0, sizeof(*p));
}

bool platform_same(const struct platform *a, const struct platform *b)
{
	return strcmp(a->os, b->os) == 0 && strcmp(a->arch, b->arch) == 0 &&
	       (!a->varvalue) == (!b->varvalue) &&
	       (!a->varvalue || strcmp(a->varvalue, b->varvalue) == 0);
}
