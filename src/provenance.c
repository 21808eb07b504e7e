#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "sha256.h"
#include "outfile.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "flags.h"
#include "gen.h"
#include "show.h"
#include "provenance.h"

#define BUILD_TYPE "https://goninja.invalid/provenance/ninja-release/v1"
#define BUILDER "https://goninja.invalid/builder/goninja@" GONINJA_VERSION

/* "NAME": {"sha256": "HEX"} resource descriptors, one per line at indent */
static void files(struct buf *b, const struct prov_file *f, size_t n, int first,
                  const char *indent)
{
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, first && i == 0 ? "\n" : ",\n");
		buf_puts(b, indent);
		buf_puts(b, "{\"name\": ");
		buf_json(b, f[i].name);
		buf_printf(b, ", \"digest\": {\"sha256\": \"%s\"}}", f[i].sha256);
	}
}

static void strings(struct buf *b, char *const *v, size_t n)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ", ");
		buf_json(b, v[i]);
	}
	buf_putc(b, ']');
}

static void cell(struct buf *b, const struct prov_cell *c, int first)
{
	buf_puts(b, first ? "\n          {\"output\": " : ",\n          {\"output\": ");
	buf_json(b, c->output);
	buf_puts(b, ", \"platform\": ");
	buf_json(b, c->platform);
	buf_puts(b, ", \"go\": ");
	buf_json(b, c->go);
	buf_puts(b, ",\n           \"env\": ");
	strings(b, c->env, c->nenv);
	buf_puts(b, ",\n           \"command\": ");
	buf_json(b, c->command);
	buf_putc(b, '}');
}

static void definition(struct buf *b, const struct prov *p)
{
	buf_puts(b, "    \"buildDefinition\": {\n      \"buildType\": \"" BUILD_TYPE "\",\n"
	         "      \"externalParameters\": {\"ruleFile\": ");
	buf_json(b, p->rulefile);
	buf_puts(b, ", \"defines\": ");
	strings(b, p->defines, p->ndefines);
	buf_puts(b, ", \"target\": \"release\"},\n      \"internalParameters\": {\n"
	         "        \"cells\": [");
	for (size_t i = 0; i < p->ncells; i++)
		cell(b, &p->cells[i], i == 0);
	buf_puts(b, "\n        ]\n      },\n      \"resolvedDependencies\": [");
	if (p->commit) {
		buf_puts(b, "\n        {\"name\": \"source\", \"digest\": {\"gitCommit\": ");
		buf_json(b, p->commit);
		buf_puts(b, "}}");
	}
	files(b, p->rules, p->nrules, !p->commit, "        ");
	buf_puts(b, "\n      ]\n    },\n");
}

void provenance_json(struct buf *b, const struct prov *p)
{
	buf_puts(b, "{\n  \"_type\": \"https://in-toto.io/Statement/v1\",\n  \"subject\": [");
	files(b, p->subjects, p->nsubjects, 1, "    ");
	buf_puts(b, "\n  ],\n  \"predicateType\": \"https://slsa.dev/provenance/v1\",\n"
	         "  \"predicate\": {\n");
	definition(b, p);
	buf_puts(b, "    \"runDetails\": {\"builder\": {\"id\": \"" BUILDER "\", "
	         "\"version\": {\"goninja\": \"" GONINJA_VERSION "\"}}}\n  }\n}\n");
}

static int cmpfile(const void *a, const void *b)
{
	return strcmp(((const struct prov_file *)a)->name, ((const struct prov_file *)b)->name);
}

/* name (shown as shown, or its base name) and digest of path; 0 or -1 */
static int digest(struct prov_file *f, const char *path, int base)
{
	const char *slash = strrchr(path, '/');

	if (sha256_file(path, f->sha256) != 0) {
		fprintf(stderr, "goninja: provenance: %s: cannot read it\n", path);
		return -1;
	}
	f->name = xstrdup(base && slash ? slash + 1 : path);
	return 0;
}

static void cells(struct prov *p, const struct gen *g)
{
	const struct release *r = &g->proj->release;

	p->cells = xcalloc(g->ncells + 1, sizeof(*p->cells));
	for (size_t i = 0; i < g->ncells; i++) {
		const struct cell *c = &g->cells[i];
		if (r->binaries.n && !strlist_has(&r->binaries, c->bin->name))
			continue;
		struct prov_cell *pc = &p->cells[p->ncells++];
		pc->output = xstrdup(c->out);
		pc->platform = xstrdup(c->plat->name);
		pc->go = xstrdup(c->bin->go->version ? c->bin->go->version : "unknown");
		pc->command = show_command(c, 0);
		pc->env = xcalloc(c->nenv + 1, sizeof(*pc->env));
		for (size_t j = 0; j < c->nenv; j++)
			pc->env[pc->nenv++] = xstrdup(c->env[j].text);
	}
}

static void prov_free(struct prov *p)
{
	for (size_t i = 0; i < p->nsubjects; i++)
		free(p->subjects[i].name);
	for (size_t i = 0; i < p->nrules; i++)
		free(p->rules[i].name);
	for (size_t i = 0; i < p->ncells; i++) {
		struct prov_cell *c = &p->cells[i];
		free(c->output);
		free(c->platform);
		free(c->go);
		free(c->command);
		for (size_t j = 0; j < c->nenv; j++)
			free(c->env[j]);
		free(c->env);
	}
	free(p->subjects);
	free(p->rules);
	free(p->cells);
}

static int collect(struct prov *p, const struct gen *g, const struct strlist *art)
{
	const struct project *proj = g->proj;

	p->subjects = xcalloc(art->n + 1, sizeof(*p->subjects));
	for (; p->nsubjects < art->n; p->nsubjects++)
		if (digest(&p->subjects[p->nsubjects], art->v[p->nsubjects], 1) != 0)
			return -1;
	qsort(p->subjects, p->nsubjects, sizeof(*p->subjects), cmpfile);
	p->rules = xcalloc(proj->files.n + 1, sizeof(*p->rules));
	for (; p->nrules < proj->files.n; p->nrules++)
		if (digest(&p->rules[p->nrules], proj->files.v[p->nrules], 0) != 0)
			return -1;
	p->commit = proj->vcs.commit;
	cells(p, g);
	return 0;
}

int provenance_main(int argc, char **argv)
{
	struct genopts o = GENOPTS_DEFAULT;
	struct strlist art = {0};
	struct prov p = {0};
	struct buf b = {0};
	const char *out = NULL, *v;
	char **rest = xcalloc((size_t)argc + 1, sizeof(*rest));
	int n = 0, rc = 1;
	struct gen g;

	for (int i = 1; i < argc; i++)
		if ((v = opt_value(argc, argv, &i, "--out")))
			out = v;
		else
			rest[n++] = argv[i];
	gen_options(&o, n, rest, &art);
	free(rest);
	if (!out || !*out || art.n == 0) {
		fprintf(stderr, "usage: goninja provenance --out FILE [-f rulefile] "
		        "[-D name=value]... ARTIFACT...\n");
		return 2;
	}
	gen_load(&g, &o);
	p.rulefile = o.rulefile;
	p.defines = o.defines;
	p.ndefines = o.ndefines;
	if (collect(&p, &g, &art) == 0) {
		provenance_json(&b, &p);
		char *err = outfile_write(out, b.s, b.len);
		if ((rc = err != NULL))
			fprintf(stderr, "goninja: provenance: cannot write %s\n", err);
		free(err);
	}
	buf_free(&b);
	prov_free(&p);
	strlist_free(&art);
	gen_free(&g);
	free(o.defines);
	return rc;
}
