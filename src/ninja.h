/* ninja: writes build.ninja text from the resolved cells */

#include <stddef.h>

struct buf;
struct gen;
struct strlist;

struct regen {
	const char *self;        /* absolute path of this goninja */
	const char *rulefile, *output;
	char **defines;          /* "name=value" */
	size_t ndefines;
};

/* the whole file for g into out; into side, pairs of a path and the text
 * of a file its edges read (the go list groups), to write once out is */
void ninja_write(struct buf *out, const struct gen *g, const struct regen *r,
                 struct strlist *side);
