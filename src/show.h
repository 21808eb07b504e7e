/* show: the read-only commands, targets and explain */

struct gen;
struct cell;
struct sched;

/* one line per cell, or a JSON array with --json */
void show_targets(const struct gen *g, int json);
/* the env, command, pool and one reason per setting of c */
void show_explain(const struct cell *c, const struct sched *s);
/* the command line of c as the shell runs it, with go build -p p (0: no
 * -p, as provenance records it: it schedules, it changes no output) */
char *show_command(const struct cell *c, int p);
