/* promise: what a cell's binary must be, as goninja check arguments */

struct cell;
struct strlist;

/* the check arguments for c's output, the same for every cell with the same
 * promise; 0 when nothing is checked (libraries, archives, plugins) */
int promise_args(const struct cell *c, struct strlist *args);
/* the glibc floor checked on c's output ("2.28"), or NULL; then *why says
 * why there is none (NULL when no floor was declared) */
const char *promise_glibc(const struct cell *c, const char **why);
