#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "template.h"
#include "gen.h"
#include "release.h"

void release_vars(struct tvars *v, const struct project *proj,
                  const struct platform *p, char shortc[16])
{
	memset(v, 0, sizeof(*v));
	v->project = proj->name ? proj->name : "";
	v->version = proj->version;
	v->commit = proj->vcs.commit ? proj->vcs.commit : "unknown";
	snprintf(shortc, 16, "%.12s", v->commit);
	v->short_commit = shortc;
	v->date = proj->vcs.date;
	v->epoch = proj->vcs.epoch;
	v->name = "";
	if (!p)
		return;
	v->os = p->os;
	v->arch = p->arch;
	v->variant = p->variant ? p->variant : "";
	v->platform = p->name;
	v->target = p->dir;
}

char *release_expand(const struct gen *g, const struct platform *p, const char *tmpl,
                     const struct loc *where, const char *field, const char *what)
{
	struct tvars v;
	struct buf b = {0};
	char shortc[16], *err;

	release_vars(&v, g->proj, p, shortc);
	if ((err = template_expand(&b, tmpl, &v)))
		model_fail_at(where, field, "%s: %s: %s", what, field, err);
	buf_puts(&b, "");
	return b.s;
}

/* the name template expanded for p, with .zip for windows, else .tar.gz */
char *release_archive(const struct gen *g, const struct platform *p)
{
	static const struct platform universal = {
		.name = "darwin/all", .os = "darwin", .arch = "all", .dir = "darwin_all"};
	const struct project *proj = g->proj;
	struct tvars v;
	struct buf b = {0};
	char shortc[16], *err;

	release_vars(&v, proj, p ? p : &universal, shortc);
	if ((err = template_expand(&b, proj->release.name, &v)))
		model_fail_at(&proj->release.where, "name", "release: name: %s", err);
	if (!b.s || strpbrk(b.s, "/ \t\n\\$:'\"`"))
		model_fail_at(&proj->release.where, "name", "release: name \"%s\" is not a plain "
		           "file name", b.s ? b.s : "");
	buf_puts(&b, p && strcmp(p->os, "windows") == 0 ? ".zip" : ".tar.gz");
	return b.s;
}

