/* platform: the os/arch[/variant] matrix notation and what Go knows of it */

#include <stdbool.h>

struct platform {
	char *name;          /* as written: "linux/arm/v7" */
	char *os, *arch;
	char *variant;       /* as written, NULL when none */
	char *dir;           /* output directory name: "linux_arm_v7" */
	const char *varname; /* variant variable ("GOARM") or NULL */
	char *varvalue;      /* its value, the default when no variant */
	bool static_ok;      /* the OS allows a binary with no dynamic loader */
};

/* parse s into p; NULL on success, else a message (caller frees) */
char *platform_parse(const char *s, struct platform *p);
void platform_free(struct platform *p);
/* whether Go knows GOOS/GOARCH os/arch */
bool platform_known(const char *os, const char *arch);
/* the Go 1.N that added os/arch when after 1.19 (the built-in table), else 0 */
int platform_since(const char *osarch);
/* whether the table can answer for Go 1.minor without its "go tool dist
 * list", and osarch is on that list */
bool platform_listed(const char *osarch, int minor);
/* the known "os/arch" closest to s */
const char *platform_nearest(const char *s);
/* whether binaries for os can be linked statically */
bool platform_static_os(const char *os);
/* the value goninja sets for arch's variant variable when none is written */
const char *platform_vardefault(const char *arch);
/* the oldest Go minor version (1.N) that reads the variant variable, 0 if any */
int platform_varsince(const char *varname);
/* whether two parsed platforms select the same build */
bool platform_same(const struct platform *a, const struct platform *b);
