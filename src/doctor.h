/* doctor: whether this machine can build, and run, what a rule file
 * declares: Go, ninja, cgo's C compilers, qemu-user; the apt-get lines */

struct buf;
struct gen;

/* the report on g's cells into out; 0 when every cell can be built here,
 * 1 otherwise. Looks in PATH and runs "go tool dist list", nothing more */
int doctor_report(struct buf *out, const struct gen *g);
/* goninja doctor [-C dir] [-f rulefile] [-D name=value]...: the report on
 * stdout; 0 or 1 as doctor_report, 2 on bad options */
int doctor_main(int argc, char **argv);
