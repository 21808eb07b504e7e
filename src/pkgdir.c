#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "util.h"
#include "pkgdir.h"

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool has_go(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	bool found = false;

	while (d && !found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		found = n > 3 && strcmp(e->d_name + n - 3, ".go") == 0 &&
		        e->d_name[0] != '.' && e->d_name[0] != '_';
	}
	if (d)
		closedir(d);
	return found;
}

/* dir/path, or path when dir is "" */
static char *join(const char *dir, const char *path)
{
	return *dir ? xconcat(dir, "/", path, NULL) : xstrdup(path);
}

/* the subdirectory of parent closest to name, as "prefix/that", or NULL */
static char *nearest_dir(const char *parent, const char *name, const char *prefix)
{
	DIR *d = opendir(*parent ? parent : ".");
	struct strlist subs = {0};
	struct dirent *e;
	const char *best;
	char *hint = NULL;

	while (d && (e = readdir(d))) {
		char *full = join(parent, e->d_name);
		if (e->d_name[0] != '.' && is_dir(full))
			strlist_add(&subs, xstrdup(e->d_name));
		free(full);
	}
	if (d)
		closedir(d);
	if ((best = str_nearest(name, (const char *const *)subs.v, subs.n)))
		hint = xconcat(prefix, best, NULL);
	strlist_free(&subs);
	return hint;
}

/* main (its directory rel, then suffix): no such directory, with the
 * nearest sibling when one is close */
static char *missing(const char *what, const char *dir, const char *main,
                     const char *rel, const char *suffix)
{
	const char *slash = strrchr(rel, '/');
	char *parent_rel = slash ? xstrndup(rel, (size_t)(slash - rel)) : xstrdup(".");
	char *parent = join(dir, parent_rel);
	char *prefix = xconcat(parent_rel, "/", NULL);
	char *hint = nearest_dir(parent, slash ? slash + 1 : rel, prefix);
	char *msg = hint ? xasprintf("%s \"%s\": no such directory (did you mean "
	                             "\"%s%s\"?)", what, main, hint, suffix)
	                 : xasprintf("%s \"%s\": no such directory", what, main);

	free(parent_rel);
	free(parent);
	free(prefix);
	free(hint);
	return msg;
}

char *pkgdir_modpath(const char *text)
{
	const char *s = text;
	char *mod, *comment;

	while (s && *s) {
		s += strspn(s, " \t\r\n");
		if (strncmp(s, "module", 6) == 0 && (s[6] == ' ' || s[6] == '\t')) {
			s += 6 + strspn(s + 6, " \t");
			if (*s == '"' || *s == '`')
				return xstrndup(s + 1, strcspn(s + 1, "\"`\n"));
			mod = xstrndup(s, strcspn(s, " \t\r\n"));
			if ((comment = strstr(mod, "//")))
				*comment = '\0';
			return mod;
		}
		if ((s = strchr(s, '\n')))
			s++;
	}
	return NULL;
}

/* the import path of the directory at path, from its module's go.mod */
static char *import_path(const char *path)
{
	char *d = realpath(path, NULL), *rest = NULL, *found = NULL;

	while (d && !found) {
		char *gomod = xconcat(d, "/go.mod", NULL), *text = file_read(gomod, 0, NULL, NULL);
		char *mod = text ? pkgdir_modpath(text) : NULL;
		char *slash = strrchr(d, '/');
		free(gomod);
		free(text);
		if (mod) {
			found = rest ? xconcat(mod, "/", rest, NULL) : xstrdup(mod);
			free(mod);
			break;
		}
		if (!slash || slash == d)
			break;
		char *r = rest ? xconcat(slash + 1, "/", rest, NULL) : xstrdup(slash + 1);
		free(rest);
		rest = r;
		*slash = '\0';
	}
	free(rest);
	free(d);
	return found;
}

/* a bare path that is a directory here, but that directory's import path
 * is another: Go would look for it in GOROOT or the modules */
static char *bare(const char *what, const char *dir, const char *main)
{
	char *path = join(dir, main), *ip, *msg = NULL;

	if (is_dir(path)) {
		ip = import_path(path);
		if (!ip || strcmp(ip, main) != 0)
			msg = xasprintf("%s \"%s\" is an import path, not the directory "
			                "%s here: write \"./%s\"", what, main, main, main);
		free(ip);
	}
	free(path);
	return msg;
}

char *pkgdir_check(const char *what, const char *dir, const char *main, bool need_go)
{
	size_t n = strlen(main);
	char *rel, *path, *msg = NULL;

	if (strcmp(main, ".") != 0 && strncmp(main, "./", 2) != 0 &&
	    strncmp(main, "../", 3) != 0)
		return strstr(main, "...") ? NULL : bare(what, dir, main);
	if (strcmp(main, "...") == 0 || (n >= 4 && strcmp(main + n - 4, "/...") == 0)) {
		rel = xstrndup(main, n >= 4 ? n - 4 : 0);
		need_go = false;
	} else if (strstr(main, "...")) {
		return NULL;   /* a pattern like ./cmd/foo...: go matches it */
	} else {
		rel = xstrdup(main);
	}
	path = join(dir, *rel ? rel : ".");
	if (!is_dir(path))
		msg = missing(what, dir, main, rel, main + strlen(rel));
	else if (need_go && !has_go(path))
		msg = xasprintf("%s \"%s\" holds no .go files", what, main);
	free(rel);
	free(path);
	return msg;
}
