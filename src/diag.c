#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"
#include "diag.h"

/* the nth word of msg in "double" or 'single' quotes (Lua's), or NULL */
static char *quoted(const char *msg, int n)
{
	const char *s = msg, *e;

	for (;;) {
		if (!*(s += strcspn(s, "\"'")) || !(e = strchr(s + 1, *s)))
			return NULL;
		if (n-- == 0)
			return xstrndup(s + 1, (size_t)(e - s - 1));
		s = e + 1;
	}
}

static const char *find_word(const char *text, const char *w, int with_quotes)
{
	char *q;
	const char *at;

	if (!*w)
		return NULL;
	if (!with_quotes)
		return strstr(text, w);
	q = xconcat("\"", w, "\"", NULL);
	at = strstr(text, q);
	free(q);
	return at;
}

int diag_column(const char *text, const char *whole)
{
	const char *hint = strstr(whole, "did you mean");
	char *msg = hint ? xstrndup(whole, (size_t)(hint - whole)) : xstrdup(whole);
	int n = 0, col = 0;

	while (n < 32) {
		char *w = quoted(msg, n);
		if (!w)
			break;
		free(w);
		n++;
	}
	for (int pass = 1; pass >= 0 && !col; pass--) {
		for (int i = n - 1; i >= 0 && !col; i--) {
			char *w = quoted(msg, i);
			const char *at = find_word(text, w, pass);
			free(w);
			if (at)
				col = (int)(at - text) + 1;
		}
	}
	free(msg);
	return col ? col : (int)strspn(text, " \t") + 1;
}

/* line n of file (1-based), or NULL */
static char *source_line(const char *file, int n)
{
	char *text = file_read(file, 0, NULL, NULL), *s = text, *line = NULL;

	for (int i = 1; s && i < n; i++)
		if ((s = strchr(s, '\n')))
			s++;
	if (s && n > 0)
		line = xstrndup(s, strcspn(s, "\n"));
	free(text);
	return line;
}

void diag_escape(struct buf *b, const char *s)
{
	for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
		if ((*u < 0x20 && *u != '\t') || *u == 0x7f)
			buf_printf(b, "\\x%02x", *u);
		else if (u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f)   /* C1, U+0080-9F */
			buf_printf(b, "\\u%04x", u[1]), u++;
		else
			buf_putc(b, (char)*u);
	}
}

int diag_colour(int fd)
{
	const char *term = getenv("TERM");

	return isatty(fd) && !getenv("NO_COLOR") && !(term && strcmp(term, "dumb") == 0);
}

void diag(const char *kind, const char *file, int line, int col, const char *msg)
{
	int tty = isatty(2), colour = diag_colour(2);
	const char *bold = colour ? "\033[1m" : "", *off = colour ? "\033[0m" : "";
	const char *hue = !colour ? "" : strcmp(kind, "error") == 0 ? "\033[1;31m"
	                                                            : "\033[1;35m";
	char *text = line > 0 ? source_line(file, line) : NULL;
	struct buf o = {0};

	if (text && col <= 0)
		col = diag_column(text, msg);
	buf_puts(&o, bold);
	diag_escape(&o, file);
	if (text)
		buf_printf(&o, ":%d:%d", line, col);
	buf_printf(&o, ":%s %s%s:%s ", off, hue, kind, off);
	diag_escape(&o, msg);
	buf_putc(&o, '\n');
	if (text && tty) {
		/* control bytes as '?', so that the caret's column still counts bytes */
		for (unsigned char *c = (unsigned char *)text; *c; c++)
			if ((*c < 0x20 && *c != '\t') || *c == 0x7f ||
			    (c[0] == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f && (*c = '?')))
				*c = '?';
		buf_printf(&o, "%5d | %s\n      | %*s%s^%s\n", line, text, col - 1, "",
		           colour ? "\033[1;32m" : "", off);
	}
	fputs(o.s, stderr);
	buf_free(&o);
	free(text);
}

static void diag_lua_one(const char *msg);

void diag_calls(const char *calls)
{
	const char *lead = "\n" DIAG_CALLED;

	while ((calls = strstr(calls, lead))) {
		const char *at = calls + strlen(lead), *end = strstr(at, lead);
		size_t n = end ? (size_t)(end - at) : strlen(at);
		char *where = xstrndup(at, n), *colon = strrchr(where, ':');
		if (colon) {
			*colon = 0;
			diag("note", where, atoi(colon + 1), 0, "called from here");
		}
		free(where);
		calls = at;
	}
}

void diag_lua(const char *full)
{
	const char *calls = strstr(full, "\n" DIAG_CALLED);
	char *msg = calls ? xstrndup(full, (size_t)(calls - full)) : xstrdup(full);

	diag_lua_one(msg);
	if (calls)
		diag_calls(calls);
	free(msg);
}

static void diag_lua_one(const char *msg)
{
	size_t n = strcspn(msg, ":\n");
	char *file, *end, *cend;
	long line, col = 0;

	if (msg[n] != ':' || msg[n + 1] < '0' || msg[n + 1] > '9') {
		diag("error", "goninja", 0, 0, msg);
		return;
	}
	line = strtol(msg + n + 1, &end, 10);
	if (*end != ':') {
		diag("error", "goninja", 0, 0, msg);
		return;
	}
	if (end[1] >= '0' && end[1] <= '9') {   /* file:line:col: from the runtime */
		col = strtol(end + 1, &cend, 10);
		if (*cend == ':')
			end = cend;
		else
			col = 0;
	}
	file = xstrndup(msg, n);
	diag("error", file, (int)line, (int)col, end + 1 + (end[1] == ' '));
	free(file);
}
