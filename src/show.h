/* show: the read-only commands, targets and explain */

struct gen;
struct cell;

/* one line per cell, or a JSON array with --json */
void show_targets(const struct gen *g, int json);
/* the env, command and one reason per setting of c */
void show_explain(const struct cell *c);
/* the command line of c as the shell runs it */
char *show_command(const struct cell *c);
