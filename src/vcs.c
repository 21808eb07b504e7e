#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

static void add_if_file(struct strlist *inputs, char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && !strlist_has(inputs, path))
		strlist_add(inputs, path);
	else
		free(path);
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
	char *dir[] = {"git", "rev-parse", "--git-dir", NULL};
	char *ref[] = {"git", "symbolic-ref", "-q", "HEAD", NULL};
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *gitdir, *name;

	memset(v, 0, sizeof(*v));
	if ((gitdir = git(dir))) {
		add_if_file(inputs, xconcat(gitdir, "/HEAD", NULL));
		if ((name = git(ref))) {
			add_if_file(inputs, xconcat(gitdir, "/", name, NULL));
			add_if_file(inputs, xconcat(gitdir, "/packed-refs", NULL));
			free(name);
		}
		free(gitdir);
		v->commit = git(head);
	}
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
