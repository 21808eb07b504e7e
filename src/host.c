#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
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
	struct timespec deadline;   /* process CPU time: slow steps count too,
	                             * a busy machine does not */
	long seconds;
	const char *srcdir;
	char *rulefile;
};

#define TICK 1000   /* instructions between count-hook calls */
#define GRACE_MS 250      /* after the deadline: how often the timer looks (CPU) */
#define GRACE_CPU_MS 200  /* CPU time a C call may use past the deadline */

/* The hard stop. A C function (string.rep, a backtracking string.find,
 * table.sort) runs no hook, so a timer sends SIGALRM at the deadline: the
 * handler makes the hook run at the next instruction, which raises a clean
 * error. If then no hook runs while the process uses GRACE_CPU_MS of CPU,
 * the VM is inside a C call: the handler
 * writes the message for the last rule-file line the hook saw and ends the
 * process. Nothing is written before evaluation ends, so there is nothing
 * half-written to leave. Every clock here is the process's CPU time, so a
 * busy machine never stops a rule file that an idle one would finish (and
 * a sandboxed rule file has no call that blocks without using CPU). The
 * handler uses only async-signal-safe calls
 * (lua_sethook is allowed in a signal handler, clock_gettime is safe). */
static struct stop {
	lua_State *L;
	timer_t timer;
	volatile sig_atomic_t running, fired, beat, seen, cur;
	struct timespec cpu;       /* process CPU time when the hook last ran */
	struct {
		char source[256];      /* the chunk name without "@" */
		char file[512];        /* the same escaped, ready to print */
		int line;
	} at[2];                   /* at[cur] is whole; the hook fills the other */
	char head[16], tail[160];  /* colour codes, and what follows the line */
} stop;

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

/* the innermost rule-file frame at level from to level to: into ar */
static bool rulefile_frame(lua_State *L, int from, int to, lua_Debug *ar)
{
	for (int level = from; level <= to && lua_getstack(L, level, ar); level++) {
		lua_getinfo(L, "Sl", ar);
		if (ar->source[0] == '@' && ar->currentline > 0)
			return true;
	}
	return false;
}

/* push "file:line: " of the innermost rule-file frame */
static void where_rulefile(lua_State *L)
{
	lua_Debug ar;

	if (rulefile_frame(L, 0, INT_MAX, &ar))
		lua_pushfstring(L, "%s:%d: ", ar.source + 1, ar.currentline);
	else
		lua_pushliteral(L, "");
}

static void put(const char *s)
{
	for (size_t n = strlen(s); n; ) {
		ssize_t w = write(2, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* "file:line: error: ...": the only code that runs in the signal handler */
static _Noreturn void say_stopped(void)
{
	int i = stop.cur, line = stop.at[i].line;
	char num[16], *p = num + sizeof(num);

	*--p = '\0';
	do
		*--p = (char)('0' + line % 10);
	while ((line /= 10) > 0 && p > num + 1);
	*--p = ':';
	put(stop.head);
	put(stop.at[i].file);
	if (stop.at[i].line > 0)
		put(p);
	put(stop.tail);
	_exit(1);
}

static void count_hook(lua_State *L, lua_Debug *ar);

static void on_alarm(int sig)
{
	struct timespec now;
	int saved = errno;

	(void)sig;
	if (!stop.running)
		return;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
	if (!stop.fired || stop.beat != stop.seen) {
		if (!stop.fired)
			lua_sethook(stop.L, count_hook, LUA_MASKCOUNT, 1);
		stop.fired = 1;
		stop.seen = stop.beat;   /* the VM runs: the hook will stop it */
		stop.cpu = now;
	} else if ((now.tv_sec - stop.cpu.tv_sec) * 1000 +
	           (now.tv_nsec - stop.cpu.tv_nsec) / 1000000 >= GRACE_CPU_MS) {
		say_stopped();
	}
	errno = saved;
}

/* note the innermost rule-file line (among the nearest frames) for the
 * handler, in the slot it is not reading */
static void note_where(lua_State *L)
{
	lua_Debug ar;
	int next = !stop.cur;
	struct buf esc = {0};

	stop.beat = (stop.beat + 1) & 0x3fff;
	for (int level = 0; level < 32 && lua_getstack(L, level, &ar); level++) {
		lua_getinfo(L, "Sl", &ar);
		if (ar.source[0] != '@' || ar.currentline <= 0)
			continue;
		if (ar.currentline == stop.at[stop.cur].line &&
		    strcmp(ar.source + 1, stop.at[stop.cur].source) == 0)
			return;
		if (strcmp(ar.source + 1, stop.at[next].source) != 0) {
			diag_escape(&esc, ar.source + 1);
			snprintf(stop.at[next].file, sizeof(stop.at[next].file), "%s", esc.s);
			snprintf(stop.at[next].source, sizeof(stop.at[next].source), "%s",
			         ar.source + 1);
			buf_free(&esc);
		}
		stop.at[next].line = ar.currentline;
		stop.cur = next;
		return;
	}
}

static int past(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
	return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

/* the step budget and the time budget: an instruction may be slow (an
 * error unwinding a deep stack), and so may a C call (see struct stop) */
static void count_hook(lua_State *L, lua_Debug *ar)
{
	struct budget *b = budget_of(L);

	(void)ar;
	note_where(L);
	if (!b->lim.steps)
		return;
	if (++b->ticks > b->lim.steps) {
		lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);   /* no pcall outlasts it */
		where_rulefile(L);
		lua_pushfstring(L, "rule evaluation exceeded %d000 steps (raise it with "
		                "--max-steps)", (int)b->lim.steps);
	} else if (stop.fired || past(&b->deadline)) {
		lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
		where_rulefile(L);
		lua_pushfstring(L, "rule evaluation exceeded %d seconds (raise it with "
		                "--max-seconds)", (int)b->seconds);
	} else {
		return;
	}
	lua_concat(L, 2);
	lua_error(L);
}

/* arm the stop for L: the deadline, then every GRACE_MS */
static void stop_arm(lua_State *L, const char *rulefile, long seconds)
{
	struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM};
	struct itimerspec when = {.it_value = {seconds, 0},
	                          .it_interval = {0, GRACE_MS * 1000000L}};
	struct sigaction sa = {.sa_handler = on_alarm};
	struct buf esc = {0};
	int colour = diag_colour(2);

	memset(&stop, 0, sizeof(stop));
	stop.L = L;
	diag_escape(&esc, rulefile);
	snprintf(stop.at[0].file, sizeof(stop.at[0].file), "%s", esc.s);
	buf_free(&esc);
	snprintf(stop.head, sizeof(stop.head), "%s", colour ? "\033[1m" : "");
	snprintf(stop.tail, sizeof(stop.tail), ":%s %serror:%s rule evaluation "
	         "exceeded %ld seconds (raise it with --max-seconds)\n",
	         colour ? "\033[0m" : "", colour ? "\033[1;31m" : "",
	         colour ? "\033[0m" : "", seconds);
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	if (sigaction(SIGALRM, &sa, NULL) < 0 ||
	    timer_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &stop.timer) < 0)
		fatal("cannot set the time limit's timer:");
	stop.running = 1;
	if (timer_settime(stop.timer, 0, &when, NULL) < 0)
		fatal("cannot set the time limit's timer:");
}

static void stop_disarm(void)
{
	stop.running = 0;
	timer_delete(stop.timer);
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

/* host.script(name): the runtime's own Lua, compiled when embedded */
static int l_script(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	struct budget *b = budget_of(L);
	const char *text;
	size_t len;

	if (b->srcdir) {
		char *path = xasprintf("%s/%s", b->srcdir, name);
		char *s = file_read(path, 0, &len, NULL);
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

/* host.readfile(path) -> text | nil, message: a regular file inside the
 * project (path is project-relative), no larger than the memory cap */
static int l_readfile(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	size_t len, cap = budget_of(L)->lim.bytes;
	char *s = NULL, *why;

	if (path[0] == '/' || strstr(path, "..") || strlen(path) != lua_rawlen(L, 1))
		why = xstrdup("the path leaves the project directory");
	else if (!(why = file_outside(path)) &&
	         !(s = file_read(path, cap, &len, &why)) && errno == EFBIG) {
		char *more = xasprintf("%s, the --max-memory cap", why);
		free(why);
		why = more;
	}
	if (!s) {
		lua_pushnil(L);
		lua_pushstring(L, why);
		free(why);
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

/* the lines that called the rule-file function (a macro) the error was
 * raised in: from the innermost rule-file frame outwards (among levels
 * from to to), each line in
 * another file than the last, until a file's main chunk; pushes
 * "\n" DIAG_CALLED "file:line" for each (or "") */
static void call_chain(lua_State *L, int from, int to)
{
	lua_Debug ar;
	struct buf b = {0};
	char *file = NULL;
	int main = 0;

	/* the nearest frames only: each lua_getstack walks from the top */
	for (int level = from; level <= to && lua_getstack(L, level, &ar); level++) {
		lua_getinfo(L, "Sl", &ar);
		if (ar.source[0] != '@' || ar.currentline <= 0)
			continue;
		if (file && main)
			break;
		if (file && strcmp(file, ar.source + 1) != 0)
			buf_printf(&b, "\n" DIAG_CALLED "%s:%d", ar.source + 1, ar.currentline);
		if (!file || strcmp(file, ar.source + 1) != 0) {
			free(file);
			file = xstrdup(ar.source + 1);
		}
		main = strcmp(ar.what, "main") == 0;
	}
	lua_pushstring(L, b.s ? b.s : "");
	buf_free(&b);
	free(file);
}

/* the message, led by the rule-file line that raised it when it has none,
 * and followed by the lines that called the macro it was raised in */
static int msgh(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);

	if (msg && located(msg)) {
		lua_pushvalue(L, 1);
		call_chain(L, 0, 63);
		lua_concat(L, 2);
		return 1;
	}
	where_rulefile(L);
	if (msg)
		lua_pushvalue(L, 1);
	else
		lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	call_chain(L, 0, 63);
	lua_concat(L, 3);
	return 1;
}

/* host.where() -> file, line: the innermost rule-file frame from the
 * caller's caller on (level 2, as debug.getinfo counts), or nothing */
static int l_where(lua_State *L)
{
	lua_Debug ar;

	if (!rulefile_frame(L, 2, 200, &ar))
		return 0;
	lua_pushstring(L, ar.source + 1);
	lua_pushinteger(L, ar.currentline);
	return 2;
}

/* host.calls() -> the caller's caller's call chain (levels 2 to 64), as an
 * error's message carries it, or nil when none */
static int l_calls(lua_State *L)
{
	call_chain(L, 2, 64);
	if (lua_rawlen(L, -1) == 0)
		lua_pushnil(L);
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
	/* embedded compiled (scripts/embed.c), or the text under GONINJA_SRCDIR */
	if (luaL_loadbufferx(L, text, len, "=lua/runtime.lua", "bt") != LUA_OK)
		return lua_error(L);
	lua_newtable(L);                              /* host */
	lua_pushcfunction(L, l_script);
	lua_setfield(L, -2, "script");
	lua_pushcfunction(L, l_readfile);
	lua_setfield(L, -2, "readfile");
	lua_pushcfunction(L, l_where);
	lua_setfield(L, -2, "where");
	lua_pushcfunction(L, l_calls);
	lua_setfield(L, -2, "calls");
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
	int rc;

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
	b->seconds = b->lim.seconds ? b->lim.seconds
	           : b->lim.steps / 20000 > 10 ? b->lim.steps / 20000 : 10;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b->deadline);
	b->deadline.tv_sec += b->seconds;
	lua_sethook(L, count_hook, LUA_MASKCOUNT, TICK);
	stop_arm(L, rulefile, b->seconds);
	rc = lua_pcall(L, 2, 1, -4);
	stop_disarm();
	if (rc != LUA_OK) {
		const char *msg = lua_tostring(L, -1);
		if (strcmp(msg, "not enough memory") == 0) {
			char *m = xasprintf("rule evaluation exceeded %zu MiB (raise it "
			                    "with --max-memory)", b->lim.bytes >> 20);
			diag("error", rulefile, 0, 0, m);
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

	if (stop.running && stop.L == L)   /* left by a stop that was caught */
		stop_disarm();
	lua_close(L);
	free(b);
}
