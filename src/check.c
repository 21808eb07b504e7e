/* check: goninja check, built on inspect; the judging (check_file) is plain
 * C that tests call directly, check_main only parses argv and prints. */

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "inspect.h"
#include "util.h"
#include "check.h"

#define USAGE "usage: goninja check [--expect static|dynamic] [--allow LIB]... [--arch A] [--os O] [--max-glibc V] [--max-glibcxx V] [--for TEXT] [--json] FILE...\n"

static const char usage[] =
	USAGE
	"Inspect executables (ELF, PE, Mach-O) and report architecture, OS and linkage.\n"
	"  --expect static   every image must be static or static-pie\n"
	"  --expect dynamic  every image must be dynamically linked\n"
	"  --allow LIB       every needed library must match one of these fnmatch(3)\n"
	"                    patterns (case-insensitive for DLLs); repeatable\n"
	"  --arch A, --os O  every image must be for GOARCH A and GOOS O\n"
	"  --max-glibc V     no ELF image may need a GLIBC_ symbol version above V\n"
	"                    (2.28: runs on glibc 2.28); --max-glibcxx V likewise\n"
	"                    for libstdc++'s GLIBCXX_ versions (3.4.25)\n"
	"  --for TEXT        what the file was built as, named in failure messages\n"
	"  --json            print a JSON array instead of one line per file\n"
	"Exit status: 0 all hold, 1 an expectation failed, 2 a file could not be read.\n";

/* append s with control characters shown as '?' */
static void put_text(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_putc(b, iscntrl((unsigned char)*s) ? '?' : *s);
}

/* append the list of names, separated by ", " */
static void put_names(struct buf *b, char **v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ", ");
		put_text(b, v[i]);
	}
}

/* append "interpreter X, needs A, B" ("imports" for PE), or nothing */
static void put_deps(struct buf *b, enum inspect_format f, const struct inspect_image *im)
{
	if (im->interp) {
		buf_puts(b, "interpreter ");
		put_text(b, im->interp);
	}
	if (im->nneeded) {
		buf_puts(b, im->interp ? ", " : "");
		buf_puts(b, f == INSPECT_PE ? "imports " : "needs ");
		put_names(b, im->needed, im->nneeded);
	}
}

/* append ", needs GLIBC_2.34, GLIBCXX_3.4.30": the highest of each, or nothing */
static void put_floors(struct buf *b, const struct inspect_image *im)
{
	static const char *const prefixes[] = {"GLIBC_", "GLIBCXX_"};
	bool any = false;

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
		const struct inspect_version *v = check_highest(im, prefixes[i]);

		if (!v)
			continue;
		buf_puts(b, any ? ", " : "; symbol versions up to ");
		put_text(b, v->name);
		any = true;
	}
}

/* append "ELF 64-bit LSB amd64 linux, dynamic, ..." */
static void put_image(struct buf *b, enum inspect_format f, const struct inspect_image *im)
{
	switch (f) {
	case INSPECT_ELF:
		buf_printf(b, "ELF %d-bit %s ", im->bits, im->big_endian ? "MSB" : "LSB");
		break;
	case INSPECT_PE:
		buf_puts(b, im->bits == 64 ? "PE32+ " : "PE32 ");
		break;
	case INSPECT_MACHO: case INSPECT_MACHO_FAT:
		buf_printf(b, "Mach-O %d-bit ", im->bits);
		break;
	case INSPECT_WASM:
		buf_puts(b, "WebAssembly ");
		break;
	}
	buf_puts(b, im->arch);
	if (*im->os)
		buf_printf(b, " %s", im->os);
	buf_printf(b, ", %s", inspect_link_name(im->link));
	if (im->interp || im->nneeded)
		buf_puts(b, ", ");
	put_deps(b, f, im);
	put_floors(b, im);
}

/* a copy of s, lowercased if lower */
static char *dup_case(const char *s, bool lower)
{
	char *d = xstrdup(s);

	for (char *c = d; lower && *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return d;
}

bool check_allowed(const struct check_opts *o, const char *name, bool nocase)
{
	char *n = dup_case(name, nocase), *p;
	bool ok = false;

	for (size_t i = 0; i < o->nallow && !ok; i++) {
		p = dup_case(o->allow[i], nocase);
		ok = fnmatch(p, n, 0) == 0;
		free(p);
	}
	free(n);
	return ok;
}

/* the dotted number at *s, advancing past it and one dot; 0 at the end */
static unsigned long version_part(const char **s)
{
	unsigned long n = 0;

	for (; **s >= '0' && **s <= '9'; (*s)++)
		n = n < 100000000 ? n * 10 + (unsigned long)(**s - '0') : n;
	if (**s == '.')
		(*s)++;
	return n;
}

int check_version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		unsigned long x = version_part(&a), y = version_part(&b);

		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

bool check_version_ok(const char *s)
{
	bool digit = false;

	for (; *s; s++) {
		if (*s == '.' && !digit)
			return false;
		digit = *s != '.';
		if (digit && (*s < '0' || *s > '9'))
			return false;
	}
	return digit;
}

const struct inspect_version *check_highest(const struct inspect_image *im, const char *prefix)
{
	const struct inspect_version *best = NULL;
	size_t n = strlen(prefix);

	for (size_t i = 0; i < im->nversions; i++) {
		const struct inspect_version *v = &im->versions[i];

		if (strncmp(v->name, prefix, n) != 0 || !check_version_ok(v->name + n))
			continue;
		if (!best || check_version_cmp(v->name + n, best->name + n) > 0)
			best = v;
	}
	return best;
}

/* the problem when im needs a prefix version above max (pre names the slice) */
static void check_floor(struct check_report *rep, const struct inspect_image *im,
                        const char *prefix, const char *max, const char *pre)
{
	const struct inspect_version *v = check_highest(im, prefix);
	struct buf b = {0};

	if (!max || !v || check_version_cmp(v->name + strlen(prefix), max) <= 0)
		return;
	buf_printf(&b, "%sneeds ", pre);
	put_text(&b, v->name);
	buf_printf(&b, ", newer than the floor %s%s (", prefix, max);
	if (v->symbol) {
		buf_puts(&b, "symbol ");
		put_text(&b, v->symbol);
		buf_puts(&b, " from ");
	} else {
		buf_puts(&b, "from ");
	}
	put_text(&b, v->file);
	buf_putc(&b, ')');
	strlist_add(&rep->problems, b.s);
}

/* add the problems of image im (slice named when the file is fat) to rep */
static void check_image(struct check_report *rep, const struct check_opts *o,
                        const struct inspect_image *im)
{
	enum inspect_format f = rep->res.format;
	char *pre = f == INSPECT_MACHO_FAT ? xasprintf("%s slice: ", im->arch) : xstrdup("");
	struct buf b = {0};

	if (o->expect == CHECK_STATIC && im->link == INSPECT_DYNAMIC) {
		buf_printf(&b, "%sexpected static, but it is dynamic: ", pre);
		put_deps(&b, f, im);
		strlist_add(&rep->problems, b.s);
		b = (struct buf){0};
	}
	if (o->expect == CHECK_DYNAMIC && im->link != INSPECT_DYNAMIC)
		strlist_add(&rep->problems, xasprintf("%sexpected dynamic, but it is %s",
		                                      pre, inspect_link_name(im->link)));
	if (o->arch && strcmp(im->arch, o->arch) != 0)
		strlist_add(&rep->problems, xasprintf("%sexpected %s, but it is %s",
		                                      pre, o->arch, im->arch));
	if (o->os && *im->os && strcmp(im->os, o->os) != 0)
		strlist_add(&rep->problems, xasprintf("%sexpected %s, but it is for %s",
		                                      pre, o->os, im->os));
	for (size_t i = 0; o->nallow && i < im->nneeded; i++) {
		if (check_allowed(o, im->needed[i], f == INSPECT_PE))
			continue;
		buf_printf(&b, "%s%s ", pre, f == INSPECT_PE ? "imports" : "needs");
		put_text(&b, im->needed[i]);
		buf_puts(&b, ", which is not allowed");
		strlist_add(&rep->problems, b.s);
		b = (struct buf){0};
	}
	check_floor(rep, im, "GLIBC_", o->max_glibc, pre);
	check_floor(rep, im, "GLIBCXX_", o->max_glibcxx, pre);
	free(pre);
}

static bool has_bytes(const char *data, size_t len, const char *s)
{
	size_t n = strlen(s);
	const char *p = data, *end = data + len;

	while (n && (size_t)(end - p) >= n &&
	       (p = memchr(p, s[0], (size_t)(end - p) - n + 1))) {
		if (memcmp(p, s, n) == 0)
			return true;
		p++;
	}
	return false;
}

char *check_static_dlopen(const char *data, size_t len)
{
	/* glibc's static dlopen (elf/dl-open.c) and SQLite's loadext.c */
	if (!has_bytes(data, len, "invalid mode for dlopen()") ||
	    !has_bytes(data, len, "sqlite3_extension_init"))
		return NULL;
	return xstrdup("static glibc with SQLite's load_extension: it calls "
	               "dlopen, which needs at run time the shared libraries of the "
	               "glibc it was linked with (the link warned); build SQLite "
	               "with -DSQLITE_OMIT_LOAD_EXTENSION (github.com/mattn/go-sqlite3: "
	               "tags sqlite_omit_load_extension), or link = \"dynamic\"");
}

/* what is true of a static ELF file and worth saying, though no failure */
static void check_warnings(struct check_report *rep, const char *data, size_t len)
{
	char *w;

	if (rep->res.format != INSPECT_ELF || rep->res.images[0].link == INSPECT_DYNAMIC)
		return;
	if ((w = check_static_dlopen(data, len)))
		strlist_add(&rep->warnings, w);
}

int check_file(const char *path, const struct check_opts *o, struct check_report *rep)
{
	const char *err;
	size_t len;
	char *data, *why;

	memset(rep, 0, sizeof(*rep));
	rep->path = path;
	if (!(data = file_read(path, CHECK_MAX, &len, &why))) {
		strlist_add(&rep->problems, why);
		return rep->status = 2;
	}
	err = inspect_parse((const unsigned char *)data, len, &rep->res);
	if (err) {
		free(data);
		strlist_add(&rep->problems, xstrdup(err));
		return rep->status = 2;
	}
	rep->parsed = true;
	check_warnings(rep, data, len);
	free(data);
	for (size_t i = 0; i < rep->res.nimages; i++)
		check_image(rep, o, &rep->res.images[i]);
	return rep->status = rep->problems.n ? 1 : 0;
}

void check_report_free(struct check_report *rep)
{
	inspect_free(&rep->res);
	strlist_free(&rep->problems);
	strlist_free(&rep->warnings);
	rep->parsed = false;
}

void check_describe(const struct check_report *rep, struct buf *b)
{
	const struct inspect_result *r = &rep->res;

	put_text(b, rep->path);
	buf_puts(b, ": ");
	if (!rep->parsed) {
		buf_puts(b, "unreadable: ");
		put_names(b, rep->problems.v, rep->problems.n);
		return;
	}
	if (r->format == INSPECT_MACHO_FAT)
		buf_printf(b, "Mach-O fat (%zu slices): ", r->nimages);
	for (size_t i = 0; i < r->nimages; i++) {
		if (i)
			buf_puts(b, "; ");
		put_image(b, r->format, &r->images[i]);
	}
}

/* append a JSON array of strings */
static void json_strs(struct buf *b, char **v, size_t n)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		buf_json(b, v[i]);
	}
	buf_putc(b, ']');
}

static void json_or_null(struct buf *b, const char *s)
{
	if (s)
		buf_json(b, s);
	else
		buf_puts(b, "null");
}

/* append ,"key":"2.34" from highest version v (its prefix skip bytes long) */
static void json_floor(struct buf *b, const char *key, const struct inspect_version *v,
                       size_t skip)
{
	buf_printf(b, ",\"%s\":", key);
	json_or_null(b, v ? v->name + skip : NULL);
}

static void json_image(struct buf *b, const struct inspect_image *im)
{
	buf_puts(b, "{\"arch\":");
	buf_json(b, im->arch);
	buf_puts(b, ",\"os\":");
	buf_json(b, im->os);
	buf_printf(b, ",\"bits\":%d,\"endian\":\"%s\",\"link\":\"%s\",\"interpreter\":",
	           im->bits, im->big_endian ? "big" : "little", inspect_link_name(im->link));
	if (im->interp)
		buf_json(b, im->interp);
	else
		buf_puts(b, "null");
	buf_puts(b, ",\"needed\":");
	json_strs(b, im->needed, im->nneeded);
	json_floor(b, "glibc", check_highest(im, "GLIBC_"), 6);
	json_floor(b, "glibcxx", check_highest(im, "GLIBCXX_"), 8);
	buf_puts(b, ",\"versions\":[");
	for (size_t i = 0; i < im->nversions; i++) {
		const struct inspect_version *v = &im->versions[i];

		buf_puts(b, i ? ",{\"file\":" : "{\"file\":");
		buf_json(b, v->file);
		buf_puts(b, ",\"name\":");
		buf_json(b, v->name);
		buf_printf(b, ",\"index\":%u,\"symbol\":", v->index);
		json_or_null(b, v->symbol);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
}

void check_json(const struct check_report *rep, struct buf *b)
{
	buf_puts(b, "{\"file\":");
	buf_json(b, rep->path);
	buf_puts(b, ",\"format\":");
	if (rep->parsed)
		buf_json(b, inspect_format_name(rep->res.format));
	else
		buf_puts(b, "null");
	buf_puts(b, ",\"images\":[");
	for (size_t i = 0; i < rep->res.nimages; i++) {
		if (i)
			buf_putc(b, ',');
		json_image(b, &rep->res.images[i]);
	}
	buf_printf(b, "],\"ok\":%s,\"problems\":", rep->status ? "false" : "true");
	json_strs(b, rep->problems.v, rep->problems.n);
	buf_puts(b, ",\"warnings\":");
	json_strs(b, rep->warnings.v, rep->warnings.n);
	buf_putc(b, '}');
}


static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "goninja: check: %s%s\n" USAGE, msg, arg);
	return 2;
}

/* parse argv into o, json and files (argv[0] is "check"); -1 on --help,
 * 2 on bad usage, else 0 */
static int check_args(int argc, char **argv, struct check_opts *o, bool *json,
                      struct strlist *files)
{
	const char *v;
	bool opts = true;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!opts || a[0] != '-' || a[1] == '\0')
			strlist_add(files, xstrdup(a));
		else if (strcmp(a, "--") == 0)
			opts = false;
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return -1;
		else if (strcmp(a, "--json") == 0)
			*json = true;
		else if ((v = opt_value(argc, argv, &i, "--expect"))) {
			if (strcmp(v, "static") == 0)
				o->expect = CHECK_STATIC;
			else if (strcmp(v, "dynamic") == 0)
				o->expect = CHECK_DYNAMIC;
			else
				return usage_error("--expect takes static or dynamic, not: ", v);
		} else if ((v = opt_value(argc, argv, &i, "--arch"))) {
			o->arch = v;
		} else if ((v = opt_value(argc, argv, &i, "--os"))) {
			o->os = v;
		} else if ((v = opt_value(argc, argv, &i, "--max-glibc"))) {
			if (!check_version_ok(v))
				return usage_error("--max-glibc takes a version like 2.28, not: ", v);
			o->max_glibc = v;
		} else if ((v = opt_value(argc, argv, &i, "--max-glibcxx"))) {
			if (!check_version_ok(v))
				return usage_error("--max-glibcxx takes a version like 3.4.25, not: ", v);
			o->max_glibcxx = v;
		} else if ((v = opt_value(argc, argv, &i, "--for"))) {
			o->label = v;
		} else if ((v = opt_value(argc, argv, &i, "--allow"))) {
			if (!*v)
				return usage_error("--allow needs a pattern", "");
			o->allow[o->nallow++] = (char *)v;
		} else
			return usage_error("unknown option: ", a);
	}
	return files->n ? 0 : usage_error("no files given", "");
}

/* check path, print its line (or add its JSON to out), report problems;
 * returns its status */
static int check_one(const char *path, const struct check_opts *o, bool json, struct buf *out)
{
	struct check_report rep;
	struct buf line = {0};
	int status = check_file(path, o, &rep);

	if (json) {
		buf_puts(out, out->len ? ",\n" : "[\n");
		check_json(&rep, out);
	} else if (rep.parsed) {
		check_describe(&rep, &line);
		puts(line.s);
	}
	for (size_t i = 0; i < rep.problems.n; i++)
		fprintf(stderr, "goninja: check: %s%s%s%s: %s\n", path,
		        o->label ? " (" : "", o->label ? o->label : "",
		        o->label ? ")" : "", rep.problems.v[i]);
	for (size_t i = 0; i < rep.warnings.n; i++)
		fprintf(stderr, "goninja: check: %s%s%s%s: warning: %s\n", path,
		        o->label ? " (" : "", o->label ? o->label : "",
		        o->label ? ")" : "", rep.warnings.v[i]);
	buf_free(&line);
	check_report_free(&rep);
	return status;
}

/* check every file; returns the worst status */
static int check_all(const struct strlist *files, const struct check_opts *o, bool json)
{
	struct buf out = {0};
	int status = 0;

	for (size_t i = 0; i < files->n; i++) {
		int s = check_one(files->v[i], o, json, &out);
		status = s > status ? s : status;
	}
	if (json)
		printf("%s\n]\n", out.s);
	buf_free(&out);
	return status;
}

int check_main(int argc, char **argv)
{
	struct check_opts o = {.allow = xcalloc((size_t)argc, sizeof(char *))};
	struct strlist files = {0};
	bool json = false;
	int status = check_args(argc, argv, &o, &json, &files);

	if (status == -1) {
		fputs(usage, stdout);
		status = 0;
	} else if (status == 0) {
		status = check_all(&files, &o, json);
	}
	fflush(stdout);
	free(o.allow);
	strlist_free(&files);
	return status;
}
