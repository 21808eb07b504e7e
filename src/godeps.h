/* godeps: the depfile Go does not write, from go list run like the build */

#include <stdbool.h>

struct buf;
struct strlist;

/* "goninja godeps [--test] [--pkgs LISTING] TARGET DEPFILE TOP -- GO
 * [flags] PKG..." or "goninja godeps --rescan LISTING": exit status */
int godeps_main(int argc, char **argv);
/* parse go list output (NUL-separated fields, see TEMPLATE in godeps.c)
 * and write the depfile text for target into out; paths below root are
 * made relative to it. dirs (or NULL) gets pairs: each package directory
 * but root, and the filter of its listing (pkgdir.h; test: with tests).
 * 0, or -1 on malformed input */
int godeps_depfile(struct buf *out, const char *target, const char *list,
                   size_t len, const char *root, struct strlist *dirs, bool test);
/* godeps_depfile's text (target "x") and dirs for go[0] list -deps run in
 * dir ("": here) with env ("NAME=value") added, the build's flags and
 * packages go[1..n), test or not; 0, or -1 when go list fails */
int godeps_files(const char *dir, char *const *env, size_t nenv, char **go, int n,
                 bool test, const char *root, struct buf *dep, struct strlist *dirs);
/* the modules of the non-standard packages go list -deps names, run as
 * go[0] with the build's flags and packages go[1..n): sorted sbom keys
 * ("main PATH", "PATH@VERSION[ => RPATH@RVERSION]"); 0, or -1 on failure */
int godeps_modules(char **go, int n, struct strlist *keys);
