#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "util.h"
#include "gotool.h"
#include "vcs.h"

/* one line of git's output, or NULL when git fails */
static char *git(char *const argv[])
{
	char *out;
	size_t len;

	if (gotool_run_quiet(argv, &out, &len) != 0 || !len) {
		free(out);
		return NULL;
	}
	out[strcspn(out, "\n")] = '\0';
	return out;
}

/* path as build.ninja names it: relative when below the working directory */
static char *local(const char *path)
{
	char cwd[PATH_MAX];
	size_t n;

	if (*path == '/' && getcwd(cwd, sizeof(cwd))) {
		n = strlen(cwd);
		if (strncmp(path, cwd, n) == 0 && path[n] == '/')
			return xstrdup(path + n + 1);
	}
	return xstrdup(path);
}

/* add dir/name to inputs when it exists as a file (dirs: or a directory) */
static bool add_if(struct strlist *inputs, const char *dir, const char *name, bool dirs)
{
	char *path = xconcat(dir, "/", name, NULL);
	struct stat st;
	bool ok = stat(path, &st) == 0 && (S_ISREG(st.st_mode) ||
	                                   (dirs && S_ISDIR(st.st_mode)));

	if (ok && !strlist_has(inputs, path))
		strlist_add(inputs, path);
	else
		free(path);
	return ok;
}

/* the files whose change means a new commit. HEAD is the worktree's own;
 * its branch is in the common directory, loose or in packed-refs. A branch
 * that is only packed gets its directory: git creates the loose file there
 * on the next commit */
static void git_inputs(struct strlist *inputs, const char *gitdir,
                       const char *common)
{
	char *argv[] = {"git", "symbolic-ref", "-q", "HEAD", NULL};
	char *name = git(argv), *slash;

	add_if(inputs, gitdir, "HEAD", false);
	if (name && !add_if(inputs, common, name, false)) {
		while ((slash = strrchr(name, '/'))) {
			*slash = '\0';
			if (add_if(inputs, common, name, true))
				break;
		}
	}
	add_if(inputs, common, "packed-refs", false);
	add_if(inputs, common, "reftable/tables.list", false);
	free(name);
}

/* whether git may find a repository from here: a ".git" (a directory or
 * a file) or a bare repository's HEAD here or in a parent. GIT_DIR and
 * GIT_WORK_TREE move the search: then only git can tell. Outside a
 * checkout this saves running git twice. */
static bool maybe_repo(void)
{
	char dir[PATH_MAX], *slash;

	if (getenv("GIT_DIR") || getenv("GIT_WORK_TREE") || !getcwd(dir, sizeof(dir)))
		return true;
	for (;;) {
		size_t n = strlen(dir);
		if (n + 6 > sizeof(dir))
			return true;
		strcpy(dir + n, n > 1 ? "/.git" : ".git");
		if (access(dir, F_OK) == 0)
			return true;
		strcpy(dir + n, n > 1 ? "/HEAD" : "HEAD");
		if (access(dir, F_OK) == 0)
			return true;
		dir[n] = '\0';
		if (!(slash = strrchr(dir, '/')) || n == 1)
			return false;
		slash[slash == dir] = '\0';   /* "/a" -> "/" */
	}
}

/* the worktree's git directory and the common one, as build.ninja names them */
static bool git_dirs(char **gitdir, char **common)
{
	/* git before 2.31 has no --path-format: paths relative to here */
	char *abs[] = {"git", "rev-parse", "--path-format=absolute", "--git-dir",
	               "--git-common-dir", NULL};
	char *old[] = {"git", "rev-parse", "--git-dir", "--git-common-dir", NULL};
	char *out, *nl;
	size_t len;

	if (gotool_run_quiet(abs, &out, &len) != 0) {
		free(out);
		if (gotool_run_quiet(old, &out, &len) != 0)
			out[0] = '\0';
	}
	if (!(nl = strchr(out, '\n'))) {
		free(out);
		return false;
	}
	*nl = '\0';
	nl[strcspn(nl + 1, "\n") + 1] = '\0';
	*gitdir = local(out);
	*common = local(nl + 1);
	free(out);
	return **gitdir && **common;
}

static char *rfc3339(const char *epoch)
{
	time_t t = (time_t)strtoll(epoch, NULL, 10);
	struct tm tm;
	char s[32];

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(s);
}

void vcs_read(struct vcs *v, struct strlist *inputs)
{
	char *head[] = {"git", "rev-parse", "-q", "--verify", "HEAD", NULL};
	char *when[] = {"git", "log", "-1", "--format=%ct", NULL};
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *gitdir = NULL, *common = NULL;

	memset(v, 0, sizeof(*v));
	if (maybe_repo() && git_dirs(&gitdir, &common)) {
		git_inputs(inputs, gitdir, common);
		v->commit = git(head);
	}
	free(gitdir);
	free(common);
	if (sde && *sde && strspn(sde, "0123456789") == strlen(sde))
		v->epoch = xstrdup(sde);
	else if (v->commit)
		v->epoch = git(when);
	if (!v->epoch)
		v->epoch = xstrdup("0");
	v->date = rfc3339(v->epoch);
}

void vcs_free(struct vcs *v)
{
	free(v->commit);
	free(v->epoch);
	free(v->date);
}
