/* util: fatal errors, allocation that never fails, growable buffers */

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct buf {
	char *s;     /* NUL-terminated */
	size_t len, cap;
	/* when set, a buffer grown to BUF_FLUSH bytes hands all but its last
	 * BUF_KEEP bytes to flush instead of growing further (so a writer may
	 * still take back that many) */
	void (*flush)(void *sink, const char *s, size_t n);
	void *sink;
};

#define BUF_FLUSH (64u << 10)
#define BUF_KEEP 256u

struct strlist {
	char **v;
	size_t n, cap;
};

/* print "goninja: msg" and exit 2; a format ending in ':' appends strerror */
_Noreturn void fatal(const char *fmt, ...);
/* print "goninja: warning: msg" to stderr */
void warn(const char *fmt, ...);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string */
char *xasprintf(const char *fmt, ...);
/* the strings up to a NULL joined into a new one: cheaper than xasprintf */
char *xconcat(const char *s, ...);

void buf_putc(struct buf *b, char c);
void buf_putn(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...);
void buf_putnum(struct buf *b, size_t n);
/* s as a JSON string, quotes included; invalid UTF-8 becomes U+FFFD */
void buf_json(struct buf *b, const char *s);
/* hand everything b holds to its flush */
void buf_flush(struct buf *b);
void buf_free(struct buf *b);

void strlist_add(struct strlist *l, char *s);   /* takes ownership */
bool strlist_has(const struct strlist *l, const char *s);
void strlist_sort(struct strlist *l);
void strlist_free(struct strlist *l);

/* strings numbered in the order first added, found again by hashing */
struct intern {
	struct strlist list;
	size_t *slots;    /* index + 1, 0 for empty */
	size_t cap;
};

/* the number of s in in, adding a copy when new */
size_t intern_add(struct intern *in, const char *s);
/* whether in holds s */
bool intern_has(const struct intern *in, const char *s);
void intern_free(struct intern *in);

/* the value of option name at argv[*i], given as "name=V" or "name V"
 * (then *i advances); NULL if argv[*i] is another option, "" if missing */
const char *opt_value(int argc, char **argv, int *i, const char *name);

/* edits from a to b, a swap of neighbours counting one ("mian" -> "main");
 * (size_t)-1 for strings of 64 bytes or more */
size_t str_distance(const char *a, const char *b);
/* the candidate closest to word, or NULL when none is within a third of it */
const char *str_nearest(const char *word, const char *const *cands, size_t n);

/* read a whole regular file, of at most max bytes unless max is 0; a FIFO,
 * device or directory is refused unopened. NULL on failure, with errno
 * (EFBIG: too large, EINVAL: not a regular file) and, when err is not NULL,
 * *err its message (caller frees): "is a FIFO, not a regular file", "is
 * larger than 1 GiB" or strerror */
char *file_read(const char *path, size_t max, size_t *len, char **err);
/* NULL when path, its links resolved, is inside the working directory (the
 * project); else why not: "it resolves to /etc/passwd, outside the project
 * directory" or strerror (caller frees) */
char *file_outside(const char *path);
/* "a directory", "a FIFO", "a symbolic link" ... for a file's st_mode */
const char *file_kind(mode_t mode);
/* n bytes in words: "64 MiB", "1 GiB", "1000 bytes" */
char *size_words(size_t n);
