#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "sha256.h"
#include "outfile.h"
#include "manifest.h"

/* where each platform goes: Homebrew's OS block, CPU block and word size
 * (0: either), or Scoop's architecture key */
static const struct {
	const char *platform, *os, *cpu;
	int bits;
	const char *scoop;
} places[] = {
	{"darwin/amd64", "macos", "intel", 0, NULL},
	{"darwin/arm64", "macos", "arm", 0, NULL},
	{"linux/amd64", "linux", "intel", 64, NULL},
	{"linux/arm64", "linux", "arm", 64, NULL},
	{"linux/arm/v7", "linux", "arm", 32, NULL},
	{"windows/amd64", NULL, NULL, 0, "64bit"},
	{"windows/386", NULL, NULL, 0, "32bit"},
	{"windows/arm64", NULL, NULL, 0, "arm64"},
};
#define NPLACES (sizeof(places) / sizeof(*places))

bool manifest_serves(const char *kind, const char *platform)
{
	bool brew = strcmp(kind, "homebrew") == 0;

	for (size_t i = 0; i < NPLACES; i++)
		if (strcmp(places[i].platform, platform) == 0)
			return brew ? places[i].os != NULL : places[i].scoop != NULL;
	return false;
}

char *manifest_class(const char *name)
{
	struct buf b = {0};
	bool up = true;

	buf_puts(&b, "");
	for (const char *s = name; *s; s++) {
		if (*s == '-' || *s == '_' || *s == '.') {
			up = true;
			continue;
		}
		if (*s == '+') {
			buf_putc(&b, 'x');
			continue;
		}
		if (*s == '@') {
			buf_puts(&b, "AT");
			up = true;
			continue;
		}
		buf_putc(&b, up && *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s);
		up = false;
	}
	return b.s;
}

/* s as a Ruby double-quoted string */
static void ruby_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\' || (*s == '#' && strchr("{$@", s[1])))
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static void ruby_field(struct buf *b, const char *indent, const char *key, const char *v)
{
	if (!v || !*v)
		return;
	buf_printf(b, "%s%s ", indent, key);
	ruby_str(b, v);
	buf_putc(b, '\n');
}

/* the archive for places[p], or NULL */
static const struct manifest_archive *archive_at(const struct manifest *m, size_t p)
{
	for (size_t i = 0; i < m->narchives; i++)
		if (strcmp(m->archives[i].platform, places[p].platform) == 0)
			return &m->archives[i];
	return NULL;
}

static void brew_url(struct buf *b, const char *indent, const struct manifest_archive *a)
{
	ruby_field(b, indent, "url", a->url);
	ruby_field(b, indent, "sha256", a->sha256);
}

/* on_intel / on_arm inside an OS block: one archive, or 64- and 32-bit */
static void brew_cpu(struct buf *b, const struct manifest *m, const char *os, const char *cpu)
{
	const struct manifest_archive *any = NULL, *b64 = NULL, *b32 = NULL;

	for (size_t p = 0; p < NPLACES; p++) {
		const struct manifest_archive *a;
		if (!places[p].os || strcmp(places[p].os, os) != 0 ||
		    strcmp(places[p].cpu, cpu) != 0 || !(a = archive_at(m, p)))
			continue;
		if (places[p].bits == 64)
			b64 = a;
		else if (places[p].bits == 32)
			b32 = a;
		else
			any = a;
	}
	if (!any && !b64 && !b32)
		return;
	buf_printf(b, "    on_%s do\n", cpu);
	if (any)
		brew_url(b, "      ", any);
	else if (b64 && b32) {
		buf_puts(b, "      if Hardware::CPU.is_64_bit?\n");
		brew_url(b, "        ", b64);
		buf_puts(b, "      else\n");
		brew_url(b, "        ", b32);
		buf_puts(b, "      end\n");
	} else {
		buf_printf(b, "      if Hardware::CPU.is_%s_bit?\n", b64 ? "64" : "32");
		brew_url(b, "        ", b64 ? b64 : b32);
		buf_puts(b, "      end\n");
	}
	buf_puts(b, "    end\n");
}

static void brew_os(struct buf *b, const struct manifest *m, const char *os)
{
	struct buf inner = {0};

	brew_cpu(&inner, m, os, "intel");
	brew_cpu(&inner, m, os, "arm");
	if (inner.len)
		buf_printf(b, "\n  on_%s do\n%s  end\n", os, inner.s);
	buf_free(&inner);
}

void manifest_homebrew(const struct manifest *m, struct buf *b)
{
	char *cls = manifest_class(m->name);

	buf_puts(b, "# typed: false\n# frozen_string_literal: true\n\n"
	         "# Written by goninja from the release archives; regenerated with them.\n");
	buf_printf(b, "class %s < Formula\n", cls);
	ruby_field(b, "  ", "desc", m->description);
	ruby_field(b, "  ", "homepage", m->homepage);
	ruby_field(b, "  ", "version", m->version);
	ruby_field(b, "  ", "license", m->license);
	brew_os(b, m, "macos");
	brew_os(b, m, "linux");
	buf_puts(b, "\n  def install\n");
	for (size_t i = 0; i < m->bins.n; i++) {
		buf_puts(b, "    bin.install ");
		ruby_str(b, m->bins.v[i]);
		buf_putc(b, '\n');
	}
	buf_puts(b, "  end\n\n  test do\n");
	for (size_t i = 0; i < m->bins.n; i++) {
		buf_puts(b, "    assert_predicate bin/");
		ruby_str(b, m->bins.v[i]);
		buf_puts(b, ", :executable?\n");
	}
	buf_puts(b, "  end\nend\n");
	free(cls);
}

static void json_field(struct buf *b, const char *indent, const char *key, const char *v,
                       const char *after)
{
	buf_puts(b, indent);
	buf_json(b, key);
	buf_puts(b, ": ");
	buf_json(b, v);
	buf_puts(b, after);
}

void manifest_scoop(const struct manifest *m, struct buf *b)
{
	bool first = true;

	buf_puts(b, "{\n");
	json_field(b, "    ", "version", m->version, ",\n");
	json_field(b, "    ", "description", m->description ? m->description : "", ",\n");
	json_field(b, "    ", "homepage", m->homepage ? m->homepage : "", ",\n");
	json_field(b, "    ", "license", m->license ? m->license : "", ",\n");
	buf_puts(b, "    \"architecture\": {");
	for (size_t p = 0; p < NPLACES; p++) {
		const struct manifest_archive *a;
		if (!places[p].scoop || !(a = archive_at(m, p)))
			continue;
		buf_puts(b, first ? "\n" : ",\n");
		first = false;
		buf_puts(b, "        ");
		buf_json(b, places[p].scoop);
		buf_puts(b, ": {\n");
		json_field(b, "            ", "url", a->url, ",\n");
		json_field(b, "            ", "hash", a->sha256, "\n");
		buf_puts(b, "        }");
	}
	buf_puts(b, "\n    },\n    \"bin\": [");
	for (size_t i = 0; i < m->bins.n; i++) {
		char *exe = xconcat(m->bins.v[i], ".exe", NULL);
		buf_puts(b, i ? ", " : "");
		buf_json(b, exe);
		free(exe);
	}
	buf_puts(b, "]\n}\n");
}

static int usage(void)
{
	fputs("usage: goninja manifest --kind homebrew|scoop --out FILE --name N --version V\n"
	      "         [--description D] [--homepage URL] [--license L] [--bin NAME]...\n"
	      "         (--platform OS/ARCH[/VARIANT] --url URL ARCHIVE)...\n", stderr);
	return 2;
}

/* ARCHIVE with the --platform and --url before it */
static int add_archive(struct manifest *m, const char *plat, const char *url, const char *path)
{
	struct manifest_archive *a;

	if (!plat || !url)
		return usage();
	m->archives = xrealloc(m->archives, (m->narchives + 1) * sizeof(*m->archives));
	a = &m->archives[m->narchives++];
	a->platform = plat;
	a->url = url;
	if (sha256_file(path, a->sha256) != 0) {
		fprintf(stderr, "goninja: manifest: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int manifest_main(int argc, char **argv)
{
	struct manifest m = {0};
	const char *kind = NULL, *out = NULL, *plat = NULL, *url = NULL, *v;
	struct buf b = {0};
	char *err;
	int rc = 0;

	for (int i = 1; i < argc && !rc; i++) {
		if ((v = opt_value(argc, argv, &i, "--kind"))) kind = v;
		else if ((v = opt_value(argc, argv, &i, "--out"))) out = v;
		else if ((v = opt_value(argc, argv, &i, "--name"))) m.name = v;
		else if ((v = opt_value(argc, argv, &i, "--version"))) m.version = v;
		else if ((v = opt_value(argc, argv, &i, "--description"))) m.description = v;
		else if ((v = opt_value(argc, argv, &i, "--homepage"))) m.homepage = v;
		else if ((v = opt_value(argc, argv, &i, "--license"))) m.license = v;
		else if ((v = opt_value(argc, argv, &i, "--bin"))) strlist_add(&m.bins, xstrdup(v));
		else if ((v = opt_value(argc, argv, &i, "--platform"))) plat = v;
		else if ((v = opt_value(argc, argv, &i, "--url"))) url = v;
		else if (argv[i][0] == '-') rc = usage();
		else {
			rc = add_archive(&m, plat, url, argv[i]);
			plat = url = NULL;
		}
	}
	if (!rc && (!kind || !out || !*out || !m.name || !m.version ||
	            (strcmp(kind, "homebrew") != 0 && strcmp(kind, "scoop") != 0)))
		rc = usage();
	if (!rc) {
		if (strcmp(kind, "homebrew") == 0)
			manifest_homebrew(&m, &b);
		else
			manifest_scoop(&m, &b);
		if ((err = outfile_save(out, b.s, b.len, 0644))) {
			fprintf(stderr, "goninja: manifest: %s\n", err);
			free(err);
			rc = 1;
		}
	}
	buf_free(&b);
	strlist_free(&m.bins);
	free(m.archives);
	return rc;
}
