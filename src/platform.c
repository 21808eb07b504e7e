#include <stdlib.h>
#include <string.h>
#include "platform.h"
#include "util.h"

/* go tool dist list, Go 1.19 and 1.23 together; since: the Go 1.N that
 * added the port when that is after 1.19 (measured: 1.19 and 1.23 lists;
 * no port left Go between them). For Go LISTED_FROM to LISTED_TO the
 * table is the list itself (tests/cli.sh compares them). */
#define LISTED_FROM 19
#define LISTED_TO 23
static const struct port {
	const char *name;
	int since;
} known[] = {
	{"aix/ppc64", 0}, {"android/386", 0}, {"android/amd64", 0},
	{"android/arm", 0}, {"android/arm64", 0}, {"darwin/amd64", 0},
	{"darwin/arm64", 0}, {"dragonfly/amd64", 0}, {"freebsd/386", 0},
	{"freebsd/amd64", 0}, {"freebsd/arm", 0}, {"freebsd/arm64", 0},
	{"freebsd/riscv64", 20}, {"illumos/amd64", 0}, {"ios/amd64", 0},
	{"ios/arm64", 0}, {"js/wasm", 0}, {"linux/386", 0}, {"linux/amd64", 0},
	{"linux/arm", 0}, {"linux/arm64", 0}, {"linux/loong64", 0},
	{"linux/mips", 0}, {"linux/mips64", 0}, {"linux/mips64le", 0},
	{"linux/mipsle", 0}, {"linux/ppc64", 0}, {"linux/ppc64le", 0},
	{"linux/riscv64", 0}, {"linux/s390x", 0}, {"netbsd/386", 0},
	{"netbsd/amd64", 0}, {"netbsd/arm", 0}, {"netbsd/arm64", 0},
	{"openbsd/386", 0}, {"openbsd/amd64", 0}, {"openbsd/arm", 0},
	{"openbsd/arm64", 0}, {"openbsd/mips64", 0}, {"openbsd/ppc64", 22},
	{"openbsd/riscv64", 23}, {"plan9/386", 0}, {"plan9/amd64", 0},
	{"plan9/arm", 0}, {"solaris/amd64", 0}, {"wasip1/wasm", 21},
	{"windows/386", 0}, {"windows/amd64", 0}, {"windows/arm", 0},
	{"windows/arm64", 0},
};

/* names people write for an OS or an arch, and Go's ("" arch: none) */
static const struct alias {
	const char *word, *go;
} os_aliases[] = {
	{"macos", "darwin"}, {"macosx", "darwin"}, {"osx", "darwin"},
	{"mac", "darwin"}, {"win", "windows"}, {"win32", "windows"},
	{"win64", "windows"}, {"mingw", "windows"}, {"sunos", "solaris"},
}, arch_aliases[] = {
	{"x86_64", "amd64"}, {"x86-64", "amd64"}, {"x64", "amd64"},
	{"amd64p32", ""}, {"aarch64", "arm64"}, {"arm64v8", "arm64"},
	{"armv8", "arm64"}, {"armv7", "arm/v7"}, {"armv7l", "arm/v7"},
	{"armv7hl", "arm/v7"}, {"armhf", "arm/v7"}, {"armv6", "arm/v6"},
	{"armv6l", "arm/v6"}, {"armv5", "arm/v5"}, {"armv5tel", "arm/v5"},
	{"armel", "arm/v5"}, {"i386", "386"}, {"i486", "386"}, {"i586", "386"},
	{"i686", "386"}, {"x86", "386"}, {"ia32", "386"}, {"ppc64el", "ppc64le"},
	{"powerpc64le", "ppc64le"}, {"powerpc64", "ppc64"}, {"mipsel", "mipsle"},
	{"mips64el", "mips64le"}, {"loongarch64", "loong64"}, {"riscv", "riscv64"},
	{"rv64", "riscv64"}, {"wasm32", "wasm"},
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
		if (strncmp(known[i].name, os, n) == 0 && known[i].name[n] == '/' &&
		    strcmp(known[i].name + n + 1, arch) == 0)
			return true;
	return false;
}

int platform_since(const char *osarch)
{
	for (size_t i = 0; i < LEN(known); i++)
		if (strcmp(known[i].name, osarch) == 0)
			return known[i].since;
	return 0;
}

bool platform_listed(const char *osarch, int minor)
{
	if (minor < LISTED_FROM || minor > LISTED_TO)
		return false;
	for (size_t i = 0; i < LEN(known); i++)
		if (strcmp(known[i].name, osarch) == 0)
			return known[i].since <= minor;
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

const char *platform_nearest(const char *s)
{
	const char *best = known[0].name;
	size_t bestd = (size_t)-1;

	for (size_t i = 0; i < LEN(known); i++) {
		size_t d = str_distance(s, known[i].name);
		if (d < bestd) {
			bestd = d;
			best = known[i].name;
		}
	}
	return best;
}

/* the OSes known to Go, or the arches Go knows for os, in table order */
static void names(const char *os, struct strlist *out)
{
	size_t m = os ? strlen(os) : 0;

	for (size_t i = 0; i < LEN(known); i++) {
		const char *name = known[i].name, *slash = strchr(name, '/');
		char *w;
		if (os && (strncmp(name, os, m) != 0 || name[m] != '/'))
			continue;
		w = os ? xstrdup(slash + 1) : xstrndup(name, (size_t)(slash - name));
		if (strlist_has(out, w))
			free(w);
		else
			strlist_add(out, w);
	}
}

static const char *alias(const struct alias *a, size_t n, const char *word)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(a[i].word, word) == 0)
			return a[i].go;
	return NULL;
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

static char *lower(const char *s)
{
	char *l = xstrdup(s);

	for (char *c = l; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return l;
}

static char *joined(const struct strlist *l)
{
	struct buf b = {0};

	for (size_t i = 0; i < l->n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", l->v[i]);
	return b.s;
}

/* Go's name for the OS written os (lower case), or NULL */
static const char *go_os(const char *os)
{
	struct strlist oses = {0};
	const char *go = alias(os_aliases, LEN(os_aliases), os), *near;
	static char picked[32];

	names(NULL, &oses);
	if (strlist_has(&oses, os))
		go = os;
	else if (!go && (near = str_nearest(os, (const char *const *)oses.v, oses.n)))
		go = strncpy(picked, near, sizeof(picked) - 1);
	strlist_free(&oses);
	return go;
}

/* Go's arch[/variant] for arch written for os, or NULL; "" for a port Go
 * does not have */
static char *go_arch(const char *os, const char *arch)
{
	struct strlist arches = {0};
	const char *a = alias(arch_aliases, LEN(arch_aliases), arch), *near;
	char *go = NULL;

	names(os, &arches);
	if (strlist_has(&arches, arch))
		go = xstrdup(arch);
	else if (a && (!*a || strlist_has(&arches, a) || strchr(a, '/')))
		go = xstrdup(a);
	else if ((near = str_nearest(arch, (const char *const *)arches.v, arches.n)))
		go = xstrdup(near);
	strlist_free(&arches);
	return go;
}

/* whether Go has arch for some OS */
static bool any_arch(const char *arch)
{
	size_t n = strlen(arch);

	for (size_t i = 0; i < LEN(known); i++) {
		const char *slash = strchr(known[i].name, '/');
		if (strncmp(slash + 1, arch, n) == 0 && slash[1 + n] == '\0')
			return true;
	}
	return false;
}

/* why os/arch[/variant], as written in s, is no platform Go knows */
static char *unknown(const char *s, const char *wos, const char *warch,
                     const char *variant)
{
	char *os = lower(wos), *arch = lower(warch), *garch = NULL, *msg, *list;
	const char *gos = go_os(os);
	struct strlist arches = {0};

	if (!gos) {
		msg = xasprintf("unknown OS \"%s\" in platform \"%s\"", wos, s);
	} else if (!(garch = go_arch(gos, arch))) {
		names(gos, &arches);
		list = joined(&arches);
		msg = any_arch(arch) && strcmp(gos, os) == 0
		      ? xasprintf("platform \"%s\": Go has no %s port for %s (%s has %s)",
		                  s, arch, gos, gos, list)
		      : xasprintf("unknown arch \"%s\" in platform \"%s\" (%s has %s)",
		                  warch, s, gos, list);
		free(list);
	} else if (!*garch) {
		msg = xasprintf("unknown arch \"%s\" in platform \"%s\": Go has no "
		                "such port", warch, s);
	} else {
		if (variant && strchr(garch, '/'))
			*strchr(garch, '/') = '\0';
		msg = xasprintf("unknown %s \"%s\" in platform \"%s\": did you mean "
		                "\"%s/%s%s%s\"?", strcmp(gos, os) ? "OS" : "arch",
		                strcmp(gos, os) ? wos : warch, s, gos, garch,
		                variant ? "/" : "", variant ? variant : "");
	}
	strlist_free(&arches);
	free(os);
	free(arch);
	free(garch);
	return msg;
}

/* s split at "/" into 2 or 3 non-empty words, or a message */
static char *split(const char *s, char *parts[3], char **copy)
{
	int n = 0;
	char *p;

	*copy = xstrdup(s);
	for (p = *copy; n < 3; n++) {
		parts[n] = p;
		if (!(p = strchr(p, '/')))
			break;
		*p++ = '\0';
	}
	if (p || n < 1 || !*parts[0] || !*parts[1] || (n == 2 && !*parts[2]) ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/")
	    != strlen(s)) {
		free(*copy);
		return xasprintf("platform \"%s\": expected os/arch[/variant], like "
		                 "\"linux/arm64\"", s);
	}
	if (n == 1)
		parts[2] = NULL;
	return NULL;
}

char *platform_parse(const char *s, struct platform *p)
{
	char *parts[3] = {0}, *copy, *msg, *l;

	memset(p, 0, sizeof(*p));
	if ((msg = split(s, parts, &copy)))
		return msg;
	if (!plain_word(parts[0]) || !plain_word(parts[1]) ||
	    (parts[2] && !plain_word(parts[2])) || !platform_known(parts[0], parts[1])) {
		l = lower(s);
		if (strcmp(l, s) != 0 && (msg = platform_parse(l, p)) == NULL) {
			platform_free(p);
			msg = xasprintf("platform \"%s\": write it in lower case, \"%s\"", s, l);
		} else {
			free(msg);
			msg = unknown(s, parts[0], parts[1], parts[2]);
		}
		free(l);
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
