/* release: what a release declaration names */

struct gen;
struct platform;
struct project;
struct tvars;

/* v filled with the project's template values and, unless p is NULL,
 * the platform's; shortc holds {short_commit} */
void release_vars(struct tvars *v, const struct project *proj,
                  const struct platform *p, char shortc[16]);

/* the archive file name for platform p (NULL: the darwin_all universal
 * archive); exits with the release's file:line when the name is bad */
char *release_archive(const struct gen *g, const struct platform *p);
/* tmpl expanded for platform p; exits naming where's field and what
 * ("package") when it names an unknown value */
struct loc;
char *release_expand(const struct gen *g, const struct platform *p, const char *tmpl,
                     const struct loc *where, const char *field, const char *what);
