/* ninja: writes build.ninja text from the resolved cells */

#include <stddef.h>

struct buf;
struct project;
struct cell;

struct regen {
	const char *self;        /* absolute path of this goninja */
	const char *rulefile, *output;
	char **defines;          /* "name=value" */
	size_t ndefines;
};

/* the whole file into out; cells in emission order, dev cells after */
void ninja_write(struct buf *out, const struct project *p, const struct regen *r,
                 const struct cell *cells, size_t ncells,
                 const struct cell *dev, size_t ndev);
