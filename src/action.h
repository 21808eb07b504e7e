/* action: the plain-C work behind action { }: globs, paths, commands */

#include <stdbool.h>

struct buf;
struct strlist;
struct action;

/* what an action's templates name besides tvars: for one edge */
struct action_vars {
	const struct strlist *outputs;   /* this edge's, project-relative */
	const struct tvars *tv;          /* platform templates, or NULL */
	const char *cc, *ar;             /* {cc}, {ar}, or NULL: not per platform */
};

/* does pattern hold a glob character (*, ?, [)? */
bool action_is_glob(const char *pattern);
/* the files a project-relative pattern matches, sorted by bytes, added to
 * files; its directory to dirs. NULL, or an error (caller frees): a glob
 * in a directory name, a match that is a directory or leads outside the
 * project, no match */
char *action_glob(const char *pattern, struct strlist *files, struct strlist *dirs);
/* path (project-relative) as written from directory dir (project-relative) */
char *action_relpath(const char *dir, const char *path);
/* s with the platform templates and {cc}, {ar}, {out} expanded into out: NULL
 * or an error (caller frees) */
char *action_expand(struct buf *out, const char *s, const struct action *a,
                    const struct action_vars *v);
/* a's shell command for one edge into out: cd DIR && NAME=value... then
 * each word quoted (or, shell = true, sh -c with the words joined);
 * NULL or an error about field "command" or "env" (caller frees) */
char *action_command(struct buf *out, const struct action *a, const struct action_vars *v);
