#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "gotool.h"

static bool executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

char *gotool_which(const char *cmd)
{
	const char *path = getenv("PATH");
	char *dirs, *save = NULL, *found = NULL;

	if (strchr(cmd, '/'))
		return executable(cmd) ? realpath(cmd, NULL) : NULL;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	dirs = xstrdup(path);
	for (char *d = strtok_r(dirs, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
		char *cand = xasprintf("%s/%s", *d ? d : ".", cmd);
		if (executable(cand))
			found = realpath(cand, NULL);
		free(cand);
	}
	free(dirs);
	return found;
}

/* a command started, its stdout a pipe */
struct child {
	pid_t pid;
	int fd;
};

static void start(char *const argv[], bool quiet, struct child *c)
{
	int fd[2];

	if (pipe(fd) < 0)
		fatal("pipe:");
	c->pid = fork();
	if (c->pid < 0)
		fatal("fork:");
	if (c->pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		if (quiet) {
			int null = open("/dev/null", O_WRONLY);
			if (null >= 0)
				dup2(null, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	c->fd = fd[0];
}

/* c's output into *out (len bytes, NUL added) and its exit status, -1
 * when it did not run */
static int finish(struct child *c, char **out, size_t *len)
{
	struct buf b = {0};
	char chunk[4096];
	ssize_t n;
	int status;

	while ((n = read(c->fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			fatal("read:");
		buf_putn(&b, chunk, (size_t)n);
	}
	close(c->fd);
	while (waitpid(c->pid, &status, 0) < 0)
		if (errno != EINTR)
			fatal("waitpid:");
	if (!b.s)
		buf_puts(&b, "");
	*out = b.s;
	if (len)
		*len = b.len;
	if (!WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) == 127 ? -1 : WEXITSTATUS(status);
}

static int run(char *const argv[], char **out, size_t *len, bool quiet)
{
	struct child c;

	start(argv, quiet, &c);
	return finish(&c, out, len);
}

int gotool_run(char *const argv[], char **out, size_t *len)
{
	return run(argv, out, len, false);
}

int gotool_run_quiet(char *const argv[], char **out, size_t *len)
{
	return run(argv, out, len, true);
}

int gotool_minor(const char *v)
{
	char *end;
	long minor;

	if (!v || strncmp(v, "go1.", 4) != 0)
		return 0;
	minor = strtol(v + 4, &end, 10);
	if (end == v + 4 || minor <= 0 || minor > 1000)
		return 0;
	return (int)minor;
}

bool gotool_at_least(const struct gotool *g, int minor)
{
	return !g || g->minor == 0 || g->minor >= minor;
}

static char *line(char **s)
{
	char *start = *s, *nl = strchr(start, '\n');

	if (!nl)
		return xstrdup(start);
	*s = nl + 1;
	return xstrndup(start, (size_t)(nl - start));
}

/* the go env a gotool_find asks, started early by gotool_prefetch */
static struct {
	char *path;       /* NULL: none running */
	struct child c;
} early;

void gotool_prefetch(const char *cmd)
{
	char *argv[] = {NULL, "env", "GOVERSION", "GOHOSTOS", "GOHOSTARCH", NULL};

	if (early.path || !(early.path = gotool_which(cmd)))
		return;
	argv[0] = early.path;
	start(argv, false, &early.c);
}

void gotool_prefetch_end(void)
{
	char *out;

	if (!early.path)
		return;
	kill(early.c.pid, SIGKILL);
	finish(&early.c, &out, NULL);
	free(out);
	free(early.path);
	early.path = NULL;
}

void gotool_find(struct gotool *t, const char *cmd)
{
	char *out, *p;
	char *argv[] = {NULL, "env", "GOVERSION", "GOHOSTOS", "GOHOSTARCH", NULL};
	int rc;

	memset(t, 0, sizeof(*t));
	t->cmd = xstrdup(cmd);
	t->path = gotool_which(cmd);
	if (!t->path)
		return;
	argv[0] = t->path;
	if (early.path && strcmp(early.path, t->path) == 0) {
		rc = finish(&early.c, &out, NULL);   /* asked already: the answer */
		free(early.path);
		early.path = NULL;
	} else {
		rc = gotool_run(argv, &out, NULL);
	}
	if (rc == 0) {
		p = out;
		t->version = line(&p);
		t->hostos = line(&p);
		t->hostarch = line(&p);
		t->minor = gotool_minor(t->version);
	}
	free(out);
	if (!t->version || !*t->version) {
		free(t->version);
		t->version = NULL;
	}
}

/* "go tool dist list" once; t->dist stays NULL when it cannot be read */
static void read_dist(struct gotool *t)
{
	char *argv[] = {t->path, "tool", "dist", "list", NULL}, *out;

	t->dist_asked = true;
	if (!t->path)
		return;
	if (gotool_run_quiet(argv, &out, NULL) == 0 && strstr(out, "linux/amd64\n"))
		t->dist = out;
	else
		free(out);
}

char *gotool_cannot(struct gotool *t, const char *osarch)
{
	const char *name = t->version ? t->version : t->cmd, *at;
	size_t n = strlen(osarch);
	int since = platform_since(osarch);

	if (platform_listed(osarch, t->minor))
		return NULL;   /* what "go tool dist list" would say, without its 20 ms */
	if (!t->dist_asked)
		read_dist(t);
	if (t->dist) {
		for (at = t->dist; (at = strstr(at, osarch)); at += n)
			if ((at == t->dist || at[-1] == '\n') && (at[n] == '\n' || !at[n]))
				return NULL;
		return xasprintf("%s cannot build it: it is not in its \"go tool dist "
		                 "list\"", name);
	}
	if (!gotool_at_least(t, since))
		return xasprintf("%s cannot build it: Go 1.%d added it", name, since);
	return NULL;
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* path relative to the working directory when below it */
static char *below_cwd(const char *abs, const char *cwd)
{
	size_t n = strlen(cwd);

	if (strncmp(abs, cwd, n) == 0 && abs[n] == '/')
		return xstrdup(abs + n + 1);
	return xstrdup(abs);
}

static const char *modnames[] = {"go.mod", "go.sum", "go.work", "go.work.sum"};

/* which of modnames absolute directory dir holds (bit i: modnames[i]):
 * looked up once per directory for the process, as every binary of a
 * module walks the same parents */
static unsigned modfiles_in(const char *dir)
{
	static struct intern dirs;
	static unsigned char *masks;   /* per dir: the bits */
	static size_t cap;
	size_t n = dirs.list.n, i = intern_add(&dirs, dir);

	if (dirs.list.n == n)
		return masks[i];
	if (i >= cap) {
		cap = cap ? 2 * cap : 64;
		masks = xrealloc(masks, cap);
	}
	masks[i] = 0;
	for (unsigned k = 0; k < sizeof(modnames) / sizeof(*modnames); k++) {
		char *path = xconcat(dir, "/", modnames[k], NULL);
		if (exists(path))
			masks[i] |= 1u << k;
		free(path);
	}
	return masks[i];
}

static void add_if(struct strlist *out, const char *dir, unsigned have, unsigned k,
                   const char *cwd)
{
	char *path;

	if (!(have & 1u << k))
		return;
	path = xconcat(dir, "/", modnames[k], NULL);
	strlist_add(out, below_cwd(path, cwd));
	free(path);
}

/* the walk of gotool_modfiles from dir, onto out */
static void modfiles_walk(const char *dir, struct strlist *out)
{
	char cwd[PATH_MAX], *d, *slash;
	bool module = false;
	unsigned have;
	size_t had = out->n;

	if (!getcwd(cwd, sizeof(cwd)) || !(d = realpath(*dir ? dir : ".", NULL)))
		return;
	for (;;) {
		have = modfiles_in(d);
		if (!module) {
			add_if(out, d, have, 0, cwd);
			add_if(out, d, have, 1, cwd);
			module = out->n > had;
		}
		add_if(out, d, have, 2, cwd);
		add_if(out, d, have, 3, cwd);
		slash = strrchr(d, '/');
		if (!slash || slash == d)
			break;
		*slash = '\0';
	}
	free(d);
}

/* every binary of a rule file asks for its directory, twice: each
 * directory is walked once for the process (goninja changes directory
 * only while reading its options) */
void gotool_modfiles(const char *dir, struct strlist *out)
{
	static struct intern dirs;
	static struct strlist *found;   /* per dir: the files, as walked */
	static size_t cap;
	size_t n = dirs.list.n, i;

	i = intern_add(&dirs, dir);
	if (dirs.list.n > n) {
		if (i >= cap) {
			cap = cap ? 2 * cap : 16;
			found = xrealloc(found, cap * sizeof(*found));
		}
		found[i] = (struct strlist){0};
		modfiles_walk(dir, &found[i]);
	}
	for (size_t j = 0; j < found[i].n; j++)
		strlist_add(out, xstrdup(found[i].v[j]));
}

/* the first word after "key" on a line of a go.mod or go.work, unquoted;
 * from *s on, which moves past the line */
static char *directive(char **s, const char *key)
{
	char *line = *s, *nl = strchr(line, '\n'), *w;
	size_t k = strlen(key), n;

	*s = nl ? nl + 1 : line + strlen(line);
	line += strspn(line, " \t");
	if (strncmp(line, key, k) != 0 || !strchr(" \t", line[k]) || !line[k])
		return NULL;
	w = line + k + strspn(line + k, " \t");
	if (*w == '"' || *w == '`')
		return xstrndup(w + 1, strcspn(w + 1, "\"`\n"));
	n = strcspn(w, " \t\r\n");
	return n && strncmp(w, "//", 2) != 0 && *w != '(' ? xstrndup(w, n) : NULL;
}

/* the module path in dir/go.mod, or NULL */
static char *modpath(const char *dir)
{
	char *path = xasprintf("%s/go.mod", dir), *text = file_read(path, 16u << 20, NULL, NULL);
	char *s = text, *mp = NULL;

	while (s && *s && !(mp = directive(&s, "module")))
		;
	free(text);
	free(path);
	return mp;
}

/* the module path of dir/w, a go.work "use" argument, into out */
static void use_dir(const char *dir, char *w, struct strlist *out)
{
	char *d, *mp;

	w += strspn(w, "\"`");
	w[strcspn(w, " \t\"`")] = '\0';
	if (!*w || strncmp(w, "//", 2) == 0)
		return;
	d = *w == '/' ? xstrdup(w) : xasprintf("%s/%s", dir, w);
	if ((mp = modpath(d)))
		strlist_add(out, mp);
	free(d);
}

/* the modules a go.work uses: "use ./a" and "use (" a line each ")" */
static void work_modules(const char *dir, char *text, struct strlist *out)
{
	bool block = false;

	for (char *s = text, *p; *s;) {
		p = s + strspn(s, " \t");
		s += strcspn(s, "\n");
		if (*s)
			*s++ = '\0';
		p[strcspn(p, "\r")] = '\0';
		if (block) {
			if (*p == ')')
				block = false;
			else
				use_dir(dir, p, out);
		} else if (strncmp(p, "use", 3) == 0 && (p[3] == ' ' || p[3] == '\t' || p[3] == '(')) {
			p += 3 + strspn(p + 3, " \t");
			if (*p == '(')
				block = true;
			else
				use_dir(dir, p, out);
		}
	}
}

bool gotool_main_package(const char *dir, const char *pkg)
{
	struct strlist mods = {0};
	char *d, *slash, *text, *mp;
	bool found = false, main = false;

	if (*pkg == '.' || *pkg == '/')
		return true;
	if (!(d = realpath(*dir ? dir : ".", NULL)))
		return true;
	for (;;) {
		char *work = xasprintf("%s/go.work", d);
		if (!found && (mp = modpath(d))) {
			strlist_add(&mods, mp);
			found = true;
		}
		if ((text = file_read(work, 16u << 20, NULL, NULL))) {
			strlist_free(&mods);
			work_modules(d, text, &mods);
			free(text);
			free(work);
			break;
		}
		free(work);
		if (!(slash = strrchr(d, '/')) || slash == d)
			break;
		*slash = '\0';
	}
	for (size_t i = 0; i < mods.n && !main; i++) {
		size_t n = strlen(mods.v[i]);
		main = strncmp(pkg, mods.v[i], n) == 0 && (!pkg[n] || pkg[n] == '/');
	}
	free(d);
	strlist_free(&mods);
	return main;
}
