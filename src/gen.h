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
	long max_seconds;         /* wall clock; 0: 10, or more for many steps */
};

#define GENOPTS_DEFAULT {"goninja.lua", "build.ninja", NULL, 0, 200000, 512u << 20, 0}
/* the ranges of --max-steps (thousands), --max-memory (MiB), --max-seconds */
#define GENOPTS_MAX_STEPS 1000000000L
#define GENOPTS_MAX_MIB 1048576L
#define GENOPTS_MAX_SECONDS 86400L

struct gen {
	struct project *proj;
	struct cell *cells, *dev, *tests;
	size_t ncells, ndev, ntests;
	struct sched *sched;      /* the link pool's depth and go build -p */
	struct lua_State *L;
};

struct strlist;

/* parse -C -f -o -D --max-steps --max-memory --max-seconds into o; other words go to pos,
 * or are an error when pos is NULL; exits with a message on bad options */
void gen_options(struct genopts *o, int argc, char **argv, struct strlist *pos);
/* with no -D given, the -D values the existing output (build.ninja) was
 * generated with from the same rule file: commands that describe the
 * build take them; their number */
size_t gen_recorded_defines(struct genopts *o);
/* evaluate, check and resolve; exits 1 with file:line on bad input */
void gen_load(struct gen *g, const struct genopts *o);
/* build.ninja text, and write it: 0 or exit status */
int gen_write(struct gen *g, const struct genopts *o);
/* the cell whose output is s, or named "binary@os/arch[/variant]" */
const struct cell *gen_find(const struct gen *g, const char *s);
void gen_free(struct gen *g);
