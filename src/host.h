/* host: the Lua interpreter that evaluates rule files, sandboxed and bounded */

#include <stddef.h>

struct lua_State;

struct host_limits {
	long steps;        /* VM instructions, in thousands */
	size_t bytes;      /* memory the rule evaluation may hold */
	long seconds;      /* wall clock; 0: 10, or 1 per 20M steps if more */
};

/* a state with the runtime loaded; scripts from srcdir when not NULL */
struct lua_State *host_new(const char *srcdir, const struct host_limits *lim);
/* evaluate rulefile with -D defines ("name=value"); pushes the model table,
 * or prints "file:line: message" and returns -1 */
int host_run(struct lua_State *L, const char *rulefile, char **defines, size_t ndefines);
void host_close(struct lua_State *L);
/* the text of an embedded script by name ("lua/runtime.lua"), NULL if none */
const char *host_script(const char *name, size_t *len);
