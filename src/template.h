/* template: "{version}"-style values in x stamps and archive names */

struct buf;

/* the values a template may name; NULL entries are unknown */
struct tvars {
	const char *project, *version, *commit, *short_commit, *date, *epoch;
	const char *name, *os, *arch, *variant, *platform, *target;
};

/* expand tmpl into out; NULL, or a message naming the bad field (caller frees) */
char *template_expand(struct buf *out, const char *tmpl, const struct tvars *v);
