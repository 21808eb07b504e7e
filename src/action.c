#include <glob.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "util.h"
#include "esc.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "template.h"
#include "action.h"

bool action_is_glob(const char *pattern)
{
	return strpbrk(pattern, "*?[") != NULL;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
}

static int bytewise(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* why match, found by a glob, cannot be an input; NULL when it can */
static char *match_problem(const char *match)
{
	struct stat st;
	char *why;

	if ((why = file_outside(match)))
		return why;
	if (stat(match, &st) != 0 || !S_ISREG(st.st_mode))
		return xstrdup("it is not a regular file");
	return NULL;
}

char *action_glob(const char *pattern, struct strlist *files, struct strlist *dirs)
{
	char *dir = dir_of(pattern), *err = NULL;
	glob_t g;
	int rc;

	if (action_is_glob(dir)) {
		err = xasprintf("input \"%s\": a glob names files in one directory, not "
		                "directories", pattern);
		free(dir);
		return err;
	}
	if (!*dir) {
		free(dir);
		return xasprintf("input \"%s\": a glob in the top directory would regenerate "
		                 "build.ninja whenever a file is written there (build.ninja "
		                 "itself); put the files in a subdirectory or name them", pattern);
	}
	rc = glob(pattern, GLOB_NOSORT, NULL, &g);
	if (rc == GLOB_NOMATCH)
		err = xasprintf("input \"%s\" matches no file", pattern);
	else if (rc != 0)
		err = xasprintf("input \"%s\": the directory cannot be read", pattern);
	if (!err) {
		qsort(g.gl_pathv, g.gl_pathc, sizeof(*g.gl_pathv), bytewise);
		for (size_t i = 0; i < g.gl_pathc && !err; i++) {
			char *why = match_problem(g.gl_pathv[i]);
			if (why)
				err = xasprintf("input \"%s\": %s: %s", pattern, g.gl_pathv[i], why);
			else if (!strlist_has(files, g.gl_pathv[i]))
				strlist_add(files, xstrdup(g.gl_pathv[i]));
			free(why);
		}
	}
	if (rc != GLOB_NOMATCH)
		globfree(&g);
	if (!err && !strlist_has(dirs, dir))
		strlist_add(dirs, dir);
	else
		free(dir);
	return err;
}

/* the length of the leading directories dir and path share, with its '/' */
static size_t common(const char *dir, const char *path)
{
	size_t n = 0, i = 0;

	for (; dir[i] && dir[i] == path[i]; i++)
		if (dir[i] == '/')
			n = i + 1;
	if (!dir[i] && (path[i] == '/' || !path[i]))
		n = path[i] ? i + 1 : i;
	return n;
}

char *action_relpath(const char *dir, const char *path)
{
	struct buf b = {0};
	size_t n = *dir ? common(dir, path) : 0;
	const char *rest = dir + (n > strlen(dir) ? strlen(dir) : n);

	if (*rest == '/')
		rest++;
	for (const char *s = rest; *s; s++)
		if (s == rest || s[-1] == '/')
			buf_puts(&b, "../");
	buf_puts(&b, path + n);
	if (!b.s || !*b.s)
		buf_puts(&b, ".");
	return b.s;
}

static char *outs_word(const struct action *a, const struct action_vars *v)
{
	return action_relpath(a->dir, v->outputs->v[0]);
}

char *action_expand(struct buf *out, const char *s, const struct action *a,
                    const struct action_vars *v)
{
	struct tvars none = {0};
	struct buf pre = {0};
	char *err = NULL;

	/* {cc} and {out} are the action's own; the rest are template.c's */
	for (const char *p = s; *p;) {
		if (strncmp(p, "{{", 2) == 0) {
			buf_puts(&pre, "{{");
			p += 2;
		} else if (strncmp(p, "{cc}", 4) == 0 || strncmp(p, "{ar}", 4) == 0 ||
		           strncmp(p, "{out}", 5) == 0) {
			bool tool = p[1] != 'o';
			const char *t = p[1] == 'c' ? v->cc : v->ar;
			char *w = tool ? NULL : outs_word(a, v);
			if (tool && !t) {
				err = xasprintf("%.4s names a platform's C tools: it needs "
				                "platforms = \"each\"", p);
				break;
			}
			for (const char *c = tool ? t : w; *c; c++)
				buf_puts(&pre, *c == '{' ? "{{" : (char[2]){*c, 0});
			free(w);
			p += tool ? 4 : 5;
		} else {
			buf_putc(&pre, *p++);
		}
	}
	if (!err)
		err = template_expand(out, pre.s ? pre.s : "", v->tv ? v->tv : &none);
	if (!err && (!v->tv || !v->tv->os) && (strstr(s, "{os}") || strstr(s, "{arch}") || strstr(s, "{target}") ||
	     strstr(s, "{variant}") || strstr(s, "{platform}")))
		err = xasprintf("\"%s\" names a platform: that needs platforms = \"each\"", s);
	buf_free(&pre);
	return err;
}

/* each of paths as a word relative to a's dir into words */
static void path_words(struct strlist *words, const struct action *a,
                       const struct strlist *paths)
{
	for (size_t i = 0; i < paths->n; i++)
		strlist_add(words, action_relpath(a->dir, paths->v[i]));
}

/* w with each {inputs}, {outputs} and {out} replaced by the files, relative to
 * a's dir, shell-quoted and joined by blanks (braces doubled: the result
 * is still a template) */
static char *shell_lists(const char *w, const struct action *a, const struct action_vars *v)
{
	struct buf b = {0};

	while (*w) {
		bool in = strncmp(w, "{inputs}", 8) == 0, out = strncmp(w, "{outputs}", 9) == 0;
		bool first = strncmp(w, "{out}", 5) == 0;
		if (!in && !out && !first) {
			if (strncmp(w, "{{", 2) == 0)
				buf_putc(&b, *w++);
			buf_putc(&b, *w++);
			continue;
		}
		const struct strlist *l = in ? &a->files : v->outputs;
		for (size_t i = 0; i < (first ? 1 : l->n); i++) {
			struct buf q = {0};
			char *rel = action_relpath(a->dir, l->v[i]);
			esc_shell(&q, rel);
			if (i)
				buf_putc(&b, ' ');
			for (const char *c = q.s; *c; c++)
				buf_puts(&b, *c == '{' ? "{{" : (char[2]){*c, 0});
			buf_free(&q);
			free(rel);
		}
		w += in ? 8 : first ? 5 : 9;
	}
	return b.s ? b.s : xstrdup("");
}

/* the words of a's command for one edge, templates expanded */
static char *command_words(struct strlist *words, const struct action *a,
                           const struct action_vars *v)
{
	for (size_t i = 0; i < a->command.n; i++) {
		const char *w = a->command.v[i];
		struct buf b = {0};
		char *err;
		if (a->shell) {   /* every word as the shell will read it */
			char *joined = shell_lists(w, a, v);
			err = action_expand(&b, joined, a, v);
			free(joined);
			if (err)
				return err;
			strlist_add(words, b.s ? b.s : xstrdup(""));
			continue;
		}
		if (strcmp(w, "{inputs}") == 0) {
			path_words(words, a, &a->files);
			continue;
		}
		if (strcmp(w, "{outputs}") == 0) {
			path_words(words, a, v->outputs);
			continue;
		}
		if (strstr(w, "{inputs}") || strstr(w, "{outputs}"))
			return xasprintf("\"%s\": {inputs} and {outputs} stand alone as a word "
			                 "(they become one word per file; inside a word only "
			                 "with shell = true)", w);
		if ((err = action_expand(&b, w, a, v)))
			return err;
		if (words->n == 0 && b.s && strcspn(b.s, "=") < strcspn(b.s, "/"))
			err = xasprintf("\"%s\": a first word with \"=\" would be a shell "
			                "assignment, not the command", b.s);
		strlist_add(words, b.s ? b.s : xstrdup(""));
		if (err)
			return err;
	}
	return NULL;
}

char *action_command(struct buf *out, const struct action *a, const struct action_vars *v)
{
	struct strlist words = {0};
	char *err;

	if ((err = command_words(&words, a, v))) {
		strlist_free(&words);
		return err;
	}
	buf_puts(out, "cd ");
	esc_shell(out, *a->dir ? a->dir : ".");
	buf_puts(out, " &&");
	for (size_t i = 0; i < a->nenv && !err; i++) {
		struct buf val = {0}, kv = {0};
		const char *k = a->env[i].key;
		if (!*k || strspn(k, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		                  "0123456789_") != strlen(k) || (*k >= '0' && *k <= '9')) {
			err = xasprintf("env \"%s\": not a variable name", k);
			break;
		}
		if (!(err = action_expand(&val, a->env[i].value, a, v))) {
			buf_printf(&kv, "%s=%s", a->env[i].key, val.s ? val.s : "");
			buf_putc(out, ' ');
			esc_shell(out, kv.s);
		}
		buf_free(&val);
		buf_free(&kv);
	}
	if (a->shell) {
		struct buf joined = {0};
		for (size_t i = 0; i < words.n; i++) {
			if (i)
				buf_putc(&joined, ' ');
			buf_puts(&joined, words.v[i]);
		}
		buf_puts(out, " /bin/sh -c ");
		esc_shell(out, joined.s ? joined.s : "");
		buf_free(&joined);
	} else {
		for (size_t i = 0; i < words.n; i++) {
			buf_putc(out, ' ');
			esc_shell(out, words.v[i]);
		}
	}
	strlist_free(&words);
	return err;
}
