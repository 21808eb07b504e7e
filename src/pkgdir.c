#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include "util.h"
#include "esc.h"
#include "outfile.h"
#include "pkgdir.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

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

/* the extensions go build reads from a package directory */
static const char *source_exts[] = {
	".go", ".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp", ".hxx", ".s",
	".S", ".sx", ".m", ".f", ".F", ".for", ".f90", ".swig", ".swigcxx", ".syso",
};

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Go's known GOOS and GOARCH values (go/build/syslist.go): the file name
 * suffixes that are build constraints */
static const char *known_os[] = {
	"aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos",
	"ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris",
	"wasip1", "windows", "zos",
};
static const char *known_arch[] = {
	"386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64",
	"mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc",
	"ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x", "sparc",
	"sparc64", "wasm",
};

static bool among(const char **v, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(v[i]) == len && strncmp(v[i], s, len) == 0)
			return true;
	return false;
}

/* GOOS os matches the file-name suffix w (len bytes), as go/build's matchTag */
static bool os_matches(const char *os, const char *w, size_t len)
{
	const char *alias = strcmp(os, "android") == 0 ? "linux"
	                  : strcmp(os, "illumos") == 0 ? "solaris"
	                  : strcmp(os, "ios") == 0 ? "darwin" : NULL;

	return (strlen(os) == len && strncmp(os, w, len) == 0) ||
	       (alias && strlen(alias) == len && strncmp(alias, w, len) == 0);
}

/* go/build's goodOSArchFile: whether name's _GOOS, _GOARCH or
 * _GOOS_GOARCH suffix admits os/arch */
static bool name_admits(const char *name, const char *os, const char *arch)
{
	size_t n = strcspn(name, ".");
	const char *us = memchr(name, '_', n), *w[2] = {0};
	size_t len[2] = {0}, k = 0;

	if (!us)
		return true;
	if (n >= 5 && strncmp(name + n - 5, "_test", 5) == 0 && name + n - 5 >= us)
		n -= 5;
	for (const char *e = name + n; e > us && k < 2; k++) {   /* the last two words */
		const char *s = e;
		while (s > us && s[-1] != '_')
			s--;
		w[k] = s;
		len[k] = (size_t)(e - s);
		e = s - 1;
		if (s == us + 1)
			break;
	}
	if (w[1] && among(known_os, LEN(known_os), w[1], len[1]) &&
	    among(known_arch, LEN(known_arch), w[0], len[0]))
		return os_matches(os, w[1], len[1]) && strlen(arch) == len[0] &&
		       strncmp(arch, w[0], len[0]) == 0;
	if (w[0] && among(known_os, LEN(known_os), w[0], len[0]))
		return os_matches(os, w[0], len[0]);
	if (w[0] && among(known_arch, LEN(known_arch), w[0], len[0]))
		return strlen(arch) == len[0] && strncmp(arch, w[0], len[0]) == 0;
	return true;
}

char *pkgdir_filter(char *const *files, size_t n, bool test, const char *os,
                    const char *arch)
{
	struct strlist words = {0};
	struct buf b = {0};

	for (size_t i = 0; i < sizeof(source_exts) / sizeof(*source_exts); i++)
		strlist_add(&words, xstrdup(source_exts[i]));
	for (size_t i = 0; i < n; i++) {   /* embedded files in the directory */
		const char *base = strrchr(files[i], '/') ? strrchr(files[i], '/') + 1 : files[i];
		const char *dot = strrchr(base, '.');
		char *w = xstrdup(dot && dot != base ? dot : "*");
		if (strchr(w, ' ') || strlist_has(&words, w))
			free(w);
		else
			strlist_add(&words, w);
	}
	if (!test)
		strlist_add(&words, xstrdup("-_test.go"));
	if (os && *os && arch && *arch && !strchr(os, ' ') && !strchr(arch, ' ')) {
		strlist_add(&words, xconcat("goos=", os, NULL));
		strlist_add(&words, xconcat("goarch=", arch, NULL));
	}
	for (size_t i = 0; i < words.n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", words.v[i]);
	strlist_free(&words);
	return b.s;
}

bool pkgdir_counts(const char *name, const char *filter)
{
	const char *w = filter;
	char *os = NULL, *arch = NULL;
	bool any = false, out = false;

	if (name[0] == '.' || name[0] == '_')
		return false;
	while (*w) {
		size_t n = strcspn(w, " ");
		char *word = xstrndup(w, n);
		out = out || (word[0] == '-' && has_suffix(name, word + 1));
		any = any || strcmp(word, "*") == 0 || (word[0] == '.' && has_suffix(name, word));
		if (strncmp(word, "goos=", 5) == 0)
			os = xstrdup(word + 5);
		if (strncmp(word, "goarch=", 7) == 0)
			arch = xstrdup(word + 7);
		free(word);
		w += n + (w[n] == ' ');
	}
	if (any && !out && os && arch && has_suffix(name, ".go"))   /* Go's own rule */
		out = !name_admits(name, os, arch);
	free(os);
	free(arch);
	return any && !out;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void pkgdir_listing(struct buf *b, const char *dir, const char *filter)
{
	struct strlist names = {0};
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d)))
		if (pkgdir_counts(e->d_name, filter))
			strlist_add(&names, xstrdup(e->d_name));
	if (d)
		closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), by_name);
	buf_putn(b, dir, strlen(dir) + 1);
	buf_putn(b, filter, strlen(filter) + 1);
	for (size_t i = 0; i < names.n; i++)
		buf_putn(b, names.v[i], strlen(names.v[i]) + 1);
	buf_putc(b, '\0');
	strlist_free(&names);
}

/* through the one safe writer: never a fixed temporary, never a link */
static int write_file(const char *path, const char *s, size_t n)
{
	mode_t mask = umask(0);
	char *err;

	umask(mask);
	if (!(err = outfile_save(path, s, n, 0666 & ~mask)))
		return 0;
	fprintf(stderr, "goninja: godeps: write %s\n", err);
	free(err);
	return 1;
}

/* the listing at path, recomputed; rewritten only when it changed; its
 * directories into dirs */
static int rescan(const char *path, struct strlist *dirs)
{
	size_t len;
	char *old = file_read(path, 0, &len, NULL);
	const char *p = old, *end;
	struct buf now = {0};
	int rc = 0;

	if (!old)    /* before the first build: nothing listed yet */
		return write_file(path, "", 0);
	end = old + len;
	while (p < end) {   /* dir, filter, names..., "" */
		const char *dir = p, *filter = dir + strnlen(dir, (size_t)(end - dir)) + 1;
		if (filter >= end)
			break;
		pkgdir_listing(&now, dir, filter);
		strlist_add(dirs, xstrdup(dir));
		for (p = filter + strnlen(filter, (size_t)(end - filter)) + 1;
		     p < end && *p; p += strnlen(p, (size_t)(end - p)) + 1)
			;
		p++;
	}
	if (now.len != len || (len && memcmp(now.s, old, len) != 0))
		rc = write_file(path, now.s ? now.s : "", now.len);
	buf_free(&now);
	free(old);
	return rc;
}

char *pkgdir_union(const char *listing)
{
	const char *base = strrchr(listing, '/');
	const char *plat = base;

	if (!base)
		return xconcat(listing, ".d", NULL);
	while (plat > listing && plat[-1] != '/')
		plat--;
	return xasprintf("%.*s%s.d", (int)(plat - listing), listing, base + 1);
}

/* the names in depfile text as esc_depfile writes them (target first,
 * its colon dropped): "\\ " a blank, "\\#" a hash, "$$" a dollar */
static void depfile_words(const char *s, struct strlist *words)
{
	struct buf w = {0};

	for (;; s++) {
		bool end = !*s || *s == ' ' || *s == '\n' || (*s == '\\' && s[1] == '\n') ||
		           (*s == ':' && !words->n && (s[1] == ' ' || s[1] == '\n' || !s[1]));
		if (end && w.len) {
			strlist_add(words, xstrndup(w.s, w.len));
			w.len = 0;
		}
		if (!*s)
			break;
		if (end) {
			s += *s == '\\';   /* a continuation: its line break too */
			continue;
		}
		if ((*s == '\\' && (s[1] == ' ' || s[1] == '#')) || (*s == '$' && s[1] == '$'))
			s++;
		buf_putc(&w, *s);
	}
	buf_free(&w);
}

/* the union depfile at path: target, then every one of dirs once */
static int write_union(const char *path, const char *target, struct strlist *dirs)
{
	struct buf d = {0};
	int rc;

	strlist_sort(dirs);
	esc_depfile(&d, target);
	buf_putc(&d, ':');
	for (size_t i = 0; i < dirs->n; i++) {
		if (i && strcmp(dirs->v[i], dirs->v[i - 1]) == 0)
			continue;
		buf_puts(&d, " \\\n  ");
		esc_depfile(&d, dirs->v[i]);
	}
	buf_putc(&d, '\n');
	rc = write_file(path, d.s, d.len);
	buf_free(&d);
	return rc;
}

/* hold the lock of the directory of path (one process at a time
 * rewrites the union files there); the descriptor, or -1 */
static int lock_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	free(dir);
	if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

int pkgdir_rescan(char *const *paths, size_t n)
{
	struct strlist dirs = {0};
	char *u;
	int rc = 0, fd;

	for (size_t i = 0; i < n; i++)
		rc |= rescan(paths[i], &dirs);
	u = pkgdir_union(paths[0]);
	fd = lock_dir(u);
	rc |= write_union(u, paths[0], &dirs);
	if (fd >= 0)
		close(fd);
	free(u);
	strlist_free(&dirs);
	return rc;
}

int pkgdir_union_add(const char *path, const char *listing, const struct strlist *add)
{
	struct strlist dirs = {0};
	char *text, *target = NULL;
	int rc, fd = lock_dir(path);

	/* the target is the pkgscan edge's first listing: keep it */
	if ((text = file_read(path, 0, NULL, NULL))) {
		struct strlist words = {0};
		depfile_words(text, &words);
		for (size_t i = 0; i < words.n; i++)
			if (i == 0)
				target = words.v[0];
			else
				strlist_add(&dirs, words.v[i]);
		free(words.v);
		free(text);
	}
	for (size_t i = 0; i < add->n; i++)
		strlist_add(&dirs, xstrdup(add->v[i]));
	rc = write_union(path, target ? target : listing, &dirs);
	if (fd >= 0)
		close(fd);
	free(target);
	strlist_free(&dirs);
	return rc;
}
