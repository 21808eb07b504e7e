/* flags: the environment and go build flags of one (binary, platform) cell,
 * each with the reason it is there */

struct binary;
struct platform;
struct project;

struct setting {
	char *text;   /* "CGO_ENABLED=0" or one go build argument */
	char *why;    /* one line for goninja explain */
};

struct cell {
	const struct binary *bin;
	const struct platform *plat;   /* NULL for the dev build */
	char *out;                     /* out/linux_arm64/server */
	struct setting *env, *args;    /* args: go build flags before -o */
	struct setting *notes;         /* flags left out on purpose, and why */
	struct setting *ld;            /* each flag inside -ldflags, in order */
	size_t nenv, nargs, nnotes, nld;
	const char *linkage;           /* promised: "static", "dynamic", "default" */
	char *mode;                    /* "static, cgo off" */
	char *warning;                 /* for generation time, or NULL */
	const char *cc, *ccpkg;        /* cross C compiler and its package, or NULL */
	char *exec;                    /* go test -exec program (qemu-user), or NULL */
	const char *key;               /* the field an error or the warning is about */
	char *notrun;                  /* why a go_test cannot run here, or NULL */
	const char *runner;            /* the qemu-user program its tests need on
	                                * any machine like this one, or NULL */
	char **expect;                 /* each smoke run's expect, templates expanded */
	bool borrowed;                 /* all but bin, plat and out are another
	                                * cell's (flags_cell_like) */
};

/* what b asks that no cell of it can give, whatever the platform: a
 * field's Go floor (lua/fields.lua since) against b's Go, flags that are
 * goninja's, fields that need cgo. NULL, or an error (caller frees) about
 * field *key; for the dev build too. Run once b->go is resolved. */
char *flags_check(const struct binary *b, const char **key);
/* compute c for b on p in proj; NULL, or an error message (caller frees)
 * about field c->key */
char *flags_cell(struct cell *c, const struct binary *b, const struct platform *p,
                 const struct project *proj);
/* what b's cells are made of but its name and output paths: binaries
 * with the same key get the same flags, warnings and notes on each of
 * their platforms; NULL when b's name reaches its flags (x, smoke) or b
 * is a go_test (caller frees) */
char *flags_share_key(const struct binary *b);
/* c for b on p: like's flags, a cell of a binary with b's share key on
 * the same platform (or both dev cells: p NULL), its output b's own */
void flags_cell_like(struct cell *c, const struct binary *b, const struct platform *p,
                     const struct project *proj, const struct cell *like);
/* the host build: plain go build into out/dev; NULL or an error */
char *flags_dev(struct cell *c, const struct binary *b, const struct project *proj);
void flags_free(struct cell *c);
