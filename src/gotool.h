/* gotool: find a Go command and ask it, once, what it is */

#include <stdbool.h>

struct gotool;

/* fill t for command cmd ("go" or a path); t->path NULL when not found */
void gotool_find(struct gotool *t, const char *cmd);
/* start cmd's "go env" now, in the background: a later gotool_find of the
 * same executable takes its answer instead of running it again */
void gotool_prefetch(const char *cmd);
/* stop a prefetched go env that no gotool_find took */
void gotool_prefetch_end(void);
/* why t cannot build os/arch (a known platform), NULL when it can: from
 * the built-in table where it is that Go's list, else from "go tool dist
 * list", asked once per tool, else from its version and the table (caller
 * frees) */
char *gotool_cannot(struct gotool *t, const char *osarch);
/* the minor version in "go1.19.8" (19), 0 when it is not one */
int gotool_minor(const char *version);
/* is g Go 1.minor or later? An unknown version (Go not found, or its
 * version not read) allows: the only place that decides so */
bool gotool_at_least(const struct gotool *g, int minor);
/* run argv, stdout into *out (len bytes, NUL added); the exit status, -1 when it did not run */
int gotool_run(char *const argv[], char **out, size_t *len);
/* the same with the command's stderr discarded */
int gotool_run_quiet(char *const argv[], char **out, size_t *len);
/* the absolute path of an executable named cmd, searched in PATH */
char *gotool_which(const char *cmd);
/* add the go.mod, go.sum and go.work files that rule a build run in dir
 * (whatever out holds already); each dir is looked at once per process */
void gotool_modfiles(const char *dir, struct strlist *out);
/* whether pkg (./dir or an import path), built from dir, is a package of
 * the main module (or of a go.work's modules), not a dependency's */
bool gotool_main_package(const char *dir, const char *pkg);
