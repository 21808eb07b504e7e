/* toolchain: the C compiler cgo uses for a platform, declared or built in */

#include <stdbool.h>
#include <stddef.h>

struct platform;

struct toolchain {
	struct loc where;      /* file NULL for a built-in */
	char *platform;        /* "linux/arm64", or with a variant */
	char *cc, *cxx, *ar;   /* cc NULL: the host's own compiler */
	char *libc;            /* "glibc" or "musl" */
	char *package;         /* the Debian package of a built-in, or NULL */
};

/* the toolchain for cgo on p: a declared one (variant, then os/arch),
 * else a built-in for Debian's cross compilers; NULL when none exists */
const struct toolchain *toolchain_for(const struct toolchain *decl, size_t n,
                                      const struct platform *p, const char *libc,
                                      bool native);
