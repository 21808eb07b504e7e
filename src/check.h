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
	const char *max_glibc;   /* "2.28": no GLIBC_ version newer, or NULL */
	const char *max_glibcxx; /* "3.4.25": no GLIBCXX_ version newer, or NULL */
};

/* the largest file check reads */
#define CHECK_MAX ((size_t)1 << 30)

/* what checking one file found */
struct check_report {
	const char *path;
	bool parsed;                /* res is valid */
	struct inspect_result res;
	struct strlist problems;    /* one message per failure, without the path */
	struct strlist warnings;    /* true of the file, not a failure */
	int status;                 /* 0 ok, 1 expectation failed, 2 unreadable */
};

/* read, inspect and judge path into rep; returns rep->status */
int check_file(const char *path, const struct check_opts *o, struct check_report *rep);
/* a warning for len bytes at data, an ELF image linked static (NULL when
 * none): glibc's dlopen linked in for SQLite's load_extension (caller frees) */
char *check_static_dlopen(const char *data, size_t len);
/* free what check_file stored in rep */
void check_report_free(struct check_report *rep);
/* append "path: ELF 64-bit LSB amd64 linux, static" (no newline) */
void check_describe(const struct check_report *rep, struct buf *b);
/* append rep as one JSON object */
void check_json(const struct check_report *rep, struct buf *b);
/* whether name matches one of o's allow patterns (DLL names ignore case) */
bool check_allowed(const struct check_opts *o, const char *name, bool nocase);
/* <0, 0, >0 as dotted version a ("2.34") is below, equal to, above b;
 * missing parts count as 0 */
int check_version_cmp(const char *a, const char *b);
/* whether s is a dotted version: digits and single dots, "2", "3.4.30" */
bool check_version_ok(const char *s);
/* the highest of im's versions named prefix + a dotted version ("GLIBC_"),
 * or NULL */
const struct inspect_version *check_highest(const struct inspect_image *im, const char *prefix);
/* goninja check [--expect static|dynamic] [--allow LIB]... [--max-glibc V] [--json] FILE... */
int check_main(int argc, char **argv);
