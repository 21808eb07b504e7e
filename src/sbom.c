#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "util.h"
#include "sha256.h"
#include "outfile.h"
#include "gotool.h"
#include "godeps.h"
#include "sbom.h"

#define TOOL "goninja-" GONINJA_VERSION
/* stands for the document's id while the content it derives from is hashed */
#define IDMARK "@@GONINJA-ID@@"

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* the tab-separated fields of line (at most max), in place */
static int fields(char *line, char **f, int max)
{
	int n = 0;

	while (n < max) {
		f[n++] = line;
		if (!(line = strchr(line, '\t')))
			break;
		*line++ = '\0';
	}
	return n;
}

static void mod_set(struct sbom_mod *m, char **f, int n)
{
	m->path = xstrdup(f[1]);
	m->version = xstrdup(n > 2 ? f[2] : "");
	m->sum = dup_or_null(n > 3 ? f[3] : NULL);
}

static void mod_replace(struct sbom_mod *m, char **f, int n)
{
	m->rpath = xstrdup(f[1]);
	m->rversion = xstrdup(n > 2 ? f[2] : "");
	m->rsum = dup_or_null(n > 3 ? f[3] : NULL);
}

/* Go quotes a setting value holding blanks or quotes (strconv.Quote) */
static char *unquote(const char *v)
{
	struct buf b = {0};
	size_t n = strlen(v);

	if (n < 2 || v[0] != '"' || v[n - 1] != '"')
		return xstrdup(v);
	for (size_t i = 1; i + 1 < n; i++) {
		if (v[i] == '\\' && i + 2 < n)
			i++;
		buf_putc(&b, v[i]);
	}
	return b.s ? b.s : xstrdup("");
}

static int info_line(struct sbom *s, char *line, struct sbom_mod **last)
{
	char *f[5];
	int n = fields(line, f, 5);

	if (n < 2)
		return -1;
	if (strcmp(f[0], "path") == 0) {
		free(s->pkg);
		s->pkg = xstrdup(f[1]);
	} else if (strcmp(f[0], "mod") == 0) {
		mod_set(&s->main, f, n);
		*last = &s->main;
	} else if (strcmp(f[0], "dep") == 0) {
		s->deps = xrealloc(s->deps, (s->ndeps + 1) * sizeof(*s->deps));
		*last = &s->deps[s->ndeps++];
		memset(*last, 0, sizeof(**last));
		mod_set(*last, f, n);
	} else if (strcmp(f[0], "=>") == 0) {
		if (!*last)
			return -1;
		mod_replace(*last, f, n);
	} else if (strcmp(f[0], "build") == 0) {
		char *eq = strchr(f[1], '='), *v;
		if (!eq)
			return -1;
		v = unquote(eq + 1);
		strlist_add(&s->settings, xasprintf("%.*s=%s", (int)(eq - f[1]), f[1], v));
		free(v);
	}
	return 0;
}

int sbom_buildinfo(struct sbom *s, const char *text)
{
	char *copy = xstrdup(text), *line, *next, *ver;
	struct sbom_mod *last = NULL;
	int rc = 0;

	/* "FILE: go1.19.8" first: FILE may hold ": " itself */
	if (!(next = strchr(copy, '\n')) || !(ver = strstr(copy, ": go"))) {
		free(copy);
		return -1;
	}
	*next++ = '\0';
	while (strstr(ver + 2, ": go"))
		ver = strstr(ver + 2, ": go");
	s->gover = xstrdup(ver + 2);
	for (line = next; line && *line && rc == 0; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (*line != '\t')
			rc = -1;
		else if (line[1])
			rc = info_line(s, line + 1, &last);
	}
	free(copy);
	return rc == 0 && s->pkg && s->main.path ? 0 : -1;
}

void sbom_setting(struct sbom *s, const char *key, const char *value)
{
	size_t n = strlen(key);

	for (size_t i = 0; i < s->settings.n; i++)
		if (strncmp(s->settings.v[i], key, n) == 0 && s->settings.v[i][n] == '=')
			return;
	strlist_add(&s->settings, xconcat(key, "=", value, NULL));
}

static const char *devel(const char *v)
{
	return v && strcmp(v, "(devel)") != 0 ? v : "";
}

void sbom_keys(const struct sbom *s, struct strlist *keys)
{
	strlist_add(keys, xconcat("main ", s->main.path, NULL));
	for (size_t i = 0; i < s->ndeps; i++) {
		const struct sbom_mod *m = &s->deps[i];
		if (m->rpath)
			strlist_add(keys, xasprintf("%s@%s => %s@%s", m->path, devel(m->version),
			                            m->rpath, devel(m->rversion)));
		else
			strlist_add(keys, xasprintf("%s@%s", m->path, devel(m->version)));
	}
	strlist_sort(keys);
}

char *sbom_crosscheck(const struct sbom *s, const struct strlist *listed)
{
	struct strlist mine = {0};
	char *msg = NULL;

	sbom_keys(s, &mine);
	for (size_t i = 0; i < mine.n && !msg; i++)
		if (!strlist_has(listed, mine.v[i]))
			msg = xasprintf("the binary holds module %s, which go list -deps "
			                "does not name", mine.v[i]);
	for (size_t i = 0; i < listed->n && !msg; i++)
		if (!strlist_has(&mine, listed->v[i]))
			msg = xasprintf("go list -deps names module %s, which the binary's "
			                "build info does not hold", listed->v[i]);
	strlist_free(&mine);
	return msg;
}

char *sbom_uuid(const char *data, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char h[65];

	sha256_hex(data, n, h);
	h[12] = '5';                                  /* version */
	h[16] = "89ab"[(strchr(digits, h[16]) - digits) & 3];   /* RFC 4122 variant */
	return xasprintf("urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16, h + 20);
}

/* percent-encode what a purl path segment may not hold */
static void purl_part(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c))
			buf_putc(b, (char)c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

char *sbom_purl(const char *path, const char *version)
{
	struct buf b = {0};

	buf_puts(&b, "pkg:golang/");
	purl_part(&b, path);
	if (*devel(version)) {
		buf_putc(&b, '@');
		purl_part(&b, version);
	}
	return b.s;
}

static void date(char out[32], long long epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;

	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof(tm));
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* "key": "value" after a comma unless first, on a line of its own at
 * indent, or on the same line when indent is NULL */
static void kv(struct buf *b, const char *indent, const char *key, const char *v, int first)
{
	if (indent)
		buf_printf(b, "%s\n%s\"%s\": ", first ? "" : ",", indent, key);
	else
		buf_printf(b, "%s\"%s\": ", first ? "" : ", ", key);
	buf_json(b, v);
}

/* replace the mark by the id derived from the text around it */
static void seal(struct buf *b, int urn)
{
	char *id = sbom_uuid(b->s, b->len), *at = strstr(b->s, IDMARK);
	struct buf out = {0};

	buf_putn(&out, b->s, (size_t)(at - b->s));
	buf_puts(&out, urn ? id : id + strlen("urn:uuid:"));
	buf_puts(&out, at + strlen(IDMARK));
	buf_free(b);
	*b = out;
	free(id);
}

static char *spdx_id(const char *kind, size_t i)
{
	return xasprintf("SPDXRef-%s-%zu", kind, i);
}

/* one SPDX package for a module; i numbers it */
static void spdx_module(struct buf *b, const struct sbom_mod *m, const char *id)
{
	char *purl = sbom_purl(m->path, m->version);

	buf_puts(b, ",\n    {");
	kv(b, "      ", "SPDXID", id, 1);
	kv(b, "      ", "name", m->path, 0);
	if (*devel(m->version))
		kv(b, "      ", "versionInfo", m->version, 0);
	kv(b, "      ", "downloadLocation", "NOASSERTION", 0);
	buf_puts(b, ",\n      \"filesAnalyzed\": false");
	buf_puts(b, ",\n      \"primaryPackagePurpose\": \"LIBRARY\"");
	if (m->sum) {
		char *c = xconcat("go.sum ", m->sum, NULL);
		kv(b, "      ", "comment", c, 0);
		free(c);
	}
	if (m->rpath) {
		char *r = xasprintf("replaced by %s%s%s%s%s", m->rpath, *devel(m->rversion) ? " " : "",
		                    devel(m->rversion), m->rsum ? " " : "", m->rsum ? m->rsum : "");
		kv(b, "      ", "sourceInfo", r, 0);
		free(r);
	}
	buf_puts(b, ",\n      \"externalRefs\": [{\"referenceCategory\": \"PACKAGE-MANAGER\", "
	         "\"referenceType\": \"purl\", \"referenceLocator\": ");
	buf_json(b, purl);
	buf_puts(b, "}]\n    }");
	free(purl);
}

static void spdx_rel(struct buf *b, const char *from, const char *type, const char *to, int first)
{
	buf_printf(b, "%s\n    {\"spdxElementId\": \"%s\", \"relationshipType\": \"%s\", "
	           "\"relatedSpdxElement\": \"%s\"}", first ? "" : ",", from, type, to);
}

static void spdx_binary(struct buf *b, const struct sbom *s, const char *when)
{
	buf_puts(b, "\n    {");
	kv(b, "      ", "SPDXID", "SPDXRef-Binary", 1);
	kv(b, "      ", "name", s->file, 0);
	if (s->version)
		kv(b, "      ", "versionInfo", s->version, 0);
	kv(b, "      ", "packageFileName", s->file, 0);
	kv(b, "      ", "downloadLocation", "NOASSERTION", 0);
	buf_puts(b, ",\n      \"filesAnalyzed\": false");
	buf_puts(b, ",\n      \"primaryPackagePurpose\": \"APPLICATION\"");
	buf_puts(b, ",\n      \"checksums\": [{\"algorithm\": \"SHA256\", \"checksumValue\": ");
	buf_json(b, s->sha256);
	buf_puts(b, "}]");
	kv(b, "      ", "builtDate", when, 0);
	buf_puts(b, ",\n      \"annotations\": [");
	for (size_t i = 0; i < s->settings.n; i++) {
		char *c = xconcat("build ", s->settings.v[i], NULL);
		buf_puts(b, i ? ",\n        {" : "\n        {");
		kv(b, NULL, "annotationType", "OTHER", 1);
		kv(b, NULL, "annotator", "Tool: " TOOL, 0);
		kv(b, NULL, "annotationDate", when, 0);
		kv(b, NULL, "comment", c, 0);
		buf_putc(b, '}');
		free(c);
	}
	buf_puts(b, "\n      ]\n    }");
}

void sbom_spdx(struct buf *b, const struct sbom *s)
{
	char when[32], *id, *name = xasprintf("%s %s", s->file, s->platform);
	char *ns = xasprintf("https://goninja.invalid/spdx/%s/%s/" IDMARK,
	                     s->project ? s->project : s->name, s->platform);
	struct sbom_mod go = { "stdlib", s->gover, NULL, NULL, NULL, NULL };

	date(when, s->epoch);
	buf_puts(b, "{");
	kv(b, "  ", "spdxVersion", "SPDX-2.3", 1);
	kv(b, "  ", "dataLicense", "CC0-1.0", 0);
	kv(b, "  ", "SPDXID", "SPDXRef-DOCUMENT", 0);
	kv(b, "  ", "name", name, 0);
	kv(b, "  ", "documentNamespace", ns, 0);
	buf_puts(b, ",\n  \"creationInfo\": {\"created\": ");
	buf_json(b, when);
	buf_puts(b, ", \"creators\": [\"Tool: " TOOL "\"]},\n  \"documentDescribes\": "
	         "[\"SPDXRef-Binary\"],\n  \"packages\": [");
	spdx_binary(b, s, when);
	spdx_module(b, &s->main, "SPDXRef-Main");
	spdx_module(b, &go, "SPDXRef-Go");
	for (size_t i = 0; i < s->ndeps; i++) {
		id = spdx_id("Module", i + 1);
		spdx_module(b, &s->deps[i], id);
		free(id);
	}
	buf_puts(b, "\n  ],\n  \"relationships\": [");
	spdx_rel(b, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Binary", 1);
	spdx_rel(b, "SPDXRef-Binary", "GENERATED_FROM", "SPDXRef-Main", 0);
	spdx_rel(b, "SPDXRef-Binary", "CONTAINS", "SPDXRef-Go", 0);
	for (size_t i = 0; i < s->ndeps; i++) {
		id = spdx_id("Module", i + 1);
		spdx_rel(b, "SPDXRef-Binary", "CONTAINS", id, 0);
		spdx_rel(b, "SPDXRef-Main", "DEPENDS_ON", id, 0);
		free(id);
	}
	buf_puts(b, "\n  ]\n}\n");
	seal(b, 0);
	free(name);
	free(ns);
}

static void cdx_prop(struct buf *b, const char *name, const char *value, int first)
{
	buf_puts(b, first ? "{\"name\": " : ", {\"name\": ");
	buf_json(b, name);
	buf_puts(b, ", \"value\": ");
	buf_json(b, value);
	buf_putc(b, '}');
}

/* a component's fields after its type; in: the fields' indent */
static void cdx_module(struct buf *b, const struct sbom_mod *m, const char *in)
{
	char *purl = sbom_purl(m->path, m->version);

	kv(b, in, "bom-ref", purl, 0);
	kv(b, in, "name", m->path, 0);
	if (*devel(m->version))
		kv(b, in, "version", m->version, 0);
	kv(b, in, "purl", purl, 0);
	if (m->sum || m->rpath) {
		buf_printf(b, ",\n%s\"properties\": [", in);
		if (m->sum)
			cdx_prop(b, "goninja:go.sum", m->sum, 1);
		if (m->rpath) {
			char *r = xasprintf("%s%s%s", m->rpath, *devel(m->rversion) ? " " : "",
			                    devel(m->rversion));
			cdx_prop(b, "goninja:replaced-by", r, !m->sum);
			if (m->rsum)
				cdx_prop(b, "goninja:replaced-by:go.sum", m->rsum, 0);
			free(r);
		}
		buf_putc(b, ']');
	}
	free(purl);
}

static void cdx_binary(struct buf *b, const struct sbom *s)
{
	buf_puts(b, ",\n    \"component\": {\n      \"type\": \"application\"");
	kv(b, "      ", "bom-ref", "binary", 0);
	kv(b, "      ", "name", s->file, 0);
	if (s->version)
		kv(b, "      ", "version", s->version, 0);
	buf_puts(b, ",\n      \"hashes\": [{\"alg\": \"SHA-256\", \"content\": ");
	buf_json(b, s->sha256);
	buf_puts(b, "}],\n      \"properties\": [");
	cdx_prop(b, "goninja:platform", s->platform, 1);
	cdx_prop(b, "goninja:go", s->gover, 0);
	cdx_prop(b, "goninja:package", s->pkg, 0);
	for (size_t i = 0; i < s->settings.n; i++) {
		char *k = xstrdup(s->settings.v[i]), *eq = strchr(k, '=');
		*eq = '\0';
		char *name = xconcat("goninja:build:", k, NULL);
		cdx_prop(b, name, eq + 1, 0);
		free(name);
		free(k);
	}
	buf_puts(b, "]\n    }");
}

static void cdx_deps(struct buf *b, const struct sbom *s)
{
	char *main = sbom_purl(s->main.path, s->main.version);

	buf_puts(b, ",\n  \"dependencies\": [\n    {\"ref\": \"binary\", \"dependsOn\": [");
	buf_json(b, main);
	buf_puts(b, ", \"stdlib\"]},\n    {\"ref\": ");
	buf_json(b, main);
	buf_puts(b, ", \"dependsOn\": [");
	for (size_t i = 0; i < s->ndeps; i++) {
		char *p = sbom_purl(s->deps[i].path, s->deps[i].version);
		if (i)
			buf_puts(b, ", ");
		buf_json(b, p);
		free(p);
	}
	buf_puts(b, "]}");
	for (size_t i = 0; i < s->ndeps; i++) {
		char *p = sbom_purl(s->deps[i].path, s->deps[i].version);
		buf_puts(b, ",\n    {\"ref\": ");
		buf_json(b, p);
		buf_puts(b, ", \"dependsOn\": []}");
		free(p);
	}
	buf_puts(b, ",\n    {\"ref\": \"stdlib\", \"dependsOn\": []}\n  ]");
	free(main);
}

void sbom_cyclonedx(struct buf *b, const struct sbom *s)
{
	char when[32];

	date(when, s->epoch);
	buf_puts(b, "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\",\n"
	         "  \"serialNumber\": \"" IDMARK "\",\n  \"version\": 1,\n  \"metadata\": {");
	kv(b, "    ", "timestamp", when, 1);
	buf_puts(b, ",\n    \"tools\": {\"components\": [{\"type\": \"application\", "
	         "\"name\": \"goninja\", \"version\": \"" GONINJA_VERSION "\"}]}");
	cdx_binary(b, s);
	buf_puts(b, "\n  },\n  \"components\": [\n    {\n      \"type\": \"application\"");
	cdx_module(b, &s->main, "      ");
	buf_puts(b, "\n    },\n    {\n      \"type\": \"platform\",\n      \"bom-ref\": \"stdlib\",\n"
	         "      \"name\": \"stdlib\"");
	kv(b, "      ", "version", s->gover, 0);
	buf_puts(b, ",\n      \"description\": \"the Go toolchain and standard library\"\n    }");
	for (size_t i = 0; i < s->ndeps; i++) {
		buf_puts(b, ",\n    {\n      \"type\": \"library\"");
		cdx_module(b, &s->deps[i], "      ");
		buf_puts(b, "\n    }");
	}
	buf_puts(b, "\n  ]");
	cdx_deps(b, s);
	buf_puts(b, "\n}\n");
	seal(b, 1);
}

void sbom_free(struct sbom *s)
{
	struct sbom_mod *all[1] = { &s->main };

	for (size_t i = 0; i <= s->ndeps; i++) {
		struct sbom_mod *m = i ? &s->deps[i - 1] : all[0];
		free(m->path);
		free(m->version);
		free(m->sum);
		free(m->rpath);
		free(m->rversion);
		free(m->rsum);
	}
	free(s->deps);
	free(s->gover);
	free(s->pkg);
	strlist_free(&s->settings);
}

static int usage(void)
{
	fprintf(stderr, "usage: goninja sbom --name NAME --platform OS/ARCH[/VARIANT] "
	        "[--project P] [--version V] [--epoch SECONDS] FILE -- GO [build flags] PACKAGE\\n"
	        "Writes FILE.spdx.json and FILE.cdx.json from FILE's build info.\\n");
	return 2;
}

/* the value of -NAME=V or -NAME V among go's flags, or NULL */
static const char *goflag(char **go, int n, const char *name)
{
	size_t k = strlen(name);

	for (int i = 1; i < n; i++) {
		if (strncmp(go[i], name, k) == 0 && go[i][k] == '=')
			return go[i] + k + 1;
		if (strcmp(go[i], name) == 0 && i + 1 < n)
			return go[i + 1];
	}
	return NULL;
}

static int save(const char *file, const char *ext, const struct buf *b)
{
	char *path = xconcat(file, ext, NULL), *err = outfile_write(path, b->s, b->len);

	if (err)
		fprintf(stderr, "goninja: sbom: cannot write %s\n", err);
	free(path);
	free(err);
	return err != NULL;
}

/* the build info of file, read by go version -m; 0 or -1 */
static int read_info(struct sbom *s, const char *go, const char *file)
{
	char *argv[] = { (char *)go, "version", "-m", (char *)file, NULL }, *out;
	size_t len;
	int rc = gotool_run(argv, &out, &len);

	if (rc != 0 || sbom_buildinfo(s, out) != 0) {
		fprintf(stderr, "goninja: sbom: %s version -m %s: no Go build info\n", go, file);
		free(out);
		return -1;
	}
	free(out);
	return 0;
}

static int document(struct sbom *s, const char *file, char **go, int ngo)
{
	struct strlist listed = {0};
	struct buf spdx = {0}, cdx = {0};
	const char *ld = goflag(go, ngo, "-ldflags");
	char *msg;
	int rc;

	if (read_info(s, go[0], file) != 0)
		return 1;
	if (ld)
		sbom_setting(s, "-ldflags", ld);
	if (godeps_modules(go, ngo, &listed) != 0) {
		fprintf(stderr, "goninja: sbom: %s list failed for %s\n", go[0], file);
		return 1;
	}
	msg = sbom_crosscheck(s, &listed);
	strlist_free(&listed);
	if (msg) {
		fprintf(stderr, "goninja: sbom: %s: %s\n", file, msg);
		free(msg);
		return 1;
	}
	sbom_spdx(&spdx, s);
	sbom_cyclonedx(&cdx, s);
	rc = save(file, ".spdx.json", &spdx) || save(file, ".cdx.json", &cdx);
	buf_free(&spdx);
	buf_free(&cdx);
	return rc;
}

int sbom_main(int argc, char **argv)
{
	struct sbom s = {0};
	const char *file = NULL, *v, *epoch = "0";
	char hex[65];
	int i, rc;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if ((v = opt_value(argc, argv, &i, "--name")))
			s.name = v;
		else if ((v = opt_value(argc, argv, &i, "--platform")))
			s.platform = v;
		else if ((v = opt_value(argc, argv, &i, "--project")))
			s.project = v;
		else if ((v = opt_value(argc, argv, &i, "--version")))
			s.version = v;
		else if ((v = opt_value(argc, argv, &i, "--epoch")))
			epoch = v;
		else if (argv[i][0] == '-' || file)
			return usage();
		else
			file = argv[i];
	}
	if (!file || !s.name || !s.platform || !*s.name || !*s.platform || argc - i < 3)
		return usage();
	s.epoch = strtoll(epoch, NULL, 10);
	if (sha256_file(file, hex) != 0) {
		fprintf(stderr, "goninja: sbom: %s: cannot read it\n", file);
		return 1;
	}
	s.sha256 = hex;
	s.file = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	rc = document(&s, file, argv + i + 1, argc - i - 1);
	sbom_free(&s);
	return rc;
}
