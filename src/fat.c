/* fat: universal Mach-O files, built in memory and written once.
 * fat_main only parses argv and reports; the workers return messages. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"
#include "outfile.h"
#include "fat.h"

#define USAGE "usage: goninja lipo -o OUT IN...\n"

static const char usage[] =
	USAGE
	"Write one universal (fat) Mach-O holding the thin Mach-O files IN...,\n"
	"one per CPU type, in an order that does not depend on the arguments.\n"
	"Exit status: 0 written, 1 an input or the output failed, 2 bad usage.\n";

#define FAT_MAGIC 0xcafebabeu
#define CPU_ARCH_MASK 0xff000000u   /* ABI bits of a cputype */
#define CPU_TYPE_ARM 12u

enum {
	FAT_HEADER = 8,   /* magic, nfat_arch */
	FAT_ARCH = 20,    /* cputype, cpusubtype, offset, size, align */
};

/* the Mach-O magic m (read little-endian) and what it says; false if m is
 * none */
static bool macho_magic(uint32_t m, bool *be, size_t *hdrsize)
{
	switch (m) {
	case 0xfeedfaceu: *be = false; *hdrsize = 28; return true;
	case 0xfeedfacfu: *be = false; *hdrsize = 32; return true;
	case 0xcefaedfeu: *be = true; *hdrsize = 28; return true;
	case 0xcffaedfeu: *be = true; *hdrsize = 32; return true;
	default: return false;
	}
}

/* the 4-byte integer at p in the given byte order */
static uint32_t get32(const char *s, bool be)
{
	const unsigned char *p = (const unsigned char *)s;

	if (be)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* why len bytes at data are not a thin Mach-O, or NULL (s then filled in) */
static const char *fat_check(const char *data, size_t len, struct fat_slice *s)
{
	uint32_t m = len >= 4 ? get32(data, false) : 0;
	size_t hdrsize;
	bool be;

	if (m == 0xbebafecau || m == 0xbfbafecau)
		return "a universal (fat) file or Java class, not a thin Mach-O";
	if (!macho_magic(m, &be, &hdrsize))
		return "not a Mach-O file";
	if (len < hdrsize)
		return "truncated Mach-O header";
	s->cputype = get32(data + 4, be);
	s->cpusubtype = get32(data + 8, be);
	s->align = (s->cputype & ~CPU_ARCH_MASK) == CPU_TYPE_ARM ? 14 : 12;
	return NULL;
}

char *fat_read(const char *path, struct fat_slice *s)
{
	const char *why;
	char *err, *msg;

	memset(s, 0, sizeof(*s));
	if (!(s->data = file_read(path, 0, &s->len, &err))) {
		msg = xasprintf("%s: %s", path, err);
		free(err);
		return msg;
	}
	if ((why = fat_check(s->data, s->len, s))) {
		free(s->data);
		memset(s, 0, sizeof(*s));
		return xasprintf("%s: %s", path, why);
	}
	s->path = xstrdup(path);
	return NULL;
}

void fat_free(struct fat_slice *s)
{
	free(s->path);
	free(s->data);
	memset(s, 0, sizeof(*s));
}

/* the GOARCH name of a cputype, for messages */
static const char *cpu_name(uint32_t cputype)
{
	switch (cputype) {
	case 7: return "386";
	case CPU_TYPE_ARM: return "arm";
	case 0x01000007u: return "amd64";
	case 0x0100000cu: return "arm64";
	case 0x01000012u: return "ppc64";
	default: return "one CPU type";
	}
}

/* by cputype, then path (only for a stable message about a repeat) */
static int slice_cmp(const void *a, const void *b)
{
	const struct fat_slice *x = a, *y = b;

	if (x->cputype != y->cputype)
		return x->cputype < y->cputype ? -1 : 1;
	return strcmp(x->path, y->path);
}

/* sort s, refuse repeated cputypes, set each offset */
static char *fat_place(struct fat_slice *s, size_t n)
{
	uint64_t pos = FAT_HEADER + (uint64_t)FAT_ARCH * n;

	qsort(s, n, sizeof(*s), slice_cmp);
	for (size_t i = 0; i < n; i++) {
		uint64_t a = (uint64_t)1 << s[i].align;

		if (i > 0 && s[i].cputype == s[i - 1].cputype)
			return xasprintf("%s and %s are both for %s (CPU type 0x%08x)",
			                 s[i - 1].path, s[i].path, cpu_name(s[i].cputype),
			                 (unsigned)s[i].cputype);
		pos = (pos + a - 1) & ~(a - 1);
		if (pos + s[i].len > UINT32_MAX)
			return xasprintf("%s: the output would pass 4 GiB", s[i].path);
		s[i].offset = (uint32_t)pos;
		pos += s[i].len;
	}
	return NULL;
}

static void put_be(struct buf *b, uint32_t v)
{
	char c[4] = {(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};

	buf_putn(b, c, 4);
}

/* zeros up to out->len - base == to */
static void pad_to(struct buf *out, size_t base, size_t to)
{
	static const char zero[4096];

	while (out->len - base < to) {
		size_t k = to - (out->len - base);

		buf_putn(out, zero, k < sizeof(zero) ? k : sizeof(zero));
	}
}

char *fat_build(struct fat_slice *s, size_t n, struct buf *out)
{
	size_t base = out->len;
	char *err;

	if (n == 0)
		return xstrdup("no input files");
	if ((err = fat_place(s, n)))
		return err;
	put_be(out, FAT_MAGIC);
	put_be(out, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		put_be(out, s[i].cputype);
		put_be(out, s[i].cpusubtype);
		put_be(out, s[i].offset);
		put_be(out, (uint32_t)s[i].len);
		put_be(out, s[i].align);
	}
	for (size_t i = 0; i < n; i++) {
		pad_to(out, base, s[i].offset);
		buf_putn(out, s[i].data, s[i].len);
	}
	return NULL;
}

/* ---- the command ---- */

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "goninja: lipo: %s%s\n" USAGE, msg, arg);
	return 2;
}

/* parse argv (argv[0] is "lipo") into *out and files (borrowed); -1 on
 * --help, 2 on bad usage, else 0 */
static int fat_args(int argc, char **argv, const char **out, struct strlist *files)
{
	bool opts = true;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!opts || a[0] != '-' || a[1] == '\0')
			strlist_add(files, (char *)a);
		else if (strcmp(a, "--") == 0)
			opts = false;
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return -1;
		else if (strncmp(a, "-o=", 3) == 0)
			*out = a + 3;
		else if (strcmp(a, "-o") == 0)
			*out = i + 1 < argc ? argv[++i] : "";
		else
			return usage_error("unknown option: ", a);
	}
	if (!*out || !**out)
		return usage_error("no output: -o OUT", "");
	return files->n ? 0 : usage_error("no input files", "");
}

/* read files, build, write out; 0 or 1 */
static int fat_run(const struct strlist *files, const char *out)
{
	struct fat_slice *s = xcalloc(files->n, sizeof(*s));
	struct buf b = {0};
	char *err = NULL;

	for (size_t i = 0; !err && i < files->n; i++)
		err = fat_read(files->v[i], &s[i]);
	if (!err)
		err = fat_build(s, files->n, &b);
	if (!err)
		err = outfile_save(out, b.s, b.len, 0755);
	for (size_t i = 0; i < files->n; i++)
		fat_free(&s[i]);
	free(s);
	buf_free(&b);
	if (!err)
		return 0;
	fprintf(stderr, "goninja: lipo: %s\n", err);
	free(err);
	return 1;
}

int fat_main(int argc, char **argv)
{
	struct strlist files = {0};
	const char *out = NULL;
	int status = fat_args(argc, argv, &out, &files);

	if (status == -1) {
		fputs(usage, stdout);
		status = 0;
	} else if (status == 0) {
		status = fat_run(&files, out);
	}
	free(files.v);
	return status;
}
