/* archive: the "goninja archive" command; byte-for-byte reproducible
 * .tar.gz and .zip release archives.  Needs util.h included first.
 *
 * Members are stored in the order given, regular files only, no directory
 * entries (GoReleaser's layout) unless archive_add_dir adds them (image
 * layers; tar only).  Every member gets mode 0755 if its file has
 * any execute bit, else 0644; owner and group 0/0 with empty owner names; one
 * mtime for all (--mtime, else SOURCE_DATE_EPOCH, else 0); no atime or ctime.
 *
 * tar.gz (and .tar, the same tar uncompressed): ustar, NUL-terminated
 * octal fields, a pax 'x' header ("path=") only for names over 100 bytes, two zero blocks, no padding to 10240 bytes.
 * gzip header: no name, mtime 0, XFL 2, OS 255 (unknown, as Go's
 * compress/gzip writes).  zip: version made by 0x0314 (UNIX, 2.0), needed
 * 20, deflate, DOS time in UTC (clamped to 1980..2107), no extra fields, no
 * data descriptors, the unix mode in the external attributes, UTF-8 flag only
 * for non-ASCII names, no zip64 (members and offsets under 4 GiB).
 * Deflate is zlib's at level 9, window 15, memLevel 8, default strategy: the
 * bytes depend only on the zlib linked in. */

enum archive_format {
	ARCHIVE_TGZ,  /* OUT.tar.gz or OUT.tgz */
	ARCHIVE_ZIP,  /* OUT.zip */
	ARCHIVE_TAR,  /* OUT.tar: the tar.gz's tar, not compressed */
};

/* one member: a file on disk and the name it is stored under */
struct archive_entry {
	char *path;     /* the file to read; NULL: data, or a directory (tar only) */
	char *name;     /* the stored name, prefix included */
	unsigned mode;  /* 0755 or 0644 */
	char *data;     /* the bytes stored when path is NULL; NULL: a directory */
	size_t len;
};

struct archive {
	enum archive_format format;
	long long mtime;                 /* seconds since the epoch, >= 0 */
	struct archive_entry *entries;   /* in the order stored */
	size_t nentries;
};

/* the format out's suffix names into *f; false if it names none */
bool archive_format_of(const char *out, enum archive_format *f);
/* parse a decimal epoch (0 .. 8589934591, the ustar limit) into *t */
bool archive_parse_mtime(const char *s, long long *t);
/* add FILE[=NAME] (split at the last '=') as prefix+NAME, prefix may be
 * NULL; NULL, or an allocated message (missing file, bad or duplicate name) */
char *archive_add(struct archive *a, const char *arg, const char *prefix);
/* add a copy of data[0..len) as name (mode 0644), tar only; NULL, or an
 * allocated message */
char *archive_add_data(struct archive *a, const char *name, const char *data, size_t len);
/* add the directory entry name/ (mode 0755); NULL, or an allocated message */
char *archive_add_dir(struct archive *a, const char *name);
/* append a's archive to out; NULL, or an allocated message (out may then
 * hold part of it) */
char *archive_build(const struct archive *a, struct buf *out);
/* archive_build for a tar or tar.gz, with the SHA-256 of the tar (before
 * compression: an OCI layer's diff_id) as hex into tar_sha */
char *archive_build_hashed(const struct archive *a, struct buf *out, char tar_sha[65]);
/* extract every regular member of the .tar.gz or .zip at path into dir,
 * which is emptied first; names that are absolute or hold ".." are refused.
 * NULL, or an allocated message */
char *archive_extract(const char *path, const char *dir);
/* free a's entries and empty it */
void archive_free(struct archive *a);
/* one tar member from memory: a directory when data is NULL */
struct tar_member {
	const char *name;
	unsigned mode;
	const char *data;
	size_t len;
};

/* append a .tar.gz of the n members in order: uid and gid 0, named owner
 * (NULL: unnamed), mtime for all */
void archive_tgz_members(const struct tar_member *m, size_t n, long long mtime,
                         const char *owner, struct buf *out);
/* append data gzip-compressed as the archives are (level 9, no name, mtime 0) */
void archive_gzip(const char *data, size_t n, struct buf *out);
/* goninja archive -o OUT.tar.gz|OUT.zip [--prefix DIR/] [--mtime EPOCH] FILE[=NAME]... */
int archive_main(int argc, char **argv);
