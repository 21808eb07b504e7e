/* diag: messages about rule files, as compilers write them:
 * "file:line:col: error: text", and on a terminal the source line and a
 * caret, in colour unless NO_COLOR is set or TERM is dumb; control bytes
 * (but tab) are shown escaped, never sent to the terminal */

struct buf;

/* report kind ("error" or "warning") at file:line:col (line 0: the file;
 * col 0: not known, diag_column guesses) */
void diag(const char *kind, const char *file, int line, int col, const char *msg);
/* what leads each calling line host.c appends to an error raised in a
 * rule-file function (a macro): "\n" DIAG_CALLED "file:line" */
#define DIAG_CALLED "\001called from "
/* a Lua error message "file:line[:col]: text" (or any text) as an error,
 * and a note at each line DIAG_CALLED names after it */
void diag_lua(const char *msg);
/* a note "called from here" at each "\n" DIAG_CALLED "file:line" of calls */
void diag_calls(const char *calls);
/* for Lua's own messages, which carry no column: the last quoted word of
 * msg found in text's line (before any "did you mean": a hint is not the
 * place), else its first non-blank character (1-based) */
int diag_column(const char *text, const char *msg);
/* s with control bytes but tab as \xNN, C1 controls as \u00NN */
void diag_escape(struct buf *b, const char *s);
/* fd is a terminal that wants colour: no NO_COLOR, TERM not dumb */
int diag_colour(int fd);
