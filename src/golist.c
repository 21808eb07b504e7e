#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "util.h"
#include "golist.h"
#include "outfile.h"
#include "pkgdir.h"

#define MAGIC "goninja golist 1\n"
/* how far a file's time stamp may lag the clock (the kernel's coarse
 * clock: a tick); generous, since erring costs only a go list */
#define GRAIN 100000000LL

/* one package of a group listing */
struct rec {
	const char *path, *match, *deps;   /* ImportPath, Match and Deps lines */
	const char *fields, *end;          /* godeps_depfile's part, [fields, end) */
};

/* the next NUL-terminated field, or NULL at the end */
static const char *field(const char **p, const char *end)
{
	const char *s = *p, *nul;

	if (s >= end || !(nul = memchr(s, '\0', (size_t)(end - s))))
		return NULL;
	*p = nul + 1;
	return s;
}

/* the next package at *p: 1, 0 at the end, -1 when malformed */
static int next_rec(const char **p, const char *end, struct rec *r)
{
	const char *f;

	while (*p < end && **p == '\n')
		(*p)++;
	if (*p >= end)
		return 0;
	r->path = field(p, end);
	r->match = field(p, end);
	r->deps = field(p, end);
	r->fields = *p;
	if (!r->deps || !field(p, end) || !field(p, end))
		return -1;
	while ((f = field(p, end)) && *f)
		;
	r->end = *p;
	return f ? 1 : -1;
}

/* whether s is one of the newline-ended lines of lines */
static bool has_line(const char *lines, const char *s)
{
	size_t n = strlen(s);

	for (const char *l = lines; *l; l = strchr(l, '\n') + 1) {
		if (strncmp(l, s, n) == 0 && l[n] == '\n')
			return true;
		if (!strchr(l, '\n'))
			break;
	}
	return false;
}

/* a local pattern as go reports it in Match: "./cmd//x/" is "./cmd/x" */
static char *clean(const char *pattern)
{
	char *c = xstrdup(pattern), *w = c;

	for (const char *s = pattern; *s; s++) {
		if (*s == '/' && w > c && w[-1] == '/')
			continue;
		if (*s == '.' && w > c + 1 && w[-1] == '/' && (s[1] == '/' || !s[1]))
			continue;   /* "/./" */
		*w++ = *s;
	}
	while (w > c + 1 && w[-1] == '/')
		w--;
	*w = '\0';
	return c;
}

int golist_pick(struct buf *out, const char *list, size_t len, const char *pattern)
{
	const char *p = list, *end = list + len;
	struct rec r, root = {0};
	char *cleaned = clean(pattern);
	int rc;

	while ((rc = next_rec(&p, end, &r)) > 0)
		if (!root.path && (has_line(r.match, pattern) || has_line(r.match, cleaned)))
			root = r;
	free(cleaned);
	if (rc < 0 || !root.path)
		return -1;
	for (p = list; next_rec(&p, end, &r) > 0;)
		if (r.path != root.path && has_line(root.deps, r.path)) {
			buf_putn(out, r.fields, (size_t)(r.end - r.fields));
			buf_putc(out, '\n');
		}
	buf_putn(out, root.fields, (size_t)(root.end - root.fields));
	buf_putc(out, '\n');
	return 0;
}

static long long ns(struct timespec t)
{
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* path's state: "S path\0" then "-" (none), "d" (a directory) or its
 * device, inode, size, mtime and ctime; files' times raise *newest */
static void state(struct buf *out, struct strlist *seen, const char *path,
                  long long *newest)
{
	struct stat st;

	if (strlist_has(seen, path))
		return;
	strlist_add(seen, xstrdup(path));
	buf_putc(out, 'S');
	buf_putn(out, path, strlen(path) + 1);
	if (stat(path, &st) != 0)
		buf_putc(out, '-');
	else if (S_ISDIR(st.st_mode))
		buf_putc(out, 'd');
	else {
		buf_printf(out, "%ju %ju %jd %lld %lld", (uintmax_t)st.st_dev,
		           (uintmax_t)st.st_ino, (intmax_t)st.st_size,
		           ns(st.st_mtim), ns(st.st_ctim));
		if (ns(st.st_mtim) > *newest)
			*newest = ns(st.st_mtim);
		if (ns(st.st_ctim) > *newest)
			*newest = ns(st.st_ctim);
	}
	buf_putc(out, '\0');
}

/* dir's names (hidden and "_" ones aside) and the state of each; the
 * directory's own times raise *newest (a name removed while go list ran) */
static void directory(struct buf *out, struct strlist *seen, const char *dir,
                      long long *newest)
{
	struct stat st;
	size_t at = out->len + 1;
	char *key = xconcat("L", dir, NULL);

	if (strlist_has(seen, key)) {
		free(key);
		return;
	}
	strlist_add(seen, key);
	if (stat(dir, &st) == 0) {
		if (ns(st.st_mtim) > *newest)
			*newest = ns(st.st_mtim);
		if (ns(st.st_ctim) > *newest)
			*newest = ns(st.st_ctim);
	}
	buf_putc(out, 'L');
	pkgdir_listing(out, dir, "*");
	/* "dir\0*\0name\0...\0\0": the names start after dir and filter */
	at += strlen(dir) + 1 + 2;
	for (size_t n; out->s[at]; at += n + 1) {   /* offsets: state() grows out */
		n = strlen(out->s + at);
		char *path = xconcat(dir, "/", out->s + at, NULL);
		state(out, seen, path, newest);
		free(path);
	}
}

/* the module files beside mod (a go.mod) */
static void module(struct buf *out, struct strlist *seen, const char *mod,
                   long long *newest)
{
	const char *slash = strrchr(mod, '/');
	size_t n = slash ? (size_t)(slash - mod) + 1 : 0;
	static const char *const beside[] = {
		"go.mod", "go.sum", "go.work", "go.work.sum", "vendor/modules.txt",
	};

	for (size_t i = 0; i < sizeof(beside) / sizeof(*beside); i++) {
		char *dir = xstrndup(mod, n), *path = xconcat(dir, beside[i], NULL);
		state(out, seen, path, newest);
		free(dir);
		free(path);
	}
}

void golist_snapshot(struct buf *out, const char *list, size_t len,
                     const struct strlist *extra, long long *newest)
{
	const char *p = list, *end = list + len;
	struct strlist seen = {0};
	struct rec r;

	*newest = 0;
	for (size_t i = 0; extra && i < extra->n; i++)
		state(out, &seen, extra->v[i], newest);
	while (next_rec(&p, end, &r) > 0) {
		const char *q = r.fields, *dir = field(&q, r.end), *mod = field(&q, r.end), *f;
		if (*mod)
			module(out, &seen, mod, newest);
		if (!*dir)
			continue;
		directory(out, &seen, dir, newest);
		/* an embedded file below dir: its directories' names count too */
		while ((f = field(&q, r.end)) && *f) {
			char *sub = xconcat(dir, "/", f, NULL), *slash;
			while ((slash = strrchr(sub, '/')) && slash > sub + strlen(dir)) {
				*slash = '\0';
				directory(out, &seen, sub, newest);
			}
			free(sub);
		}
	}
	strlist_free(&seen);
}

/* "N\n" then N bytes at *p: the bytes, or NULL */
static const char *chunk(const char **p, const char *end, size_t *n)
{
	char *nl;
	const char *s;

	if (*p >= end || !(nl = memchr(*p, '\n', (size_t)(end - *p))))
		return NULL;
	*n = strtoull(*p, NULL, 10);
	s = nl + 1;
	if ((size_t)(end - s) < *n)
		return NULL;
	*p = s + *n;
	return s;
}

char *golist_load(const char *path, const char *key, size_t keylen,
                  const struct strlist *extra, size_t *len)
{
	size_t n = 0, k, sn;
	char *err = NULL, *text = file_read(path, 0, &n, &err), *list = NULL;
	const char *p, *end, *skey, *snap;
	struct buf now = {0};
	long long newest;

	free(err);
	if (!text || n < sizeof(MAGIC) - 1 || memcmp(text, MAGIC, sizeof(MAGIC) - 1) != 0) {
		free(text);
		return NULL;   /* none saved yet: no pointer arithmetic on NULL */
	}
	end = text + n;
	p = text + sizeof(MAGIC) - 1;
	if ((skey = chunk(&p, end, &k)) && k == keylen && memcmp(skey, key, k) == 0 &&
	    (snap = chunk(&p, end, &sn))) {
		*len = (size_t)(end - p);
		golist_snapshot(&now, p, *len, extra, &newest);
		if (now.len == sn && memcmp(now.s, snap, sn) == 0)
			list = xstrndup(p, *len);
	}
	buf_free(&now);
	free(text);
	return list;
}

int golist_save(const char *path, const char *key, size_t keylen, const char *list,
                size_t len, const struct strlist *extra, long long t0)
{
	struct buf snap = {0}, b = {0};
	long long newest;
	char *err = NULL;

	golist_snapshot(&snap, list, len, extra, &newest);
	if (newest < t0 - GRAIN) {
		buf_puts(&b, MAGIC);
		buf_printf(&b, "%zu\n", keylen);
		buf_putn(&b, key, keylen);
		buf_printf(&b, "%zu\n", snap.len);
		buf_putn(&b, snap.s ? snap.s : "", snap.len);
		buf_putn(&b, list, len);
		err = outfile_write(path, b.s, b.len);
	}
	buf_free(&snap);
	buf_free(&b);
	if (!err)
		return 0;
	free(err);
	return -1;
}
