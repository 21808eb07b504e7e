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
#include "action.h"
#include "sched.h"
#include "gotool.h"
#include "toolchain.h"
#include "diag.h"
#include "inspect.h"
#include "check.h"

static void vreport(const struct loc *w, const char *kind, const char *fmt, va_list ap)
{
	char buf[4096];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	diag(kind, w && w->file ? w->file : "goninja", w && w->file ? w->line : 0,
	     w && w->file ? w->col : 0, buf);
	if (w && w->calls)
		diag_calls(w->calls);
}

struct loc model_field(const struct loc *w, const char *key)
{
	struct loc at = {w->file, w->line, w->col, NULL, 0, w->calls};

	for (size_t i = 0; key && i < w->nfields; i++)
		if (strcmp(w->fields[i].key, key) == 0 && w->fields[i].line > 0) {
			at.line = w->fields[i].line;
			at.col = w->fields[i].col;
		}
	return at;
}

static void loc_free(struct loc *w)
{
	for (size_t i = 0; i < w->nfields; i++) {
		free(w->fields[i].key);
		free(w->fields[i].set);
	}
	free(w->fields);
	free(w->file);
	free(w->calls);
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

void model_error_at(const struct loc *where, const char *key, const char *fmt, ...)
{
	struct loc at = model_field(where, key);
	va_list ap;

	va_start(ap, fmt);
	vreport(&at, "error", fmt, ap);
	va_end(ap);
}

void model_fail_at(const struct loc *where, const char *key, const char *fmt, ...)
{
	struct loc at = model_field(where, key);
	va_list ap;

	va_start(ap, fmt);
	vreport(&at, "error", fmt, ap);
	va_end(ap);
	exit(1);
}

void model_warn(const struct loc *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(where, "warning", fmt, ap);
	va_end(ap);
}

void model_warn_at(const struct loc *where, const char *key, const char *fmt, ...)
{
	struct loc at = model_field(where, key);
	va_list ap;

	va_start(ap, fmt);
	vreport(&at, "warning", fmt, ap);
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

static int get_int(lua_State *L, const char *field)
{
	int n;

	lua_getfield(L, -1, field);
	n = (int)lua_tointeger(L, -1);
	lua_pop(L, 1);
	return n;
}

/* where.fields: key -> { line, col, since, set }; a positional value's
 * key is its index, "1" */
static void get_fieldpos(lua_State *L, struct loc *w)
{
	lua_getfield(L, -1, "fields");
	if (lua_istable(L, -1)) {
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			int kt = lua_type(L, -2);
			if ((kt == LUA_TSTRING || lua_isinteger(L, -2)) && lua_istable(L, -1)) {
				struct fieldpos *f;
				w->fields = xrealloc(w->fields, (w->nfields + 1) * sizeof(*f));
				f = &w->fields[w->nfields++];
				f->key = kt == LUA_TSTRING ? xstrdup(lua_tostring(L, -2))
				       : xasprintf("%lld", (long long)lua_tointeger(L, -2));
				f->line = get_int(L, "line");
				f->col = get_int(L, "col");
				f->since = get_int(L, "since");
				f->set = get_string(L, "set", NULL);
			}
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
}

static struct loc get_where(lua_State *L)
{
	struct loc w = {0};

	lua_getfield(L, -1, "where");
	if (lua_istable(L, -1)) {
		w.file = get_string(L, "file", "?");
		w.line = get_int(L, "line");
		w.col = get_int(L, "col");
		w.calls = get_string(L, "calls", NULL);
		get_fieldpos(L, &w);
	}
	lua_pop(L, 1);
	return w;
}

/* each key of a declaration as the C model reads it: one list per
 * declaration, read in a loop, in lua/fields.lua's order */
enum fkind { F_STRING, F_BOOL, F_INT, F_STRINGS, F_PAIRS, F_ENUM, F_OWN, F_SMOKES };

struct field {
	const char *key;
	enum fkind kind;             /* F_OWN: read by the declaration's code */
	size_t off, noff;            /* the member; noff: F_PAIRS' and F_SMOKES' count */
	const char *const *values;   /* F_ENUM: the names, in enum order */
};

#define AT(type, member) offsetof(struct type, member)

static const char *const link_values[] = {"auto", "static", "dynamic", NULL};
static const char *const mode_values[] = {"exe", "pie", "c-shared", "c-archive",
	"plugin", NULL};

static const struct field project_fields[] = {
	{"name", F_STRING, AT(project, name), 0, NULL},
	{"version", F_STRING, AT(project, version), 0, NULL},
	{"go", F_STRING, AT(project, gocmd), 0, NULL},
	{"out", F_STRING, AT(project, out), 0, NULL},
	{"platforms", F_OWN, 0, 0, NULL},
	{"verify", F_BOOL, AT(project, verify), 0, NULL},
	{"sbom", F_BOOL, AT(project, sbom), 0, NULL},
	{"strip", F_BOOL, AT(project, strip), 0, NULL},
	{"stamp", F_BOOL, AT(project, stamp), 0, NULL},
	{"reproducible", F_BOOL, AT(project, reproducible), 0, NULL},
	{"glibc", F_STRING, AT(project, glibc), 0, NULL},
	{"jobs", F_INT, AT(project, jobs), 0, NULL},
	{"memory_per_link", F_STRING, AT(project, memory_per_link), 0, NULL},
	{NULL, F_OWN, 0, 0, NULL},
};

static const struct field binary_fields[] = {
	{"name", F_STRING, AT(binary, name), 0, NULL},
	{"main", F_STRING, AT(binary, main), 0, NULL},
	{"cgo", F_BOOL, AT(binary, cgo), 0, NULL},
	{"link", F_ENUM, AT(binary, link), 0, link_values},
	{"tags", F_STRINGS, AT(binary, tags), 0, NULL},
	{"ldflags", F_STRINGS, AT(binary, ldflags), 0, NULL},
	{"gcflags", F_STRINGS, AT(binary, gcflags), 0, NULL},
	{"x", F_PAIRS, AT(binary, x), AT(binary, nx), NULL},
	{"env", F_PAIRS, AT(binary, env), AT(binary, nenv), NULL},
	{"platforms", F_OWN, 0, 0, NULL},
	{"go", F_STRING, AT(binary, gocmd), 0, NULL},
	{"trimpath", F_BOOL, AT(binary, trimpath), 0, NULL},
	{"universal", F_BOOL, AT(binary, universal), 0, NULL},
	{"cover", F_BOOL, AT(binary, cover), 0, NULL},
	{"libc", F_STRING, AT(binary, libc), 0, NULL},
	{"nss", F_BOOL, AT(binary, nss), 0, NULL},
	{"extldflags", F_STRINGS, AT(binary, extldflags), 0, NULL},
	{"cgo_cflags", F_STRINGS, AT(binary, cgo_cflags), 0, NULL},
	{"cgo_ldflags", F_STRINGS, AT(binary, cgo_ldflags), 0, NULL},
	{"buildmode", F_ENUM, AT(binary, buildmode), 0, mode_values},
	{"race", F_BOOL, AT(binary, race), 0, NULL},
	{"msan", F_BOOL, AT(binary, msan), 0, NULL},
	{"glibc", F_STRING, AT(binary, glibc), 0, NULL},
	{"smoke", F_SMOKES, AT(binary, smokes), AT(binary, nsmokes), NULL},
	{"deps", F_STRINGS, AT(binary, deps), 0, NULL},
	{NULL, F_OWN, 0, 0, NULL},
};

static const struct field toolchain_fields[] = {
	{"platform", F_STRING, AT(toolchain, platform), 0, NULL},
	{"cc", F_STRING, AT(toolchain, cc), 0, NULL},
	{"cxx", F_STRING, AT(toolchain, cxx), 0, NULL},
	{"ar", F_STRING, AT(toolchain, ar), 0, NULL},
	{"libc", F_STRING, AT(toolchain, libc), 0, NULL},
	{NULL, F_OWN, 0, 0, NULL},
};

static const struct field test_fields[] = {
	{"name", F_STRING, AT(binary, name), 0, NULL},
	{"packages", F_STRINGS, AT(binary, packages), 0, NULL},
	{"platforms", F_OWN, 0, 0, NULL},
	{"cgo", F_BOOL, AT(binary, cgo), 0, NULL},
	{"tags", F_STRINGS, AT(binary, tags), 0, NULL},
	{"env", F_PAIRS, AT(binary, env), AT(binary, nenv), NULL},
	{"go", F_STRING, AT(binary, gocmd), 0, NULL},
	{"args", F_STRINGS, AT(binary, testargs), 0, NULL},
	{"race", F_BOOL, AT(binary, race), 0, NULL},
	{"libc", F_STRING, AT(binary, libc), 0, NULL},
	{"deps", F_STRINGS, AT(binary, deps), 0, NULL},
	{NULL, F_OWN, 0, 0, NULL},
};

static const struct field release_fields[] = {
	{"binaries", F_STRINGS, AT(release, binaries), 0, NULL},
	{"name", F_STRING, AT(release, name), 0, NULL},
	{"files", F_STRINGS, AT(release, files), 0, NULL},
	{"checksums", F_STRING, AT(release, checksums), 0, NULL},
	{"sbom", F_STRING, AT(release, sbom), 0, NULL},
	{NULL, F_OWN, 0, 0, NULL},
};

static const struct field sign_fields[] = {
	{"with", F_STRING, AT(sign, with), 0, NULL},
	{"key", F_STRING, AT(sign, key), 0, NULL},
	{"files", F_STRING, AT(sign, files), 0, NULL},
	{NULL, F_OWN, 0, 0, NULL},
};

static const struct field package_fields[] = {
	{"name", F_STRING, AT(package, name), 0, NULL},
	{"formats", F_STRINGS, AT(package, formats), 0, NULL},
	{"binaries", F_STRINGS, AT(package, binaries), 0, NULL},
	{"platforms", F_OWN, 0, 0, NULL},
	{"files", F_PAIRS, AT(package, files), AT(package, nfiles), NULL},
	{"config", F_STRINGS, AT(package, config), 0, NULL},
	{"scripts", F_PAIRS, AT(package, scripts), AT(package, nscripts), NULL},
	{"maintainer", F_STRING, AT(package, maintainer), 0, NULL},
	{"description", F_STRING, AT(package, description), 0, NULL},
	{"details", F_STRINGS, AT(package, details), 0, NULL},
	{"license", F_STRING, AT(package, license), 0, NULL},
	{"homepage", F_STRING, AT(package, homepage), 0, NULL},
	{"section", F_STRING, AT(package, section), 0, NULL},
	{"depends", F_STRINGS, AT(package, depends), 0, NULL},
	{"conflicts", F_STRINGS, AT(package, conflicts), 0, NULL},
	{"replaces", F_STRINGS, AT(package, replaces), 0, NULL},
	{"release", F_STRING, AT(package, release), 0, NULL},
	{"epoch", F_STRING, AT(package, epoch), 0, NULL},
	{NULL, F_OWN, 0, 0, NULL},
};

static const struct field image_fields[] = {
	{"name", F_STRING, AT(image, name), 0, NULL},
	{"binaries", F_STRINGS, AT(image, binaries), 0, NULL},
	{"base", F_STRING, AT(image, base), 0, NULL},
	{"tag", F_STRING, AT(image, tag), 0, NULL},
	{"entrypoint", F_STRINGS, AT(image, entrypoint), 0, NULL},
	{"cmd", F_STRINGS, AT(image, cmd), 0, NULL},
	{"labels", F_PAIRS, AT(image, labels), AT(image, nlabels), NULL},
	{"ca_certificates", F_BOOL, AT(image, ca_certificates), 0, NULL},
	{"files", F_PAIRS, AT(image, files), AT(image, nfiles), NULL},
	{NULL, F_OWN, 0, 0, NULL},
};

static const struct field manifest_fields[] = {
	{"url", F_STRING, AT(manifest_decl, url), 0, NULL},
	{"name", F_STRING, AT(manifest_decl, name), 0, NULL},
	{"description", F_STRING, AT(manifest_decl, description), 0, NULL},
	{"homepage", F_STRING, AT(manifest_decl, homepage), 0, NULL},
	{"license", F_STRING, AT(manifest_decl, license), 0, NULL},
	{"binaries", F_STRINGS, AT(manifest_decl, binaries), 0, NULL},
	{NULL, F_OWN, 0, 0, NULL},
};

static const struct field action_fields[] = {
	{"name", F_STRING, AT(action, name), 0, NULL},
	{"inputs", F_STRINGS, AT(action, inputs), 0, NULL},
	{"outputs", F_STRINGS, AT(action, outputs), 0, NULL},
	{"command", F_STRINGS, AT(action, command), 0, NULL},
	{"shell", F_BOOL, AT(action, shell), 0, NULL},
	{"depfile", F_STRING, AT(action, depfile), 0, NULL},
	{"env", F_PAIRS, AT(action, env), AT(action, nenv), NULL},
	{"dir", F_STRING, AT(action, dir), 0, NULL},
	{"description", F_STRING, AT(action, description), 0, NULL},
	{"platforms", F_STRING, AT(action, platforms), 0, NULL},
	{NULL, F_OWN, 0, 0, NULL},
};

/* go_generate becomes an action in rules/action.lua: C reads that action;
 * these keys, of the same kinds, are for the drift check */
static const struct field generate_fields[] = {
	{"name", F_STRING, AT(action, name), 0, NULL},
	{"packages", F_STRINGS, AT(action, command), 0, NULL},
	{"inputs", F_STRINGS, AT(action, inputs), 0, NULL},
	{"outputs", F_STRINGS, AT(action, outputs), 0, NULL},
	{"env", F_PAIRS, AT(action, env), AT(action, nenv), NULL},
	{"go", F_STRING, AT(action, dir), 0, NULL},
	{"description", F_STRING, AT(action, description), 0, NULL},
	{NULL, F_OWN, 0, 0, NULL},
};

static const struct {
	const char *name;
	const struct field *fields;
} readers[] = {
	{"project", project_fields}, {"go_binary", binary_fields},
	{"toolchain", toolchain_fields}, {"go_test", test_fields},
	{"release", release_fields}, {"package", package_fields},
	{"homebrew", manifest_fields}, {"scoop", manifest_fields},
	{"sign", sign_fields},
	{"image", image_fields},
	{"action", action_fields},
	{"go_generate", generate_fields},
};

/* the index of s in values, 0 (the default) when absent */
static int get_enum(lua_State *L, const char *field, const char *const *values)
{
	char *s = get_string(L, field, NULL);
	int n = 0;

	for (int i = 0; s && values[i]; i++)
		if (strcmp(s, values[i]) == 0)
			n = i;
	free(s);
	return n;
}

/* smoke runs: a list the schema checked, defaults filled in */
static struct smoke *get_smokes(lua_State *L, const char *field, size_t *n)
{
	struct smoke *v = NULL;

	*n = 0;
	lua_getfield(L, -1, field);
	if (lua_istable(L, -1)) {
		*n = (size_t)luaL_len(L, -1);
		v = xcalloc(*n, sizeof(*v));
		for (size_t i = 0; i < *n; i++) {
			struct smoke *s = &v[i];

			lua_geti(L, -1, (lua_Integer)i + 1);
			get_strings(L, "args", &s->args);
			s->expect = get_string(L, "expect", "");
			s->status = get_int(L, "status");
			s->timeout = get_int(L, "timeout");
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	return v;
}

/* the keys of fs from the table at -1 into obj; a key the rule file did
 * not write holds its lua/fields.lua default, set by the schema */
static void read_fields(lua_State *L, void *obj, const struct field *fs)
{
	char *base = obj;

	for (const struct field *f = fs; f->key; f++) {
		switch (f->kind) {
		case F_STRING:
			*(char **)(base + f->off) = get_string(L, f->key, NULL);
			break;
		case F_BOOL:
			*(bool *)(base + f->off) = get_bool(L, f->key, false);
			break;
		case F_INT:
			*(int *)(base + f->off) = get_int(L, f->key);
			break;
		case F_STRINGS:
			get_strings(L, f->key, (struct strlist *)(base + f->off));
			break;
		case F_PAIRS:
			*(struct kv **)(base + f->off) = get_pairs(L, f->key,
			                                           (size_t *)(base + f->noff));
			break;
		case F_ENUM:
			*(int *)(base + f->off) = get_enum(L, f->key, f->values);
			break;
		case F_SMOKES:
			*(struct smoke **)(base + f->off) = get_smokes(L, f->key,
			                                               (size_t *)(base + f->noff));
			break;
		case F_OWN:
			break;
		}
	}
}

static void key_num(struct buf *k, size_t n)
{
	buf_putnum(k, n);
	buf_putc(k, ';');
}

/* s as its length, ":" and its bytes (a key holds no NUL); "-" for NULL */
static void key_string(struct buf *k, const char *s)
{
	if (!s) {
		buf_putc(k, '-');
		return;
	}
	buf_putnum(k, strlen(s));
	buf_putc(k, ':');
	buf_puts(k, s);
}

static void key_strings(struct buf *k, const struct strlist *l)
{
	key_num(k, l->n);
	for (size_t i = 0; i < l->n; i++)
		key_string(k, l->v[i]);
}

/* one field of b, as model_build_key writes it */
static void key_field(struct buf *k, const struct binary *b, const struct field *f)
{
	const char *base = (const char *)b;
	size_t n = f->noff ? *(const size_t *)(base + f->noff) : 0;

	switch (f->kind) {
	case F_STRING:
		key_string(k, *(char *const *)(base + f->off));
		break;
	case F_BOOL:
		buf_putc(k, *(const bool *)(base + f->off) ? 't' : 'f');
		break;
	case F_INT:
	case F_ENUM:
		key_num(k, (size_t)*(const int *)(base + f->off));
		break;
	case F_STRINGS:
		key_strings(k, (const struct strlist *)(base + f->off));
		break;
	case F_PAIRS:
		key_num(k, n);
		for (size_t i = 0; i < n; i++) {
			key_string(k, (*(struct kv *const *)(base + f->off))[i].key);
			key_string(k, (*(struct kv *const *)(base + f->off))[i].value);
		}
		break;
	case F_SMOKES:
		key_num(k, n);
		for (size_t i = 0; i < n; i++) {
			const struct smoke *sm = &(*(struct smoke *const *)(base + f->off))[i];
			key_strings(k, &sm->args);
			key_string(k, sm->expect);
			key_num(k, (size_t)sm->status);
			key_num(k, (size_t)sm->timeout);
		}
		break;
	case F_OWN:
		break;
	}
	buf_putc(k, '\n');
}

char *model_build_key(const struct binary *b)
{
	struct buf k = {0};

	for (const struct field *f = binary_fields; f->key; f++)
		if (strcmp(f->key, "name") != 0 && strcmp(f->key, "main") != 0)
			key_field(&k, b, f);
	key_string(&k, b->dir);
	return k.s;
}

/* is the list at -1 exactly values? */
static bool same_values(lua_State *L, const char *const *values)
{
	lua_Integer n = 0;
	bool same = true;

	for (; values[n] && same; n++) {
		lua_geti(L, -1, n + 1);
		same = lua_type(L, -1) == LUA_TSTRING &&
		       strcmp(lua_tostring(L, -1), values[n]) == 0;
		lua_pop(L, 1);
	}
	return same && luaL_len(L, -1) == n;
}

/* does the entry at -1 (lua/fields.lua) have the kind f reads? */
static char *entry_differs(lua_State *L, const char *decl, const struct field *f)
{
	static const char *const kinds[] = {"string", "boolean", "count", "strings", "map",
		NULL, "platforms", "smoke"};
	bool ok;

	lua_geti(L, -1, 2);
	if (lua_type(L, -1) == LUA_TSTRING)
		ok = kinds[f->kind] && strcmp(lua_tostring(L, -1), kinds[f->kind]) == 0;
	else
		ok = f->kind == F_STRING || (f->kind == F_ENUM && same_values(L, f->values));
	lua_pop(L, 1);
	return ok ? NULL : xasprintf("%s.%s: its kind in lua/fields.lua is not the "
	                             "one src/model.c reads", decl, f->key);
}

/* the model key of the entry at -1: "as", else its first element */
static char *entry_key(lua_State *L)
{
	char *k;

	lua_getfield(L, -1, "as");
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_geti(L, -1, 1);
	}
	k = xstrdup(lua_isstring(L, -1) ? lua_tostring(L, -1) : "?");
	lua_pop(L, 1);
	return k;
}

/* the entries at -1 against fs, both ways */
static char *decl_differs(lua_State *L, const char *decl, const struct field *fs)
{
	lua_Integer n = luaL_len(L, -1);
	size_t seen = 0;
	char *err = NULL;

	for (lua_Integer i = 1; i <= n && !err; i++) {
		const struct field *f = fs;
		lua_geti(L, -1, i);
		char *k = entry_key(L);
		while (f->key && strcmp(f->key, k) != 0)
			f++;
		if (!f->key)
			err = xasprintf("%s.%s is in lua/fields.lua, not in src/model.c", decl, k);
		else if (!(err = entry_differs(L, decl, f)))
			seen++;
		free(k);
		lua_pop(L, 1);
	}
	for (const struct field *f = fs; !err && f->key; f++)
		seen--;
	if (!err && seen)
		err = xasprintf("%s: src/model.c reads a key lua/fields.lua does not "
		                "declare", decl);
	return err;
}

char *model_fields_differ(lua_State *L)
{
	size_t nread = sizeof(readers) / sizeof(*readers), found = 0;
	lua_Integer n = luaL_len(L, -1);
	char *err = NULL;

	for (lua_Integer i = 1; i <= n && !err; i++) {
		lua_geti(L, -1, i);
		lua_geti(L, -1, 1);
		const char *decl = lua_tostring(L, -1);
		size_t j = 0;
		while (j < nread && (!decl || strcmp(readers[j].name, decl) != 0))
			j++;
		lua_geti(L, -2, 2);
		if (j == nread)
			err = xasprintf("declaration %s has no reader in src/model.c",
			                decl ? decl : "?");
		else if (!(err = decl_differs(L, decl, readers[j].fields)))
			found++;
		lua_pop(L, 3);
	}
	if (!err && found != nread)
		err = xstrdup("src/model.c reads a declaration lua/fields.lua does not have");
	return err;
}

/* parse a platform list, refusing bad and duplicate entries */
static struct platform *read_platforms(const struct strlist *names,
                                       const struct loc *where, size_t *n)
{
	struct platform *v = xcalloc(names->n, sizeof(*v));
	char *msg;
	bool bad = false;

	for (size_t i = 0; i < names->n; i++) {   /* every bad one, not the first */
		char key[24];
		snprintf(key, sizeof(key), "%zu", i + 1);
		if ((msg = platform_parse(names->v[i], &v[i]))) {
			model_error_at(where, key, "%s", msg);
			free(msg);
			bad = true;
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (v[j].name && platform_same(&v[i], &v[j])) {
				model_error_at(where, key, "platforms \"%s\" and \"%s\" are the "
				               "same build", v[j].name, v[i].name);
				bad = true;
			}
	}
	if (bad)
		exit(1);
	*n = names->n;
	return v;
}

/* a declaration's own platforms, or the project's */
static void read_own_platforms(lua_State *L, const struct project *p, struct binary *b)
{
	struct strlist plats = {0};
	struct loc at;

	lua_getfield(L, -1, "platforms");
	b->own_plats = lua_istable(L, -1);
	lua_pop(L, 1);
	if (b->own_plats) {
		get_strings(L, "platforms", &plats);
		at = model_field(&b->where, "platforms");
		b->plats = read_platforms(&plats, &at, &b->nplats);
		strlist_free(&plats);
	} else {
		b->nplats = p->nplats;
		b->plats = p->plats;    /* shared: not freed with b */
	}
}

static void read_binary(lua_State *L, struct project *p, struct binary *b)
{
	b->where = get_where(L);
	read_fields(L, b, binary_fields);
	b->dir = get_string(L, "dir", "");
	read_own_platforms(L, p, b);
}

static void read_project(lua_State *L, struct project *p)
{
	struct strlist names = {0};

	lua_getfield(L, -1, "project");
	p->where = get_where(L);
	read_fields(L, p, project_fields);
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
		struct loc at;
		char *msg;
		lua_geti(L, -1, (lua_Integer)i + 1);
		t->where = get_where(L);
		read_fields(L, t, toolchain_fields);
		lua_pop(L, 1);
		at = model_field(&t->where, "platform");
		if ((msg = platform_parse(t->platform, &plat)))
			model_fail(&at, "toolchain: %s", msg);
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
		read_fields(L, s, sign_fields);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static void read_packages(lua_State *L, struct project *p)
{
	lua_getfield(L, -1, "packages");
	p->npkgs = (size_t)luaL_len(L, -1);
	p->pkgs = xcalloc(p->npkgs + 1, sizeof(*p->pkgs));
	for (size_t i = 0; i < p->npkgs; i++) {
		struct package *k = &p->pkgs[i];
		struct strlist plats = {0};
		lua_geti(L, -1, (lua_Integer)i + 1);
		k->where = get_where(L);
		read_fields(L, k, package_fields);
		get_strings(L, "platforms", &plats);
		if (plats.n) {
			struct loc at = model_field(&k->where, "platforms");
			k->plats = read_platforms(&plats, &at, &k->nplats);
		}
		strlist_free(&plats);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static void read_images(lua_State *L, struct project *p)
{
	lua_getfield(L, -1, "images");
	p->nimages = (size_t)luaL_len(L, -1);
	p->images = xcalloc(p->nimages + 1, sizeof(*p->images));
	for (size_t i = 0; i < p->nimages; i++) {
		struct image *im = &p->images[i];
		lua_geti(L, -1, (lua_Integer)i + 1);
		im->where = get_where(L);
		read_fields(L, im, image_fields);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static void read_manifests(lua_State *L, struct project *p)
{
	lua_getfield(L, -1, "manifests");
	p->nmans = (size_t)luaL_len(L, -1);
	p->mans = xcalloc(p->nmans + 1, sizeof(*p->mans));
	for (size_t i = 0; i < p->nmans; i++) {
		struct manifest_decl *m = &p->mans[i];
		lua_geti(L, -1, (lua_Integer)i + 1);
		m->where = get_where(L);
		read_fields(L, m, manifest_fields);
		m->kind = get_string(L, "kind", "homebrew");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static void read_actions(lua_State *L, struct project *p)
{
	lua_getfield(L, -1, "actions");
	p->nactions = (size_t)luaL_len(L, -1);
	p->actions = xcalloc(p->nactions + 1, sizeof(*p->actions));
	for (size_t i = 0; i < p->nactions; i++) {
		struct action *a = &p->actions[i];
		lua_geti(L, -1, (lua_Integer)i + 1);
		a->where = get_where(L);
		read_fields(L, a, action_fields);
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
		read_fields(L, r, release_fields);
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
		t->where = get_where(L);
		read_fields(L, t, test_fields);
		t->main = get_string(L, "main", NULL);
		t->dir = get_string(L, "dir", "");
		read_own_platforms(L, p, t);
		t->test = true;
		if (t->cgo)
			t->link = LINK_DYNAMIC;   /* test binaries are never linked static */
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

void model_read(lua_State *L, struct project *p)
{
	char *err;

	lua_getfield(L, -1, "fields");
	if ((err = model_fields_differ(L)))
		fatal("lua/fields.lua and src/model.c disagree: %s", err);
	lua_pop(L, 1);
	memset(p, 0, sizeof(*p));
	get_strings(L, "files", &p->files);
	read_project(L, p);
	read_toolchains(L, p);
	read_tests(L, p);
	read_release(L, p);
	read_signs(L, p);
	read_packages(L, p);
	read_images(L, p);
	read_manifests(L, p);
	read_actions(L, p);
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
	"package",
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
		model_fail_at(&b->where, "name", "go_binary \"%s\": a name is letters, digits and "
		           "\"._+-\", not starting with \".\" or \"-\"", b->name);
	for (size_t j = 0; j < sizeof(reserved) / sizeof(*reserved); j++)
		if (strcmp(b->name, reserved[j]) == 0)
			model_fail_at(&b->where, "name", "go_binary \"%s\": the name is a reserved "
			           "ninja target", b->name);
	for (size_t j = 0; j < p->nplats; j++)
		if (strcmp(b->name, p->plats[j].dir) == 0)
			model_fail_at(&b->where, "name", "go_binary \"%s\": the name is also the "
			           "target of platform %s", b->name, p->plats[j].name);
	/* a phony of that name would stand for a file every edge reads */
	if (strlist_has(&p->files, b->name) || strcmp(b->name, "go.mod") == 0 ||
	    strcmp(b->name, "go.sum") == 0 || strcmp(b->name, "go.work") == 0 ||
	    strcmp(b->name, "go.work.sum") == 0)
		model_fail_at(&b->where, "name", "go_binary \"%s\": the name is a file that "
		           "build.ninja depends on", b->name);
	if (f != b && strcmp(b->name, f->name) == 0)
		model_fail_at(&b->where, "name", "go_binary \"%s\" already declared at %s:%d",
		           b->name, f->where.file, f->where.line);
	if (f != b)
		model_fail_at(&b->where, "name", "go_binary \"%s\" and go_binary \"%s\" (%s:%d) "
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
				model_fail_at(&b->where, "env", "go_binary \"%s\": env %s is set by "
				           "goninja from the platform and the cgo field",
				           b->name, k);
		if (!*k || strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		                     "0123456789_") != strlen(k) || (*k >= '0' && *k <= '9'))
			model_fail_at(&b->where, "env", "go_binary \"%s\": env name \"%s\" is not a "
			           "valid variable name", b->name, k);
		if (strcmp(k, "GOFLAGS") == 0 && (strstr(b->env[i].value, "-ldflags") ||
		                                  strstr(b->env[i].value, "-tags")))
			model_fail_at(&b->where, "env", "go_binary \"%s\": GOFLAGS must not carry "
			           "-ldflags or -tags: goninja passes its own, which would "
			           "replace them; use the ldflags and tags fields", b->name);
	}
}

/* a glibc floor must be a version such as "2.28" */
static void check_glibc(const struct loc *where, const char *what, const char *v)
{
	if (v && (!check_version_ok(v) || strncmp(v, "2.", 2) != 0))
		model_fail_at(where, "glibc", "%s: glibc \"%s\" is not a glibc version like \"2.28\"",
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
			model_fail_at(&b->where, "tags", "go_binary \"%s\": tag \"%s\" is not a build "
			           "tag (letters, digits, \".\" and \"_\")", b->name, b->tags.v[j]);
	for (size_t j = 0; j < b->nx; j++)
		if (!*b->x[j].key || strpbrk(b->x[j].key, "= \t\n'\""))
			model_fail_at(&b->where, "x", "go_binary \"%s\": x key \"%s\" is not a "
			           "Go symbol like main.version", b->name, b->x[j].key);
	check_env(b);
	if (b->nplats == 0)
		model_fail_at(&b->where, "platforms", "go_binary \"%s\" has no platforms: declare "
		           "platforms { \"linux/amd64\", ... } or give it a platforms "
		           "list", b->name);
	if (strpbrk(b->main, " \t\n\r'\"$`\\;&|<>(){}*?[]#~"))
		model_fail_at(&b->where, "main", "go_binary \"%s\": main \"%s\" is not a Go "
		           "package path", b->name, b->main);
}

static void check_test(const struct binary *t)
{
	if (!name_ok(t->name))
		model_fail_at(&t->where, "name", "go_test \"%s\": a name is letters, digits and "
		           "\"._+-\", not starting with \".\" or \"-\"", t->name);
	for (size_t j = 0; j < t->tags.n; j++)
		if (!tag_ok(t->tags.v[j]))
			model_fail_at(&t->where, "tags", "go_test \"%s\": tag \"%s\" is not a build "
			           "tag (letters, digits, \".\" and \"_\")", t->name, t->tags.v[j]);
	check_env(t);
	if (t->nplats == 0)
		model_fail_at(&t->where, "platforms", "go_test \"%s\" has no platforms: declare "
		           "platforms { ... } or give it a platforms list", t->name);
	for (size_t j = 0; j < t->packages.n; j++)
		if (strpbrk(t->packages.v[j], " \t\n\r'\"$`\\;&|<>(){}*?[]#~"))
			model_fail_at(&t->where, "packages", "go_test \"%s\": package \"%s\" is not a Go "
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
			model_fail_at(&r->where, "binaries", "release: no go_binary \"%s\"",
			              r->binaries.v[i]);
	for (size_t i = 0; i < r->files.n; i++) {
		char *why;
		if (stat(r->files.v[i], &st) != 0 || !S_ISREG(st.st_mode))
			model_fail_at(&r->where, "files", "release: file \"%s\" is not a file here",
			           r->files.v[i]);
		/* a link a checkout planted must not pack a file of the user's */
		if ((why = file_outside(r->files.v[i])))
			model_fail_at(&r->where, "files", "release: file \"%s\": %s",
			              r->files.v[i], why);
	}
	if (!p->sbom && strcmp(r->sbom, "none") != 0)
		model_fail_at(&r->where, "sbom", "release: sbom = \"%s\" needs the SBOMs that "
		              "project { sbom = false } turns off: say sbom = \"none\"", r->sbom);
	if (!name_ok(r->checksums))
		model_fail_at(&r->where, "checksums", "release: checksums \"%s\" must be a plain file "
		           "name", r->checksums);
}

static void check_package(const struct project *p, const struct package *k)
{
	struct stat st;

	for (size_t i = 0; i < k->binaries.n; i++)
		if (!find_binary(p, k->binaries.v[i]))
			model_fail_at(&k->where, "binaries", "package: no go_binary \"%s\"",
			              k->binaries.v[i]);
	for (size_t i = 0; i < k->nfiles + k->nscripts; i++) {
		const struct kv *f = i < k->nfiles ? &k->files[i] : &k->scripts[i - k->nfiles];
		const char *src = i < k->nfiles ? f->key : f->value;
		if (stat(src, &st) != 0 || !S_ISREG(st.st_mode))
			model_fail_at(&k->where, i < k->nfiles ? "files" : "scripts",
			              "package: \"%s\" is not a file here", src);
	}
	if (k->epoch && (!*k->epoch || strspn(k->epoch, "0123456789") != strlen(k->epoch)))
		model_fail_at(&k->where, "epoch", "package: epoch \"%s\" must be digits", k->epoch);
}

/* the CA bundle Debian's ca-certificates installs */
#define CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

/* why path cannot be a file's absolute path in an image, or NULL */
static const char *image_path_problem(const char *path)
{
	const char *c = path;

	if (*c != '/')
		return "must be absolute";
	if (strchr(path, '='))
		return "must not hold \"=\"";
	while (*c == '/') {
		size_t n = strcspn(c + 1, "/");
		if (n == 0 || (n == 1 && c[1] == '.') || (n == 2 && c[1] == '.' && c[2] == '.'))
			return "must have no empty, \".\" or \"..\" component";
		c += n + 1;
	}
	return NULL;
}

/* does the image hold binary b? */
static bool image_has(const struct image *im, const struct binary *b)
{
	return im->binaries.n == 0 || strlist_has(&im->binaries, b->name);
}

static bool has_linux(const struct binary *b)
{
	for (size_t i = 0; i < b->nplats; i++)
		if (strcmp(b->plats[i].os, "linux") == 0)
			return true;
	return false;
}

static void check_image_files(const struct image *im)
{
	const char *why;
	char *out;
	struct stat st;

	for (size_t i = 0; i < im->nfiles; i++) {
		const struct kv *f = &im->files[i];
		if (stat(f->key, &st) != 0 || !S_ISREG(st.st_mode))
			model_fail_at(&im->where, "files", "image \"%s\": file \"%s\" is not a "
			              "file here", im->name, f->key);
		if ((out = file_outside(f->key)))
			model_fail_at(&im->where, "files", "image \"%s\": file \"%s\": %s",
			              im->name, f->key, out);
		if ((why = image_path_problem(f->value)))
			model_fail_at(&im->where, "files", "image \"%s\": the path \"%s\" of "
			              "\"%s\" in the image %s", im->name, f->value, f->key, why);
		if (im->ca_certificates && strcmp(f->value, CA_BUNDLE) == 0)
			model_fail_at(&im->where, "files", "image \"%s\": \"%s\" is where "
			              "ca_certificates = true puts the CA bundle", im->name, f->value);
		if (strncmp(f->value, "/usr/local/bin/", 15) == 0 && !strchr(f->value + 15, '/'))
			model_fail_at(&im->where, "files", "image \"%s\": \"%s\": /usr/local/bin/ "
			              "holds the image's binaries", im->name, f->value);
	}
}

/* a base must be an OCI image layout inside the project */
static void check_image_base(const struct image *im)
{
	static const char *const need[] = {"oci-layout", "index.json"};
	struct stat st;
	char *why;

	for (int i = 0; i < 2; i++) {
		char *f = xconcat(im->base, "/", need[i], NULL);
		if (stat(f, &st) != 0 || !S_ISREG(st.st_mode))
			model_fail_at(&im->where, "base", "image \"%s\": base \"%s\" is no OCI "
			              "image layout: no %s (make one with skopeo copy "
			              "docker://IMAGE oci:%s:TAG)", im->name, im->base, need[i], im->base);
		if ((why = file_outside(f)))
			model_fail_at(&im->where, "base", "image \"%s\": base \"%s\": %s",
			              im->name, im->base, why);
		free(f);
	}
}

static void check_image(const struct project *p, const struct image *im)
{
	const struct binary *b;
	size_t n = 0;
	struct stat st;

	if (!name_ok(im->name))
		model_fail_at(&im->where, "name", "image \"%s\": the name must be letters, "
		              "digits and \"._+-\"", im->name);
	if (strcmp(im->base, "scratch") != 0)
		check_image_base(im);
	if (find_binary(p, "image"))
		model_fail_at(&find_binary(p, "image")->where, "name", "go_binary \"image\": "
		              "\"ninja image\" builds the images; give the binary another name");
	for (size_t i = 0; i < im->binaries.n; i++)
		if (!find_binary(p, im->binaries.v[i]))
			model_fail_at(&im->where, "binaries", "image \"%s\": no go_binary \"%s\"",
			              im->name, im->binaries.v[i]);
	for (size_t i = 0; i < p->nbins; i++) {
		b = &p->bins[i];
		if (!image_has(im, b) || !has_linux(b))
			continue;
		n++;
		if (b->buildmode > MODE_PIE)
			model_fail_at(&im->where, "binaries", "image \"%s\": go_binary \"%s\" is "
			              "no executable (buildmode \"%s\")", im->name, b->name,
			              mode_values[b->buildmode]);
		if (b->link == LINK_DYNAMIC && strcmp(im->base, "scratch") == 0)
			model_warn_at(&im->where, "base", "image \"%s\": go_binary \"%s\" is "
			              "linked dynamically: a scratch image has no C library to run it",
			              im->name, b->name);
	}
	if (n == 0)
		model_fail_at(&im->where, "binaries", "image \"%s\": none of its binaries is "
		              "built for a linux platform", im->name);
	for (size_t i = 0; i < im->nlabels; i++)
		if (!*im->labels[i].key || strchr(im->labels[i].key, '='))
			model_fail_at(&im->where, "labels", "image \"%s\": label \"%s\": a label "
			              "key is not empty and holds no \"=\"", im->name, im->labels[i].key);
	if (im->ca_certificates && (stat(CA_BUNDLE, &st) != 0 || !S_ISREG(st.st_mode)))
		model_fail_at(&im->where, "ca_certificates", "image \"%s\": no " CA_BUNDLE
		              " on this machine (apt-get install ca-certificates)", im->name);
	check_image_files(im);
}

static void check_universal(const struct binary *b)
{
	if (b->universal && (!has_platform(b, "darwin/amd64") ||
	                     !has_platform(b, "darwin/arm64")))
		model_fail_at(&b->where, "universal", "go_binary \"%s\": universal = true needs "
		           "darwin/amd64 and darwin/arm64 in its platforms", b->name);
}

static const struct action *find_action(const struct project *p, const char *name)
{
	for (size_t i = 0; i < p->nactions; i++)
		if (strcmp(p->actions[i].name, name) == 0)
			return &p->actions[i];
	return NULL;
}

/* does any go_binary or go_test name a in its deps? */
static bool action_used(const struct project *p, const struct action *a)
{
	for (size_t i = 0; i < p->nbins + p->ntests; i++) {
		const struct binary *b = i < p->nbins ? &p->bins[i] : &p->tests[i - p->nbins];
		if (strlist_has(&b->deps, a->name))
			return true;
	}
	return false;
}

/* a's name, its per-platform outputs, and its inputs: globs expanded,
 * their directories regenerating build.ninja */
static void check_action(struct project *p, struct action *a)
{
	char *err;

	if (!name_ok(a->name))
		model_fail_at(&a->where, "name", "action \"%s\": a name is letters, digits "
		              "and \"._+-\", not starting with \".\" or \"-\"", a->name);
	for (size_t j = 0; j < sizeof(reserved) / sizeof(*reserved); j++)
		if (strcmp(a->name, reserved[j]) == 0 || strcmp(a->name, "image") == 0 ||
		    strcmp(a->name, "smoke") == 0)
			model_fail_at(&a->where, "name", "action \"%s\": the name is a ninja "
			              "target goninja writes", a->name);
	if (find_binary(p, a->name))
		model_fail_at(&a->where, "name", "action \"%s\": a go_binary has that name "
		              "(both are ninja targets)", a->name);
	for (size_t i = 0; a->platforms && i < a->outputs.n; i++) {
		const char *o = a->outputs.v[i];
		if (!strstr(o, "{target}") && !(strstr(o, "{os}") && strstr(o, "{arch}")))
			model_fail_at(&a->where, "outputs", "action \"%s\": output \"%s\" "
			              "must name {target} (or {os} and {arch}): with platforms "
			              "= \"each\" every platform makes its own", a->name, o);
	}
	if (a->platforms && !action_used(p, a))
		model_fail_at(&a->where, "platforms", "action \"%s\": platforms = \"each\" "
		              "runs for the platforms of the binaries whose deps name it, "
		              "and none does", a->name);
	for (size_t i = 0; i < a->inputs.n; i++) {
		const char *in = a->inputs.v[i];
		if (!action_is_glob(in)) {
			if (!strlist_has(&a->files, in))
				strlist_add(&a->files, xstrdup(in));
			continue;
		}
		if ((err = action_glob(in, &a->files, &p->inputs)))
			model_fail_at(&a->where, "inputs", "action \"%s\": %s", a->name, err);
	}
}

/* b's main package directory, project-relative, or NULL: an import path
 * or a path with ".." */
static char *main_dir(const struct binary *b)
{
	const char *m = b->main;
	size_t n;

	if (strcmp(m, ".") != 0 && strncmp(m, "./", 2) != 0)
		return NULL;
	if (strstr(m, ".."))
		return NULL;
	m += m[1] == '/' ? 2 : 1;
	n = strlen(m);
	while (n && m[n - 1] == '/')
		n--;
	if (!*b->dir)
		return xstrndup(m, n);
	return n ? xasprintf("%s/%.*s", b->dir, (int)n, m) : xstrdup(b->dir);
}

/* an action with an output in b's main package directory: b needs it,
 * named in deps or not (other packages would need go list) */
static void infer_deps(struct project *p, struct binary *b)
{
	char *dir = main_dir(b);

	for (size_t i = 0; dir && i < p->nactions; i++) {
		const struct action *a = &p->actions[i];
		for (size_t j = 0; j < a->outputs.n; j++) {
			const char *o = a->outputs.v[j], *slash = strrchr(o, '/');
			size_t n = slash ? (size_t)(slash - o) : 0;
			if (strlen(dir) == n && strncmp(o, dir, n) == 0 &&
			    !strlist_has(&b->deps, a->name))
				strlist_add(&b->deps, xstrdup(a->name));
		}
	}
	free(dir);
}

/* actions: outputs made once; deps name actions */
static void check_actions(struct project *p)
{
	struct strlist outs = {0};

	for (size_t i = 0; i < p->nbins; i++)
		infer_deps(p, &p->bins[i]);
	for (size_t i = 0; i < p->nactions; i++) {
		struct action *a = &p->actions[i];
		check_action(p, a);
		for (size_t j = 0; j < a->outputs.n; j++) {
			if (strlist_has(&outs, a->outputs.v[j]))
				model_fail_at(&a->where, "outputs", "action \"%s\": output \"%s\" "
				              "is made by another action too", a->name, a->outputs.v[j]);
			strlist_add(&outs, xstrdup(a->outputs.v[j]));
		}
	}
	strlist_free(&outs);
	for (size_t i = 0; i < p->nbins + p->ntests; i++) {
		const struct binary *b = i < p->nbins ? &p->bins[i] : &p->tests[i - p->nbins];
		for (size_t j = 0; j < b->deps.n; j++)
			if (!find_action(p, b->deps.v[j]))
				model_fail_at(&b->where, "deps", "%s \"%s\": deps: no action \"%s\"",
				              b->test ? "go_test" : "go_binary", b->name, b->deps.v[j]);
	}
}

void model_check(struct project *p)
{
	size_t *first;

	if (p->release.where.file)
		check_release(p);
	else if (p->nsigns)
		model_fail(&p->signs[0].where, "sign: there is no release { } to sign");
	else if (p->npkgs)
		model_fail(&p->pkgs[0].where, "package: there is no release { } (ninja "
		           "release builds the packages)");
	else if (p->nmans)
		model_fail(&p->mans[0].where, "%s: there is no release { } to point at",
		           p->mans[0].kind);
	for (size_t i = 0; i < p->npkgs; i++)
		check_package(p, &p->pkgs[i]);
	for (size_t i = 0; i < p->nmans; i++)
		for (size_t j = 0; j < p->mans[i].binaries.n; j++)
			if (!find_binary(p, p->mans[i].binaries.v[j]))
				model_fail_at(&p->mans[i].where, "binaries", "%s: no go_binary \"%s\"",
				              p->mans[i].kind, p->mans[i].binaries.v[j]);
	for (size_t i = 0; i < p->nbins; i++)
		check_universal(&p->bins[i]);
	for (size_t i = 0; i < p->nimages; i++)
		check_image(p, &p->images[i]);
	if (!name_ok(p->out) && strcmp(p->out, "out") != 0)
		model_fail_at(&p->where, "out", "project out \"%s\" must be a plain "
		              "directory name", p->out);
	check_glibc(&p->where, "project", p->glibc);
	if (p->memory_per_link && !sched_size(p->memory_per_link))
		model_fail_at(&p->where, "memory_per_link", "project: memory_per_link \"%s\" "
		              "is not a size such as \"2G\" or \"512M\"", p->memory_per_link);
	first = first_of_name(p);
	for (size_t i = 0; i < p->nbins; i++)
		check_binary(p, i, first);
	free(first);
	for (size_t i = 0; i < p->ntests; i++)
		check_test(&p->tests[i]);
	check_actions(p);
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
	loc_free(&b->where);
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
	for (size_t i = 0; i < b->nsmokes; i++) {
		strlist_free(&b->smokes[i].args);
		free(b->smokes[i].expect);
	}
	free(b->smokes);
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
	strlist_free(&b->deps);
	if (!b->own_plats)
		return;
	for (size_t i = 0; i < b->nplats; i++)
		platform_free(&b->plats[i]);
	free(b->plats);
}

static void kv_free(struct kv *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].value);
	}
	free(v);
}

static void free_image(struct image *im)
{
	loc_free(&im->where);
	free(im->name);
	free(im->base);
	free(im->tag);
	strlist_free(&im->binaries);
	strlist_free(&im->entrypoint);
	strlist_free(&im->cmd);
	kv_free(im->labels, im->nlabels);
	kv_free(im->files, im->nfiles);
}

static void free_action(struct action *a)
{
	loc_free(&a->where);
	free(a->name);
	strlist_free(&a->inputs);
	strlist_free(&a->files);
	strlist_free(&a->outputs);
	strlist_free(&a->command);
	free(a->depfile);
	free(a->dir);
	free(a->description);
	free(a->platforms);
	kv_free(a->env, a->nenv);
}

bool model_checked(const struct project *p)
{
	return p->verify || p->release.where.file;
}

void model_free(struct project *p)
{
	loc_free(&p->where);
	loc_free(&p->plats_where);
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
		loc_free(&p->tcs[i].where);
		free(p->tcs[i].platform);
		free(p->tcs[i].cc);
		free(p->tcs[i].cxx);
		free(p->tcs[i].ar);
		free(p->tcs[i].libc);
	}
	free(p->tcs);
	strlist_free(&p->files);
	strlist_free(&p->inputs);
	loc_free(&p->release.where);
	strlist_free(&p->release.binaries);
	strlist_free(&p->release.files);
	free(p->release.name);
	free(p->release.checksums);
	free(p->release.sbom);
	for (size_t i = 0; i < p->nsigns; i++) {
		loc_free(&p->signs[i].where);
		free(p->signs[i].with);
		free(p->signs[i].key);
		free(p->signs[i].files);
	}
	free(p->signs);
	for (size_t i = 0; i < p->npkgs; i++) {
		struct package *k = &p->pkgs[i];
		loc_free(&k->where);
		free(k->name); free(k->maintainer); free(k->description); free(k->license);
		free(k->homepage); free(k->section); free(k->release); free(k->epoch);
		strlist_free(&k->formats); strlist_free(&k->binaries); strlist_free(&k->config);
		strlist_free(&k->details); strlist_free(&k->depends);
		strlist_free(&k->conflicts); strlist_free(&k->replaces);
		kv_free(k->files, k->nfiles);
		kv_free(k->scripts, k->nscripts);
		for (size_t j = 0; j < k->nplats; j++)
			platform_free(&k->plats[j]);
		free(k->plats);
	}
	free(p->pkgs);
	for (size_t i = 0; i < p->nimages; i++)
		free_image(&p->images[i]);
	for (size_t i = 0; i < p->nactions; i++)
		free_action(&p->actions[i]);
	free(p->actions);
	free(p->images);
	for (size_t i = 0; i < p->nmans; i++) {
		struct manifest_decl *m = &p->mans[i];
		loc_free(&m->where);
		free(m->kind); free(m->url); free(m->name); free(m->description);
		free(m->homepage); free(m->license);
		strlist_free(&m->binaries);
	}
	free(p->mans);
	vcs_free(&p->vcs);
	free(p->name);
	free(p->version);
	free(p->out);
	free(p->gocmd);
	free(p->glibc);
	free(p->memory_per_link);
}
