#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "esc.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "flags.h"
#include "gen.h"
#include "promise.h"
#include "smoke.h"
#include "sched.h"
#include "show.h"

static void json_str(FILE *f, const char *s)
{
	struct buf b = {0};

	buf_json(&b, s);
	fputs(b.s, f);
	buf_free(&b);
}

static void target_json(const struct cell *c, int first)
{
	const struct platform *p = c->plat;

	printf("%s\n  {\"output\": ", first ? "" : ",");
	json_str(stdout, c->out);
	printf(", \"binary\": ");
	json_str(stdout, c->bin->name);
	printf(", \"platform\": ");
	json_str(stdout, p ? p->name : "dev");
	if (p) {
		printf(", \"goos\": ");
		json_str(stdout, p->os);
		printf(", \"goarch\": ");
		json_str(stdout, p->arch);
		printf(", \"target\": ");
		json_str(stdout, p->dir);
	}
	printf(", \"link\": ");
	json_str(stdout, c->linkage);
	printf(", \"cgo\": %s}", c->bin->cgo ? "true" : "false");
}

void show_targets(const struct gen *g, int json)
{
	if (json) {
		putchar('[');
		for (size_t i = 0; i < g->ncells; i++)
			target_json(&g->cells[i], i == 0);
		puts("\n]");
		return;
	}
	for (size_t i = 0; i < g->ncells; i++) {
		const struct cell *c = &g->cells[i];
		printf("%s\t%s\t%s\t%s\n", c->out, c->bin->name, c->plat->name, c->mode);
	}
}

char *show_command(const struct cell *c, int p)
{
	struct buf b = {0};

	if (*c->bin->dir) {
		buf_puts(&b, "cd ");
		esc_shell(&b, c->bin->dir);
		buf_puts(&b, " && ");
	}
	for (size_t i = 0; i < c->nenv; i++) {
		esc_shell(&b, c->env[i].text);
		buf_putc(&b, ' ');
	}
	esc_shell(&b, c->bin->go->cmd);
	buf_puts(&b, " build");
	if (p)
		buf_printf(&b, " -p %d", p);
	for (size_t i = 0; i < c->nargs; i++) {
		buf_putc(&b, ' ');
		esc_shell(&b, c->args[i].text);
	}
	buf_puts(&b, " -o ");
	esc_shell(&b, c->out);
	buf_putc(&b, ' ');
	esc_shell(&b, c->bin->main);
	return b.s;
}

static void reasons(const char *title, const struct setting *s, size_t n,
                    const struct cell *c)
{
	printf("%s:\n", title);
	for (size_t i = 0; i < n; i++) {
		printf("  %-24s %s\n", s[i].text, s[i].why);
		if (c && strncmp(s[i].text, "-ldflags=", 9) == 0)
			for (size_t j = 0; j < c->nld; j++)
				printf("    %-22s %s\n", c->ld[j].text, c->ld[j].why);
	}
}

/* the pool the cell's go edge waits in, and why it is that deep */
static void explain_pool(const struct cell *c, const struct sched *s)
{
	char *why = sched_why(s);

	if (s->depth == 1)
		printf("pool: link, depth 1: one go build or go test at a time; the depth "
		       "is %s\n", why);
	else
		printf("pool: link, depth %d: at most %d go builds and go tests at once, "
		       "this one among them; the depth is %s\n", s->depth, s->depth, why);
	printf("go -p: build.ninja runs go build -p %d: %d core%s / %d builds at once "
	       "(at least 1), not Go's default of every core per build\n", s->p, s->ncpu,
	       s->ncpu == 1 ? "" : "s", s->depth);
	free(why);
}

void show_explain(const struct cell *c, const struct sched *s)
{
	const struct binary *b = c->bin;
	char *cmd = show_command(c, s->p);
	const char *floor, *why;

	printf("%s: %s for %s, declared at %s:%d\n", c->out, b->name,
	       c->plat ? c->plat->name : "the host (dev)", b->where.file, b->where.line);
	printf("promise: %s [%s]\n", c->linkage, c->mode);
	if (c->warning)
		printf("warning: %s\n", c->warning);
	if ((floor = promise_glibc(c, &why)))
		printf("glibc floor: %s (goninja check --max-glibc=%s: no GLIBC_ symbol "
		       "version above it)\n", floor, floor);
	else if (why)
		printf("glibc floor: none: %s\n", why);
	if (b->nsmokes && c->plat) {
		char *how = smoke_how(c->plat->name, strcmp(c->linkage, "dynamic") == 0 ? c->cc : NULL);
		printf("smoke: %zu run%s; on this machine it %s\n", b->nsmokes,
		       b->nsmokes == 1 ? "" : "s", how);
		free(how);
	}
	printf("go: %s (%s)\n", b->go->path ? b->go->path : b->go->cmd,
	       b->go->version ? b->go->version : "version unknown");
	explain_pool(c, s);
	reasons("environment", c->env, c->nenv, NULL);
	reasons("flags", c->args, c->nargs, c);
	if (c->nnotes)
		reasons("left out", c->notes, c->nnotes, NULL);
	printf("command:\n  %s\n", cmd);
	free(cmd);
}
