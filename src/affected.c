#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "flags.h"
#include "gen.h"
#include "gotool.h"
#include "godeps.h"
#include "pkgdir.h"
#include "affected.h"

/* what a cell is made of: files, and package directories with the filter
 * of the names go build could read there (a new file there counts) */
struct inputs {
	struct strlist files;        /* absolute */
	struct strlist dirs;         /* pairs: absolute directory, filter */
};

static char *absolute(const char *cwd, const char *path)
{
	if (path[0] == '/')
		return xstrdup(path);
	while (strncmp(path, "./", 2) == 0)
		path += 2;
	return xconcat(cwd, "/", path, NULL);
}

/* run argv: NUL-separated names (with --name-status, each after its
 * status letter) into all, the added and untracked ones also into added,
 * each prefixed by dir/; -1 when it fails */
static int run_names(char **argv, const char *dir, bool status, struct strlist *all,
                     struct strlist *added)
{
	size_t len;
	char *text;
	int rc = gotool_run(argv, &text, &len);

	for (size_t i = 0; rc == 0 && i < len; i += strlen(text + i) + 1) {
		bool add = !status || text[i] == 'A';
		if (status)
			i += strlen(text + i) + 1;
		if (i >= len || !text[i])
			continue;
		strlist_add(all, xconcat(dir, "/", text + i, NULL));
		if (add)
			strlist_add(added, xconcat(dir, "/", text + i, NULL));
	}
	free(text);
	return rc == 0 ? 0 : -1;
}

void affected_changed(const char *rev, struct strlist *out, struct strlist *added)
{
	char *top_argv[] = {"git", "rev-parse", "--show-toplevel", NULL}, *top;
	size_t len;

	if (gotool_run(top_argv, &top, &len) != 0)
		fatal("affected: not in a git work tree (git rev-parse --show-toplevel failed)");
	top[strcspn(top, "\n")] = '\0';
	{
		char *diff[] = {"git", "-C", top, "diff", "-z", "--name-status", "--no-renames",
			(char *)rev, "--", NULL};
		char *untracked[] = {"git", "-C", top, "ls-files", "-z", "--others",
			"--exclude-standard", NULL};
		if (run_names(diff, top, true, out, added) != 0) {
			fprintf(stderr, "goninja: affected: git diff %s failed\n", rev);
			exit(2);
		}
		if (run_names(untracked, top, false, out, added) != 0) {
			fprintf(stderr, "goninja: affected: git ls-files --others failed\n");
			exit(2);
		}
	}
	free(top);
	strlist_sort(out);
	strlist_sort(added);
}

/* the paths of a depfile's text after "target:", unescaped (esc_depfile) */
static void depfile_paths(const char *s, const char *cwd, struct strlist *out)
{
	struct buf w = {0};

	s = strchr(s, ':');
	for (s = s ? s + 1 : ""; ; s++) {
		if (*s == '\\' && s[1] == '\n') {
			s++;
			continue;
		}
		if (*s == '\\' && s[1] && s[1] != '\n') {
			buf_putc(&w, *++s);
			continue;
		}
		if (*s == '$' && s[1] == '$') {
			buf_putc(&w, *s++);
			continue;
		}
		if (*s && *s != ' ' && *s != '\n' && *s != '\t') {
			buf_putc(&w, *s);
			continue;
		}
		if (w.len) {
			strlist_add(out, absolute(cwd, w.s));
			w.len = 0;
			w.s[0] = '\0';
		}
		if (!*s)
			break;
	}
	buf_free(&w);
}

/* the directories and filters of a listing file (pkgdir.h), if it exists */
static void listing_dirs(const char *path, struct strlist *dirs)
{
	size_t len;
	char *text = file_read(path, 64u << 20, &len, NULL);

	for (size_t i = 0; text && i < len;) {
		const char *dir = text + i, *filter;
		if (!*dir)
			break;
		i += strlen(dir) + 1;
		filter = text + i;
		i += strlen(filter) + 1;
		strlist_add(dirs, xstrdup(dir));
		strlist_add(dirs, xstrdup(filter));
		while (i < len && text[i])      /* the names, to the empty one */
			i += strlen(text + i) + 1;
		i++;
	}
	free(text);
}

/* ninja -t deps of outs: for each, its files (NULL when the log has none) */
static struct strlist **deps_log(const char *ninjafile, char **outs, size_t n,
                                 const char *cwd)
{
	struct strlist **v = xcalloc(n, sizeof(*v));
	char **argv = xcalloc(n + 6, sizeof(*argv)), *text, *line, *next;
	struct strlist *cur = NULL;
	size_t len;

	if (access(".ninja_deps", F_OK) != 0) {
		free(argv);
		return v;
	}
	argv[0] = "ninja";
	argv[1] = "-f";
	argv[2] = (char *)ninjafile;
	argv[3] = "-t";
	argv[4] = "deps";
	memcpy(argv + 5, outs, n * sizeof(*outs));
	if (gotool_run_quiet(argv, &text, &len) != 0)
		n = 0;
	for (line = text; n && line && *line; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (line[0] == ' ') {
			if (cur)
				strlist_add(cur, absolute(cwd, line + strspn(line, " ")));
			continue;
		}
		cur = NULL;
		char *colon = strstr(line, ": #deps ");
		if (!colon)
			continue;
		*colon = '\0';
		for (size_t i = 0; i < n; i++)
			if (!v[i] && strcmp(outs[i], line) == 0)
				cur = v[i] = xcalloc(1, sizeof(*cur));
	}
	free(text);
	free(argv);
	return v;
}

/* the inputs of c from go list, run like its edge; 0 or -1 */
static int go_list(const struct cell *c, const char *cwd, struct inputs *in)
{
	const struct binary *b = c->bin;
	size_t ng = 1 + c->nargs + (b->test ? b->packages.n : 1), k = 0;
	char **go = xcalloc(ng + 1, sizeof(*go)), **env = xcalloc(c->nenv + 1, sizeof(*env));
	struct buf dep = {0};
	int rc;

	go[k++] = b->go->path ? b->go->path : b->go->cmd;
	for (size_t i = 0; i < c->nargs; i++)
		go[k++] = c->args[i].text;
	if (b->test)
		for (size_t i = 0; i < b->packages.n; i++)
			go[k++] = b->packages.v[i];
	else
		go[k++] = b->main;
	for (size_t i = 0; i < c->nenv; i++)
		env[i] = c->env[i].text;
	/* godeps_depfile's filters read GOOS and GOARCH, as in the edge */
	setenv("GOOS", c->plat ? c->plat->os : "", 1);
	setenv("GOARCH", c->plat ? c->plat->arch : "", 1);
	rc = godeps_files(b->dir, env, c->nenv, go, (int)k, b->test, cwd, &dep, &in->dirs);
	if (rc == 0)
		depfile_paths(dep.s, cwd, &in->files);
	buf_free(&dep);
	unsetenv("GOOS");
	unsetenv("GOARCH");
	free(go);
	free(env);
	return rc;
}

/* is path in dirs, as a name go build could read there? */
static bool new_in_dirs(const char *path, const struct strlist *dirs)
{
	const char *slash = strrchr(path, '/');

	for (size_t i = 0; slash && i + 1 < dirs->n; i += 2)
		if (strlen(dirs->v[i]) == (size_t)(slash - path) &&
		    strncmp(dirs->v[i], path, (size_t)(slash - path)) == 0 &&
		    pkgdir_counts(slash + 1, dirs->v[i + 1]))
			return true;
	return false;
}

/* an input changed, or a new file is one go build would read */
static bool touches(const struct inputs *in, const struct strlist *changed,
                    const struct strlist *added)
{
	for (size_t i = 0; i < changed->n; i++)
		if (strlist_has(&in->files, changed->v[i]))
			return true;
	for (size_t i = 0; i < added->n; i++)
		if (new_in_dirs(added->v[i], &in->dirs))
			return true;
	return false;
}

/* what regenerates every cell: rule files, and the module files of its build */
static void common(const struct project *p, const struct binary *b, const char *cwd,
                   struct strlist *files)
{
	struct strlist mods = {0};

	for (size_t i = 0; i < p->files.n; i++)
		strlist_add(files, absolute(cwd, p->files.v[i]));
	gotool_modfiles(b->dir, &mods);
	for (size_t i = 0; i < mods.n; i++)
		strlist_add(files, absolute(cwd, mods.v[i]));
	strlist_free(&mods);
}

bool *affected_mark(const struct gen *g, const struct strlist *changed,
                    const struct strlist *added, const char *ninjafile, const char **how)
{
	size_t n = g->ncells + g->ntests, logged = 0, listed = 0;
	char cwd[PATH_MAX], **outs = xcalloc(n + 1, sizeof(*outs));
	bool *marks = xcalloc(n + 1, sizeof(*marks));
	struct strlist **log;

	if (!getcwd(cwd, sizeof(cwd)))
		fatal("affected: getcwd:");
	for (size_t i = 0; i < n; i++)
		outs[i] = i < g->ncells ? g->cells[i].out : g->tests[i - g->ncells].out;
	log = deps_log(ninjafile, outs, n, cwd);
	for (size_t i = 0; i < n; i++) {
		const struct cell *c = i < g->ncells ? &g->cells[i] : &g->tests[i - g->ncells];
		struct inputs in = {0};
		if (log[i]) {
			char *pkgs = xconcat(g->proj->out, "/.deps/",
			                     c->out + strlen(g->proj->out) + 1, ".pkgs", NULL);
			in.files = *log[i];
			free(log[i]);
			listing_dirs(pkgs, &in.dirs);
			free(pkgs);
			logged++;
		} else if (go_list(c, cwd, &in) == 0) {
			listed++;
		} else {
			fatal("affected: go list failed for %s: build it, or fix what go "
			      "build says", c->out);
		}
		common(g->proj, c->bin, cwd, &in.files);
		marks[i] = touches(&in, changed, added);
		strlist_free(&in.files);
		strlist_free(&in.dirs);
	}
	*how = logged && listed ? "ninja's deps log, and go list for cells not built yet"
	       : logged ? "ninja's deps log" : "go list";
	free(log);
	free(outs);
	return marks;
}

static void json_str(const char *s)
{
	struct buf b = {0};

	buf_json(&b, s);
	fputs(b.s, stdout);
	buf_free(&b);
}

static void print_cell(const struct cell *c, bool json, bool *first)
{
	const char *name = c->bin->name, *plat = c->plat ? c->plat->name : "dev";

	if (!json) {
		printf("%s@%s\t%s\n", name, plat, c->out);
		return;
	}
	printf("%s\n    {\"%s\": ", *first ? "" : ",", c->bin->test ? "test" : "binary");
	json_str(name);
	printf(", \"platform\": ");
	json_str(plat);
	printf(", \"output\": ");
	json_str(c->out);
	putchar('}');
	*first = false;
}

static void print_affected(const struct gen *g, const char *rev, const struct strlist *changed,
                           const bool *marks, const char *how, bool json)
{
	bool first = true;

	if (json) {
		printf("{\"since\": ");
		json_str(rev);
		printf(", \"inputs\": ");
		json_str(how);
		printf(", \"changed\": [");
		for (size_t i = 0; i < changed->n; i++) {
			printf("%s", i ? ", " : "");
			json_str(changed->v[i]);
		}
		printf("],\n  \"cells\": [");
	}
	for (size_t i = 0; i < g->ncells; i++)
		if (marks[i])
			print_cell(&g->cells[i], json, &first);
	if (json)
		printf("],\n  \"tests\": [");
	first = true;
	for (size_t i = 0; i < g->ntests; i++)
		if (marks[g->ncells + i])
			print_cell(&g->tests[i], json, &first);
	if (json)
		puts("]}");
}

int affected_main(int argc, char **argv)
{
	struct genopts o = GENOPTS_DEFAULT;
	struct strlist rest = {0}, changed = {0}, added = {0};
	const char *rev = NULL, *how;
	bool json = false, *marks;
	struct gen g;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			puts("usage: goninja affected --since REV [--json] [-C dir] [-f rulefile] [-D name=value]...\n"
			     "The (binary, platform) cells and go_test cells whose inputs changed since\n"
			     "the git revision REV (git diff --name-only REV, and untracked files):\n"
			     "from ninja's deps log where a build has run, else from go list.");
			return 0;
		} else if (strcmp(argv[i], "--json") == 0) {
			json = true;
		} else if (strcmp(argv[i], "--since") == 0 && i + 1 < argc) {
			rev = argv[++i];
		} else {
			strlist_add(&rest, xstrdup(argv[i]));
		}
	}
	if (!rev)
		fatal("affected needs --since REV (goninja affected --help)");
	gen_options(&o, (int)rest.n, rest.v, NULL);
	gen_recorded_defines(&o);
	gen_load(&g, &o);
	affected_changed(rev, &changed, &added);
	marks = affected_mark(&g, &changed, &added, o.output, &how);
	print_affected(&g, rev, &changed, marks, how, json);
	free(marks);
	strlist_free(&changed);
	strlist_free(&added);
	strlist_free(&rest);
	gen_free(&g);
	free(o.defines);
	return 0;
}
