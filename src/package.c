#define _DEFAULT_SOURCE
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "util.h"
#include "archive.h"
#include "outfile.h"
#include "md5.h"
#include "package.h"

/* ---- names ---- */

/* Go's linux platform -> Debian's and rpm's architecture; NULL: none */
static const struct {
	const char *platform, *deb, *rpm;
} arches[] = {
	{"linux/amd64", "amd64", "x86_64"},
	{"linux/arm64", "arm64", "aarch64"},
	{"linux/arm/v7", "armhf", "armv7hl"},
	{"linux/arm/v6", NULL, "armv6hl"},
	{"linux/arm/v5", "armel", "armv5tel"},
	{"linux/386", "i386", "i686"},
	{"linux/ppc64le", "ppc64el", "ppc64le"},
	{"linux/ppc64", "ppc64", "ppc64"},
	{"linux/s390x", "s390x", "s390x"},
	{"linux/riscv64", "riscv64", "riscv64"},
	{"linux/mips64le", "mips64el", "mips64el"},
	{"linux/mips64", NULL, "mips64"},
	{"linux/mipsle", "mipsel", "mipsel"},
	{"linux/mips", "mips", "mips"},
	{"linux/loong64", "loong64", "loongarch64"},
};

const char *package_arch(const char *format, const char *platform, const char **why)
{
	bool deb = strcmp(format, "deb") == 0;
	char p[64];

	/* the default variants name the same architecture */
	snprintf(p, sizeof(p), "%s", platform);
	if (strcmp(p, "linux/amd64/v1") == 0 || strcmp(p, "linux/arm64/v8.0") == 0 ||
	    strcmp(p, "linux/386/sse2") == 0)
		*strrchr(p, '/') = '\0';
	if (strncmp(p, "linux/", 6) != 0) {
		*why = "packages are for linux platforms only";
		return NULL;
	}
	for (size_t i = 0; i < sizeof(arches) / sizeof(*arches); i++)
		if (strcmp(arches[i].platform, p) == 0) {
			const char *a = deb ? arches[i].deb : arches[i].rpm;
			if (!a)
				*why = deb && strstr(p, "arm/v6")
				     ? "Debian has no ARMv6 architecture (armel is ARMv5, armhf ARMv7)"
				     : "the format has no architecture for it";
			return a;
		}
	*why = "the format has no architecture for this platform and variant";
	return NULL;
}

char *package_version(const char *format, const char *version, char **why)
{
	struct buf b = {0};
	bool pre = false;

	(void)format;   /* deb and rpm map the same way; rpm's Release is apart */
	if (version[0] == 'v')
		version++;
	if (version[0] < '0' || version[0] > '9') {
		*why = xasprintf("version \"%s\" must start with a digit", version);
		return NULL;
	}
	for (const char *s = version; *s; s++) {
		char c = *s;
		if (c == '-') {   /* the first: a pre-release, sorting before */
			c = pre ? '.' : '~';
			pre = true;
		} else if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') &&
		           !(c >= 'A' && c <= 'Z') && c != '.' && c != '+' && c != '~') {
			*why = xasprintf("version \"%s\": '%c' is in no package version "
			                 "(letters, digits, \".+~-\")", version, c);
			buf_free(&b);
			return NULL;
		}
		buf_putc(&b, c);
	}
	return b.s;
}

char *package_file(const char *format, const char *name, const char *version,
                   const char *release, const char *arch)
{
	if (strcmp(format, "deb") == 0)
		return xconcat(name, "_", version, "_", arch, ".deb", NULL);
	return xconcat(name, "-", version, "-", release, ".", arch, ".rpm", NULL);
}

char *package_escape(const char *s)
{
	struct buf b = {0};

	buf_puts(&b, "");
	for (; *s; s++)
		if (*s == '\\')
			buf_puts(&b, "\\\\");
		else if (*s == '\n')
			buf_puts(&b, "\\n");
		else
			buf_putc(&b, *s);
	return b.s;
}

/* the inverse of package_escape, in place */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (*s == '\\' && (s[1] == 'n' || s[1] == '\\'))
			*d++ = *++s == 'n' ? '\n' : '\\';
		else
			*d++ = *s;
	}
	*d = '\0';
}

/* ---- the command's options ---- */

struct pfile {
	char *src, *dest;        /* dest: absolute, "/usr/bin/app" */
	char *data;              /* the contents, read once */
	size_t len;
	unsigned mode;
};

struct pkg {
	const char *format, *out, *name, *version, *platform, *arch;
	const char *maintainer, *description, *license, *homepage, *section;
	const char *release, *epoch;   /* rpm Release; the package epoch, or NULL */
	long long mtime;
	struct strlist depends, conflicts, replaces, config, scripts;
	struct strlist statics;        /* destinations of static binaries */
	struct pfile *files;
	size_t nfiles;
};

static const char usage_text[] =
	"usage: goninja package --format deb|rpm --out FILE --name N --version V\n"
	"         --platform linux/ARCH[/VARIANT] --maintainer M --description D\n"
	"         [--mtime EPOCH] [--license L] [--homepage URL] [--section S]\n"
	"         [--release R] [--pkg-epoch N] [--depends P]... [--conflicts P]...\n"
	"         [--replaces P]... [--config PATH]... [--script preinst=FILE]...\n"
	"         [--static /DEST]...\n"
	"         SRC=/DEST...\n";

static int usage(void)
{
	fputs(usage_text, stderr);
	return 2;
}

static int fail(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "goninja: package: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	return 1;
}

bool package_dest_ok(const char *d)
{
	size_t n = strlen(d);

	if (d[0] != '/' || n < 2 || d[n - 1] == '/' || strstr(d, "//") ||
	    strstr(d, "/./") || strstr(d, "/../") || strpbrk(d, "\n\"\\%= \t'$`") ||
	    (n >= 3 && strcmp(d + n - 3, "/..") == 0) ||
	    (n >= 2 && strcmp(d + n - 2, "/.") == 0))
		return false;
	return true;
}

/* SRC=/DEST: read SRC now (its mode from its execute bits) */
static int add_file(struct pkg *k, const char *arg)
{
	const char *eq = strrchr(arg, '=');
	struct stat st;
	char *why;

	if (!eq || !package_dest_ok(eq + 1))
		return fail("\"%s\": give SRC=/absolute/destination%s", arg, "");
	k->files = xrealloc(k->files, (k->nfiles + 1) * sizeof(*k->files));
	struct pfile *f = &k->files[k->nfiles];
	f->src = xstrndup(arg, (size_t)(eq - arg));
	f->dest = xstrdup(eq + 1);
	if (!(f->data = file_read(f->src, 0, &f->len, &why)))
		return fail("%s: %s", f->src, why);
	f->mode = stat(f->src, &st) == 0 && (st.st_mode & 0111) ? 0755 : 0644;
	for (size_t i = 0; i < k->nfiles; i++)
		if (strcmp(k->files[i].dest, f->dest) == 0)
			return fail("two files go to %s%s", f->dest, "");
	k->nfiles++;
	return 0;
}

static int parse(int argc, char **argv, struct pkg *k)
{
	struct { const char *opt; const char **val; } one[] = {
		{"--format", &k->format}, {"--out", &k->out}, {"--name", &k->name},
		{"--version", &k->version}, {"--platform", &k->platform},
		{"--maintainer", &k->maintainer}, {"--description", &k->description},
		{"--license", &k->license}, {"--homepage", &k->homepage},
		{"--section", &k->section}, {"--release", &k->release},
		{"--pkg-epoch", &k->epoch},
	};
	struct { const char *opt; struct strlist *l; } many[] = {
		{"--depends", &k->depends}, {"--conflicts", &k->conflicts},
		{"--replaces", &k->replaces}, {"--config", &k->config},
		{"--script", &k->scripts}, {"--static", &k->statics},
	};
	const char *v, *mtime = getenv("SOURCE_DATE_EPOCH");

	for (int i = 1; i < argc; i++) {
		size_t j;
		for (j = 0; j < sizeof(one) / sizeof(*one); j++)
			if ((v = opt_value(argc, argv, &i, one[j].opt))) {
				*one[j].val = v;
				break;
			}
		if (j < sizeof(one) / sizeof(*one))
			continue;
		for (j = 0; j < sizeof(many) / sizeof(*many); j++)
			if ((v = opt_value(argc, argv, &i, many[j].opt))) {
				strlist_add(many[j].l, xstrdup(v));
				break;
			}
		if (j < sizeof(many) / sizeof(*many))
			continue;
		if ((v = opt_value(argc, argv, &i, "--mtime")))
			mtime = v;
		else if (argv[i][0] == '-')
			return usage();
		else if (add_file(k, argv[i]))
			return 1;
	}
	if (!k->format || !k->out || !k->name || !k->version || !k->platform ||
	    !k->maintainer || !k->description || !*k->out)
		return usage();
	if (mtime && !archive_parse_mtime(mtime, &k->mtime))
		return fail("bad mtime \"%s\"%s", mtime, "");
	if (!k->release || !*k->release)
		k->release = "1";
	if (!k->section || !*k->section)
		k->section = "utils";
	if (k->epoch && !*k->epoch)
		k->epoch = NULL;
	unescape((char *)k->description);
	return 0;
}

/* the first line of the description, and the rest */
static void split_description(const char *d, char **summary, const char **rest)
{
	const char *nl = strchr(d, '\n');

	*summary = nl ? xstrndup(d, (size_t)(nl - d)) : xstrdup(d);
	*rest = nl ? nl + 1 : "";
}

/* the release time as RFC 2822 ("Tue, 01 Dec 2026 14:00:00 +0000") or
 * as rpm's changelog wants it ("Tue Dec 01 2026") */
static void when(long long t, const char *fmt, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, n, fmt, &tm);   /* C locale: goninja never sets one */
}

/* ---- deb ---- */

/* the control file's "Field: a, b" line when l is not empty */
static void control_list(struct buf *b, const char *field, const struct strlist *l)
{
	if (!l->n)
		return;
	buf_printf(b, "%s: ", field);
	for (size_t i = 0; i < l->n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", l->v[i]);
	buf_putc(b, '\n');
}

static void control_description(struct buf *b, const char *d)
{
	char *summary;
	const char *rest;

	split_description(d, &summary, &rest);
	buf_printf(b, "Description: %s\n", summary);
	while (*rest) {
		size_t n = strcspn(rest, "\n");
		if (n == 0)
			buf_puts(b, " .\n");
		else {
			buf_putc(b, ' ');
			buf_putn(b, rest, n);
			buf_putc(b, '\n');
		}
		rest += n + (rest[n] == '\n');
	}
	free(summary);
}

static void control(const struct pkg *k, const char *version, const char *arch,
                    size_t kib, struct buf *b)
{
	buf_printf(b, "Package: %s\nVersion: %s%s%s\nArchitecture: %s\n", k->name,
	           k->epoch ? k->epoch : "", k->epoch ? ":" : "", version, arch);
	buf_printf(b, "Maintainer: %s\nInstalled-Size: %zu\n", k->maintainer, kib);
	control_list(b, "Depends", &k->depends);
	control_list(b, "Conflicts", &k->conflicts);
	control_list(b, "Replaces", &k->replaces);
	buf_printf(b, "Section: %s\nPriority: optional\n", k->section);
	if (k->homepage && *k->homepage)
		buf_printf(b, "Homepage: %s\n", k->homepage);
	control_description(b, k->description);
}

/* a Debian changelog entry for this release, gzip-compressed */
static void changelog(const struct pkg *k, const char *version, struct buf *out)
{
	struct buf b = {0};
	char date[64];

	when(k->mtime, "%a, %d %b %Y %H:%M:%S +0000", date, sizeof(date));
	buf_printf(&b, "%s (%s%s%s) unstable; urgency=medium\n\n  * Release %s.\n\n"
	           " -- %s  %s\n", k->name, k->epoch ? k->epoch : "", k->epoch ? ":" : "",
	           version, k->version, k->maintainer, date);
	archive_gzip(b.s, b.len, out);
	buf_free(&b);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct tar_member *)a)->name, ((const struct tar_member *)b)->name);
}

/* m gains "./dir/" for every parent of path not yet in it */
static void add_dirs(struct tar_member **m, size_t *n, struct strlist *names, const char *path)
{
	for (const char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		char *d = xasprintf(".%.*s/", (int)(s - path), path);
		if (strlist_has(names, d)) {
			free(d);
			continue;
		}
		strlist_add(names, d);
		*m = xrealloc(*m, (*n + 1) * sizeof(**m));
		(*m)[(*n)++] = (struct tar_member){d, 0755, NULL, 0};
	}
}

/* data.tar.gz: ./ and every directory, then the files, sorted by name;
 * *kib the installed size as dpkg-gencontrol counts it */
static void deb_data(const struct pkg *k, const struct pfile *extra, size_t nextra,
                     struct buf *out, size_t *kib)
{
	size_t n = 1, total = k->nfiles + nextra;
	struct tar_member *m = xcalloc(1, sizeof(*m));
	struct strlist names = {0};

	m[0] = (struct tar_member){"./", 0755, NULL, 0};
	*kib = 0;
	for (size_t i = 0; i < total; i++) {
		const struct pfile *f = i < k->nfiles ? &k->files[i] : &extra[i - k->nfiles];
		add_dirs(&m, &n, &names, f->dest);
		char *name = xconcat(".", f->dest, NULL);
		strlist_add(&names, name);
		m = xrealloc(m, (n + 1) * sizeof(*m));
		m[n++] = (struct tar_member){name, f->mode, f->data ? f->data : "", f->len};
		*kib += (f->len + 1023) / 1024;
	}
	*kib += n - 1 - (total);   /* one per directory */
	qsort(m + 1, n - 1, sizeof(*m), by_name);
	archive_tgz_members(m, n, k->mtime, "root", out);
	free(m);
	strlist_free(&names);
}

static const char *const script_names[] = {"preinst", "postinst", "prerm", "postrm", NULL};

/* dpkg's md5sums: "HEX  usr/bin/app" for every file but the conffiles,
 * sorted by path */
static void md5sums(const struct pkg *k, const struct pfile *extra, size_t nextra,
                    struct buf *out)
{
	struct strlist names = {0};
	char hex[33];

	for (size_t i = 0; i < k->nfiles + nextra; i++) {
		const struct pfile *f = i < k->nfiles ? &k->files[i] : &extra[i - k->nfiles];
		if (!strlist_has(&k->config, f->dest))
			strlist_add(&names, xasprintf("%s\n%zu", f->dest + 1, i));
	}
	strlist_sort(&names);   /* "\n" sorts before any byte of a longer name */
	for (size_t i = 0; i < names.n; i++) {
		char *nl = strchr(names.v[i], '\n');
		size_t j = strtoul(nl + 1, NULL, 10);
		const struct pfile *f = j < k->nfiles ? &k->files[j] : &extra[j - k->nfiles];
		md5_hex(f->data ? f->data : "", f->len, hex);
		*nl = '\0';
		buf_printf(out, "%s  %s\n", hex, names.v[i]);
	}
	strlist_free(&names);
}

/* control.tar.gz: control, conffiles, md5sums, maintainer scripts, sorted */
static int deb_control(const struct pkg *k, const char *ctl, const struct buf *sums,
                       struct buf *out)
{
	struct tar_member m[8] = {{"./", 0755, NULL, 0}, {"./control", 0644, ctl, strlen(ctl)},
		{"./md5sums", 0644, sums->s ? sums->s : "", sums->len}};
	struct buf conf = {0};
	char *data[4] = {0};
	size_t n = 3, len;
	int rc = 0;

	for (size_t i = 0; i < k->config.n; i++)
		buf_printf(&conf, "%s\n", k->config.v[i]);
	if (conf.len)
		m[n++] = (struct tar_member){"./conffiles", 0644, conf.s, conf.len};
	for (int s = 0; script_names[s] && !rc; s++)
		for (size_t i = 0; i < k->scripts.n && !rc; i++) {
			const char *v = k->scripts.v[i], *eq = strchr(v, '=');
			char *why;
			if (!eq || strncmp(v, script_names[s], (size_t)(eq - v)) != 0 ||
			    script_names[s][eq - v])
				continue;
			if (!(data[s] = file_read(eq + 1, 0, &len, &why)))
				rc = fail("%s: %s", eq + 1, why);
			else
				m[n++] = (struct tar_member){xconcat("./", script_names[s], NULL),
				                             0755, data[s], len};
		}
	if (!rc) {
		qsort(m + 1, n - 1, sizeof(*m), by_name);
		archive_tgz_members(m, n, k->mtime, "root", out);
	}
	for (size_t i = 0; i < n; i++)
		if (m[i].data && m[i].data != ctl && m[i].data != conf.s && m[i].data != sums->s &&
		    strcmp(m[i].name, "./md5sums") != 0)
			free((char *)m[i].name);
	for (int s = 0; s < 4; s++)
		free(data[s]);
	buf_free(&conf);
	return rc;
}

/* one ar member: dpkg's header (name, mtime, uid 0, gid 0, mode, size) */
static void ar_member(struct buf *b, const char *name, const char *data, size_t n,
                      long long mtime)
{
	char h[61];

	snprintf(h, sizeof(h), "%-16s%-12lld%-6d%-6d%-8o%-10zu`\n", name, mtime, 0, 0,
	         0100644, n);
	buf_putn(b, h, 60);
	buf_putn(b, data, n);
	if (n % 2)
		buf_putc(b, '\n');
}

static int deb(const struct pkg *k, const char *version, const char *arch)
{
	struct buf ctl = {0}, ctar = {0}, dtar = {0}, deb = {0}, clog = {0}, ovr = {0}, sums = {0};
	struct pfile extra[2] = {{0}};
	size_t kib, nextra = 1;
	char *err;
	int rc;

	changelog(k, version, &clog);
	extra[0] = (struct pfile){NULL, xconcat("/usr/share/doc/", k->name, "/changelog.gz", NULL),
	                          clog.s, clog.len, 0644};
	/* static Go binaries are static on purpose: Debian's answer is an
	 * override naming each (none when none is static) */
	for (size_t i = 0; i < k->statics.n; i++)
		buf_printf(&ovr, "%s: statically-linked-binary [%s]\n", k->name, k->statics.v[i] + 1);
	if (ovr.len)
		extra[nextra++] = (struct pfile){NULL, xconcat("/usr/share/lintian/overrides/",
		                                 k->name, NULL), ovr.s, ovr.len, 0644};
	deb_data(k, extra, nextra, &dtar, &kib);
	control(k, version, arch, kib, &ctl);
	md5sums(k, extra, nextra, &sums);
	if (!(rc = deb_control(k, ctl.s, &sums, &ctar))) {
		buf_puts(&deb, "!<arch>\n");
		ar_member(&deb, "debian-binary", "2.0\n", 4, k->mtime);
		ar_member(&deb, "control.tar.gz", ctar.s, ctar.len, k->mtime);
		ar_member(&deb, "data.tar.gz", dtar.s, dtar.len, k->mtime);
		if ((err = outfile_save(k->out, deb.s, deb.len, 0644))) {
			rc = fail("%s%s", err, "");
			free(err);
		}
	}
	free(extra[0].dest);
	free(extra[1].dest);
	buf_free(&ctl); buf_free(&ctar); buf_free(&dtar); buf_free(&deb);
	buf_free(&clog); buf_free(&ovr); buf_free(&sums);
	return rc;
}

/* ---- rpm, by rpmbuild ---- */

/* s with '%' doubled: rpm expands macros everywhere in a spec */
static void spec_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '%')
			buf_putc(b, '%');
		buf_putc(b, *s);
	}
}

static void spec_line(struct buf *b, const char *tag, const char *v)
{
	if (!v || !*v)
		return;
	buf_printf(b, "%s: ", tag);
	spec_text(b, v);
	buf_putc(b, '\n');
}

static void spec_list(struct buf *b, const char *tag, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		spec_line(b, tag, l->v[i]);
}

/* rpm's scriptlet for a Debian maintainer script name */
static const char *rpm_scriptlet(const char *deb)
{
	static const char *const map[][2] = {{"preinst", "%pre"}, {"postinst", "%post"},
		{"prerm", "%preun"}, {"postrm", "%postun"}};
	for (size_t i = 0; i < 4; i++)
		if (strcmp(map[i][0], deb) == 0)
			return map[i][1];
	return NULL;
}

static int spec_scripts(struct buf *b, const struct pkg *k)
{
	for (size_t i = 0; i < k->scripts.n; i++) {
		char *name = xstrdup(k->scripts.v[i]), *eq = strchr(name, '='), *why, *text;
		size_t len;
		const char *let;
		if (eq)
			*eq = '\0';
		if (!eq || !(let = rpm_scriptlet(name))) {
			free(name);
			return fail("bad --script \"%s\"%s", k->scripts.v[i], "");
		}
		if (!(text = file_read(eq + 1, 0, &len, &why))) {
			fail("%s: %s", eq + 1, why);
			free(name);
			free(why);
			return 1;
		}
		buf_printf(b, "\n%s\n", let);
		spec_text(b, text);
		free(text);
		free(name);
	}
	return 0;
}

/* the spec: files installed from dir (copies named 0, 1, ...) with the
 * release time, then listed with root owners */
static int spec(const struct pkg *k, const char *version, struct buf *b)
{
	char *summary, date[64];
	const char *rest;

	split_description(k->description, &summary, &rest);
	spec_line(b, "Name", k->name);
	spec_line(b, "Version", version);
	spec_line(b, "Release", k->release);
	spec_line(b, "Epoch", k->epoch);
	spec_line(b, "Summary", summary);
	spec_line(b, "License", k->license && *k->license ? k->license : "unknown");
	spec_line(b, "URL", k->homepage);
	spec_line(b, "Packager", k->maintainer);
	spec_list(b, "Requires", &k->depends);
	spec_list(b, "Conflicts", &k->conflicts);
	spec_list(b, "Obsoletes", &k->replaces);
	buf_puts(b, "AutoReqProv: no\n\n%description\n");
	spec_text(b, *rest ? rest : summary);
	buf_puts(b, "\n\n%install\n");
	for (size_t i = 0; i < k->nfiles; i++)
		buf_printf(b, "install -D -m %o \"$GONINJA_FILES/%zu\" \"%%{buildroot}%s\"\n",
		           k->files[i].mode, i, k->files[i].dest);
	buf_printf(b, "find \"%%{buildroot}\" -exec touch -h -d @%lld {} +\n", k->mtime);
	if (spec_scripts(b, k)) {
		free(summary);
		return 1;
	}
	buf_puts(b, "\n%files\n");
	for (size_t i = 0; i < k->nfiles; i++) {
		const char *d = k->files[i].dest;
		buf_printf(b, "%s%%attr(%o,root,root) \"%s\"\n",
		           strlist_has(&k->config, d) ? "%config(noreplace) " : "",
		           k->files[i].mode, d);
	}
	when(k->mtime, "%a %b %d %Y", date, sizeof(date));
	buf_printf(b, "\n%%changelog\n* %s ", date);
	spec_text(b, k->maintainer);
	buf_printf(b, " - %s-%s\n- Release ", version, k->release);
	spec_text(b, k->version);
	buf_puts(b, ".\n");
	free(summary);
	return 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	return remove(path);
}

static int run(char **argv)
{
	pid_t pid;
	int status;

	if ((pid = fork()) < 0)
		fatal("package: fork:");
	if (pid == 0) {
		dup2(2, 1);   /* rpmbuild's chatter joins its errors, apart from ninja's */
		execvp(argv[0], argv);
		fprintf(stderr, "goninja: package: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			fatal("package: waitpid:");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* write data to dir/name */
static int put(const char *dir, const char *name, const char *data, size_t n)
{
	char *path = xconcat(dir, "/", name, NULL), *err;
	int rc = 0;

	if ((err = outfile_save(path, data, n, 0644))) {
		rc = fail("%s%s", err, "");
		free(err);
	}
	free(path);
	return rc;
}

/* rpmbuild in a private directory beside the output */
static int rpm_in(const struct pkg *k, const char *dir, const char *version, const char *arch)
{
	struct buf sp = {0};
	char *files = xconcat(dir, "/files", NULL), *target = xconcat(arch, "-linux", NULL);
	char *topdir = xconcat("_topdir ", dir, NULL), *rpmdir = xconcat("_rpmdir ", dir, NULL);
	char *specf = xconcat(dir, "/package.spec", NULL), sde[32], num[32];
	int rc = mkdir(files, 0755) != 0 ? fail("%s: %s", files, strerror(errno)) : 0;

	for (size_t i = 0; i < k->nfiles && !rc; i++) {
		snprintf(num, sizeof(num), "%zu", i);
		rc = put(files, num, k->files[i].data, k->files[i].len);
	}
	if (!rc && !(rc = spec(k, version, &sp)))
		rc = put(dir, "package.spec", sp.s, sp.len);
	snprintf(sde, sizeof(sde), "%lld", k->mtime);
	if (!rc) {
		char *argv[] = {"rpmbuild", "-bb", "--quiet", "--nodeps", "--target", target,
			"--define", topdir, "--define", rpmdir,
			"--define", "_build_name_fmt package.rpm",
			"--define", "_buildhost reproducible",
			"--define", "use_source_date_epoch_as_buildtime 1",
			"--define", "clamp_mtime_to_source_date_epoch 1",
			"--define", "_build_id_links none",
			"--define", "debug_package %{nil}",
			"--define", "__os_install_post %{nil}",
			"--define", "_binary_payload w9.gzdio",
			"--define", "_binary_filedigest_algorithm 8",
			specf, NULL};
		setenv("SOURCE_DATE_EPOCH", sde, 1);
		setenv("GONINJA_FILES", files, 1);
		setenv("LC_ALL", "C", 1);
		setenv("TZ", "UTC", 1);
		if ((rc = run(argv)) != 0)
			fail("rpmbuild failed (exit %s)%s", rc == 127 ? "127: is rpm installed?" : "non-zero", "");
	}
	if (!rc) {
		char *built = xconcat(dir, "/package.rpm", NULL);
		if (rename(built, k->out) != 0)
			rc = fail("%s: %s", k->out, strerror(errno));
		free(built);
	}
	buf_free(&sp);
	free(files); free(target); free(topdir); free(rpmdir); free(specf);
	return rc;
}

static int rpm(const struct pkg *k, const char *version, const char *arch)
{
	char *dir = xconcat(k->out, ".tmpXXXXXX", NULL), *abs;
	int rc;

	if (!mkdtemp(dir)) {
		rc = fail("%s: %s", dir, strerror(errno));
		free(dir);
		return rc;
	}
	abs = realpath(dir, NULL);
	rc = rpm_in(k, abs ? abs : dir, version, arch);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(abs);
	free(dir);
	return rc;
}

int package_main(int argc, char **argv)
{
	struct pkg k = {0};
	const char *arch, *why;
	char *version, *vwhy;
	int rc;

	if ((rc = parse(argc, argv, &k)))
		return rc;
	if (strcmp(k.format, "deb") != 0 && strcmp(k.format, "rpm") != 0)
		return fail("unknown format \"%s\" (deb or rpm)%s", k.format, "");
	if (!(arch = package_arch(k.format, k.platform, &why)))
		return fail("%s: %s", k.platform, why);
	if (!(version = package_version(k.format, k.version, &vwhy))) {
		fail("%s%s", vwhy, "");
		free(vwhy);
		return 1;
	}
	for (size_t i = 0; i < k.config.n; i++) {
		size_t j = 0;
		while (j < k.nfiles && strcmp(k.files[j].dest, k.config.v[i]) != 0)
			j++;
		if (j == k.nfiles)
			return fail("config file %s is not in the package%s", k.config.v[i], "");
	}
	rc = strcmp(k.format, "deb") == 0 ? deb(&k, version, arch) : rpm(&k, version, arch);
	free(version);
	for (size_t i = 0; i < k.nfiles; i++) {
		free(k.files[i].src);
		free(k.files[i].dest);
		free(k.files[i].data);
	}
	free(k.files);
	strlist_free(&k.depends); strlist_free(&k.conflicts); strlist_free(&k.replaces);
	strlist_free(&k.config); strlist_free(&k.scripts); strlist_free(&k.statics);
	return rc;
}
