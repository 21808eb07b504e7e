/* tests for archive and fat: the same bytes from the same arguments in
 * different directories; GNU tar, gzip, python3's zipfile and file(1)
 * reading what was written; error cases leaving no output; and a universal
 * binary of two Go-built darwin programs that inspect_parse reads back
 * (skipped when go is not on PATH). */

#include "cmocka.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include "../src/util.h"
#include "../src/archive.h"
#include "../src/fat.h"
#include "../src/inspect.h"

#define MTIME "1700000000"          /* 2023-11-14 22:13:20 UTC */
#define MTIME_TEXT "2023-11-14 22:13"

static struct strlist tmpdirs;      /* removed at the end */

/* ---- helpers ---- */

/* a new empty directory */
static char *tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *d = xasprintf("%s/goninja-archive.XXXXXX", t && *t ? t : "/tmp");

	assert_non_null(mkdtemp(d));
	strlist_add(&tmpdirs, xstrdup(d));
	return d;
}

static void put_file(const char *dir, const char *name, const char *data, mode_t mode)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "wb");

	assert_non_null(f);
	fputs(data, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(p, mode), 0);
	free(p);
}

static char *slurp(const char *path, size_t *len)
{
	char *s = file_read(path, 0, len, NULL);

	if (!s)
		fail_msg("%s: %s", path, strerror(errno));
	return s;
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* whether dir holds a temporary file of the writer: NAME.goninja-XXXXXXXX */
static bool has_temp(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;

	while (d && (e = readdir(d)))
		found |= strstr(e->d_name, ".goninja-") != NULL;
	if (d)
		closedir(d);
	return found;
}

/* the output (stdout and stderr) of a shell command; its exit status in *rc */
static char *run(int *rc, const char *fmt, ...)
{
	va_list ap;
	struct buf b = {0}, cmd = {0};
	char chunk[4096];
	size_t n;
	FILE *p;
	char *s;

	va_start(ap, fmt);
	assert_true(vsnprintf(chunk, sizeof(chunk), fmt, ap) < (int)sizeof(chunk));
	va_end(ap);
	buf_printf(&cmd, "(%s) 2>&1", chunk);
	assert_non_null(p = popen(cmd.s, "r"));
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_putn(&b, chunk, n);
	s = b.s ? b.s : xstrdup("");
	*rc = pclose(p);
	buf_free(&cmd);
	return s;
}

/* fn(argc, argv) with cwd dir and stderr captured into *err */
static int call_in(int (*fn)(int, char **), const char *dir, const char *const *args,
                   char **err)
{
	char *cwd = getcwd(NULL, 0), *t = tmpdir(), *errpath = xasprintf("%s/stderr", t);
	int argc = 0, rc, saved, fd;

	while (args[argc])
		argc++;
	fflush(stderr);
	saved = dup(2);
	fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(saved >= 0 && fd >= 0 && dup2(fd, 2) == 2);
	close(fd);
	assert_int_equal(chdir(dir), 0);
	rc = fn(argc, (char **)args);
	assert_int_equal(chdir(cwd), 0);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	*err = slurp(errpath, NULL);
	free(errpath);
	free(t);
	free(cwd);
	return rc;
}

/* archive args in dir; it must succeed */
static void archive_ok(const char *dir, const char *const *args)
{
	char *err;
	int rc = call_in(archive_main, dir, args, &err);

	if (rc != 0)
		fail_msg("archive failed (%d): %s", rc, err);
	assert_string_equal(err, "");
	free(err);
}

/* the files every archive test stores, made in a new directory with mtime
 * t (which must not matter) */
static char *fixture(time_t t)
{
	char *d = tmpdir(), *p;
	static const char *const names[] = {"server", "README.md", "empty", "sub/notes.txt"};
	struct timeval tv[2] = {{t, 0}, {t, 0}};

	p = xasprintf("%s/sub", d);
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
	put_file(d, "server", "\177ELF pretend binary\n", 0750);
	put_file(d, "README.md", "# hello\n", 0664);
	put_file(d, "empty", "", 0600);
	put_file(d, "sub/notes.txt", "notes\n", 0744);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		p = xasprintf("%s/%s", d, names[i]);
		assert_int_equal(utimes(p, tv), 0);
		free(p);
	}
	return d;
}

/* a name of n bytes: "long/" then 'x's */
static char *long_name(size_t n)
{
	char *s = xmalloc(n + 1);

	memcpy(s, "long/", 5);
	memset(s + 5, 'x', n - 5);
	s[n] = '\0';
	return s;
}

/* ---- tar.gz ---- */

/* archive the fixture as out (relative to a fresh fixture); its directory */
static char *make_tgz(time_t t, const char *out, const char *name150)
{
	char *d = fixture(t), *arg = xasprintf("README.md=%s", name150);
	const char *args[] = {"archive", "-o", out, "--mtime", MTIME, "--prefix", "pkg-1.0/",
	                      "server", "README.md=docs/README.md", "empty",
	                      "sub/notes.txt", arg, NULL};

	archive_ok(d, args);
	free(arg);
	return d;
}

static void tgz_same_bytes(void **state)
{
	char *name = long_name(150);
	char *d1 = make_tgz(1000000, "out.tar.gz", name), *d2 = make_tgz(2000000, "out.tar.gz", name);
	char *p1 = xasprintf("%s/out.tar.gz", d1), *p2 = xasprintf("%s/out.tar.gz", d2);
	size_t n1, n2;
	char *a = slurp(p1, &n1), *b = slurp(p2, &n2);

	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	/* gzip: deflate, no flags, mtime 0, XFL 2, OS 255 */
	assert_memory_equal(a, "\x1f\x8b\x08\0\0\0\0\0\x02\xff", 10);
	free(a), free(b), free(p1), free(p2), free(d1), free(d2), free(name);
}

/* .tar: the very tar the .tar.gz compresses; directory and data entries
 * (image layers, OCI archives) stored as tar(1) lists them, and refused
 * in a zip */
static void tar_plain(void **state)
{
	char *name = long_name(150), *d = make_tgz(1000000, "out.tar.gz", name);
	char *e = make_tgz(1000000, "out.tar", name), *out;
	struct archive a = {.format = ARCHIVE_TAR, .mtime = 1700000000};
	struct buf b = {0};
	int rc;

	out = run(&rc, "gzip -dc '%s/out.tar.gz' | cmp - '%s/out.tar'", d, e);
	assert_int_equal(rc, 0);
	free(out);
	assert_null(archive_add_dir(&a, "usr"));
	assert_null(archive_add_data(&a, "usr/x.json", "{}", 2));
	out = archive_add_dir(&a, "usr");          /* twice */
	assert_non_null(out);
	free(out);
	out = archive_add_data(&a, "../x", "", 0);  /* escapes */
	assert_non_null(out);
	free(out);
	assert_null(archive_build(&a, &b));
	out = xasprintf("%s/dirs.tar", e);
	FILE *f = fopen(out, "w");
	fwrite(b.s, 1, b.len, f);
	fclose(f);
	free(out);
	out = run(&rc, "cd '%s' && TZ=UTC tar -tvf dirs.tar", e);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "drwxr-xr-x 0/0               0 2023-11-14 22:13 usr/\n"));
	assert_non_null(strstr(out, "-rw-r--r-- 0/0               2 2023-11-14 22:13 usr/x.json\n"));
	free(out);
	buf_free(&b);
	a.format = ARCHIVE_ZIP;
	out = archive_build(&a, &b);
	assert_non_null(out);
	free(out);
	buf_free(&b);
	archive_free(&a);
	free(name), free(d), free(e);
}

static void tgz_tar_lists(void **state)
{
	char *name = long_name(150), *d = make_tgz(1000000, "out.tgz", name);
	char *out, *line, *save = NULL;
	char mode[16], owner[32], date[16], clock[8];
	unsigned long long size;
	int rc, k = 0, at;
	static const struct { const char *mode; unsigned long long size; const char *name; } want[] = {
		{"-rwxr-xr-x", 20, "pkg-1.0/server"},
		{"-rw-r--r--", 8, "pkg-1.0/docs/README.md"},
		{"-rw-r--r--", 0, "pkg-1.0/empty"},
		{"-rwxr-xr-x", 6, "pkg-1.0/notes.txt"},
		{"-rw-r--r--", 8, NULL},   /* the long name */
	};

	out = run(&rc, "cd '%s' && TZ=UTC tar -tzvf out.tgz", d);
	assert_int_equal(rc, 0);
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), k++) {
		assert_true(k < 5);
		assert_int_equal(sscanf(line, "%15s %31s %llu %15s %7s %n", mode, owner, &size,
		                        date, clock, &at), 5);
		assert_string_equal(mode, want[k].mode);
		assert_string_equal(owner, "0/0");
		assert_int_equal(size, want[k].size);
		assert_string_equal(date, "2023-11-14");
		assert_string_equal(clock, "22:13");
		if (want[k].name)
			assert_string_equal(line + at, want[k].name);
		else
			assert_true(strlen(line + at) == 8 + 150 && strcmp(line + at + 8, name) == 0);
	}
	assert_int_equal(k, 5);
	free(out), free(d), free(name);
}

static void tgz_extracts(void **state)
{
	char *name = long_name(150), *d = make_tgz(1000000, "out.tar.gz", name), *x = tmpdir();
	static const struct { const char *in, *out; mode_t mode; } files[] = {
		{"server", "pkg-1.0/server", 0755}, {"README.md", "pkg-1.0/docs/README.md", 0644},
		{"empty", "pkg-1.0/empty", 0644}, {"sub/notes.txt", "pkg-1.0/notes.txt", 0755},
	};
	char *out, *p, *q, *a, *b;
	size_t na, nb;
	struct stat st;
	int rc;

	out = run(&rc, "umask 022 && tar -xzf '%s/out.tar.gz' -C '%s'", d, x);
	assert_int_equal(rc, 0);
	free(out);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		p = xasprintf("%s/%s", d, files[i].in);
		q = xasprintf("%s/%s", x, files[i].out);
		a = slurp(p, &na);
		b = slurp(q, &nb);
		assert_int_equal(na, nb);
		assert_memory_equal(a, b, na);
		assert_int_equal(stat(q, &st), 0);
		assert_int_equal(st.st_mode & 07777, files[i].mode);
		assert_int_equal(st.st_mtime, 1700000000);
		free(p), free(q), free(a), free(b);
	}
	p = xasprintf("%s/pkg-1.0/%s", x, name);
	assert_true(exists(p));
	free(p), free(x), free(d), free(name);
}

static void tgz_gzip_accepts(void **state)
{
	char *name = long_name(150), *d = make_tgz(1000000, "out.tar.gz", name);
	int rc;
	char *out = run(&rc, "gzip -t '%s/out.tar.gz'", d);

	assert_int_equal(rc, 0);
	assert_string_equal(out, "");
	free(out), free(d), free(name);
}

/* a name of exactly 100 bytes needs no pax header; 101 does */
static void tgz_name_limits(void **state)
{
	char *d = fixture(0), *n100 = long_name(100), *n101 = long_name(101);
	char *a100 = xasprintf("empty=%s", n100), *a101 = xasprintf("empty=%s", n101);
	const char *args100[] = {"archive", "-o", "a.tar.gz", "empty", a100, NULL};
	const char *args101[] = {"archive", "-o", "b.tar.gz", "empty", a101, NULL};
	char *out, *want = xasprintf("2048\n3072\nempty\n%s\nempty\n%s\n", n100, n101);
	int rc;

	archive_ok(d, args100);
	archive_ok(d, args101);
	out = run(&rc, "cd '%s' && gzip -dc a.tar.gz | wc -c && gzip -dc b.tar.gz | wc -c && "
	          "tar -tzf a.tar.gz && tar -tzf b.tar.gz", d);
	assert_int_equal(rc, 0);
	/* two headers and the end: 4 blocks; then a pax header and its record */
	assert_string_equal(out, want);
	free(want), free(out), free(a100), free(a101), free(n100), free(n101), free(d);
}

/* without --mtime: $SOURCE_DATE_EPOCH, else 0 */
static void tgz_default_mtime(void **state)
{
	char *d = fixture(1000000), *out;
	const char *args[] = {"archive", "-o", "a.tar.gz", "empty", NULL};
	int rc;

	setenv("SOURCE_DATE_EPOCH", MTIME, 1);
	archive_ok(d, args);
	out = run(&rc, "cd '%s' && TZ=UTC tar -tzvf a.tar.gz", d);
	assert_non_null(strstr(out, " 0/0 "));
	assert_non_null(strstr(out, " 0 " MTIME_TEXT " empty\n"));
	free(out);
	unsetenv("SOURCE_DATE_EPOCH");
	archive_ok(d, args);
	out = run(&rc, "cd '%s' && TZ=UTC tar -tzvf a.tar.gz", d);
	assert_non_null(strstr(out, " 0 1970-01-01 00:00 empty\n"));
	free(out), free(d);
}

/* ---- zip ---- */

static char *make_zip(time_t t, const char *mtime)
{
	char *d = fixture(t);
	const char *args[] = {"archive", "-o", "out.zip", "--mtime", mtime, "--prefix", "pkg",
	                      "server", "README.md=docs/README.md", "empty",
	                      "sub/notes.txt=notes-\xc3\xa9.txt", NULL};

	archive_ok(d, args);
	return d;
}

static void zip_same_bytes(void **state)
{
	char *d1 = make_zip(1000000, MTIME), *d2 = make_zip(2000000, MTIME);
	char *p1 = xasprintf("%s/out.zip", d1), *p2 = xasprintf("%s/out.zip", d2);
	size_t n1, n2;
	char *a = slurp(p1, &n1), *b = slurp(p2, &n2);

	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	assert_memory_equal(a, "PK\3\4", 4);
	free(a), free(b), free(p1), free(p2), free(d1), free(d2);
}

static void zip_python_accepts(void **state)
{
	char *d = make_zip(1000000, MTIME), *out;
	int rc;

	out = run(&rc, "cd '%s' && python3 -m zipfile -t out.zip", d);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "Done testing"));
	free(out);
	out = run(&rc, "cd '%s' && python3 -m zipfile -l out.zip", d);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "pkg/server                                     2023-11-14 22:13:20           20"));
	assert_non_null(strstr(out, "pkg/docs/README.md"));
	assert_non_null(strstr(out, "pkg/notes-\xc3\xa9.txt"));
	free(out), free(d);
}

/* what python's zipfile sees in out.zip in dir: one line per member */
static char *zip_members(const char *dir)
{
	int rc;
	char *out = run(&rc, "cd '%s' && rm -rf x && python3 -c '"
	                "import zipfile, os\n"
	                "z = zipfile.ZipFile(\"out.zip\")\n"
	                "for i in z.infolist():\n"
	                "    p = z.extract(i, \"x\")\n"
	                "    os.chmod(p, i.external_attr >> 16 & 0o777)\n"
	                "    print(i.filename, oct(i.external_attr >> 16), i.create_system, i.create_version,"
	                " i.extract_version, i.flag_bits, len(i.extra), i.date_time, open(p, \"rb\").read())\n"
	                "'", dir);

	assert_int_equal(rc, 0);
	return out;
}

static void zip_python_extracts(void **state)
{
	char *d = make_zip(1000000, MTIME), *out = zip_members(d), *p;
	struct stat st;

	assert_string_equal(out,
		"pkg/server 0o100755 3 20 20 0 0 (2023, 11, 14, 22, 13, 20) b'\\x7fELF pretend binary\\n'\n"
		"pkg/docs/README.md 0o100644 3 20 20 0 0 (2023, 11, 14, 22, 13, 20) b'# hello\\n'\n"
		"pkg/empty 0o100644 3 20 20 0 0 (2023, 11, 14, 22, 13, 20) b''\n"
		"pkg/notes-\xc3\xa9.txt 0o100755 3 20 20 2048 0 (2023, 11, 14, 22, 13, 20) b'notes\\n'\n");
	p = xasprintf("%s/x/pkg/server", d);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0755);
	free(p), free(out), free(d);
}

/* DOS times start in 1980 */
static void zip_time_clamped(void **state)
{
	char *d = make_zip(1000000, "0"), *out = zip_members(d);

	assert_non_null(strstr(out, "pkg/server 0o100755 3 20 20 0 0 (1980, 1, 1, 0, 0, 0)"));
	free(out), free(d);
}

static void zip_unzip_accepts(void **state)
{
	char *d = make_zip(1000000, MTIME), *out;
	int rc;

	out = run(&rc, "command -v unzip");
	free(out);
	if (rc != 0)
		skip();
	out = run(&rc, "cd '%s' && unzip -t out.zip", d);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "No errors detected"));
	free(out), free(d);
}

/* ---- archive errors ---- */

/* archive args in dir must fail with status and the message on stderr */
static void archive_fails(const char *dir, const char *const *args, int status, const char *msg)
{
	char *err;
	int rc = call_in(archive_main, dir, args, &err);

	assert_int_equal(rc, status);
	if (!strstr(err, msg))
		fail_msg("want [%s] in [%s]", msg, err);
	free(err);
}

static void archive_errors(void **state)
{
	char *d = fixture(0), *p = xasprintf("%s/out.zip", d);
	const char *missing[] = {"archive", "-o", "out.zip", "server", "nope", NULL};
	const char *nodir[] = {"archive", "-o", "no/such/dir/out.zip", "server", NULL};
	const char *suffix[] = {"archive", "-o", "out.rar", "server", NULL};
	const char *dup[] = {"archive", "-o", "out.zip", "server", "empty=server", NULL};
	const char *dotdot[] = {"archive", "-o", "out.zip", "server=../server", NULL};
	const char *abs[] = {"archive", "-o", "out.zip", "--prefix", "/opt", "server", NULL};
	const char *dir[] = {"archive", "-o", "out.zip", "sub", NULL};
	const char *mtime[] = {"archive", "-o", "out.zip", "--mtime", "-5", "server", NULL};
	size_t n;
	char *s;

	archive_fails(d, missing, 1, "goninja: archive: nope: No such file or directory\n");
	assert_false(exists(p));
	assert_false(has_temp(d));
	archive_fails(d, nodir, 1, "goninja: archive: no/such/dir/out.zip: No such file or directory\n");
	archive_fails(d, suffix, 2, "goninja: archive: -o must end in .tar.gz, .tgz, .tar or .zip, not: out.rar\n");
	archive_fails(d, dup, 1, "goninja: archive: empty=server: \"server\" is already in the archive\n");
	archive_fails(d, dotdot, 1, "the name \"../server\" has a . or .. component\n");
	archive_fails(d, abs, 1, "the name \"/opt/server\" is absolute\n");
	archive_fails(d, dir, 1, "goninja: archive: sub: not a regular file\n");
	archive_fails(d, mtime, 2, "--mtime takes seconds since 1970");
	/* a failure leaves an older output alone */
	put_file(d, "out.zip", "old", 0644);
	archive_fails(d, missing, 1, "nope: No such file or directory");
	s = slurp(p, &n);
	assert_string_equal(s, "old");
	assert_false(has_temp(d));
	free(s), free(p), free(d);
}

static void archive_names(void **state)
{
	struct archive a = {0};
	char *d = fixture(0), *p = xasprintf("%s/server", d), *arg = xasprintf("%s=bin/x", p);
	long long t;
	enum archive_format f;

	assert_null(archive_add(&a, p, NULL));
	assert_null(archive_add(&a, arg, "pre"));
	assert_string_equal(a.entries[0].name, "server");
	assert_string_equal(a.entries[1].name, "pre/bin/x");
	assert_int_equal(a.entries[0].mode, 0755);
	archive_free(&a);
	assert_true(archive_parse_mtime("8589934591", &t) && t == 8589934591LL);
	assert_false(archive_parse_mtime("8589934592", &t));
	assert_false(archive_parse_mtime("", &t));
	assert_false(archive_parse_mtime("1e9", &t));
	assert_true(archive_format_of("a.tar.gz", &f) && f == ARCHIVE_TGZ);
	assert_true(archive_format_of("a.zip", &f) && f == ARCHIVE_ZIP);
	assert_false(archive_format_of(".zip", &f));
	assert_true(archive_format_of("a.tar", &f) && f == ARCHIVE_TAR);
	assert_false(archive_format_of("a.tar.bz2", &f));
	free(arg), free(p), free(d);
}

/* ---- lipo ---- */

/* a thin Mach-O header (64-bit little-endian) of n bytes in all */
static void put_macho(const char *dir, const char *name, uint32_t magic,
                      uint32_t cputype, uint32_t subtype, size_t n)
{
	char *p = xasprintf("%s/%s", dir, name), *data = xcalloc(1, n);
	uint32_t v[3] = {magic, cputype, subtype};
	FILE *f;

	for (int i = 0; i < 12 && (size_t)i < n; i++)
		data[i] = (char)(v[i / 4] >> (8 * (i % 4)));
	assert_non_null(f = fopen(p, "wb"));
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	free(data), free(p);
}

static uint32_t be32(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void lipo_layout(void **state)
{
	char *d = tmpdir(), *p = xasprintf("%s/fat", d), *s;
	const char *args[] = {"lipo", "-o", "fat", "arm", "x86", "i386", NULL};
	size_t n;
	char *err;
	struct stat st;
	static const uint32_t want[] = {
		7, 3, 4096, 28, 12,                           /* i386 */
		0x01000007, 0x80000003, 8192, 5000, 12,       /* x86_64, CPU_SUBTYPE_LIB64 kept */
		0x0100000c, 0, 16384, 100, 14,                /* arm64 */
	};

	put_macho(d, "arm", 0xfeedfacf, 0x0100000c, 0, 100);
	put_macho(d, "x86", 0xfeedfacf, 0x01000007, 0x80000003, 5000);
	put_macho(d, "i386", 0xfeedface, 7, 3, 28);
	assert_int_equal(call_in(fat_main, d, args, &err), 0);
	assert_string_equal(err, "");
	s = slurp(p, &n);
	assert_int_equal(n, 16384 + 100);
	assert_int_equal(be32(s), 0xcafebabe);
	assert_int_equal(be32(s + 4), 3);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(be32(s + 8 + 4 * i), want[i]);
	assert_int_equal((unsigned char)s[8192], 0xcf);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	free(err), free(s), free(p), free(d);
}

/* lipo args in dir must fail with status and the message on stderr */
static void lipo_fails(const char *dir, const char *const *args, int status, const char *msg)
{
	char *err;
	int rc = call_in(fat_main, dir, args, &err);

	assert_int_equal(rc, status);
	if (!strstr(err, msg))
		fail_msg("want [%s] in [%s]", msg, err);
	free(err);
}

static void lipo_refuses(void **state)
{
	char *d = tmpdir(), *p = xasprintf("%s/out", d);
	const char *fat[] = {"lipo", "-o", "out", "arm", "fat", NULL};
	const char *text[] = {"lipo", "-o", "out", "arm", "text", NULL};
	const char *twice[] = {"lipo", "-o", "out", "arm", "arm2", NULL};
	const char *shortf[] = {"lipo", "-o", "out", "short", NULL};
	const char *missing[] = {"lipo", "-o", "out", "arm", "nope", NULL};
	const char *noout[] = {"lipo", "arm", NULL};

	put_macho(d, "arm", 0xfeedfacf, 0x0100000c, 0, 100);
	put_macho(d, "arm2", 0xfeedfacf, 0x0100000c, 0, 200);
	put_macho(d, "fat", 0xbebafeca, 0, 0, 100);   /* "cafebabe" */
	put_macho(d, "short", 0xfeedfacf, 0x0100000c, 0, 31);
	put_file(d, "text", "#!/bin/sh\n", 0755);
	lipo_fails(d, fat, 1, "goninja: lipo: fat: a universal (fat) file or Java class, not a thin Mach-O\n");
	lipo_fails(d, text, 1, "goninja: lipo: text: not a Mach-O file\n");
	lipo_fails(d, twice, 1, "goninja: lipo: arm and arm2 are both for arm64 (CPU type 0x0100000c)\n");
	lipo_fails(d, shortf, 1, "goninja: lipo: short: truncated Mach-O header\n");
	lipo_fails(d, missing, 1, "goninja: lipo: nope: No such file or directory\n");
	lipo_fails(d, noout, 2, "goninja: lipo: no output: -o OUT\n");
	assert_false(exists(p));
	free(p), free(d);
}

/* build a fmt program for darwin/goarch into dir/hello_goarch */
static void go_build(const char *dir, const char *goarch)
{
	int rc;
	char *out = run(&rc, "cd '%s' && GOOS=darwin GOARCH=%s CGO_ENABLED=0 GOTOOLCHAIN=local "
	                "GOFLAGS=-mod=mod GOPROXY=off go build -o hello_%s .", dir, goarch, goarch);

	if (rc != 0)
		fail_msg("go build for darwin/%s: %s", goarch, out);
	free(out);
}

static void lipo_go(void **state)
{
	char *d, *out, *a, *b, *pa, *pb;
	const char *ab[] = {"lipo", "-o", "ab", "hello_amd64", "hello_arm64", NULL};
	const char *ba[] = {"lipo", "-o", "ba", "hello_arm64", "hello_amd64", NULL};
	struct inspect_result r;
	size_t na, nb;
	char *err;
	int rc;

	out = run(&rc, "command -v go");
	free(out);
	if (rc != 0)
		skip();
	d = tmpdir();
	put_file(d, "go.mod", "module hello\n\ngo 1.19\n", 0644);
	put_file(d, "main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n", 0644);
	go_build(d, "amd64");
	go_build(d, "arm64");
	assert_int_equal(call_in(fat_main, d, ab, &err), 0);
	free(err);
	assert_int_equal(call_in(fat_main, d, ba, &err), 0);
	free(err);
	pa = xasprintf("%s/ab", d);
	pb = xasprintf("%s/ba", d);
	a = slurp(pa, &na);
	b = slurp(pb, &nb);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);

	assert_null(inspect_parse((const unsigned char *)a, na, &r));
	assert_int_equal(r.format, INSPECT_MACHO_FAT);
	assert_int_equal(r.nimages, 2);
	assert_string_equal(r.images[0].arch, "amd64");
	assert_string_equal(r.images[1].arch, "arm64");
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(r.images[i].os, "darwin");
		assert_int_equal(r.images[i].nneeded, 1);
		assert_string_equal(r.images[i].needed[0], "/usr/lib/libSystem.B.dylib");
	}
	inspect_free(&r);

	out = run(&rc, "file '%s'", pa);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "Mach-O universal binary with 2 architectures"));
	free(out), free(a), free(b), free(pa), free(pb), free(d);
}

/* ---- extraction (goninja smoke) ---- */

/* archive_extract gives back every member of the fixture, modes included */
static void extract_check(const char *d, const char *archive, const char *prefix,
                          const char *notes, const char *longname)
{
	static const struct { const char *in, *out; mode_t mode; } files[] = {
		{"server", "server", 0755}, {"README.md", "docs/README.md", 0644},
		{"empty", "empty", 0644},
	};
	char *x = xasprintf("%s/x", d), *a = xasprintf("%s/%s", d, archive), *p, *q, *s, *t;
	size_t ns, nt;
	struct stat st;

	assert_int_equal(mkdir(x, 0755), 0);
	put_file(x, "stale", "left over", 0644);   /* emptied first */
	assert_null(archive_extract(a, x));
	assert_false(exists(p = xasprintf("%s/stale", x)));
	free(p);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		p = xasprintf("%s/%s", d, files[i].in);
		q = xasprintf("%s/%s/%s", x, prefix, files[i].out);
		s = slurp(p, &ns);
		t = slurp(q, &nt);
		assert_int_equal(ns, nt);
		assert_memory_equal(s, t, ns);
		assert_int_equal(stat(q, &st), 0);
		assert_int_equal(st.st_mode & 0777, files[i].mode);
		free(p), free(q), free(s), free(t);
	}
	assert_true(exists(p = xasprintf("%s/%s/%s", x, prefix, notes)));
	free(p);
	if (longname) {
		assert_true(exists(p = xasprintf("%s/%s/%s", x, prefix, longname)));
		free(p);
	}
	free(x), free(a);
}

static void extract_tgz(void **state)
{
	char *name = long_name(150), *d = make_tgz(1000000, "out.tar.gz", name);

	extract_check(d, "out.tar.gz", "pkg-1.0", "notes.txt", name);
	free(d), free(name);
}

static void extract_zip(void **state)
{
	char *d = make_zip(1000000, MTIME);

	extract_check(d, "out.zip", "pkg", "notes-\xc3\xa9.txt", NULL);
	free(d);
}

/* truncate the file at p to n bytes of data */
static void put_prefix(const char *p, const char *data, size_t n)
{
	FILE *f = fopen(p, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* a message, never a crash, for every broken archive; no member escapes */
static void extract_errors(void **state)
{
	char *d = make_zip(1000000, MTIME), *x = xasprintf("%s/x", d), *e, *p, *data, *out;
	size_t len;
	int rc;

	free(make_tgz(1000000, "out.tar.gz", "n"));   /* another fixture directory */
	assert_non_null(e = archive_extract("nope.rar", x));
	assert_non_null(strstr(e, "not a .tar.gz or .zip"));
	free(e);
	p = xasprintf("%s/out.zip", d);
	data = slurp(p, &len);
	for (size_t n = 0; n < len; n++) {   /* every truncation fails cleanly */
		put_prefix(p, data, n);
		assert_non_null(e = archive_extract(p, x));
		free(e);
	}
	free(data), free(p);
	out = run(&rc, "cd '%s' && printf x > evil && printf '' | gzip > empty.tar.gz && "
	          "tar --transform 's,^,../,' -czf evil.tar.gz evil", d);
	assert_int_equal(rc, 0);
	free(out);
	p = xasprintf("%s/evil.tar.gz", d);
	assert_non_null(e = archive_extract(p, x));
	assert_non_null(strstr(e, "refusing member name \"../evil\""));
	free(e), free(p);
	p = xasprintf("%s/empty.tar.gz", d);   /* no members: nothing, no error */
	assert_null(archive_extract(p, x));
	free(p), free(x), free(d);
}

static int cleanup(void **state)
{
	int rc;

	for (size_t i = 0; i < tmpdirs.n; i++)
		free(run(&rc, "rm -rf '%s'", tmpdirs.v[i]));
	strlist_free(&tmpdirs);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tgz_same_bytes),
		cmocka_unit_test(tar_plain),
		cmocka_unit_test(tgz_tar_lists),
		cmocka_unit_test(tgz_extracts),
		cmocka_unit_test(tgz_gzip_accepts),
		cmocka_unit_test(tgz_name_limits),
		cmocka_unit_test(tgz_default_mtime),
		cmocka_unit_test(zip_same_bytes),
		cmocka_unit_test(zip_python_accepts),
		cmocka_unit_test(zip_python_extracts),
		cmocka_unit_test(zip_time_clamped),
		cmocka_unit_test(zip_unzip_accepts),
		cmocka_unit_test(archive_errors),
		cmocka_unit_test(archive_names),
		cmocka_unit_test(lipo_layout),
		cmocka_unit_test(lipo_refuses),
		cmocka_unit_test(lipo_go),
		cmocka_unit_test(extract_tgz),
		cmocka_unit_test(extract_zip),
		cmocka_unit_test(extract_errors),
	};

	unsetenv("SOURCE_DATE_EPOCH");
	return cmocka_run_group_tests(tests, NULL, cleanup);
}
