/* pkgdir: the package directories a rule file names, checked on disk */

#include <stdbool.h>

/* main as a rule file in dir ("" for the top) names it: NULL when Go will
 * find a package there, else why not, naming it as what ("main",
 * "package"; caller frees). "./x" must be a
 * directory (holding .go files when need_go; "./x/..." a directory x);
 * a bare "cmd/x" that is a directory here but not that directory's import
 * path is refused with the "./cmd/x" to write instead. */
char *pkgdir_check(const char *what, const char *dir, const char *main, bool need_go);
/* the module path in go.mod's text, NULL when it has none (caller frees) */
char *pkgdir_modpath(const char *gomod);
