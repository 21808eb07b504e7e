#include <string.h>
#include "esc.h"
#include "util.h"

/* what a byte needs in ninja's text: 1 a '$' before it (in a path: $,
 * blank, colon; in a value: $), 2 nothing can carry it (a line break) */
static const char in_path[256] = { ['$'] = 1, [' '] = 1, [':'] = 1,
	['\n'] = 2, ['\r'] = 2 };
static const char in_value[256] = { ['$'] = 1, ['\n'] = 2, ['\r'] = 2 };

/* copy s, putting '$' before each byte the table marks. ninja has no
 * escape for a line break ("$\n" continues the line): everything that
 * can hold one is refused with file:line before this */
static void dollar(struct buf *b, const char *s, const char *table)
{
	const char *run = s;

	for (; *s; s++) {
		char t = table[(unsigned char)*s];
		if (!t)
			continue;
		if (t == 2)
			fatal("a line break reached build.ninja's text (a bug: please report it)");
		buf_putn(b, run, (size_t)(s - run));
		buf_putc(b, '$');
		run = s;
	}
	buf_putn(b, run, (size_t)(s - run));
}

void esc_ninja_path(struct buf *b, const char *s)
{
	dollar(b, s, in_path);
}

void esc_ninja_value(struct buf *b, const char *s)
{
	if (*s == ' ' || *s == '\t')
		buf_putc(b, '$');
	dollar(b, s, in_value);
}

/* bytes a shell word may hold unquoted */
static const char plain[256] = {
	['_'] = 1, ['@'] = 1, ['%'] = 1, ['+'] = 1, ['='] = 1, [':'] = 1,
	[','] = 1, ['.'] = 1, ['/'] = 1, ['-'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
};

bool esc_plain(const char *s)
{
	for (const char *t = s; *t; t++)
		if (!plain[(unsigned char)*t])
			return false;
	return *s != '\0';
}

static int shell_plain(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!plain[(unsigned char)*s])
			return 0;
	return 1;
}

/* the length of the [A-Za-z0-9_]* at s (strspn with a set this large
 * builds a table on every call) */
static size_t name_len(const char *s)
{
	size_t n = 0;

	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
	       (s[n] >= '0' && s[n] <= '9') || s[n] == '_')
		n++;
	return n;
}

void esc_shell(struct buf *b, const char *s)
{
	size_t name;

	if (shell_plain(s)) {
		buf_puts(b, s);
		return;
	}
	name = name_len(s);
	/* a quoted 'NAME=value' is a command, not an assignment */
	if (name && s[name] == '=' && (*s < '0' || *s > '9')) {
		buf_putn(b, s, name + 1);
		s += name + 1;
	}
	buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_puts(b, "'\\''");
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

/* Go splits flag values on blanks and honours '...' and "..." without
 * escapes (cmd/internal/quoted), so a word can hold one kind of quote. */
int esc_goquote(struct buf *b, const char *s)
{
	int blank = strpbrk(s, " \t\n\r") != NULL;
	int sq = strchr(s, '\'') != NULL, dq = strchr(s, '"') != NULL;

	if (!*s || (!blank && !sq && !dq)) {
		if (!*s)
			buf_puts(b, "''");
		else
			buf_puts(b, s);
		return 1;
	}
	if (sq && dq)
		return 0;
	buf_putc(b, dq ? '\'' : '"');
	buf_puts(b, s);
	buf_putc(b, dq ? '\'' : '"');
	return 1;
}

static int goblank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int esc_gosplit(const char *s, struct strlist *out)
{
	const char *end;

	for (;;) {
		while (goblank(*s))
			s++;
		if (!*s)
			return 1;
		if (*s == '\'' || *s == '"') {
			if (!(end = strchr(s + 1, *s)))
				return 0;
			strlist_add(out, xstrndup(s + 1, (size_t)(end - s - 1)));
			s = end + 1;
			continue;
		}
		for (end = s; *end && !goblank(*end); end++)
			;
		strlist_add(out, xstrndup(s, (size_t)(end - s)));
		s = end;
	}
}

bool esc_depfile_ok(const char *s)
{
	for (; *s; s++)
		if (!(plain[(unsigned char)*s] || (unsigned char)*s >= 0x80 ||
		      strchr(" #$~(){}[]!", *s)))
			return false;
	return true;
}

void esc_depfile(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '#')
			buf_putc(b, '\\');
		else if (*s == '$')
			buf_putc(b, '$');
		buf_putc(b, *s);
	}
}
