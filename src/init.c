/* init: go.mod and package clauses in, a commented goninja.lua out.
 * Reads files only: go is not started, so init works before Go is set up. */

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"
#include "outfile.h"
#include "init.h"

#define RULEFILE "goninja.lua"

static const char usage[] =
	"usage: goninja init [-C dir] [--force]\n"
	"Write a commented goninja.lua for the Go module in the current directory:\n"
	"one go_binary per main package, and a default release matrix.\n"
	"  -C dir   change to dir first\n"
	"  --force  replace an existing goninja.lua\n";

/* the matrix a new rule file starts with, and its ninja target names */
static const char *matrix[][2] = {
	{"linux/amd64", "linux_amd64"}, {"linux/arm64", "linux_arm64"},
	{"linux/arm/v7", "linux_arm_v7"}, {"windows/amd64", "windows_amd64"},
	{"darwin/amd64", "darwin_amd64"}, {"darwin/arm64", "darwin_arm64"},
};
#define NMATRIX (sizeof(matrix) / sizeof(*matrix))

/* ninja targets goninja keeps for itself (model.c refuses them as names) */
static const char *reserved[] = {
	"all", "dev", "build.ninja", "verify", "release", "test", "clean",
};

static char *trim(char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* the value of the go.mod line "verb value // comment", or NULL */
static char *directive(char *line, const char *verb)
{
	size_t n = strlen(verb);
	char *c = strstr(line, "//");

	if (c)
		*c = '\0';
	line = trim(line);
	if (strncmp(line, verb, n) != 0 || !isblank((unsigned char)line[n]))
		return NULL;
	return trim(line + n);
}

static char *unquote(const char *v)
{
	size_t n = strlen(v);

	if (n >= 2 && (v[0] == '"' || v[0] == '`') && v[n - 1] == v[0])
		return xstrndup(v + 1, n - 2);
	return xstrdup(v);
}

int init_gomod(const char *path, struct gomod *m)
{
	char *text = file_read(path, 0, NULL, NULL), *line, *save = NULL, *v;

	memset(m, 0, sizeof(*m));
	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!m->module && (v = directive(line, "module")) && *v)
			m->module = unquote(v);
		else if (!m->go && (v = directive(line, "go")) && *v)
			m->go = xstrndup(v, strcspn(v, " \t"));
	}
	free(text);
	return m->module ? 0 : -2;
}

void init_gomod_free(struct gomod *m)
{
	free(m->module);
	free(m->go);
}

/* whether s is a major version suffix: v2, v3, ... */
static bool major_suffix(const char *s)
{
	return s[0] == 'v' && s[1] >= '1' && s[1] <= '9' &&
	       strspn(s + 1, "0123456789") == strlen(s + 1) && strcmp(s, "v1") != 0;
}

char *init_modbase(const char *module)
{
	const char *end = module + strlen(module), *start = end;

	while (start > module && start[-1] != '/')
		start--;
	if (start > module + 1 && major_suffix(start)) {
		end = start - 1;
		for (start = end; start > module && start[-1] != '/'; start--)
			;
	}
	return xstrndup(start, (size_t)(end - start));
}

/* whether the line comment s (n bytes) keeps its file out of every build */
static bool ignore_line(const char *s, size_t n)
{
	static const char *forms[] = {"//go:build", "// +build"};
	char *v;
	bool yes;

	for (size_t i = 0; i < sizeof(forms) / sizeof(*forms); i++) {
		size_t k = strlen(forms[i]);
		if (n <= k || strncmp(s, forms[i], k) != 0 || !isblank((unsigned char)s[k]))
			continue;
		v = xstrndup(s + k, n - k);
		yes = strcmp(trim(v), "ignore") == 0;
		free(v);
		if (yes)
			return true;
	}
	return false;
}

/* s past blanks and comments; *ignored set by a //go:build ignore line */
static const char *skip_space(const char *s, bool *ignored)
{
	for (;;) {
		s += strspn(s, " \t\r\n\f\v");
		if (s[0] == '/' && s[1] == '/') {
			size_t n = strcspn(s, "\n");
			if (ignore_line(s, n))
				*ignored = true;
			s += n;
		} else if (s[0] == '/' && s[1] == '*') {
			const char *e = strstr(s + 2, "*/");
			if (!e)
				return s + strlen(s);
			s = e + 2;
		} else {
			return s;
		}
	}
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80;
}

char *init_package(const char *src, bool *ignored)
{
	const char *s;
	size_t n;

	*ignored = false;
	if (strncmp(src, "\xEF\xBB\xBF", 3) == 0)
		src += 3;
	s = skip_space(src, ignored);
	if (strncmp(s, "package", 7) != 0 || ident_char(s[7]))
		return NULL;
	s = skip_space(s + 7, ignored);
	for (n = 0; ident_char(s[n]); n++)
		;
	return n ? xstrndup(s, n) : NULL;
}

static char *join(const char *dir, const char *name)
{
	return strcmp(dir, ".") == 0 ? xstrdup(name) : xconcat(dir, "/", name, NULL);
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && strcmp(s + n - k, suf) == 0;
}

/* a directory go build ./... and goninja's outputs leave alone */
static bool skipped_dir(const char *dir, const char *name, const char *path)
{
	char *mod;
	bool nested;

	if (name[0] == '.' || name[0] == '_' || strcmp(name, "vendor") == 0 ||
	    strcmp(name, "testdata") == 0 || (strcmp(dir, ".") == 0 && strcmp(name, "out") == 0))
		return true;
	mod = xconcat(path, "/go.mod", NULL);
	nested = access(mod, F_OK) == 0;    /* its own module: its own goninja.lua */
	free(mod);
	return nested;
}

/* a file of the package: .go, not a test, not hidden from go build */
static bool go_source(const char *name)
{
	return name[0] != '.' && name[0] != '_' && has_suffix(name, ".go") &&
	       !has_suffix(name, "_test.go");
}

/* the sorted entries of dir; false when it cannot be read */
static bool entries(const char *dir, struct strlist *names)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return false;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			strlist_add(names, xstrdup(e->d_name));
	closedir(d);
	strlist_sort(names);
	return true;
}

/* note the package the file at path declares: main, or the other's name */
static void classify(const char *path, bool *main, char **other)
{
	char *src = file_read(path, 0, NULL, NULL), *pkg;
	bool ignored;

	if (!src) {
		warn("%s:", path);
		return;
	}
	pkg = init_package(src, &ignored);
	if (pkg && !ignored && strcmp(pkg, "main") == 0)
		*main = true;
	else if (pkg && !ignored && !*other)
		*other = xstrdup(pkg);
	free(pkg);
	free(src);
}

static void scan(const char *dir, struct strlist *dirs)
{
	struct strlist names = {0};
	char *other = NULL;
	bool main = false;

	if (!entries(dir, &names)) {
		warn("%s:", dir);
		return;
	}
	for (size_t i = 0; i < names.n; i++) {
		char *path = join(dir, names.v[i]);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (!skipped_dir(dir, names.v[i], path))
				scan(path, dirs);
		} else if (S_ISREG(st.st_mode) && go_source(names.v[i])) {
			classify(path, &main, &other);
		}
		free(path);
	}
	if (main && other)
		warn("%s: package main and package %s in one directory: left out", dir, other);
	else if (main)
		strlist_add(dirs, xstrdup(dir));
	free(other);
	strlist_free(&names);
}

void init_scan(struct strlist *dirs)
{
	scan(".", dirs);
	strlist_sort(dirs);
}

/* s as a name part: what a go_binary name cannot hold becomes '-' */
static char *name_part(const char *s)
{
	char *p;

	s += strspn(s, ".-");
	p = xstrdup(*s ? s : "main");
	for (char *c = p; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("._+-", *c))
			*c = '-';
	return p;
}

/* the path elements of dir as name parts; the project's name for "." */
static void name_parts(const char *dir, const char *project, struct strlist *parts)
{
	char *copy, *e, *save = NULL;

	if (strcmp(dir, ".") == 0) {
		strlist_add(parts, name_part(project));
		return;
	}
	copy = xstrdup(dir);
	for (e = strtok_r(copy, "/", &save); e; e = strtok_r(NULL, "/", &save))
		strlist_add(parts, name_part(e));
	free(copy);
}

/* the last k parts joined by '-'; past the first, a number: "tool-2" */
static char *candidate(const struct strlist *parts, size_t k)
{
	size_t from = k <= parts->n ? parts->n - k : 0;
	struct buf b = {0};

	for (size_t i = from; i < parts->n; i++) {
		if (i > from)
			buf_putc(&b, '-');
		buf_puts(&b, parts->v[i]);
	}
	if (k > parts->n)
		buf_printf(&b, "-%zu", k - parts->n + 1);
	return b.s;
}

/* a name goninja refuses: a reserved target or a platform's target */
static bool name_taken(const char *s)
{
	for (size_t i = 0; i < sizeof(reserved) / sizeof(*reserved); i++)
		if (strcmp(s, reserved[i]) == 0)
			return true;
	for (size_t i = 0; i < NMATRIX; i++)
		if (strcmp(s, matrix[i][1]) == 0)
			return true;
	return false;
}

/* mark which of two equal names grow: those with a parent left to add */
static void mark_clash(const struct strlist *parts, const size_t *k, bool *grow,
                       size_t i, size_t j)
{
	bool gi = k[i] < parts[i].n, gj = k[j] < parts[j].n;

	if (gi)
		grow[i] = true;
	if (gj || !gi)
		grow[j] = true;
}

void init_names(char **dirs, size_t n, const char *project, char **names)
{
	struct strlist *parts = xcalloc(n, sizeof(*parts));
	size_t *k = xcalloc(n, sizeof(*k));
	bool *grow = xcalloc(n, sizeof(*grow)), again = true;

	for (size_t i = 0; i < n; i++) {
		name_parts(dirs[i], project, &parts[i]);
		names[i] = candidate(&parts[i], k[i] = 1);
	}
	while (again) {
		again = false;
		for (size_t i = 0; i < n; i++)
			grow[i] = name_taken(names[i]);
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++)
				if (strcmp(names[i], names[j]) == 0)
					mark_clash(parts, k, grow, i, j);
		for (size_t i = 0; i < n; i++)
			if (grow[i]) {
				free(names[i]);
				names[i] = candidate(&parts[i], ++k[i]);
				again = true;
			}
	}
	for (size_t i = 0; i < n; i++)
		strlist_free(&parts[i]);
	free(parts);
	free(k);
	free(grow);
}

/* s as a Lua string literal */
static void lua_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\%03u", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

/* s for a "--" comment: one line */
static void comment_text(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_putc(b, iscntrl((unsigned char)*s) ? '?' : *s);
}

static void text_project(struct buf *b, const struct gomod *m, const char *name)
{
	buf_puts(b, "-- goninja.lua for ");
	comment_text(b, m->module);
	buf_puts(b, ", written by goninja init.\n"
		"-- goninja reads it and writes build.ninja; ninja then builds every\n"
		"-- go_binary for every platform into out/<os>_<arch>[_<variant>]/.\n"
		"-- Edit freely: the next ninja regenerates build.ninja (man goninja).\n"
		"\nproject {\n  name = ");
	lua_string(b, name);
	buf_puts(b, ",\n"
		"  -- {version} in stamps; a release: goninja -D version=1.2.3\n"
		"  version = var(\"version\", \"0.0.0-dev\"),\n");
	buf_puts(b, "  -- the Go command, default go from PATH");
	if (m->go) {
		buf_puts(b, "; go.mod asks for go ");
		comment_text(b, m->go);
		buf_puts(b, ", and with\n"
			"  -- GOTOOLCHAIN=local (nothing downloaded) the Go must be that new");
	}
	buf_puts(b, ":\n"
		"  -- go = \"/usr/lib/go-1.23/bin/go\",\n"
		"  -- out = \"out\",  -- the output directory\n"
		"  -- Release builds strip symbols (-s -w), stamp main.version,\n"
		"  -- main.commit and main.date with {version}, {commit} and {date}\n"
		"  -- (-X), and leave the build id empty; each can be turned off:\n"
		"  -- strip = false, stamp = false, reproducible = false,\n"
		"}\n");
}

static void text_platforms(struct buf *b)
{
	buf_puts(b, "\n-- The release matrix, os/arch[/variant]: the variant sets GOARM,\n"
		"-- GOAMD64, ...; without one goninja sets the documented default.\n"
		"platforms {\n");
	for (size_t i = 0; i < NMATRIX; i++)
		buf_printf(b, "%s\"%s\",%s", i % 3 ? " " : "  ", matrix[i][0],
		           i % 3 == 2 || i + 1 == NMATRIX ? "\n" : "");
	buf_puts(b, "}\n");
}

static void text_fields(struct buf *b)
{
	buf_puts(b, "\n"
		"-- One go_binary per main package: name (the output file, .exe added\n"
		"-- on windows) and main (./dir) are required. Other fields, with their\n"
		"-- defaults or an example:\n"
		"--   cgo = false,               -- true: CGO_ENABLED=1 and a C compiler for\n"
		"--                              -- each platform (goninja doctor names them)\n"
		"--   link = \"auto\",             -- static where the OS allows; \"static\",\n"
		"--                              -- or \"dynamic\" (needs cgo = true)\n"
		"--   tags = { \"prod\" },         -- build tags, in one -tags\n"
		"--   ldflags = { \"-s\" },        -- linker flags, in one -ldflags\n"
		"--   gcflags = { \"-N\", \"-l\" },  -- compiler flags\n"
		"--   x = { [\"main.version\"] = \"{version}\" },  -- -X stamps: a value may\n"
		"--                              -- name {version}, {commit}, {date},\n"
		"--                              -- {short_commit}, {os}, {arch}, {name}\n"
		"--   env = { GOFLAGS = \"-mod=vendor\" },  -- extra environment\n"
		"--   platforms = { \"linux/amd64\" },  -- this binary's own matrix\n"
		"--   trimpath = true,           -- no build paths in the binary\n"
		"\n");
}

void init_text(struct buf *out, const struct gomod *m, char **dirs, char **names,
               size_t n)
{
	char *base = init_modbase(m->module);

	text_project(out, m, base);
	text_platforms(out);
	text_fields(out);
	for (size_t i = 0; i < n; i++) {
		char *main = strcmp(dirs[i], ".") == 0 ? xstrdup(".")
		                                       : xconcat("./", dirs[i], NULL);
		buf_puts(out, "go_binary { name = ");
		lua_string(out, names[i]);
		buf_puts(out, ", main = ");
		lua_string(out, main);
		buf_puts(out, " }\n");
		free(main);
	}
	free(base);
}

/* the main packages goninja can name; the others with a warning */
static void keep_nameable(struct strlist *dirs)
{
	size_t n = 0;

	for (size_t i = 0; i < dirs->n; i++) {
		if (strpbrk(dirs->v[i], " \t\n\r'\"$`\\;&|<>(){}*?[]#~")) {
			warn("%s: a main package, left out: goninja takes no space, quote "
			     "or shell character in a main path", dirs->v[i]);
			free(dirs->v[i]);
		} else {
			dirs->v[n++] = dirs->v[i];
		}
	}
	dirs->n = n;
}

static int fail(const char *fmt, const char *arg)
{
	fputs("goninja: init: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 1;
}

static void options(int argc, char **argv, bool *force)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			exit(0);
		} else if (strcmp(argv[i], "--force") == 0) {
			*force = true;
		} else if (strcmp(argv[i], "-C") == 0) {
			if (i + 1 == argc)
				fatal("-C needs a value (goninja init --help)");
			if (chdir(argv[++i]) < 0)
				fatal("-C %s:", argv[i]);
		} else {
			fatal("init: unknown option or argument %s (goninja init --help)",
			      argv[i]);
		}
	}
}

static void report(const struct gomod *m, char **dirs, char **names, size_t n)
{
	printf("goninja: wrote " RULEFILE " for %s: %zu binar%s for %zu platforms\n",
	       m->module, n, n == 1 ? "y" : "ies", NMATRIX);
	for (size_t i = 0; i < n; i++)
		printf("  %-16s %s%s\n", names[i], strcmp(dirs[i], ".") ? "./" : "", dirs[i]);
	puts("next: goninja && ninja");
}

/* write the rule file for m; 0, 1 when there is nothing to declare, 2 */
static int write_rules(const struct gomod *m)
{
	struct strlist dirs = {0};
	struct buf text = {0};
	char **names, *base, *err;
	int rc = 0;

	init_scan(&dirs);
	keep_nameable(&dirs);
	if (!dirs.n) {
		strlist_free(&dirs);
		return fail("no main package in module %s: goninja builds commands "
		            "(package main), and found none to declare", m->module);
	}
	names = xcalloc(dirs.n, sizeof(*names));
	base = init_modbase(m->module);
	init_names(dirs.v, dirs.n, base, names);
	free(base);
	init_text(&text, m, dirs.v, names, dirs.n);
	if ((err = outfile_write(RULEFILE, text.s, text.len))) {
		fprintf(stderr, "goninja: init: write %s\n", err);
		free(err);
		rc = 2;
	} else {
		report(m, dirs.v, names, dirs.n);
	}
	for (size_t i = 0; i < dirs.n; i++)
		free(names[i]);
	free(names);
	buf_free(&text);
	strlist_free(&dirs);
	return rc;
}

int init_main(int argc, char **argv)
{
	struct stat st;
	struct gomod m;
	bool force = false;
	int rc;

	options(argc, argv, &force);
	if (!force && lstat(RULEFILE, &st) == 0)
		return fail("%s already exists: edit it, or replace it with goninja "
		            "init --force", RULEFILE);
	rc = init_gomod("go.mod", &m);
	if (rc == -1)
		return fail("no go.mod here: run goninja init at the top of a Go "
		            "module (go mod init %s makes one)", "NAME");
	if (rc == -2) {
		init_gomod_free(&m);
		return fail("%s has no module line", "go.mod");
	}
	rc = write_rules(&m);
	init_gomod_free(&m);
	return rc;
}
