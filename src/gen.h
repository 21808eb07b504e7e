/* gen: the pipeline from rule file to cells, shared by every command */

#include <stddef.h>

struct lua_State;

struct genopts {
	const char *rulefile;     /* default goninja.lua */
	const char *output;       /* default build.ninja */
	char **defines;           /* "name=value" */
	size_t ndefines;
	long max_steps;           /* thousands of Lua instructions */
	size_t max_bytes;
};

struct gen {
	struct project *proj;
	struct cell *cells, *dev;
	size_t ncells, ndev;
	struct lua_State *L;
};

/* evaluate, check and resolve; exits 1 with file:line on bad input */
void gen_load(struct gen *g, const struct genopts *o);
/* build.ninja text, and write it: 0 or exit status */
int gen_write(struct gen *g, const struct genopts *o);
/* the cell whose output is s, or named "binary@os/arch[/variant]" */
const struct cell *gen_find(const struct gen *g, const char *s);
void gen_free(struct gen *g);
