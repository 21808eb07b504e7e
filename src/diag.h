/* diag: messages about rule files, as compilers write them:
 * "file:line:col: error: text", and on a terminal the source line and a
 * caret, in colour unless NO_COLOR is set or TERM is dumb; control bytes
 * (but tab) are shown escaped, never sent to the terminal */

struct buf;

/* report kind ("error" or "warning") at file:line (line 0: the file) */
void diag(const char *kind, const char *file, int line, const char *msg);
/* a Lua error message "file:line: text" (or any text) as an error */
void diag_lua(const char *msg);
/* the column msg most likely points at in text's line: the last quoted
 * word of msg found there (before any "did you mean": a hint is not the
 * place), else its first non-blank character (1-based) */
int diag_column(const char *text, const char *msg);
/* s with control bytes but tab as \xNN, C1 controls as \u00NN */
void diag_escape(struct buf *b, const char *s);
/* fd is a terminal that wants colour: no NO_COLOR, TERM not dumb */
int diag_colour(int fd);
