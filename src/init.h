/* init: a first goninja.lua for the Go module in the current directory,
 * from go.mod and the package clauses of its .go files; go is not started */

#include <stdbool.h>

struct buf;
struct strlist;

struct gomod {
	char *module;   /* "example.com/hello/v2" */
	char *go;       /* the go line, "1.21.3", or NULL */
};

/* read the go.mod at path; 0, -1 with errno when unreadable, -2 when it
 * has no module line */
int init_gomod(const char *path, struct gomod *m);
void init_gomod_free(struct gomod *m);
/* the default binary and project name of a module: its last path element
 * without a major version suffix ("hello" for example.com/hello/v2) */
char *init_modbase(const char *module);
/* the package a Go source file declares, NULL when it has no package
 * clause; *ignored when a "//go:build ignore" line keeps it out of builds */
char *init_package(const char *src, bool *ignored);
/* the directories below "." holding a main package, "." for the top,
 * sorted; skips vendor, testdata, out, hidden dirs and nested modules */
void init_scan(struct strlist *dirs);
/* a unique, valid go_binary name for each of dirs[0..n), parent
 * directories prefixed where base names collide; names[i] are new strings */
void init_names(char **dirs, size_t n, const char *project, char **names);
/* the commented goninja.lua text for module m and its main packages */
void init_text(struct buf *out, const struct gomod *m, char **dirs, char **names,
               size_t n);
/* goninja init [-C dir] [--force]: 0, or 1 with a message */
int init_main(int argc, char **argv);
