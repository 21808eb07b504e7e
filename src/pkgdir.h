/* pkgdir: the package directories a rule file names, checked on disk */

#include <stdbool.h>

struct buf;
struct strlist;

/* main as a rule file in dir ("" for the top) names it: NULL when Go will
 * find a package there, else why not, naming it as what ("main",
 * "package"; caller frees). "./x" must be a
 * directory (holding .go files when need_go; "./x/..." a directory x);
 * a bare "cmd/x" that is a directory here but not that directory's import
 * path is refused with the "./cmd/x" to write instead. */
char *pkgdir_check(const char *what, const char *dir, const char *main, bool need_go);
/* the module path in go.mod's text, NULL when it has none (caller frees) */
char *pkgdir_modpath(const char *gomod);

/* A package directory's listing: the names in it that go build could read
 * (filter: extensions like ".go", "*" for every name, "-_test.go" to leave
 * tests out; hidden and "_" names never count), so that an editor's swap
 * file ("4913", ".x.go.swp", "x.go~") is told from a new x_linux.go. */

/* the filter for a package whose listed files are files[0..n), built for
 * GOOS os and GOARCH arch (NULL: any): a name whose _GOOS/_GOARCH suffix
 * excludes them does not count */
char *pkgdir_filter(char *const *files, size_t n, bool test, const char *os,
                    const char *arch);
/* whether go build could read name, under filter */
bool pkgdir_counts(const char *name, const char *filter);
/* append dir's listing to b: "dir\0filter\0name\0...\0\0", names sorted */
void pkgdir_listing(struct buf *b, const char *dir, const char *filter);
/* The listings of one binary's cells (out/.deps/PLATFORM/NAME.pkgs) share
 * one depfile naming every directory they list, out/.deps/NAME.pkgs.d: the
 * pkgscan edge that rescans them reads it, one file per binary. */

/* the depfile a listing shares (caller frees) */
char *pkgdir_union(const char *listing);
/* recompute the listing files paths[0..n); rewrite each (and so change its
 * mtime) only when a directory's names changed; then their depfile.
 * 0 or exit status */
int pkgdir_rescan(char *const *paths, size_t n);
/* add the directories add to the depfile at path (listing: its target
 * when it has none yet); 0 or 1 */
int pkgdir_union_add(const char *path, const char *listing, const struct strlist *add);
