#include <stddef.h>
#include <string.h>
#include "util.h"
#include "template.h"

static const char *lookup(const struct tvars *v, const char *k, size_t n)
{
	struct { const char *name, *value; } t[] = {
		{"project", v->project}, {"version", v->version}, {"commit", v->commit},
		{"short_commit", v->short_commit}, {"date", v->date}, {"epoch", v->epoch},
		{"name", v->name}, {"os", v->os}, {"arch", v->arch},
		{"variant", v->variant}, {"platform", v->platform}, {"target", v->target},
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(*t); i++)
		if (strlen(t[i].name) == n && strncmp(t[i].name, k, n) == 0)
			return t[i].value ? t[i].value : "";
	return NULL;
}

char *template_expand(struct buf *out, const char *s, const struct tvars *v)
{
	for (;;) {
		size_t n = strcspn(s, "{");
		const char *end, *val;
		buf_putn(out, s, n);
		if (!s[n])
			return NULL;
		s += n + 1;
		if (*s == '{') {             /* "{{" is a literal "{" */
			buf_putc(out, '{');
			s++;
			continue;
		}
		if (!(end = strchr(s, '}')))
			return xstrdup("a \"{\" without its \"}\" (write \"{{\" for a brace)");
		if (!(val = lookup(v, s, (size_t)(end - s))))
			return xasprintf("unknown template field {%.*s} (known: project, "
			                 "version, commit, short_commit, date, epoch, name, "
			                 "os, arch, variant, platform, target)",
			                 (int)(end - s), s);
		buf_puts(out, val);
		s = end + 1;
	}
}
