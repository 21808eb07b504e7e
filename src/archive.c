/* archive: reproducible .tar.gz and .zip, built in memory and written once.
 * archive_main only parses argv and reports; the workers return messages. */

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include "util.h"
#include "outfile.h"
#include "sha256.h"
#include "archive.h"

#define USAGE "usage: goninja archive -o OUT.tar.gz|OUT.tgz|OUT.tar|OUT.zip [--prefix DIR/] [--mtime EPOCH] FILE[=NAME]...\n"

static const char usage[] =
	USAGE
	"Write a byte-for-byte reproducible release archive of the files given,\n"
	"in the order given.\n"
	"  FILE=NAME      store FILE as NAME (default: FILE's base name)\n"
	"  --prefix DIR/  put every member under DIR/ (no directory entries)\n"
	"  --mtime EPOCH  the members' time (default: $SOURCE_DATE_EPOCH, else 0)\n"
	"Exit status: 0 written, 1 an input or the output failed, 2 bad usage.\n";

enum {
	BLOCK = 512,                 /* a tar block */
	TAR_NAME = 100,              /* the ustar name field */
	ZIP_MADE_BY = 3 << 8 | 20,   /* UNIX, zip 2.0 */
	ZIP_NEEDED = 20,             /* zip 2.0: deflate */
	ZIP_DEFLATE = 8,
	ZIP_UTF8 = 1 << 11,
};

#define MAX_MTIME 8589934591LL        /* 11 octal digits */
#define MAX_TAR_SIZE 8589934591ULL    /* 11 octal digits */
#define DOS_MIN 315532800LL           /* 1980-01-01 00:00:00 UTC */
#define DOS_MAX 4354819199LL          /* 2107-12-31 23:59:59 UTC */

/* ---- deflate ---- */

/* a raw deflate stream appending to out, with the CRC-32 and length of
 * what went in */
struct zout {
	z_stream z;
	struct buf *out;
	uLong crc;
	uint64_t n;
	bool plain;              /* store, do not deflate (a plain .tar) */
	struct sha256 *raw;      /* NULL, or hashes what went in */
};

static void zout_begin(struct zout *d, struct buf *out)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->crc = crc32(0, Z_NULL, 0);
	if (deflateInit2(&d->z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		fatal("archive: deflateInit2 failed");
}

/* deflate until the pending input is consumed (and, for Z_FINISH, the
 * stream is ended) */
static void zout_run(struct zout *d, int flush)
{
	unsigned char chunk[65536];

	do {
		d->z.next_out = chunk;
		d->z.avail_out = sizeof(chunk);
		if (deflate(&d->z, flush) == Z_STREAM_ERROR)
			fatal("archive: deflate failed");
		buf_putn(d->out, (char *)chunk, sizeof(chunk) - d->z.avail_out);
	} while (d->z.avail_out == 0);
}

static void zout_put(struct zout *d, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n > 0) {
		uInt k = n > 1u << 30 ? 1u << 30 : (uInt)n;

		d->crc = crc32(d->crc, s, k);
		if (d->raw)
			sha256_update(d->raw, s, k);
		if (d->plain) {
			buf_putn(d->out, (const char *)s, k);
		} else {
			d->z.next_in = (Bytef *)s;
			d->z.avail_in = k;
			zout_run(d, Z_NO_FLUSH);
		}
		d->n += k;
		s += k;
		n -= k;
	}
}

static void zout_end(struct zout *d)
{
	if (!d->plain)
		zout_run(d, Z_FINISH);
	deflateEnd(&d->z);
}

/* append v as n little-endian bytes */
static void put_le(struct buf *b, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		buf_putc(b, (char)(v >> (8 * i) & 0xff));
}

/* ---- tar ---- */

/* v as an n-byte field: n-1 octal digits (v must fit) and a NUL */
static void tar_octal(char *f, size_t n, unsigned long long v)
{
	f[n - 1] = '\0';
	for (size_t i = n - 1; i-- > 0; v >>= 3)
		f[i] = (char)('0' + (v & 7));
}

/* the ustar header of a member of type ('0' file, 'x' pax) stored as name
 * (its first 100 bytes) */
static void tar_header(char h[BLOCK], const char *name, char type, unsigned mode,
                       unsigned long long size, long long mtime, const char *owner)
{
	size_t n = strlen(name);
	unsigned sum = 0;

	memset(h, 0, BLOCK);
	memcpy(h, name, n < TAR_NAME ? n : TAR_NAME);
	tar_octal(h + 100, 8, mode);
	tar_octal(h + 108, 8, 0);   /* uid; uname and gname owner, or empty */
	tar_octal(h + 116, 8, 0);   /* gid */
	tar_octal(h + 124, 12, size);
	tar_octal(h + 136, 12, (unsigned long long)mtime);
	memset(h + 148, ' ', 8);
	h[156] = type;
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	if (owner) {
		memcpy(h + 265, owner, strlen(owner) < 31 ? strlen(owner) : 31);
		memcpy(h + 297, owner, strlen(owner) < 31 ? strlen(owner) : 31);
	}
	tar_octal(h + 329, 8, 0);   /* devmajor */
	tar_octal(h + 337, 8, 0);   /* devminor */
	for (int i = 0; i < BLOCK; i++)
		sum += (unsigned char)h[i];
	tar_octal(h + 148, 7, sum);   /* six digits, NUL, and the space left */
}

/* n bytes of member data, zero-padded to a block */
static void tar_data(struct zout *d, const char *p, size_t n)
{
	static const char zero[BLOCK];

	zout_put(d, p, n);
	if (n % BLOCK)
		zout_put(d, zero, BLOCK - n % BLOCK);
}

static size_t digits(size_t n)
{
	size_t k = 1;

	while (n >= 10) {
		n /= 10;
		k++;
	}
	return k;
}

/* the pax record "LEN path=name\n", LEN counting itself */
static char *pax_path(const char *name)
{
	size_t n = strlen("path=") + strlen(name) + 2, len = n + 1;

	while (len != n + digits(len))
		len = n + digits(len);
	return xasprintf("%zu path=%s\n", len, name);
}

/* a pax header for name, which is longer than the ustar name field */
static void tar_pax(struct zout *d, const char *name, long long mtime)
{
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	char *rec = pax_path(name);
	char *hname = xasprintf("PaxHeaders.0/%.87s", base);
	char h[BLOCK];

	tar_header(h, hname, 'x', 0644, strlen(rec), mtime, NULL);
	zout_put(d, h, BLOCK);
	tar_data(d, rec, strlen(rec));
	free(hname);
	free(rec);
}

static void tar_member(struct zout *d, const struct archive_entry *e,
                       const char *data, size_t len, long long mtime)
{
	char h[BLOCK];

	if (strlen(e->name) > TAR_NAME)
		tar_pax(d, e->name, mtime);
	tar_header(h, e->name, e->path || e->data ? '0' : '5', e->mode, len, mtime, NULL);
	zout_put(d, h, BLOCK);
	tar_data(d, data, len);
}

/* the gzip header: deflate, no flags, mtime 0, XFL 2 (level 9), OS 255 */
static const char gzip_header[10] = "\x1f\x8b\x08\0\0\0\0\0\x02\xff";

/* "path: why", freeing why */
static char *path_why(const char *path, char *why)
{
	char *msg = xasprintf("%s: %s", path, why);

	free(why);
	return msg;
}

/* a .tar.gz, or a plain .tar; raw, when not NULL, hashes the tar */
static char *tar_build(const struct archive *a, struct buf *out, struct sha256 *raw)
{
	static const char zero[2 * BLOCK];
	bool gz = a->format == ARCHIVE_TGZ;
	struct zout d;
	char *data, *why;
	size_t len;

	if (gz)
		buf_putn(out, gzip_header, sizeof(gzip_header));
	zout_begin(&d, out);
	d.plain = !gz;
	d.raw = raw;
	for (size_t i = 0; i < a->nentries; i++) {
		const struct archive_entry *e = &a->entries[i];

		if (!e->path) {
			tar_member(&d, e, e->data ? e->data : "", e->len, a->mtime);
			continue;
		}
		if (!(data = file_read(e->path, 0, &len, &why))) {
			deflateEnd(&d.z);
			return path_why(e->path, why);
		}
		if (len > MAX_TAR_SIZE) {
			free(data);
			deflateEnd(&d.z);
			return xasprintf("%s: over 8 GiB, too large for ustar", e->path);
		}
		tar_member(&d, e, data, len, a->mtime);
		free(data);
	}
	zout_put(&d, zero, sizeof(zero));
	zout_end(&d);
	if (gz) {
		put_le(out, d.crc, 4);
		put_le(out, d.n & 0xffffffff, 4);
	}
	return NULL;
}

void archive_tgz_members(const struct tar_member *m, size_t n, long long mtime,
                         const char *owner, struct buf *out)
{
	static const char zero[2 * BLOCK];
	struct zout d;
	char h[BLOCK];

	buf_putn(out, gzip_header, sizeof(gzip_header));
	zout_begin(&d, out);
	for (size_t i = 0; i < n; i++) {
		if (strlen(m[i].name) > TAR_NAME)
			tar_pax(&d, m[i].name, mtime);
		tar_header(h, m[i].name, m[i].data ? '0' : '5', m[i].mode,
		           m[i].data ? m[i].len : 0, mtime, owner);
		zout_put(&d, h, BLOCK);
		if (m[i].data)
			tar_data(&d, m[i].data, m[i].len);
	}
	zout_put(&d, zero, sizeof(zero));
	zout_end(&d);
	put_le(out, d.crc, 4);
	put_le(out, d.n & 0xffffffff, 4);
}

void archive_gzip(const char *data, size_t n, struct buf *out)
{
	struct zout d;

	buf_putn(out, gzip_header, sizeof(gzip_header));
	zout_begin(&d, out);
	zout_put(&d, data, n);
	zout_end(&d);
	put_le(out, d.crc, 4);
	put_le(out, d.n & 0xffffffff, 4);
}

/* ---- zip ---- */

/* what the local and central headers of a member share */
struct zipent {
	uint16_t flags, date, time;
	uint32_t crc, csize, usize, offset;
};

/* t's DOS date and time in UTC, clamped to what DOS times can hold */
static void zip_dostime(long long t, struct zipent *z)
{
	time_t tt = (time_t)(t < DOS_MIN ? DOS_MIN : t > DOS_MAX ? DOS_MAX : t);
	struct tm tm;

	gmtime_r(&tt, &tm);
	z->date = (uint16_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
	z->time = (uint16_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
}

/* the fields from "version needed" to "extra field length" */
static void zip_common(struct buf *b, const struct zipent *z, const char *name)
{
	put_le(b, ZIP_NEEDED, 2);
	put_le(b, z->flags, 2);
	put_le(b, ZIP_DEFLATE, 2);
	put_le(b, z->time, 2);
	put_le(b, z->date, 2);
	put_le(b, z->crc, 4);
	put_le(b, z->csize, 4);
	put_le(b, z->usize, 4);
	put_le(b, strlen(name), 2);
	put_le(b, 0, 2);
}

static bool ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* the local header and data of e at out->len - base into out, its central
 * fields into z */
static char *zip_member(const struct archive_entry *e, long long mtime,
                        struct buf *out, size_t base, struct zipent *z)
{
	struct buf c = {0};
	struct zout d;
	size_t len;
	char *why, *data = file_read(e->path, 0, &len, &why);

	if (!data)
		return path_why(e->path, why);
	zout_begin(&d, &c);
	zout_put(&d, data, len);
	zout_end(&d);
	free(data);
	if (len > UINT32_MAX || c.len > UINT32_MAX || out->len - base > UINT32_MAX) {
		buf_free(&c);
		return xasprintf("%s: over 4 GiB, too large for zip without zip64", e->path);
	}
	*z = (struct zipent){.flags = ascii(e->name) ? 0 : ZIP_UTF8, .crc = (uint32_t)d.crc,
	                     .csize = (uint32_t)c.len, .usize = (uint32_t)len,
	                     .offset = (uint32_t)(out->len - base)};
	zip_dostime(mtime, z);
	put_le(out, 0x04034b50, 4);
	zip_common(out, z, e->name);
	buf_puts(out, e->name);
	buf_putn(out, c.s ? c.s : "", c.len);
	buf_free(&c);
	return NULL;
}

static void zip_central(struct buf *out, const struct archive_entry *e, const struct zipent *z)
{
	put_le(out, 0x02014b50, 4);
	put_le(out, ZIP_MADE_BY, 2);
	zip_common(out, z, e->name);
	put_le(out, 0, 2);   /* comment length */
	put_le(out, 0, 2);   /* disk number */
	put_le(out, 0, 2);   /* internal attributes */
	put_le(out, (uint64_t)(S_IFREG | e->mode) << 16, 4);
	put_le(out, z->offset, 4);
	buf_puts(out, e->name);
}

/* the end of central directory record */
static void zip_end(struct buf *out, size_t n, size_t cdsize, size_t cdoff)
{
	put_le(out, 0x06054b50, 4);
	put_le(out, 0, 2);   /* this disk */
	put_le(out, 0, 2);   /* the central directory's disk */
	put_le(out, n, 2);
	put_le(out, n, 2);
	put_le(out, cdsize, 4);
	put_le(out, cdoff, 4);
	put_le(out, 0, 2);   /* comment length */
}

static char *zip_build(const struct archive *a, struct buf *out)
{
	struct zipent *z = xcalloc(a->nentries, sizeof(*z));
	size_t base = out->len, cd;
	char *err = NULL;

	if (a->nentries > 0xffff)
		err = xasprintf("%zu members, too many for zip without zip64", a->nentries);
	for (size_t i = 0; !err && i < a->nentries; i++)
		if (!a->entries[i].path)
			err = xasprintf("%s: directories and data are for tar only", a->entries[i].name);
	for (size_t i = 0; !err && i < a->nentries; i++)
		err = zip_member(&a->entries[i], a->mtime, out, base, &z[i]);
	cd = out->len - base;
	if (!err && cd > UINT32_MAX)
		err = xasprintf("over 4 GiB, too large for zip without zip64");
	for (size_t i = 0; !err && i < a->nentries; i++)
		zip_central(out, &a->entries[i], &z[i]);
	if (!err && out->len - base > UINT32_MAX)
		err = xasprintf("central directory past 4 GiB, too large for zip without zip64");
	if (!err)
		zip_end(out, a->nentries, out->len - base - cd, cd);
	free(z);
	return err;
}

/* ---- members ---- */

bool archive_format_of(const char *out, enum archive_format *f)
{
	size_t n = strlen(out);
	static const struct { const char *suffix; enum archive_format f; } s[] = {
		{".tar.gz", ARCHIVE_TGZ}, {".tgz", ARCHIVE_TGZ}, {".zip", ARCHIVE_ZIP},
		{".tar", ARCHIVE_TAR},
	};

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		size_t k = strlen(s[i].suffix);

		if (n > k && strcmp(out + n - k, s[i].suffix) == 0) {
			*f = s[i].f;
			return true;
		}
	}
	return false;
}

bool archive_parse_mtime(const char *s, long long *t)
{
	long long v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
		if (v > MAX_MTIME)
			return false;
	}
	*t = v;
	return true;
}

/* why name cannot be stored, or NULL: it must be relative, with no empty,
 * "." or ".." component */
static const char *name_problem(const char *name)
{
	const char *p = name;

	for (;;) {
		size_t n = strcspn(p, "/");

		if (n == 0)
			return p == name ? (*p ? "is absolute" : "is empty") : "has an empty component";
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return "has a . or .. component";
		if (!p[n])
			return NULL;
		p += n + 1;
	}
}

static bool has_name(const struct archive *a, const char *name)
{
	for (size_t i = 0; i < a->nentries; i++)
		if (strcmp(a->entries[i].name, name) == 0)
			return true;
	return false;
}

/* prefix+name, with a '/' between them if prefix lacks one */
static char *join(const char *prefix, const char *name)
{
	size_t n = prefix ? strlen(prefix) : 0;

	if (n == 0)
		return xstrdup(name);
	return xasprintf("%s%s%s", prefix, prefix[n - 1] == '/' ? "" : "/", name);
}

char *archive_add(struct archive *a, const char *arg, const char *prefix)
{
	const char *eq = strrchr(arg, '='), *slash;
	char *path = eq ? xstrndup(arg, (size_t)(eq - arg)) : xstrdup(arg);
	char *name, *err = NULL;
	const char *why;
	struct stat st;

	slash = strrchr(path, '/');
	name = join(prefix, eq ? eq + 1 : slash ? slash + 1 : path);
	if (stat(path, &st) < 0)
		err = xasprintf("%s: %s", path, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		err = xasprintf("%s: not a regular file", path);
	else if ((why = name_problem(name)))
		err = xasprintf("%s: the name \"%s\" %s", arg, name, why);
	else if (has_name(a, name))
		err = xasprintf("%s: \"%s\" is already in the archive", arg, name);
	if (err) {
		free(path);
		free(name);
		return err;
	}
	a->entries = xrealloc(a->entries, (a->nentries + 1) * sizeof(*a->entries));
	a->entries[a->nentries++] = (struct archive_entry){path, name, st.st_mode & 0111 ? 0755 : 0644, NULL, 0};
	return NULL;
}

char *archive_add_data(struct archive *a, const char *name, const char *data, size_t len)
{
	const char *why = name_problem(name);

	if (why)
		return xasprintf("\"%s\" %s", name, why);
	if (has_name(a, name))
		return xasprintf("\"%s\" is already in the archive", name);
	a->entries = xrealloc(a->entries, (a->nentries + 1) * sizeof(*a->entries));
	a->entries[a->nentries] = (struct archive_entry){NULL, xstrdup(name), 0644, xmalloc(len + 1), len};
	memcpy(a->entries[a->nentries++].data, data, len);
	return NULL;
}

char *archive_add_dir(struct archive *a, const char *name)
{
	const char *why = name_problem(name);
	char *stored = xconcat(name, "/", NULL);

	if (why || has_name(a, stored)) {
		char *err = why ? xasprintf("directory \"%s\" %s", name, why)
		                : xasprintf("\"%s\" is already in the archive", stored);
		free(stored);
		return err;
	}
	a->entries = xrealloc(a->entries, (a->nentries + 1) * sizeof(*a->entries));
	a->entries[a->nentries++] = (struct archive_entry){NULL, stored, 0755, NULL, 0};
	return NULL;
}

char *archive_build(const struct archive *a, struct buf *out)
{
	return a->format == ARCHIVE_ZIP ? zip_build(a, out) : tar_build(a, out, NULL);
}

char *archive_build_hashed(const struct archive *a, struct buf *out, char tar_sha[65])
{
	struct sha256 c;
	unsigned char d[32];
	char *err;

	if (a->format == ARCHIVE_ZIP)
		return xasprintf("a zip has no tar to hash");
	sha256_init(&c);
	if ((err = tar_build(a, out, &c)))
		return err;
	sha256_final(&c, d);
	for (int i = 0; i < 32; i++)
		snprintf(tar_sha + 2 * i, 3, "%02x", d[i]);
	return NULL;
}

/* ---- extraction (smoke runs from the archive) ---- */

enum { MAXEXTRACT = 1 << 30 };  /* bytes an archive may inflate to */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	return remove(path);
}

/* inflate n bytes at p (gzip if gz, else raw deflate) into out */
static char *inflate_all(const unsigned char *p, size_t n, bool gz, struct buf *out)
{
	z_stream z = {0};
	unsigned char chunk[65536];
	int rc = Z_OK;

	if (inflateInit2(&z, gz ? 16 + MAX_WBITS : -MAX_WBITS) != Z_OK)
		return xstrdup("zlib: inflateInit2 failed");
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)n;
	while (rc != Z_STREAM_END) {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = inflate(&z, Z_NO_FLUSH);
		if ((rc != Z_OK && rc != Z_STREAM_END) || (rc == Z_OK && z.avail_out == sizeof(chunk)))
			break;
		buf_putn(out, (const char *)chunk, sizeof(chunk) - z.avail_out);
		if (out->len > MAXEXTRACT)
			break;
	}
	inflateEnd(&z);
	return rc == Z_STREAM_END ? NULL : xstrdup("corrupt or truncated compressed data");
}

/* write n bytes as dir/name with mode; NULL or a message */
static char *put_member(const char *dir, const char *name, const char *p, size_t n,
                        unsigned mode)
{
	char *path, *slash, *err = NULL;

	if (!*name || name[0] == '/' || strstr(name, "..") || name[strlen(name) - 1] == '/')
		return xasprintf("refusing member name \"%s\"", name);
	path = xconcat(dir, "/", name, NULL);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0777);
		*slash = '/';
	}
	err = outfile_save(path, p, n, mode & 0777);
	free(path);
	return err;
}

/* the octal number in the n bytes at p */
static unsigned long long octal(const char *p, size_t n)
{
	unsigned long long v = 0;

	for (size_t i = 0; i < n && p[i] >= '0' && p[i] <= '7'; i++)
		v = v * 8 + (unsigned long long)(p[i] - '0');
	return v;
}

/* the "path=" record of a pax header of n bytes, or NULL */
static char *pax_name(const char *p, size_t n)
{
	for (size_t off = 0; off < n;) {
		char *end;
		unsigned long len = strtoul(p + off, &end, 10);
		const char *kv = end + 1;

		if (len == 0 || len > n - off || end >= p + off + len)
			return NULL;
		if (strncmp(kv, "path=", 5) == 0)
			return xstrndup(kv + 5, (size_t)(p + off + len - 1 - (kv + 5)));
		off += len;
	}
	return NULL;
}

static char *untar(const struct buf *t, const char *dir)
{
	char *longname = NULL, *err = NULL;

	for (size_t off = 0; !err && off + 512 <= t->len; ) {
		const char *h = t->s + off;
		unsigned long long size = octal(h + 124, 12);
		char *name;

		if (!h[0])
			break;
		if (size > t->len - off - 512)
			return free(longname), xstrdup("truncated tar member");
		if (h[156] == 'x') {
			free(longname);
			longname = pax_name(h + 512, (size_t)size);
		} else if (h[156] == '0' || h[156] == '\0') {
			name = longname ? longname : h[345]
			       ? xasprintf("%.155s/%.100s", h + 345, h) : xstrndup(h, strnlen(h, 100));
			err = put_member(dir, name, h + 512, (size_t)size, (unsigned)octal(h + 100, 8));
			free(name);
			longname = NULL;
		}
		off += 512 + ((size + 511) & ~511ULL);
	}
	free(longname);
	return err;
}

static uint32_t le(const unsigned char *p, int n)
{
	uint32_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

/* one central directory entry at c (within p, len); NULL or a message */
static char *unzip_one(const unsigned char *p, size_t len, const unsigned char *c,
                       const char *dir)
{
	uint32_t method = le(c + 10, 2), csize = le(c + 20, 4), size = le(c + 24, 4);
	uint32_t nlen = le(c + 28, 2), loc = le(c + 42, 4);
	char *name = xstrndup((const char *)c + 46, nlen), *err = NULL;
	struct buf data = {0};
	size_t at;

	if (loc > len || len - loc < 30 || le(p + loc, 4) != 0x04034b50) {
		err = xasprintf("zip member %s: bad local header", name);
	} else if ((at = loc + 30 + le(p + loc + 26, 2) + le(p + loc + 28, 2)) > len ||
	           csize > len - at) {
		err = xasprintf("zip member %s: truncated", name);
	} else if (method == 0) {
		buf_putn(&data, (const char *)p + at, csize);
	} else if (method != 8) {
		err = xasprintf("zip member %s: method %u", name, (unsigned)method);
	} else if ((err = inflate_all(p + at, csize, false, &data))) {
		char *e = xasprintf("zip member %s: %s", name, err);
		free(err);
		err = e;
	}
	if (!err && data.len != size)
		err = xasprintf("zip member %s: size %zu, want %u", name, data.len, (unsigned)size);
	if (!err && name[nlen ? nlen - 1 : 0] != '/')
		err = put_member(dir, name, data.s ? data.s : "", data.len, le(c + 38, 4) >> 16);
	buf_free(&data);
	free(name);
	return err;
}

static char *unzip(const unsigned char *p, size_t len, const char *dir)
{
	size_t e = len >= 22 ? len - 22 : 0, off;
	char *err = NULL;
	uint32_t n;

	while (e > 0 && le(p + e, 4) != 0x06054b50 && len - e < 22 + 65535)
		e--;
	if (len < 22 || le(p + e, 4) != 0x06054b50)
		return xstrdup("not a zip file (no end of central directory)");
	n = le(p + e + 10, 2);
	off = le(p + e + 16, 4);
	for (uint32_t i = 0; i < n && !err; i++) {
		if (off > len || len - off < 46 || le(p + off, 4) != 0x02014b50 ||
		    len - off - 46 < le(p + off + 28, 2))
			return xstrdup("bad zip central directory");
		err = unzip_one(p, len, p + off, dir);
		off += 46 + le(p + off + 28, 2) + le(p + off + 30, 2) + le(p + off + 32, 2);
	}
	return err;
}

char *archive_extract(const char *path, const char *dir)
{
	enum archive_format f;
	struct buf t = {0};
	size_t len;
	char *data, *err;

	if (!archive_format_of(path, &f))
		return xasprintf("%s: not a .tar.gz or .zip", path);
	if (!(data = file_read(path, MAXEXTRACT, &len, &err))) {
		char *e = xasprintf("%s: %s", path, err);
		free(err);
		return e;
	}
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	if (mkdir(dir, 0777) < 0) {
		free(data);
		return xasprintf("%s: %s", dir, strerror(errno));
	}
	if (f == ARCHIVE_ZIP) {
		err = unzip((const unsigned char *)data, len, dir);
	} else if (!(err = inflate_all((const unsigned char *)data, len, true, &t))) {
		err = untar(&t, dir);
	}
	if (err) {
		char *e = xasprintf("%s: %s", path, err);
		free(err);
		err = e;
	}
	buf_free(&t);
	free(data);
	return err;
}

void archive_free(struct archive *a)
{
	for (size_t i = 0; i < a->nentries; i++) {
		free(a->entries[i].path);
		free(a->entries[i].name);
		free(a->entries[i].data);
	}
	free(a->entries);
	a->entries = NULL;
	a->nentries = 0;
}

/* ---- the command ---- */

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "goninja: archive: %s%s\n" USAGE, msg, arg);
	return 2;
}


/* the default mtime: $SOURCE_DATE_EPOCH if set and not empty, else 0 */
static int env_mtime(long long *t)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");

	*t = 0;
	if (!s || !*s || archive_parse_mtime(s, t))
		return 0;
	return usage_error("SOURCE_DATE_EPOCH is not a number of seconds: ", s);
}

struct args {
	const char *out, *prefix, *mtime;
	struct strlist files;   /* borrowed from argv */
};

/* parse argv (argv[0] is "archive"); -1 on --help, 2 on bad usage, else 0 */
static int archive_args(int argc, char **argv, struct args *g)
{
	const char *v;
	bool opts = true;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!opts || a[0] != '-' || a[1] == '\0')
			strlist_add(&g->files, (char *)a);
		else if (strcmp(a, "--") == 0)
			opts = false;
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return -1;
		else if ((v = opt_value(argc, argv, &i, "-o")))
			g->out = v;
		else if ((v = opt_value(argc, argv, &i, "--prefix")))
			g->prefix = v;
		else if ((v = opt_value(argc, argv, &i, "--mtime")))
			g->mtime = v;
		else
			return usage_error("unknown option: ", a);
	}
	if (!g->out || !*g->out)
		return usage_error("no output: -o OUT.tar.gz or -o OUT.zip", "");
	return g->files.n ? 0 : usage_error("no files given", "");
}

/* the archive g describes, from its options; 0, 1 or 2 as archive_main */
static int archive_setup(const struct args *g, struct archive *a)
{
	char *err;

	if (!archive_format_of(g->out, &a->format))
		return usage_error("-o must end in .tar.gz, .tgz, .tar or .zip, not: ", g->out);
	if (g->mtime && !archive_parse_mtime(g->mtime, &a->mtime))
		return usage_error("--mtime takes seconds since 1970 (up to 8589934591), not: ", g->mtime);
	if (!g->mtime && env_mtime(&a->mtime))
		return 2;
	for (size_t i = 0; i < g->files.n; i++) {
		if ((err = archive_add(a, g->files.v[i], g->prefix))) {
			fprintf(stderr, "goninja: archive: %s\n", err);
			free(err);
			return 1;
		}
	}
	return 0;
}

/* build a and write it to out; 0 or 1 */
static int archive_run(const struct archive *a, const char *out)
{
	struct buf b = {0};
	char *err = archive_build(a, &b);

	if (!err)
		err = outfile_save(out, b.s ? b.s : "", b.len, 0644);
	buf_free(&b);
	if (!err)
		return 0;
	fprintf(stderr, "goninja: archive: %s\n", err);
	free(err);
	return 1;
}

int archive_main(int argc, char **argv)
{
	struct args g = {0};
	struct archive a = {0};
	int status = archive_args(argc, argv, &g);

	if (status == -1) {
		fputs(usage, stdout);
		status = 0;
	} else if (status == 0 && (status = archive_setup(&g, &a)) == 0) {
		status = archive_run(&a, g.out);
	}
	archive_free(&a);
	free(g.files.v);
	return status;
}
