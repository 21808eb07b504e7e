/* runner: how a binary built for a platform can run on this machine:
 * natively, under qemu-user, or not at all and why. Probed, not assumed:
 * whether the kernel executes 32-bit x86 binaries is asked of the kernel,
 * once per process. */

#include <stdbool.h>

enum runner_kind {
	RUNNER_NATIVE,   /* exec it */
	RUNNER_QEMU,     /* under qemu-user: the prefix is the command */
	RUNNER_NONE,     /* cannot run here: the reason says why */
};

struct runner {
	enum runner_kind kind;
	char **prefix;          /* the words before the binary, NULL-terminated */
	char *reason;           /* RUNNER_NONE: why ("the kernel refuses ..."), else NULL */
	const char *package;    /* the Debian package that would provide the runner, or NULL */
	const char *program;    /* the runner it needs ("qemu-aarch64"), found here or
	                         * not; NULL when native or when none exists */
};

/* how a binary for os/arch runs on a hostos/hostarch machine (Go's names;
 * NULL: this machine's kernel) */
void runner_find(struct runner *r, const char *os, const char *arch,
                 const char *hostos, const char *hostarch);
/* the same for a dynamic binary linked by the cross compiler cc
 * ("aarch64-linux-gnu-gcc"): under qemu, the target's multiarch loader
 * when it is installed (then -L would hang), else -L its cross sysroot */
void runner_find_dynamic(struct runner *r, const char *os, const char *arch,
                         const char *hostos, const char *hostarch, const char *cc);
/* the prefix as shell words ("" when native); caller frees */
char *runner_command(const struct runner *r);
void runner_free(struct runner *r);

/* whether the kernel executes 32-bit x86 binaries; *why when it does not.
 * Probed once by exec'ing a 93-byte i386 program in a private directory.
 * GONINJA_PROBE_NO_EXEC=linux/386 (for tests) answers as if it refused. */
bool runner_exec_386(const char **why);
/* Go's name for this machine's kernel architecture ("amd64") */
const char *runner_uname_arch(void);
