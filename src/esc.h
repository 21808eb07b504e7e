/* esc: the three escapings that reach build.ninja, kept apart on purpose */

#include <stdbool.h>

struct buf;
struct strlist;

/* a path in a build statement: '$', ' ', ':' escaped with '$'; this and
 * esc_ninja_value exit on a line break, which ninja cannot escape */
void esc_ninja_path(struct buf *b, const char *s);
/* a variable value: '$' doubled and a leading blank escaped */
void esc_ninja_value(struct buf *b, const char *s);
/* one shell word: as is when plain, else single-quoted; of NAME=value,
 * only the value, so that it stays an assignment */
void esc_shell(struct buf *b, const char *s);
/* one word of a flag value Go splits itself (-ldflags, -gcflags); 0 if impossible */
int esc_goquote(struct buf *b, const char *s);
/* the words Go makes of a flag value (cmd/internal/quoted.Split): blanks
 * separate, a word that starts with ' or " runs to the same quote, quotes
 * inside a word are plain; into out, or 0 for an unterminated quote */
int esc_gosplit(const char *s, struct strlist *out);
/* a path in a depfile (ninja's reading): blank and "#" get "\\", "$" doubled */
void esc_depfile(struct buf *b, const char *s);
/* whether ninja reads s back from a depfile as it is: its depfile lexer
 * ends a name at bytes such as ; ' ` " & * ? | < > and tab */
bool esc_depfile_ok(const char *s);
/* s is a word that needs no quotes, no escapes anywhere: [A-Za-z0-9_@%+=:,./-]+ */
bool esc_plain(const char *s);
