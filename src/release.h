/* release: what a release declaration names */

struct gen;
struct platform;

/* the archive file name for platform p (NULL: the darwin_all universal
 * archive); exits with the release's file:line when the name is bad */
char *release_archive(const struct gen *g, const struct platform *p);
