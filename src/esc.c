#include <string.h>
#include "esc.h"
#include "util.h"

void esc_ninja_path(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '$' || *s == ' ' || *s == ':')
			buf_putc(b, '$');
		buf_putc(b, *s);
	}
}

void esc_ninja_value(struct buf *b, const char *s)
{
	if (*s == ' ' || *s == '\t')
		buf_putc(b, '$');
	for (; *s; s++) {
		if (*s == '$')
			buf_putc(b, '$');
		buf_putc(b, *s);
	}
}

static int shell_plain(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		            "0123456789_@%+=:,./-", *s))
			return 0;
	return 1;
}

void esc_shell(struct buf *b, const char *s)
{
	if (shell_plain(s)) {
		buf_puts(b, s);
		return;
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
