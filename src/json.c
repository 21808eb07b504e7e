/* json: recursive descent, depth-bounded; strings decoded to UTF-8 */

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "json.h"

enum { MAXDEPTH = 64 };

struct parser {
	const char *p, *end;
	char *err;
};

static void skip(struct parser *ps)
{
	while (ps->p < ps->end && strchr(" \t\r\n", *ps->p))
		ps->p++;
}

static bool fail(struct parser *ps, const char *what)
{
	if (!ps->err)
		ps->err = xasprintf("not JSON: %s", what);
	return false;
}

static void utf8(struct buf *b, unsigned long c)
{
	if (c < 0x80) {
		buf_putc(b, (char)c);
	} else if (c < 0x800) {
		buf_putc(b, (char)(0xc0 | c >> 6));
		buf_putc(b, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		buf_putc(b, (char)(0xe0 | c >> 12));
		buf_putc(b, (char)(0x80 | (c >> 6 & 0x3f)));
		buf_putc(b, (char)(0x80 | (c & 0x3f)));
	} else {
		buf_putc(b, (char)(0xf0 | c >> 18));
		buf_putc(b, (char)(0x80 | (c >> 12 & 0x3f)));
		buf_putc(b, (char)(0x80 | (c >> 6 & 0x3f)));
		buf_putc(b, (char)(0x80 | (c & 0x3f)));
	}
}

static bool hex4(struct parser *ps, unsigned long *c)
{
	*c = 0;
	for (int i = 0; i < 4; i++, ps->p++) {
		char h = ps->p < ps->end ? *ps->p : 0;
		int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 :
		        h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
		if (v < 0)
			return fail(ps, "bad \\u escape");
		*c = *c * 16 + (unsigned long)v;
	}
	return true;
}

/* the string at ps->p (past its quote) into a new string */
static bool string(struct parser *ps, char **out)
{
	struct buf b = {0};
	unsigned long c, lo;

	for (ps->p++; ps->p < ps->end && *ps->p != '"'; ) {
		if ((unsigned char)*ps->p < 0x20)
			break;
		if (*ps->p != '\\') {
			buf_putc(&b, *ps->p++);
			continue;
		}
		if (++ps->p >= ps->end)
			break;
		const char *esc = strchr("\"\\/bfnrtu", *ps->p);
		if (!esc || !*ps->p)
			break;
		if (*ps->p != 'u') {
			buf_putc(&b, "\"\\/\b\f\n\r\t"[esc - "\"\\/bfnrtu"]);
			ps->p++;
			continue;
		}
		ps->p++;
		if (!hex4(ps, &c))
			break;
		if (c >= 0xd800 && c < 0xdc00 && ps->end - ps->p >= 6 && ps->p[0] == '\\' &&
		    ps->p[1] == 'u') {
			ps->p += 2;
			if (!hex4(ps, &lo))
				break;
			c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
		}
		utf8(&b, c);
	}
	if (ps->p >= ps->end || *ps->p != '"') {
		buf_free(&b);
		return fail(ps, "a bad string");
	}
	ps->p++;
	*out = b.s ? b.s : xstrdup("");
	return true;
}

static bool value(struct parser *ps, struct json *j, int depth);

static bool members(struct parser *ps, struct json *j, int depth, bool object)
{
	char close = object ? '}' : ']';

	ps->p++;
	skip(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return true;
	}
	for (;;) {
		j->items = xrealloc(j->items, (j->n + 1) * sizeof(*j->items));
		memset(&j->items[j->n], 0, sizeof(*j->items));
		if (object) {
			j->keys = xrealloc(j->keys, (j->n + 1) * sizeof(*j->keys));
			j->keys[j->n] = NULL;
			skip(ps);
			if (ps->p >= ps->end || *ps->p != '"' || !string(ps, &j->keys[j->n++]))
				return fail(ps, "a key expected");
			skip(ps);
			if (ps->p >= ps->end || *ps->p++ != ':')
				return fail(ps, "\":\" expected");
			j->n--;
		}
		if (!value(ps, &j->items[j->n++], depth + 1))
			return false;
		skip(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return true;
		}
		return fail(ps, object ? "\",\" or \"}\" expected" : "\",\" or \"]\" expected");
	}
}

static bool word(struct parser *ps, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, w, n) != 0)
		return fail(ps, "a value expected");
	ps->p += n;
	return true;
}

static bool value(struct parser *ps, struct json *j, int depth)
{
	const char *start;

	if (depth > MAXDEPTH)
		return fail(ps, "nested too deeply");
	skip(ps);
	if (ps->p >= ps->end)
		return fail(ps, "a value expected");
	switch (*ps->p) {
	case '{':
		j->kind = JSON_OBJECT;
		return members(ps, j, depth, true);
	case '[':
		j->kind = JSON_ARRAY;
		return members(ps, j, depth, false);
	case '"':
		j->kind = JSON_STRING;
		return string(ps, &j->s);
	case 't':
		j->kind = JSON_BOOL;
		j->b = true;
		return word(ps, "true");
	case 'f':
		j->kind = JSON_BOOL;
		return word(ps, "false");
	case 'n':
		return word(ps, "null");
	}
	start = ps->p;
	while (ps->p < ps->end && strchr("+-0123456789.eE", *ps->p) && *ps->p)
		ps->p++;
	if (ps->p == start)
		return fail(ps, "a value expected");
	j->kind = JSON_NUMBER;
	j->s = xstrndup(start, (size_t)(ps->p - start));
	return true;
}

char *json_parse(const char *text, size_t len, struct json *j)
{
	struct parser ps = {text, text + len, NULL};

	memset(j, 0, sizeof(*j));
	if (value(&ps, j, 0)) {
		skip(&ps);
		if (ps.p != ps.end)
			fail(&ps, "trailing bytes");
	}
	if (ps.err)
		json_free(j);
	return ps.err;
}

void json_write(struct buf *b, const struct json *j)
{
	switch (j->kind) {
	case JSON_NULL:
		buf_puts(b, "null");
		break;
	case JSON_BOOL:
		buf_puts(b, j->b ? "true" : "false");
		break;
	case JSON_NUMBER:
		buf_puts(b, j->s);
		break;
	case JSON_STRING:
		buf_json(b, j->s);
		break;
	case JSON_ARRAY:
	case JSON_OBJECT:
		buf_putc(b, j->kind == JSON_OBJECT ? '{' : '[');
		for (size_t i = 0; i < j->n; i++) {
			if (i)
				buf_putc(b, ',');
			if (j->kind == JSON_OBJECT) {
				buf_json(b, j->keys[i]);
				buf_putc(b, ':');
			}
			json_write(b, &j->items[i]);
		}
		buf_putc(b, j->kind == JSON_OBJECT ? '}' : ']');
		break;
	}
}

struct json *json_get(const struct json *j, const char *key)
{
	if (j->kind != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < j->n; i++)
		if (strcmp(j->keys[i], key) == 0)
			return &j->items[i];
	return NULL;
}

struct json *json_put(struct json *j, const char *key, enum json_kind kind)
{
	struct json *v = json_get(j, key);

	if (!v) {
		j->items = xrealloc(j->items, (j->n + 1) * sizeof(*j->items));
		j->keys = xrealloc(j->keys, (j->n + 1) * sizeof(*j->keys));
		j->keys[j->n] = xstrdup(key);
		v = &j->items[j->n++];
		memset(v, 0, sizeof(*v));
	}
	if (v->kind != kind) {
		json_free(v);
		v->kind = kind;
	}
	return v;
}

void json_del(struct json *j, const char *key)
{
	struct json *v = json_get(j, key);
	size_t i;

	if (!v)
		return;
	i = (size_t)(v - j->items);
	json_free(v);
	free(j->keys[i]);
	memmove(&j->items[i], &j->items[i + 1], (j->n - i - 1) * sizeof(*j->items));
	memmove(&j->keys[i], &j->keys[i + 1], (j->n - i - 1) * sizeof(*j->keys));
	j->n--;
}

struct json *json_push(struct json *j, enum json_kind kind)
{
	j->items = xrealloc(j->items, (j->n + 1) * sizeof(*j->items));
	memset(&j->items[j->n], 0, sizeof(*j->items));
	j->items[j->n].kind = kind;
	return &j->items[j->n++];
}

const char *json_str(const struct json *j)
{
	return j && j->kind == JSON_STRING ? j->s : NULL;
}

void json_free(struct json *j)
{
	for (size_t i = 0; i < j->n; i++) {
		json_free(&j->items[i]);
		if (j->keys)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->s);
	memset(j, 0, sizeof(*j));
}
