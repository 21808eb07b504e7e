#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"

static void vmsg(const char *prefix, const char *fmt, va_list ap)
{
	size_t n = strlen(fmt);

	fprintf(stderr, "goninja: %s", prefix);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(errno));
	fputc('\n', stderr);
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
	exit(2);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		fatal("malloc:");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		fatal("calloc:");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		fatal("realloc:");
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

static void buf_vprintf(struct buf *b, const char *fmt, va_list ap);

static char *xvasprintf(const char *fmt, va_list ap)
{
	struct buf b = {0};

	buf_vprintf(&b, fmt, ap);
	return b.s ? b.s : xstrdup("");
}

char *xconcat(const char *s, ...)
{
	va_list ap;
	size_t n = 0;
	char *d, *p;

	va_start(ap, s);
	for (const char *t = s; t; t = va_arg(ap, const char *))
		n += strlen(t);
	va_end(ap);
	p = d = xmalloc(n + 1);
	va_start(ap, s);
	for (const char *t = s; t; t = va_arg(ap, const char *)) {
		size_t k = strlen(t);
		memcpy(p, t, k);
		p += k;
	}
	va_end(ap);
	*p = '\0';
	return d;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/* hand b's bytes but the last keep to its flush */
static void buf_spill(struct buf *b, size_t keep)
{
	size_t n = b->len - keep;

	b->flush(b->sink, b->s, n);
	memmove(b->s, b->s + n, keep + 1);
	b->len = keep;
}

void buf_flush(struct buf *b)
{
	if (b->flush && b->len)
		buf_spill(b, 0);
}

static void buf_grow(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	if (b->flush && b->cap >= BUF_FLUSH && b->len > BUF_KEEP) {
		buf_spill(b, BUF_KEEP);
		if (b->len + extra + 1 <= b->cap)
			return;
	}
	b->cap = b->cap ? b->cap * 2 : 256;
	while (b->cap < b->len + extra + 1)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void buf_putnum(struct buf *b, size_t n)
{
	char digits[24];
	size_t i = sizeof(digits);

	do
		digits[--i] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	buf_putn(b, digits + i, sizeof(digits) - i);
}

void buf_putn(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_putc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_putn(b, s, strlen(s));
}

/* the length of a conversion buf_vprintf does itself at fmt ("%s",
 * "%d", "%c", "%%", "%zu", "%.*s"), or 0 */
static size_t plain_spec(const char *fmt)
{
	switch (fmt[1]) {
	case 's': case 'd': case 'c': case '%':
		return 2;
	case 'z':
		return fmt[2] == 'u' ? 3 : 0;
	case '.':
		return fmt[2] == '*' && fmt[3] == 's' ? 4 : 0;
	default:
		return 0;
	}
}

/* whether fmt holds only conversions buf_vprintf does itself: most of
 * goninja's formats, many per cell */
static bool plain_format(const char *fmt)
{
	size_t n;

	for (; (fmt = strchr(fmt, '%')); fmt += n)
		if (!(n = plain_spec(fmt)))
			return false;
	return true;
}

static void put_plain(struct buf *b, const char *fmt, va_list ap)
{
	const char *p, *s;
	long long d;
	int prec;

	for (; (p = strchr(fmt, '%')); fmt = p + plain_spec(p)) {
		buf_putn(b, fmt, (size_t)(p - fmt));
		switch (p[1]) {
		case 's':
			s = va_arg(ap, const char *);
			buf_puts(b, s ? s : "(null)");   /* as glibc prints it */
			break;
		case '.':   /* %.*s: at most prec bytes; a negative one is none */
			prec = va_arg(ap, int);
			s = va_arg(ap, const char *);
			if (!s)   /* glibc: "(null)" if it fits, else nothing */
				s = prec < 0 || prec >= 6 ? "(null)" : "";
			buf_putn(b, s, prec < 0 ? strlen(s) : strnlen(s, (size_t)prec));
			break;
		case 'd':
			if ((d = va_arg(ap, int)) < 0)
				buf_putc(b, '-');
			buf_putnum(b, (size_t)(d < 0 ? -d : d));
			break;
		case 'c':
			buf_putc(b, (char)va_arg(ap, int));
			break;
		case 'z':
			buf_putnum(b, va_arg(ap, size_t));
			break;
		default:
			buf_putc(b, '%');
		}
	}
	buf_puts(b, fmt);
}

/* formatted straight into b: a second pass only when it outgrows the room */
static void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	size_t room;
	int n;

	if (plain_format(fmt)) {
		put_plain(b, fmt, ap);
		return;
	}
	buf_grow(b, 64);
	room = b->cap - b->len;
	va_copy(aq, ap);
	n = vsnprintf(b->s + b->len, room, fmt, aq);
	va_end(aq);
	if (n < 0)
		fatal("vsnprintf:");
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void strlist_add(struct strlist *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

bool strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void strlist_sort(struct strlist *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmpstr);
}

void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* the length of the valid UTF-8 sequence at s, or 0 */
static size_t utf8_len(const unsigned char *s)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] < 0xc2 ? 0 : s[0] < 0xe0 ? 2 :
	           s[0] < 0xf0 ? 3 : s[0] < 0xf5 ? 4 : 0;

	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
		return 0;  /* overlong, surrogate or past U+10FFFF */
	return n;
}

/* append s as a JSON string; invalid UTF-8 becomes U+FFFD */
void buf_json(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	buf_putc(b, '"');
	for (; *p; p += n ? n : 1) {
		n = utf8_len(p);
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p == '\t')
			buf_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\u%04x", *p);
		else if (n)
			buf_putn(b, (const char *)p, n);
		else
			buf_puts(b, "\\ufffd");
	}
	buf_putc(b, '"');
}

/* eight bytes at a time: interned strings are whole command lines */
static size_t hash(const char *s)
{
	size_t n = strlen(s), i = 0;
	uint64_t h = 0x9e3779b97f4a7c15u ^ n, w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9u;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s + i, n - i);
	h = (h ^ w) * 0x94d049bb133111ebu;
	return (size_t)(h ^ h >> 32);
}

static void intern_grow(struct intern *in)
{
	size_t cap = in->cap ? in->cap * 2 : 64;
	size_t *slots = xcalloc(cap, sizeof(*slots));

	for (size_t i = 0; i < in->list.n; i++) {
		size_t j = hash(in->list.v[i]) & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = i + 1;
	}
	free(in->slots);
	in->slots = slots;
	in->cap = cap;
}

size_t intern_add(struct intern *in, const char *s)
{
	size_t j;

	if ((in->list.n + 1) * 2 > in->cap)
		intern_grow(in);
	for (j = hash(s) & (in->cap - 1); in->slots[j]; j = (j + 1) & (in->cap - 1))
		if (strcmp(in->list.v[in->slots[j] - 1], s) == 0)
			return in->slots[j] - 1;
	strlist_add(&in->list, xstrdup(s));
	in->slots[j] = in->list.n;
	return in->list.n - 1;
}

bool intern_has(const struct intern *in, const char *s)
{
	if (!in->cap)
		return false;
	for (size_t j = hash(s) & (in->cap - 1); in->slots[j]; j = (j + 1) & (in->cap - 1))
		if (strcmp(in->list.v[in->slots[j] - 1], s) == 0)
			return true;
	return false;
}

void intern_free(struct intern *in)
{
	strlist_free(&in->list);
	free(in->slots);
	in->slots = NULL;
	in->cap = 0;
}

const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) != 0 || (a[n] != '=' && a[n] != '\0'))
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	return *i + 1 < argc ? argv[++*i] : "";
}

char *file_outside(const char *path)
{
	char *real = realpath(path, NULL), *root = realpath(".", NULL), *why = NULL;
	size_t n = root ? strlen(root) : 0;

	if (!real || !root)
		why = xstrdup(strerror(errno));
	else if (strncmp(real, root, n) != 0 || (real[n] && real[n] != '/' && n > 1))
		why = xasprintf("it resolves to %s, outside the project directory", real);
	free(real);
	free(root);
	return why;
}

const char *file_kind(mode_t mode)
{
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	return S_ISREG(mode) ? "a regular file" : "not a regular file";
}

char *size_words(size_t n)
{
	if (n >= 1u << 30 && n % (1u << 30) == 0)
		return xasprintf("%zu GiB", n >> 30);
	if (n >= 1u << 20 && n % (1u << 20) == 0)
		return xasprintf("%zu MiB", n >> 20);
	return xasprintf("%zu bytes", n);
}

/* NULL with errno e, and *err its message when err is not NULL */
static char *read_fail(char **err, int e, char *msg)
{
	if (err)
		*err = msg ? msg : xstrdup(strerror(e));
	else
		free(msg);
	errno = e;
	return NULL;
}

static char *too_big(char **err, size_t max)
{
	char *words = size_words(max), *msg = xasprintf("is larger than %s", words);

	free(words);
	return read_fail(err, EFBIG, msg);
}

static char *not_regular(char **err, mode_t mode)
{
	return read_fail(err, EINVAL, xasprintf("is %s, not a regular file", file_kind(mode)));
}

/* the rest of fd, up to max bytes when max is not 0 */
static char *read_fd(int fd, size_t size, size_t max, size_t *len, char **err)
{
	size_t n = 0, cap = size + 1 > 4096 ? size + 1 : 4096;
	char *s = xmalloc(cap);
	ssize_t r;

	while ((r = read(fd, s + n, cap - n - 1)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(s);
			return read_fail(err, errno, NULL);
		}
		n += (size_t)r;
		if (max && n > max) {
			free(s);
			return too_big(err, max);
		}
		if (n + 1 == cap)
			s = xrealloc(s, cap *= 2);
	}
	s[n] = '\0';
	if (len)
		*len = n;
	return s;
}

char *file_read(const char *path, size_t max, size_t *len, char **err)
{
	struct stat st;
	char *s = NULL;
	int fd;

	/* stat before open: opening a FIFO or a device may block or act */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return not_regular(err, st.st_mode);
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0)
		read_fail(err, errno, NULL);
	else if (!S_ISREG(st.st_mode))   /* replaced since the stat */
		not_regular(err, st.st_mode);
	else if (max && (uintmax_t)st.st_size > max)
		too_big(err, max);
	else
		s = read_fd(fd, (size_t)st.st_size, max, len, err);
	if (fd >= 0) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return s;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	return a < b ? (a < c ? a : c) : (b < c ? b : c);
}

size_t str_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[64][64];

	if (la >= 64 || lb >= 64)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
			               d[i - 1][j - 1] + (a[i - 1] != b[j - 1]));
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	return d[la][lb];
}

const char *str_nearest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, limit = strlen(word) / 3 > 1 ? strlen(word) / 3 : 1;

	for (size_t i = 0; i < n; i++) {
		size_t d = str_distance(word, cands[i]);
		if (d < bestd || (d == bestd && best && strcmp(cands[i], best) < 0)) {
			bestd = d;
			best = cands[i];
		}
	}
	return bestd <= limit ? best : NULL;
}
