/* smoke: run what ships, on every platform this machine can run, and say
 * plainly which ones it cannot. */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "util.h"
#include "archive.h"
#include "outfile.h"
#include "runner.h"
#include "smoke.h"

#define USAGE "usage: goninja smoke --platform OS/ARCH --log LOG [--cc CC] [--archive A --member NAME] [--wineprefix DIR] FILE --run TIMEOUT STATUS EXPECT N ARG...\n"

#define WINE64 SMOKE_WINE64

enum {
	MAXOUT = 1 << 20,     /* bytes of stdout or stderr kept per run */
	WINEBOOT = 600,       /* seconds a fresh wine prefix may take */
};

/* one declared run */
struct run {
	int timeout, status;
	const char *expect;
	char **args;
	int nargs;
};

struct smoke_opts {
	const char *platform, *log, *cc, *archive, *member, *wineprefix, *file;
	struct run *runs;
	int nruns;
};

/* how this machine runs the binary */
struct how {
	struct strlist prefix;   /* words before the binary */
	struct strlist env;      /* "NAME=value" added */
	char *runner;            /* "native", "qemu-aarch64", "wine64", or NULL */
	char *why;               /* not run: the reason */
};

bool smoke_match(const char *out, const char *expect, const char **bad)
{
	lua_State *L;
	bool found;

	*bad = NULL;
	if (strstr(out, expect))
		return true;
	if (!(L = luaL_newstate()))
		fatal("smoke: out of memory");
	luaL_requiref(L, "string", luaopen_string, 1);
	lua_getfield(L, -1, "find");             /* string string.find */
	lua_pushstring(L, out);
	lua_pushstring(L, expect);
	if (lua_pcall(L, 2, 1, 0) != LUA_OK) {   /* string result|msg */
		*bad = "expect is neither in the output nor a valid Lua pattern";
		found = false;
	} else {
		found = !lua_isnil(L, -1);
	}
	lua_close(L);
	return found;
}

void smoke_outcome_free(struct smoke_outcome *o)
{
	buf_free(&o->out);
	buf_free(&o->err);
}

/* read what fd has into b (up to MAXOUT); false at end of file */
static bool drain(int fd, struct buf *b)
{
	char chunk[4096];
	ssize_t n = read(fd, chunk, sizeof(chunk));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return false;
	if (b->len < MAXOUT)
		buf_putn(b, chunk, (size_t)n < MAXOUT - b->len ? (size_t)n : MAXOUT - b->len);
	return true;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static _Noreturn void child(char **argv, char **env, int out, int err)
{
	int null = open("/dev/null", O_RDONLY);

	setpgid(0, 0);
	if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(127);
	for (; env && *env; env++)
		putenv(*env);
	execvp(argv[0], argv);
	fprintf(stderr, "goninja: smoke: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* once the child has exited: what its pipes hold now, not waiting for an
 * end of file a background process of its could hold off */
static void drain_now(struct pollfd p[2], int *open, struct smoke_outcome *o)
{
	for (int n = 0; *open > 0 && n < 4096 && poll(p, 2, 0) > 0; n++)
		for (int i = 0; i < 2; i++)
			if (p[i].fd >= 0 && p[i].revents && !drain(p[i].fd, i ? &o->err : &o->out)) {
				p[i].fd = -1;
				--*open;
			}
}

/* read both pipes until the child exits or the deadline passes; either
 * way its process group is killed, so nothing it started outlives it */
static void collect(pid_t pid, int fds[2], int timeout, struct smoke_outcome *o)
{
	struct pollfd p[2] = {{fds[0], POLLIN, 0}, {fds[1], POLLIN, 0}};
	double end = now() + timeout;
	int status = 0, open = 2;

	for (;;) {
		double left = end - now();
		int ms = left > 0.1 ? 100 : left > 0 ? (int)(left * 1000) + 1 : 0;

		if (poll(p, 2, ms) > 0)
			for (int i = 0; i < 2; i++)
				if (p[i].fd >= 0 && p[i].revents && !drain(p[i].fd, i ? &o->err : &o->out)) {
					p[i].fd = -1;
					open--;
				}
		if (waitpid(pid, &status, WNOHANG) == pid) {
			drain_now(p, &open, o);
			kill(-pid, SIGKILL);   /* what it left running in its group */
			o->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
			return;
		}
		if (now() >= end)
			break;
	}
	o->timed_out = true;
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

int smoke_exec(char **argv, char **env, int timeout, struct smoke_outcome *o)
{
	int out[2], err[2];
	pid_t pid;

	memset(o, 0, sizeof(*o));
	o->status = -1;
	buf_puts(&o->out, "");
	buf_puts(&o->err, "");
	if (pipe(out) < 0)
		return -1;
	if (pipe(err) < 0 || (pid = fork()) < 0) {
		int e = errno;
		close(out[0]);
		close(out[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		close(out[0]);
		close(err[0]);
		child(argv, env, out[1], err[1]);
	}
	setpgid(pid, pid);
	close(out[1]);
	close(err[1]);
	collect(pid, (int[2]){out[0], err[0]}, timeout, o);
	close(out[0]);
	close(err[0]);
	return 0;
}

/* ---- how a platform runs here ---- */

/* where wine keeps its 64-bit Windows DLLs (Debian's, then upstream's) */
static const char *const wine_dlls[] = {
	"/usr/lib/x86_64-linux-gnu/wine/x86_64-windows", "/usr/lib64/wine/x86_64-windows",
	"/usr/lib/wine/x86_64-windows",
};

bool smoke_wine_has(const char *dll)
{
	for (size_t i = 0; i < sizeof(wine_dlls) / sizeof(*wine_dlls); i++) {
		char *kernel = xconcat(wine_dlls[i], "/kernel32.dll", NULL);
		char *want = xconcat(wine_dlls[i], "/", dll, NULL);
		bool dir = access(kernel, F_OK) == 0, has = access(want, F_OK) == 0;

		free(kernel);
		free(want);
		if (dir)
			return has;
	}
	return true;
}

/* whether the n bytes at p hold s */
static bool holds(const char *p, size_t n, const char *s)
{
	size_t k = strlen(s);

	for (size_t i = 0; k <= n && i <= n - k; i++)
		if (p[i] == s[0] && memcmp(p + i, s, k) == 0)
			return true;
	return false;
}

/* why wine here cannot run file, or NULL: Go 1.22+ windows binaries load
 * bcryptprimitives.dll (ProcessPrng) at start, which Debian 12's wine 8.0
 * does not ship; the runtime would die with "bcryptprimitives.dll not
 * found" before main, through no fault of the program */
static char *wine_lacks(const char *file)
{
	static const char dll[] = "bcryptprimitives.dll";
	size_t len;
	char *data, *why = NULL;

	if (smoke_wine_has(dll) || !(data = file_read(file, (size_t)1 << 30, &len, NULL)))
		return NULL;
	if (holds(data, len, dll))
		why = xstrdup("wine here has no bcryptprimitives.dll, which this binary "
		              "loads at start (Go 1.22 and later do; Debian 12's wine 8.0 "
		              "lacks it)");
	free(data);
	return why;
}

/* windows/amd64 under Debian's wine64, with a private prefix */
static void how_wine(struct how *h, const char *arch, const struct smoke_opts *o)
{
	char *prefix;

	if (strcmp(arch, "amd64") != 0) {
		h->why = xasprintf("windows/%s does not run here: only windows/amd64 does, "
		                   "under wine64", arch);
		return;
	}
	if (access(WINE64, X_OK) != 0) {
		h->why = xstrdup(WINE64 " not found (install Debian's wine64)");
		return;
	}
	if (o->file && (h->why = wine_lacks(o->file)))
		return;
	h->runner = xstrdup("wine64");
	if (!o->wineprefix)   /* only asked how */
		return;
	mkdir(o->wineprefix, 0777);
	if (!(prefix = realpath(o->wineprefix, NULL)))
		fatal("smoke: %s:", o->wineprefix);
	strlist_add(&h->prefix, xstrdup(WINE64));
	strlist_add(&h->env, xconcat("WINEPREFIX=", prefix, NULL));
	strlist_add(&h->env, xstrdup("WINEDEBUG=-all"));
	strlist_add(&h->env, xstrdup("DISPLAY="));
	free(prefix);
}

/* decide how the binary for platform runs on this machine */
static void how_find(struct how *h, const struct smoke_opts *o)
{
	char *os = xstrdup(o->platform), *arch = strchr(os, '/'), *v;
	struct runner r;

	memset(h, 0, sizeof(*h));
	if (!arch)
		fatal("smoke: --platform %s is not os/arch", o->platform);
	*arch++ = '\0';
	if ((v = strchr(arch, '/')))
		*v = '\0';
	if (strcmp(os, "windows") == 0) {
		how_wine(h, arch, o);
		free(os);
		return;
	}
	runner_find_dynamic(&r, os, arch, NULL, NULL, o->cc);
	if (r.kind == RUNNER_NONE) {
		h->why = r.package ? xasprintf("%s (install Debian's %s)", r.reason, r.package)
		                   : xstrdup(r.reason);
	} else if (r.kind == RUNNER_NATIVE) {
		h->runner = xstrdup("native");
	} else {
		for (size_t i = 0; r.prefix[i]; i++)
			strlist_add(&h->prefix, xstrdup(r.prefix[i]));
		h->runner = xstrdup(r.prefix[0]);
	}
	runner_free(&r);
	free(os);
}

static void how_free(struct how *h)
{
	strlist_free(&h->prefix);
	strlist_free(&h->env);
	free(h->runner);
	free(h->why);
}

/* "natively", "under qemu-aarch64" */
static char *how_name(const struct how *h)
{
	return strcmp(h->runner, "native") == 0 ? xstrdup("natively")
	                                         : xconcat("under ", h->runner, NULL);
}

/* h's environment additions, NULL-terminated */
static char **how_env(const struct how *h)
{
	char **v = xcalloc(h->env.n + 1, sizeof(*v));

	for (size_t i = 0; i < h->env.n; i++)
		v[i] = h->env.v[i];
	return v;
}

char *smoke_how(const char *platform, const char *cc)
{
	struct smoke_opts o = {.platform = platform, .cc = cc};
	struct how h;
	char *s, *name;

	how_find(&h, &o);
	if (h.why) {
		s = xconcat("is not run here: ", h.why, NULL);
	} else {
		name = how_name(&h);
		s = xconcat("runs ", name, NULL);
		free(name);
	}
	how_free(&h);
	return s;
}

/* the argv for running bin with run's arguments; NULL-terminated */
static char **run_argv(const struct how *h, const char *bin, const struct run *r)
{
	char **v = xcalloc(h->prefix.n + (size_t)r->nargs + 2, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < h->prefix.n; i++)
		v[n++] = h->prefix.v[i];
	v[n++] = (char *)bin;   /* holds a '/': smoke_main sees to it */
	for (int i = 0; i < r->nargs; i++)
		v[n++] = r->args[i];
	return v;
}

/* a fresh wine prefix is made once, before any timed run */
static void wine_boot(const struct how *h)
{
	char *argv[] = {WINE64, "wineboot", "--init", NULL};
	struct smoke_outcome o;
	char *reg = NULL, **env = how_env(h);

	for (size_t i = 0; i < h->env.n; i++)
		if (strncmp(h->env.v[i], "WINEPREFIX=", 11) == 0)
			reg = xconcat(h->env.v[i] + 11, "/system.reg", NULL);
	if (reg && access(reg, F_OK) != 0 && smoke_exec(argv, env, WINEBOOT, &o) == 0)
		smoke_outcome_free(&o);
	free(reg);
	free(env);
}

/* ---- one run ---- */

/* append a quoted, one-line excerpt of s (at most 200 bytes) */
static void excerpt(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	buf_putc(b, '"');
	for (size_t i = 0; i < n && i < 200; i++)
		if (s[i] == '\n')
			buf_puts(b, "\\n");
		else
			buf_putc(b, (unsigned char)s[i] < 32 ? '?' : s[i]);
	buf_puts(b, n > 200 ? "...\"" : "\"");
}

/* run r; a line for the log into line; true when it passed */
static bool run_one(const struct how *h, const char *bin, const struct run *r, int i,
                    struct buf *line)
{
	char **argv = run_argv(h, bin, r), **env = how_env(h);
	struct smoke_outcome o;
	const char *bad = NULL;
	bool ok = false;

	buf_printf(line, "run %d [", i + 1);
	for (int k = 0; k < r->nargs; k++)
		buf_printf(line, "%s%s", k ? " " : "", r->args[k]);
	buf_puts(line, "]: ");
	if (smoke_exec(argv, env, r->timeout, &o) < 0) {
		buf_printf(line, "cannot start: %s", strerror(errno));
		free(argv);
		free(env);
		return false;
	}
	if (o.timed_out)
		buf_printf(line, "killed after %d s (timeout)", r->timeout);
	else if (o.status != r->status)
		buf_printf(line, "exit status %d, want %d", o.status, r->status);
	else if (!smoke_match(o.out.s, r->expect, &bad))
		buf_puts(line, bad ? bad : "stdout does not hold the expected text");
	else
		ok = true;
	if (ok) {
		buf_printf(line, "exit status %d, stdout holds ", o.status);
		excerpt(line, r->expect);
	} else {
		buf_puts(line, "; expect ");
		excerpt(line, r->expect);
		buf_puts(line, "; stdout ");
		excerpt(line, o.out.s);
		buf_puts(line, "; stderr ");
		excerpt(line, o.err.s);
	}
	smoke_outcome_free(&o);
	free(argv);
	free(env);
	return ok;
}

/* ---- the command ---- */

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "goninja: smoke: %s%s\n" USAGE, msg, arg);
	return 2;
}

/* a whole number in [lo, hi] from s; false if it is not one */
static bool number(const char *s, int lo, int hi, int *v)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (!*s || *end || n < lo || n > hi)
		return false;
	*v = (int)n;
	return true;
}

/* "--run TIMEOUT STATUS EXPECT N ARG..." at argv[*i]; false if malformed */
static bool parse_run(int argc, char **argv, int *i, struct run *r)
{
	int n;

	if (*i + 4 >= argc || !number(argv[*i + 1], 1, 86400, &r->timeout) ||
	    !number(argv[*i + 2], 0, 255, &r->status) ||
	    !number(argv[*i + 4], 0, argc, &n) || *i + 4 + n >= argc)
		return false;
	r->expect = argv[*i + 3];
	r->args = argv + *i + 5;
	r->nargs = n;
	*i += 4 + n;
	return true;
}

static int parse_opts(int argc, char **argv, struct smoke_opts *o)
{
	const char *v;

	o->runs = xcalloc((size_t)argc, sizeof(*o->runs));
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--run") == 0) {
			if (!parse_run(argc, argv, &i, &o->runs[o->nruns++]))
				return usage_error("malformed --run", "");
		} else if ((v = opt_value(argc, argv, &i, "--platform"))) {
			o->platform = v;
		} else if ((v = opt_value(argc, argv, &i, "--log"))) {
			o->log = v;
		} else if ((v = opt_value(argc, argv, &i, "--cc"))) {
			o->cc = v;
		} else if ((v = opt_value(argc, argv, &i, "--archive"))) {
			o->archive = v;
		} else if ((v = opt_value(argc, argv, &i, "--member"))) {
			o->member = v;
		} else if ((v = opt_value(argc, argv, &i, "--wineprefix"))) {
			o->wineprefix = v;
		} else if (argv[i][0] == '-') {
			return usage_error("unknown option: ", argv[i]);
		} else if (!o->file) {
			o->file = argv[i];
		} else {
			return usage_error("one file only: ", argv[i]);
		}
	}
	if (!o->platform || !o->log || !o->file || !o->nruns)
		return usage_error("--platform, --log, a file and a --run are needed", "");
	if (!!o->archive != !!o->member)
		return usage_error("--archive and --member go together", "");
	if (!o->wineprefix)
		o->wineprefix = "out/.wine";
	return 0;
}

/* extract the archive into LOG.d and point *bin at the member; NULL or why not */
static char *from_archive(const struct smoke_opts *o, char **bin)
{
	char *dir = xconcat(o->log, ".d", NULL), *err;

	if ((err = archive_extract(o->archive, dir))) {
		free(dir);
		return err;
	}
	*bin = xconcat(dir, "/", o->member, NULL);
	free(dir);
	if (access(*bin, F_OK) != 0)
		return xasprintf("%s holds no %s", o->archive, o->member);
	if (access(*bin, X_OK) != 0)
		return xasprintf("%s in %s is not executable", o->member, o->archive);
	return NULL;
}

/* run every declared run of bin into log; the exit status */
static int run_all(const struct smoke_opts *o, const struct how *h, const char *bin,
                   struct buf *log)
{
	char *name = how_name(h);
	int failed = 0;

	if (strcmp(h->runner, "wine64") == 0)
		wine_boot(h);
	for (int i = 0; i < o->nruns; i++) {
		struct buf line = {0};

		if (!run_one(h, bin, &o->runs[i], i, &line)) {
			failed++;
			fprintf(stderr, "goninja: smoke: %s (%s, %s): %s\n", o->file,
			        o->platform, name, line.s);
		}
		buf_printf(log, "%s\n", line.s);
		buf_free(&line);
	}
	buf_printf(log, "result: %s\n", failed ? "failed" : "ok");
	if (failed)
		printf("smoke: %s (%s): FAILED\n", o->file, o->platform);
	else
		printf("smoke: %s (%s): ok, %s\n", o->file, o->platform, name);
	free(name);
	return failed ? 1 : 0;
}

char *smoke_log_path(const char *outdir, const char *platdir, const char *out)
{
	const char *base = strrchr(out, '/');

	return xconcat(outdir, "/.smoke/", platdir, "/", base ? base + 1 : out, ".log", NULL);
}

/* a copy of the rest of the line after "key: " in text, or NULL */
static char *log_field(const char *text, const char *key)
{
	size_t n = strlen(key);

	for (const char *s = text; s && *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL)
		if (strncmp(s, key, n) == 0 && s[n] == ':' && s[n + 1] == ' ')
			return xstrndup(s + n + 2, strcspn(s + n + 2, "\n"));
	return NULL;
}

void smoke_status_read(const char *path, struct smoke_status *st)
{
	char *bad = xconcat(path, ".failed", NULL), *text;
	size_t len;

	memset(st, 0, sizeof(*st));
	if ((text = file_read(path, 1 << 20, &len, NULL)) ||
	    (text = file_read(bad, 1 << 20, &len, NULL))) {
		st->result = log_field(text, "result");
		st->runner = log_field(text, "runner");
	}
	free(text);
	free(bad);
}

void smoke_status_free(struct smoke_status *st)
{
	free(st->result);
	free(st->runner);
}

/* the log is the stamp: written as LOG when the runs passed (or could not
 * run), as LOG.failed otherwise, so that a failure is never up to date */
static void write_log(const char *path, const struct buf *log, bool failed)
{
	char *bad = xconcat(path, ".failed", NULL), *err;

	unlink(failed ? path : bad);
	if ((err = outfile_save(failed ? bad : path, log->s, log->len, 0644)))
		fatal("smoke: %s", err);
	free(bad);
}

int smoke_main(int argc, char **argv)
{
	struct smoke_opts o = {0};
	struct buf log = {0};
	struct how h;
	char *bin = NULL, *err = NULL;
	int status = parse_opts(argc, argv, &o);

	if (status) {
		free(o.runs);
		return status;
	}
	how_find(&h, &o);
	buf_printf(&log, "platform: %s\nbinary: %s\nfrom: %s\nrunner: %s\n", o.platform,
	           o.file, o.archive ? o.archive : o.file, h.runner ? h.runner : "none");
	if (o.archive && (err = from_archive(&o, &bin))) {
		fprintf(stderr, "goninja: smoke: %s: %s\n", o.file, err);
		buf_printf(&log, "result: failed: %s\n", err);
		status = 1;
	} else if (h.why) {
		printf("smoke: %s (%s): not run: %s\n", o.file, o.platform, h.why);
		buf_printf(&log, "result: not run: %s\n", h.why);
	} else {
		if (!bin)
			bin = strchr(o.file, '/') ? xstrdup(o.file) : xconcat("./", o.file, NULL);
		status = run_all(&o, &h, bin, &log);
	}
	write_log(o.log, &log, status != 0);
	free(bin);
	free(err);
	buf_free(&log);
	how_free(&h);
	free(o.runs);
	return status;
}
