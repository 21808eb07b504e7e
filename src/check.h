/* check: the "goninja check" command; inspects built binaries and tests
 * them against what the rule file promised (static, dynamic, allowed libs).
 * Needs inspect.h and util.h included first. */

enum check_expect {
	CHECK_ANY,      /* only require that the file parses */
	CHECK_STATIC,   /* every image static or static-pie */
	CHECK_DYNAMIC,  /* every image dynamic */
};

struct check_opts {
	enum check_expect expect;
	char **allow;   /* fnmatch patterns every needed library must match */
	size_t nallow;  /* 0: no restriction */
	const char *arch, *os;   /* GOARCH and GOOS every image must have, or NULL */
	const char *label;       /* what the file was built as, for messages */
};

/* what checking one file found */
struct check_report {
	const char *path;
	bool parsed;                /* res is valid */
	struct inspect_result res;
	struct strlist problems;    /* one message per failure, without the path */
	int status;                 /* 0 ok, 1 expectation failed, 2 unreadable */
};

/* read, inspect and judge path into rep; returns rep->status */
int check_file(const char *path, const struct check_opts *o, struct check_report *rep);
/* free what check_file stored in rep */
void check_report_free(struct check_report *rep);
/* append "path: ELF 64-bit LSB amd64 linux, static" (no newline) */
void check_describe(const struct check_report *rep, struct buf *b);
/* append rep as one JSON object */
void check_json(const struct check_report *rep, struct buf *b);
/* whether name matches one of o's allow patterns (DLL names ignore case) */
bool check_allowed(const struct check_opts *o, const char *name, bool nocase);
/* goninja check [--expect static|dynamic] [--allow LIB]... [--json] FILE... */
int check_main(int argc, char **argv);
