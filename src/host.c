#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "util.h"
#include "host.h"
#include "diag.h"
#include "scripts.h"   /* generated: embedded_scripts[] */

struct budget {
	struct host_limits lim;
	size_t used;
	long ticks;
	time_t deadline;   /* CLOCK_MONOTONIC seconds: slow steps count too */
	long seconds;
	const char *srcdir;
	char *rulefile;
};

#define TICK 1000   /* instructions between count-hook calls */

static struct budget *budget_of(lua_State *L)
{
	void *ud;

	lua_getallocf(L, &ud);
	return ud;
}

static void *alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct budget *b = ud;

	if (!ptr)
		osize = 0;
	if (nsize == 0) {
		free(ptr);
		b->used -= osize;
		return NULL;
	}
	if (nsize > osize && b->lim.bytes && b->used + (nsize - osize) > b->lim.bytes)
		return NULL;
	ptr = realloc(ptr, nsize);
	if (ptr)
		b->used = b->used - osize + nsize;
	return ptr;
}

/* push "file:line: " of the innermost rule-file frame */
static void where_rulefile(lua_State *L)
{
	lua_Debug ar;

	for (int level = 0; lua_getstack(L, level, &ar); level++) {
		lua_getinfo(L, "Sl", &ar);
		if (ar.source[0] == '@' && ar.currentline > 0) {
			lua_pushfstring(L, "%s:%d: ", ar.source + 1, ar.currentline);
			return;
		}
	}
	lua_pushliteral(L, "");
}

static time_t monotonic(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec;
}

/* the step budget, and a time budget of 10 s or 1 s per 20M steps: an
 * instruction may be slow (an error unwinding a deep stack) */
static void count_hook(lua_State *L, lua_Debug *ar)
{
	struct budget *b = budget_of(L);

	(void)ar;
	if (!b->lim.steps)
		return;
	if (++b->ticks > b->lim.steps) {
		lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);   /* no pcall outlasts it */
		where_rulefile(L);
		lua_pushfstring(L, "rule evaluation exceeded %d000 steps (raise it with "
		                "--max-steps)", (int)b->lim.steps);
	} else if (monotonic() > b->deadline) {
		lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
		where_rulefile(L);
		lua_pushfstring(L, "rule evaluation exceeded %d seconds (raise it with "
		                "--max-steps)", (int)b->seconds);
	} else {
		return;
	}
	lua_concat(L, 2);
	lua_error(L);
}

const char *host_script(const char *name, size_t *len)
{
	for (size_t i = 0; i < sizeof(embedded_scripts) / sizeof(*embedded_scripts); i++) {
		if (strcmp(embedded_scripts[i].name, name) == 0) {
			*len = embedded_scripts[i].len;
			return embedded_scripts[i].text;
		}
	}
	return NULL;
}

/* host.script(name): the runtime's own Lua sources */
static int l_script(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	struct budget *b = budget_of(L);
	const char *text;
	size_t len;

	if (b->srcdir) {
		char *path = xasprintf("%s/%s", b->srcdir, name);
		char *s = file_read(path, &len);
		free(path);
		if (!s)
			return luaL_error(L, "%s/%s: %s", b->srcdir, name, strerror(errno));
		lua_pushlstring(L, s, len);
		free(s);
		return 1;
	}
	if (!(text = host_script(name, &len)))
		return luaL_error(L, "no embedded script %s", name);
	lua_pushlstring(L, text, len);
	return 1;
}

/* host.readfile(path) -> text | nil, message; path is project-relative */
static int l_readfile(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	size_t len;
	char *s;

	if (path[0] == '/' || strstr(path, "..") || strlen(path) != lua_rawlen(L, 1)) {
		lua_pushnil(L);
		lua_pushstring(L, "the path leaves the project directory");
		return 2;
	}
	if (!(s = file_read(path, &len))) {
		lua_pushnil(L);
		lua_pushstring(L, strerror(errno));
		return 2;
	}
	lua_pushlstring(L, s, len);
	free(s);
	return 1;
}

static const luaL_Reg libs[] = {
	{LUA_GNAME, luaopen_base},
	{LUA_STRLIBNAME, luaopen_string},
	{LUA_TABLIBNAME, luaopen_table},
	{LUA_MATHLIBNAME, luaopen_math},
	{LUA_UTF8LIBNAME, luaopen_utf8},
	{LUA_DBLIBNAME, luaopen_debug},   /* the runtime's, never the sandbox's */
	{NULL, NULL},
};

lua_State *host_new(const char *srcdir, const struct host_limits *lim)
{
	struct budget *b = xcalloc(1, sizeof(*b));
	lua_State *L;

	b->lim = *lim;
	b->srcdir = srcdir;
	if (!(L = lua_newstate(alloc, b)))
		fatal("cannot create the Lua state");
	for (const luaL_Reg *l = libs; l->func; l++) {
		luaL_requiref(L, l->name, l->func, 1);
		lua_pop(L, 1);
	}
	return L;
}

/* does msg start "file:line:" of a rule file, not of the runtime's own
 * scripts or of a string given to load? */
static int located(const char *msg)
{
	size_t n = strcspn(msg, ":\n");

	if (msg[n] != ':' || msg[n + 1] < '0' || msg[n + 1] > '9' ||
	    strncmp(msg, "[string ", 8) == 0)
		return 0;
	for (size_t i = 0; i < sizeof(embedded_scripts) / sizeof(*embedded_scripts); i++)
		if (strlen(embedded_scripts[i].name) == n &&
		    strncmp(embedded_scripts[i].name, msg, n) == 0)
			return 0;
	return 1;
}

/* the message, led by the rule-file line that raised it when it has none */
static int msgh(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (msg && located(msg))
		return 1;
	where_rulefile(L);
	if (msg)
		lua_pushvalue(L, 1);
	else
		lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	lua_concat(L, 2);
	return 1;
}

/* boot the runtime and call it: [-0, +1] */
static int run(lua_State *L)
{
	const char *rulefile = lua_tostring(L, 1);
	size_t len;

	lua_pushcfunction(L, l_script);
	lua_pushstring(L, "lua/runtime.lua");
	lua_call(L, 1, 1);
	const char *text = lua_tolstring(L, -1, &len);
	if (luaL_loadbufferx(L, text, len, "=lua/runtime.lua", "t") != LUA_OK)
		return lua_error(L);
	lua_newtable(L);                              /* host */
	lua_pushcfunction(L, l_script);
	lua_setfield(L, -2, "script");
	lua_pushcfunction(L, l_readfile);
	lua_setfield(L, -2, "readfile");
	lua_pushvalue(L, 2);
	lua_setfield(L, -2, "defines");
	lua_call(L, 1, 1);                            /* runtime -> run() */
	lua_pushstring(L, rulefile);
	lua_call(L, 1, 1);                            /* run(rulefile) -> model */
	return 1;
}

int host_run(lua_State *L, const char *rulefile, char **defines, size_t ndefines)
{
	struct budget *b = budget_of(L);

	lua_pushcfunction(L, msgh);
	lua_pushcfunction(L, run);
	lua_pushstring(L, rulefile);
	lua_newtable(L);
	for (size_t i = 0; i < ndefines; i++) {
		const char *eq = strchr(defines[i], '=');
		lua_pushlstring(L, defines[i], (size_t)(eq - defines[i]));
		lua_pushstring(L, eq + 1);
		lua_settable(L, -3);
	}
	b->seconds = b->lim.steps / 20000 > 10 ? b->lim.steps / 20000 : 10;
	b->deadline = monotonic() + b->seconds;
	lua_sethook(L, count_hook, LUA_MASKCOUNT, TICK);
	if (lua_pcall(L, 2, 1, -4) != LUA_OK) {
		const char *msg = lua_tostring(L, -1);
		if (strcmp(msg, "not enough memory") == 0) {
			char *m = xasprintf("rule evaluation exceeded %zu MiB (raise it "
			                    "with --max-memory)", b->lim.bytes >> 20);
			diag("error", rulefile, 0, m);
			free(m);
		} else {
			diag_lua(msg);
		}
		lua_pop(L, 2);
		return -1;
	}
	lua_sethook(L, NULL, 0, 0);
	lua_remove(L, -2);
	return 0;
}

void host_close(lua_State *L)
{
	struct budget *b = budget_of(L);

	lua_close(L);
	free(b);
}
