#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "util.h"
#include "esc.h"
#include "gotool.h"
#include "outfile.h"
#include "godeps.h"
#include "golist.h"
#include "pkgdir.h"

/* Per non-standard package: Dir, go.mod of its module (or empty), then
 * its files, each ending in NUL; an empty field closes the package. The
 * file lists are the ones GO-LINKING.md names; never IgnoredGoFiles. */
#define LIST(f) "{{range ." f "}}{{.}}{{\"\\x00\"}}{{end}}"
#define FIELDS "{{.Dir}}{{\"\\x00\"}}" \
	"{{with .Module}}{{.GoMod}}{{end}}{{\"\\x00\"}}" \
	LIST("GoFiles") LIST("CgoFiles") LIST("CFiles") LIST("CXXFiles") \
	LIST("HFiles") LIST("SFiles") LIST("SysoFiles") LIST("EmbedFiles") \
	LIST("MFiles") LIST("FFiles") LIST("SwigFiles") LIST("SwigCXXFiles")
#define PACKAGE "{{if not .Standard}}" FIELDS
#define END "{{\"\\x00\"}}{{end}}"
static const char TEMPLATE[] = PACKAGE END;
/* a group's (golist.h): ImportPath, the patterns it matched and, for
 * those, its dependencies, one a line; then the same fields */
#define LINES(f) "{{range ." f "}}{{.}}{{\"\\n\"}}{{end}}"
static const char GROUP_TEMPLATE[] = "{{if not .Standard}}{{.ImportPath}}{{\"\\x00\"}}"
	LINES("Match") "{{\"\\x00\"}}{{if .Match}}" LINES("Deps") "{{end}}{{\"\\x00\"}}"
	FIELDS END;
/* the same for go test: the test files too */
static const char TEST_TEMPLATE[] = PACKAGE LIST("TestGoFiles")
	LIST("XTestGoFiles") LIST("TestEmbedFiles") LIST("XTestEmbedFiles") END;

static void dep(struct buf *out, struct strlist *seen, const char *path,
                const char *root)
{
	size_t n = strlen(root);
	const char *rel = path;

	if (n && strncmp(path, root, n) == 0 && path[n] == '/')
		rel = path + n + 1;
	if (!*rel || strlist_has(seen, rel))
		return;
	strlist_add(seen, xstrdup(rel));
	buf_puts(out, " \\\n  ");
	esc_depfile(out, rel);
}

/* the next NUL-terminated field, or NULL at the end */
static const char *field(const char **p, const char *end)
{
	const char *s = *p, *nul;

	if (s >= end || !(nul = memchr(s, '\0', (size_t)(end - s))))
		return NULL;
	*p = nul + 1;
	return s;
}

static int write_depfile(const char *path, const struct buf *b);

/* what godeps_depfile gathers besides the depfile */
struct gather {
	const char *root;
	char *lastdir;           /* the main package's, printed last */
	struct strlist *dirs;    /* pairs: package directory, its listing filter */
	bool test;
};

/* record dir (not the top one) and the filter its files call for */
static void listed_dir(struct gather *g, const char *dir, const struct strlist *files)
{
	if (!g->dirs || strcmp(dir, g->root) == 0)
		return;
	for (size_t i = 0; i < g->dirs->n; i += 2)
		if (strcmp(g->dirs->v[i], dir) == 0)
			return;   /* the same directory again (go list -test) */
	strlist_add(g->dirs, xstrdup(dir));
	strlist_add(g->dirs, pkgdir_filter(files->v, files->n, g->test,
	                                   getenv("GOOS"), getenv("GOARCH")));
}

static int package(struct buf *out, struct strlist *seen, const char **p,
                   const char *end, struct gather *g)
{
	const char *dir = field(p, end), *mod = field(p, end), *f, *root = g->root;
	struct strlist files = {0};

	if (!dir || !mod || !*dir)
		return -1;
	if (*mod) {
		dep(out, seen, mod, root);
		char *sum = xstrdup(mod);
		size_t n = strlen(sum);
		if (n > 6 && strcmp(sum + n - 6, "go.mod") == 0) {
			memcpy(sum + n - 3, "sum", 3);
			if (access(sum, F_OK) == 0)
				dep(out, seen, sum, root);
			/* a vendoring module: go checks it against go.mod */
			sum[n - 6] = '\0';
			char *vendor = xconcat(sum, "vendor/modules.txt", NULL);
			if (access(vendor, F_OK) == 0)
				dep(out, seen, vendor, root);
			free(vendor);
		}
		free(sum);
	}
	/* the directory itself is not an input (an editor's swap file would
	 * rebuild): its listing is, through the pkgscan edge */
	while ((f = field(p, end)) && *f) {
		if (*f == '/')
			continue;   /* generated (a test main in the build cache) */
		char *path = xasprintf("%s/%s", dir, f);
		dep(out, seen, path, root);
		free(path);
		strlist_add(&files, xstrdup(f));
	}
	if (f)
		listed_dir(g, dir, &files);
	strlist_free(&files);
	if (!f)
		return -1;
	free(g->lastdir);
	g->lastdir = xstrdup(dir);
	return 0;
}

int godeps_depfile(struct buf *out, const char *target, const char *list,
                   size_t len, const char *root, struct strlist *dirs, bool test)
{
	const char *p = list, *end = list + len;
	struct strlist seen = {0};
	struct gather g = {root, NULL, dirs, test};
	int rc = 0;

	esc_depfile(out, target);
	buf_putc(out, ':');
	while (p < end && rc == 0) {
		while (p < end && (*p == '\n' || *p == '\r'))
			p++;
		if (p < end)
			rc = package(out, &seen, &p, end, &g);
	}
	/* go list -deps prints the main package last; Go 1.21+ reads its
	 * default.pgo without listing it */
	if (rc == 0 && g.lastdir) {
		char *pgo = xasprintf("%s/default.pgo", g.lastdir);
		if (access(pgo, F_OK) == 0)
			dep(out, &seen, pgo, root);
		free(pgo);
	}
	buf_putc(out, '\n');
	free(g.lastdir);
	strlist_free(&seen);
	return rc;
}

/* the listing at root/pkgs of the package directories dirs (pairs), and
 * those directories added to the depfile the binary's listings share:
 * the pkgscan edge reruns when one changes */
static int write_listing(const char *root, const char *pkgs, const struct strlist *dirs)
{
	struct buf list = {0};
	struct strlist add = {0};
	char *path = xconcat(root, "/", pkgs, NULL), *u = pkgdir_union(path);
	int rc;

	for (size_t i = 0; i < dirs->n; i += 2) {
		pkgdir_listing(&list, dirs->v[i], dirs->v[i + 1]);
		strlist_add(&add, xstrdup(dirs->v[i]));   /* absolute: no clash with an alias */
	}
	rc = write_depfile(path, &list) || pkgdir_union_add(u, pkgs, &add);
	buf_free(&list);
	strlist_free(&add);
	free(path);
	free(u);
	return rc;
}

/* add to the depfile d (ending in its line break) what every build reads
 * besides its packages: the go command and the go.mod, go.sum and
 * go.work files above the working directory. build.ninja need not
 * repeat them on each edge: a first build runs anyway. A path ninja
 * cannot read back from a depfile is left to the edge (src/ninja.c). */
static void tool_deps(struct buf *d, const char *go, const char *root)
{
	struct strlist files = {0}, seen = {0};
	char cwd[PATH_MAX], *path = gotool_which(go);

	if (path)
		strlist_add(&files, path);
	if (getcwd(cwd, sizeof(cwd)))
		gotool_modfiles("", &files);
	if (d->len && d->s[d->len - 1] == '\n')
		d->len--;
	for (size_t i = 0; i < files.n; i++) {
		char *abs = files.v[i][0] == '/' ? xstrdup(files.v[i])
		                                 : xconcat(cwd, "/", files.v[i], NULL);
		size_t n = strlen(root);
		const char *rel = strncmp(abs, root, n) == 0 && abs[n] == '/' ? abs + n + 1 : abs;
		if (esc_depfile_ok(rel))
			dep(d, &seen, abs, root);
		free(abs);
	}
	buf_putc(d, '\n');
	strlist_free(&files);
	strlist_free(&seen);
}

static void usage(void)
{
	fprintf(stderr, "usage: goninja godeps [--test] [--pkgs LISTING] [--groups FILE] [--group PKG]... TARGET DEPFILE TOP -- GO [build flags] PACKAGE... [--then BUILD...]\n"
	        "       goninja godeps --rescan LISTING...\n"
	        "       goninja godeps --write-groups FILE WORD...\n"
	        "Runs GO list -deps with the build's flags and writes a ninja depfile,\n"
	        "and the listing of its package directories (TOP/LISTING); --rescan\n"
	        "rewrites a listing only when a directory's Go-readable names changed.\n"
	        "--group: the packages built with the same environment and flags; one\n"
	        "go list of them all, saved beside LISTING, serves each while the files\n"
	        "it was read from are unchanged (PACKAGE is then one of them).\n"
	        "--groups: TOP/FILE names the groups (a build.ninja edge writes it):\n"
	        "records \"DIR GO PKG... ;\", DIR \".\" for the top.\n"
	        "--then BUILD...: run that go build beside go list; its status first.\n");
}

static int write_depfile(const char *path, const struct buf *b)
{
	char *err = outfile_write(path, b->s, b->len);

	if (!err)
		return 0;
	fprintf(stderr, "goninja: godeps: write %s\n", err);
	free(err);
	return 1;
}

/* the groups file at path: the words a groups edge gives, a line; through
 * the one writer (never a fixed temporary, never through a link) */
static int write_groups(const char *path, char **words, int n)
{
	struct buf b = {0};
	int rc;

	for (int i = 0; i < n; i++) {
		buf_puts(&b, words[i]);
		buf_putc(&b, i + 1 < n ? ' ' : '\n');
	}
	rc = write_depfile(path, &b);
	buf_free(&b);
	return rc;
}

/* how this go list runs: the directory, the environment (sorted), go,
 * its flags and the group's packages (sorted): what a saved listing is
 * saved under. name: the same with only the GO and CGO_ variables, that
 * another shell's variables reuse the file rather than add one */
static void group_key(struct buf *key, struct buf *name, char **go, int nflags,
                      struct strlist *group)
{
	extern char **environ;
	struct strlist env = {0};
	char cwd[PATH_MAX];

	buf_puts(key, getcwd(cwd, sizeof(cwd)) ? cwd : "?");
	buf_putc(key, '\0');
	buf_putn(name, key->s, key->len);
	for (char **e = environ; *e; e++)
		strlist_add(&env, xstrdup(*e));
	strlist_sort(&env);
	for (size_t i = 0; i < env.n; i++) {
		buf_putn(key, env.v[i], strlen(env.v[i]) + 1);
		if (strncmp(env.v[i], "GO", 2) == 0 || strncmp(env.v[i], "CGO_", 4) == 0)
			buf_putn(name, env.v[i], strlen(env.v[i]) + 1);
	}
	for (int i = 0; i <= nflags; i++) {
		buf_putn(key, go[i], strlen(go[i]) + 1);
		buf_putn(name, go[i], strlen(go[i]) + 1);
	}
	for (size_t i = 0; i < group->n; i++) {
		buf_putn(key, group->v[i], strlen(group->v[i]) + 1);
		buf_putn(name, group->v[i], strlen(group->v[i]) + 1);
	}
	strlist_free(&env);
}

/* the saved listing's path: TOP/<the listing's directory>/golist-HASH */
static char *group_path(const char *root, const char *pkgs, const struct buf *name)
{
	uint64_t h = 14695981039346656037ULL;   /* FNV-1a */
	const char *slash = strrchr(pkgs, '/');
	int n = slash ? (int)(slash - pkgs) : 0;

	for (size_t i = 0; i < name->len; i++)
		h = (h ^ (unsigned char)name->s[i]) * 1099511628211ULL;
	return xasprintf("%s/%.*s%sgolist-%016" PRIx64, root, n, pkgs, n ? "/" : "", h);
}

/* besides the package directories, what go list reads: go itself, its
 * settings (go env -w) and a go.work here */
static void group_extra(struct strlist *extra, const char *go)
{
	const char *env = getenv("GOENV"), *xdg = getenv("XDG_CONFIG_HOME");
	char *path = gotool_which(go);

	if (path)
		strlist_add(extra, path);
	if (env && *env)
		strlist_add(extra, xstrdup(env));
	else if (xdg && *xdg)
		strlist_add(extra, xconcat(xdg, "/go/env", NULL));
	else if (getenv("HOME"))
		strlist_add(extra, xconcat(getenv("HOME"), "/.config/go/env", NULL));
	strlist_add(extra, xstrdup("go.work"));
	gotool_modfiles("", extra);
}

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* go list -deps of the whole group, the one saved at path while nothing
 * it was read from changed, else run (quietly: a failure falls back to
 * the package alone) and saved; NULL when it failed */
static char *group_list(const char *path, const struct buf *key, char **go, int nflags,
                        const struct strlist *group, size_t *len)
{
	struct strlist extra = {0};
	char *lock = xconcat(path, ".lock", NULL), *out = NULL, **a;
	int fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666), k = 0;

	if (fd >= 0)
		flock(fd, LOCK_EX);   /* the group's other cells wait, then reuse */
	group_extra(&extra, go[0]);
	if (!(out = golist_load(path, key->s, key->len, &extra, len))) {
		long long t0 = now_ns();
		a = xcalloc((size_t)nflags + group->n + 7, sizeof(*a));
		a[k++] = go[0];
		a[k++] = "list";
		a[k++] = "-deps";
		a[k++] = "-f";
		a[k++] = (char *)GROUP_TEMPLATE;
		a[k++] = "-e=false";
		for (int i = 1; i <= nflags; i++)
			a[k++] = go[i];
		for (size_t i = 0; i < group->n; i++)
			a[k++] = group->v[i];
		if (gotool_run_quiet(a, &out, len) == 0)
			golist_save(path, key->s, key->len, out, *len, &extra, t0);
		else {
			free(out);
			out = NULL;
		}
		free(a);
	}
	if (fd >= 0)
		close(fd);
	free(lock);
	strlist_free(&extra);
	return out;
}

/* pkg's part of its group's listing (go[1..nflags] the flags), in
 * godeps_depfile's format: 0, or -1 to list pkg alone */
static int grouped(struct buf *out, const char *root, const char *pkgs, char **go,
                   int nflags, struct strlist *group)
{
	const char *pkg = go[nflags + 1];
	struct buf key = {0}, name = {0};
	char *path, *list;
	size_t len;
	int rc = -1;

	if (!strlist_has(group, pkg))
		strlist_add(group, xstrdup(pkg));
	strlist_sort(group);
	group_key(&key, &name, go, nflags, group);
	path = group_path(root, pkgs, &name);
	if ((list = group_list(path, &key, go, nflags, group, &len)))
		rc = golist_pick(out, list, len, pkg);
	free(list);
	free(path);
	buf_free(&key);
	buf_free(&name);
	return rc;
}

/* go list -deps of the packages alone: 0, or 1 when it failed */
static int alone(char **out, size_t *len, char **go, int n, bool test)
{
	char **gargv = xcalloc((size_t)n + 6, sizeof(*gargv));
	int rc;

	gargv[0] = go[0];
	gargv[1] = "list";
	gargv[2] = "-deps";
	gargv[3] = "-f";
	gargv[4] = (char *)(test ? TEST_TEMPLATE : TEMPLATE);
	gargv[5] = test ? "-test" : "-e=false";
	for (int i = 1; i < n; i++)
		gargv[5 + i] = go[i];
	rc = gotool_run(gargv, out, len);
	free(gargv);
	return rc != 0;
}

/* from the groups file at root/file (a build.ninja edge writes it:
 * records "DIR GO PKG... ;", DIR "." for the top), the packages of the
 * record that holds pkg built by go in this directory, into group. A
 * missing file only costs the grouping: the cell lists itself. */
static void groups_read(const char *root, const char *file, const char *go,
                        const char *pkg, struct strlist *group)
{
	char cwd[PATH_MAX], *path = xconcat(root, "/", file, NULL), *text, *w, *save = NULL;
	size_t n = strlen(root);
	const char *dir = ".";
	struct strlist rec = {0};

	text = file_read(path, 1 << 24, NULL, NULL);
	free(path);
	if (!text || !getcwd(cwd, sizeof(cwd)))
		goto done;
	if (strncmp(cwd, root, n) == 0 && cwd[n] == '/')
		dir = cwd + n + 1;
	for (w = strtok_r(text, " \n", &save); w; w = strtok_r(NULL, " \n", &save)) {
		if (strcmp(w, ";") != 0) {
			strlist_add(&rec, xstrdup(w));
			continue;
		}
		bool mine = false;
		for (size_t k = 2; k < rec.n && rec.n > 3 && !mine; k++)
			mine = strcmp(rec.v[k], pkg) == 0 && strcmp(rec.v[0], dir) == 0 &&
			       strcmp(rec.v[1], go) == 0;
		for (size_t k = 2; mine && k < rec.n; k++)
			if (!strlist_has(group, rec.v[k]))
				strlist_add(group, xstrdup(rec.v[k]));
		strlist_free(&rec);
		if (mine)
			break;
	}
done:
	strlist_free(&rec);
	free(text);
}

/* the depfile and listings: godeps_main without --then */
static int deps(int argc, char **argv)
{
	char root[PATH_MAX], *out = NULL;
	const char *pkgs = NULL;
	size_t len = 0;
	struct buf dep = {0}, picked = {0};
	struct strlist dirs = {0}, group = {0};
	int rc, n, test = argc > 1 && strcmp(argv[1], "--test") == 0;

	if (argc >= 3 && strcmp(argv[1], "--write-groups") == 0)
		return write_groups(argv[2], argv + 3, argc - 3);
	if (argc >= 3 && strcmp(argv[1], "--rescan") == 0)
		return pkgdir_rescan(argv + 2, (size_t)argc - 2);
	if (test) {
		argc--;
		argv++;
	}
	if (argc > 2 && strcmp(argv[1], "--pkgs") == 0) {
		pkgs = argv[2];
		argc -= 2;
		argv += 2;
	}
	const char *groups = NULL;
	if (argc > 2 && strcmp(argv[1], "--groups") == 0) {
		groups = argv[2];
		argc -= 2;
		argv += 2;
	}
	for (; argc > 2 && strcmp(argv[1], "--group") == 0; argc -= 2, argv += 2)
		if (!strlist_has(&group, argv[2]))
			strlist_add(&group, xstrdup(argv[2]));
	if (argc < 7 || strcmp(argv[4], "--") != 0) {
		usage();
		strlist_free(&group);
		return 2;
	}
	if (!realpath(argv[3], root))
		fatal("godeps: %s:", argv[3]);
	n = argc - 5;
	if (groups && !test)
		groups_read(root, groups, argv[5], argv[argc - 1], &group);
	/* a group's listing serves a build of one package, not a test */
	if (group.n && !test && pkgs &&
	    grouped(&picked, root, pkgs, argv + 5, n - 2, &group) == 0) {
		out = picked.s;
		len = picked.len;
		picked = (struct buf){0};
	} else if (alone(&out, &len, argv + 5, n, test) != 0) {
		fprintf(stderr, "goninja: godeps: %s list failed for %s\n", argv[5], argv[1]);
		free(out);
		strlist_free(&group);
		return 1;
	}
	strlist_free(&group);
	if (godeps_depfile(&dep, argv[1], out, len, root, &dirs, test) != 0) {
		fprintf(stderr, "goninja: godeps: cannot read go list output for %s\n", argv[1]);
		free(out);
		buf_free(&dep);
		strlist_free(&dirs);
		return 1;
	}
	free(out);
	tool_deps(&dep, argv[5], root);
	rc = (pkgs && write_listing(root, pkgs, &dirs)) || write_depfile(argv[2], &dep);
	buf_free(&dep);
	strlist_free(&dirs);
	return rc;
}

/* the exit status of child pid, as a shell tells it */
static int status_of(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			fatal("godeps: waitpid:");
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* TOP/TARGET of godeps' operands given its options, made newer than the
 * listing go list may have rewritten after the build wrote it: ninja
 * would see an input newer than its output */
static void touch_target(int argc, char **argv)
{
	int i = 1;

	if (i < argc && strcmp(argv[i], "--test") == 0)
		i++;
	while (i + 1 < argc && (strcmp(argv[i], "--pkgs") == 0 ||
	                        strcmp(argv[i], "--groups") == 0 ||
	                        strcmp(argv[i], "--group") == 0))
		i += 2;
	if (i + 2 < argc) {
		char *path = xconcat(argv[i + 2], "/", argv[i], NULL);
		utimensat(AT_FDCWD, path, NULL, 0);
		free(path);
	}
}

/* deps() beside build (a go build argv): both at once, build's output
 * as it comes and its status; go list's messages only when the build
 * succeeded but the listing failed (a failed build says why itself) */
static int beside(int argc, char **argv, char **build)
{
	int err[2];
	pid_t list, b;
	struct buf msg = {0};
	char chunk[4096];
	ssize_t n;

	if (pipe(err) < 0)
		fatal("godeps: pipe:");
	if ((list = fork()) < 0)
		fatal("godeps: fork:");
	if (list == 0) {
		close(err[0]);
		dup2(err[1], 2);
		close(err[1]);
		int rc = deps(argc, argv);
		fflush(NULL);
		_exit(rc);
	}
	close(err[1]);
	if ((b = fork()) < 0)
		fatal("godeps: fork:");
	if (b == 0) {
		close(err[0]);
		execvp(build[0], build);
		fprintf(stderr, "goninja: godeps: %s: %s\n", build[0], strerror(errno));
		_exit(127);
	}
	while ((n = read(err[0], chunk, sizeof(chunk))) != 0)
		if (n > 0)
			buf_putn(&msg, chunk, (size_t)n);
		else if (errno != EINTR)
			break;
	close(err[0]);
	int brc = status_of(b), lrc = status_of(list);
	if (brc == 0 && lrc != 0 && msg.len)
		fputs(msg.s, stderr);
	buf_free(&msg);
	if (brc == 0 && lrc == 0)
		touch_target(argc, argv);
	return brc ? brc : lrc;
}

int godeps_main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--then") == 0 && i + 1 < argc) {
			argv[i] = NULL;
			return beside(i, argv, argv + i + 1);
		}
	return deps(argc, argv);
}

int godeps_files(const char *dir, char *const *env, size_t nenv, char **go, int n,
                 bool test, const char *root, struct buf *dep, struct strlist *dirs)
{
	char **a = xcalloc(nenv + (size_t)n + 10, sizeof(*a)), *out;
	size_t k = 0, len;
	int rc;

	a[k++] = "env";
	if (*dir) {
		a[k++] = "-C";
		a[k++] = (char *)dir;
	}
	for (size_t i = 0; i < nenv; i++)
		a[k++] = env[i];
	a[k++] = go[0];
	a[k++] = "list";
	a[k++] = "-deps";
	a[k++] = "-f";
	a[k++] = (char *)(test ? TEST_TEMPLATE : TEMPLATE);
	a[k++] = test ? "-test" : "-e=false";
	for (int i = 1; i < n; i++)
		a[k++] = go[i];
	rc = gotool_run_quiet(a, &out, &len);
	free(a);
	if (rc == 0)
		rc = godeps_depfile(dep, "x", out, len, root, dirs, test);
	free(out);
	return rc == 0 ? 0 : -1;
}

/* one line per non-standard package: its module as an sbom key */
static const char MODULES[] = "{{if not .Standard}}{{with .Module}}"
	"{{if .Main}}main {{.Path}}{{else}}{{.Path}}@{{.Version}}"
	"{{with .Replace}} => {{.Path}}@{{.Version}}{{end}}{{end}}{{end}}{{end}}";

int godeps_modules(char **go, int n, struct strlist *keys)
{
	char **gargv = xcalloc((size_t)n + 5, sizeof(*gargv)), *out, *line, *next;
	size_t len;
	int rc;

	gargv[0] = go[0];
	gargv[1] = "list";
	gargv[2] = "-deps";
	gargv[3] = "-f";
	gargv[4] = (char *)MODULES;
	for (int i = 1; i < n; i++)
		gargv[4 + i] = go[i];
	rc = gotool_run(gargv, &out, &len);
	free(gargv);
	for (line = out; rc == 0 && line && *line; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (*line && !strlist_has(keys, line))
			strlist_add(keys, xstrdup(line));
	}
	free(out);
	strlist_sort(keys);
	return rc == 0 ? 0 : -1;
}
