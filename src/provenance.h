/* provenance: an in-toto Statement v1 with a SLSA Provenance v1 predicate
 * over the release artifacts, from the model (what goninja explain shows) */

/* a file and its SHA-256 */
struct prov_file {
	char *name;
	char sha256[65];
};

/* one go build of the release */
struct prov_cell {
	char *output, *platform, *go, *command;
	char **env;
	size_t nenv;
};

struct prov {
	const char *rulefile;          /* the top rule file */
	const char *commit;            /* NULL outside git */
	char **defines;                /* -D name=value */
	size_t ndefines;
	struct prov_file *subjects;    /* sorted by name */
	size_t nsubjects;
	struct prov_file *rules;       /* every rule file read */
	size_t nrules;
	struct prov_cell *cells;
	size_t ncells;
};

/* the statement as JSON: deterministic for the same prov */
void provenance_json(struct buf *b, const struct prov *p);
/* goninja provenance --out FILE [-f rulefile] [-D name=value]... ARTIFACT... */
int provenance_main(int argc, char **argv);
