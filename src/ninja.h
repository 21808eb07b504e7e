/* ninja: writes build.ninja text from the resolved cells */

#include <stddef.h>

struct buf;
struct gen;

struct regen {
	const char *self;        /* absolute path of this goninja */
	const char *rulefile, *output;
	char **defines;          /* "name=value" */
	size_t ndefines;
};

/* the whole file for g into out */
void ninja_write(struct buf *out, const struct gen *g, const struct regen *r);
