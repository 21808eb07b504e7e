/* affected: the cells and tests a change touches (like GN's analyze),
 * from ninja's deps log when a build has run, else from go list */

#include <stdbool.h>

struct gen;
struct strlist;

/* the files changed since rev (git diff --name-status rev, and the
 * untracked files git does not ignore) into out, the new ones (added or
 * untracked) also into added, as absolute paths; exits 2 when git fails */
void affected_changed(const char *rev, struct strlist *out, struct strlist *added);
/* per cell of g->cells, then of g->tests: is a file of changed one of its
 * inputs, or one of added a name go build would read in one of its package
 * directories? Inputs from the deps log of ninjafile's build where it has
 * the cell, else from go list run like its edge; *how says which (static) */
bool *affected_mark(const struct gen *g, const struct strlist *changed,
                    const struct strlist *added, const char *ninjafile,
                    const char **how);
/* goninja affected --since REV [--json] [options] */
int affected_main(int argc, char **argv);
