/* model: what the rule files declared, checked and resolved */

#include <stdbool.h>
#include <stddef.h>

/* where one field of a declaration is written; since and set: the Go
 * version its value needs (lua/fields.lua), checked once Go is known */
struct fieldpos {
	char *key;
	int line, col;
	int since;                   /* Go 1.N; 0: none */
	char *set;                   /* "cover = true", for the message */
};

/* where a declaration is written, and each field it writes */
struct loc {
	char *file;
	int line, col;               /* col 0: not known */
	struct fieldpos *fields;
	size_t nfields;
	char *calls;                 /* declared in a macro: the calling lines,
	                              * "\n" DIAG_CALLED "file:line" each; or NULL */
};

struct kv {
	char *key, *value;
};

enum link_mode { LINK_AUTO, LINK_STATIC, LINK_DYNAMIC };

enum buildmode { MODE_EXE, MODE_PIE, MODE_C_SHARED, MODE_C_ARCHIVE, MODE_PLUGIN };

/* one Go command as found at generation time */
struct gotool {
	char *cmd;        /* as named: "go" or a path */
	char *path;       /* resolved executable, NULL when not found */
	char *version;    /* "go1.19.8", NULL when unknown */
	int minor;        /* 19 for go1.19.8; 0 when unknown */
	char *hostos, *hostarch;
	char *dist;       /* "go tool dist list" output, asked once; NULL: unread */
	bool dist_asked;
};

/* release { }: archives of the binaries per platform, and checksums */
struct release {
	struct loc where;            /* file NULL: none declared */
	struct strlist binaries;     /* empty: every binary */
	struct strlist files;        /* extra files, project-relative */
	char *name;                  /* archive name template */
	char *checksums;             /* checksum file name */
	char *sbom;                  /* "beside" the archives, in the "archive", "none" */
};

/* sign { }: signatures over the release's checksums or every artifact */
struct sign {
	struct loc where;
	char *with;                  /* "minisign", "signify", "gpg", "cosign" */
	char *key;                   /* a key file or gpg key id; NULL: from the environment */
	char *files;                 /* "checksums" or "all" */
};

/* image { }: an OCI image per linux platform of its binaries, and an index */
struct image {
	struct loc where;
	char *name;
	struct strlist binaries;     /* empty: every binary */
	char *base;                  /* "scratch" (the only one supported) */
	char *tag;                   /* a template: "{version}" */
	struct strlist entrypoint, cmd;
	struct kv *labels, *files;   /* files: project-relative source, image path */
	size_t nlabels, nfiles;
	bool ca_certificates;        /* the host's CA bundle in the image */
};

/* one smoke run: the binary with args must exit status within timeout
 * seconds, its stdout containing (or matching, as a Lua pattern) expect */
struct smoke {
	struct strlist args;
	char *expect;                /* a template: "{version}" */
	int status, timeout;
};

/* package { }: .deb and .rpm packages of release binaries per linux platform */
struct package {
	struct loc where;
	char *name;                  /* a template */
	struct strlist formats;      /* "deb", "rpm" */
	struct strlist binaries;     /* empty: every binary */
	struct kv *files, *scripts;  /* source = destination; script = source */
	size_t nfiles, nscripts;
	struct strlist config, details, depends, conflicts, replaces;
	char *maintainer, *description, *license, *homepage, *section, *release, *epoch;
	struct platform *plats;      /* own list, or NULL: the binaries' linux ones */
	size_t nplats;
};

/* homebrew { } and scoop { }: install manifests over the release archives */
struct manifest_decl {
	struct loc where;
	char *kind;                  /* "homebrew" or "scoop" */
	char *url, *name;            /* templates; url may name {archive} */
	char *description, *homepage, *license;
	struct strlist binaries;     /* empty: those in every archive */
};

/* action { }: a command ninja runs to make files; paths project-relative */
struct action {
	struct loc where;
	char *name;
	struct strlist inputs;       /* as declared: files and globs */
	struct strlist files;        /* the inputs, globs expanded and sorted */
	struct strlist outputs, command;
	bool shell;                  /* command words run by sh -c, unquoted */
	char *depfile, *dir, *description;
	struct kv *env;
	size_t nenv;
	char *platforms;             /* "each": one edge per platform; NULL: one */
};

struct binary {
	struct loc where;
	char *name, *main;
	char *dir;                   /* of its rule file, "" for the top */
	bool cgo, trimpath, nss, race, msan;
	bool test;                   /* a go_test: packages, args */
	bool universal;              /* also a fat darwin binary */
	bool cover;                  /* go build -cover */
	struct strlist packages, testargs;
	enum link_mode link;
	enum buildmode buildmode;
	char *libc;                  /* "glibc" (default) or "musl" */
	char *glibc;                 /* the oldest glibc it must run on, "2.28", or NULL */
	struct smoke *smokes;        /* ninja smoke: runs of each cell's binary */
	size_t nsmokes;
	struct strlist tags, ldflags, gcflags;
	struct strlist extldflags, cgo_cflags, cgo_ldflags;
	struct kv *x, *env;
	size_t nx, nenv;
	struct platform *plats;      /* its own list, or the project's */
	size_t nplats;
	bool own_plats;
	char *gocmd;                 /* NULL: the project's */
	struct gotool *go;
	struct strlist deps;         /* action names */
};

struct project {
	char *name, *version;
	char *out;                   /* output directory, default "out" */
	struct loc where;            /* of project { }; file NULL without one */
	char *gocmd;                 /* the Go command, default "go" */
	bool verify;                 /* all includes verify */
	bool sbom;                   /* SBOM edges per cell */
	bool strip, stamp;           /* release defaults: -s -w; version stamps */
	bool reproducible;           /* -buildid= on release builds */
	char *glibc;                 /* every binary's glibc floor unless its own, or NULL */
	int jobs;                    /* go builds at once at most, 0: not declared */
	char *memory_per_link;       /* "2G", or NULL: not declared */
	struct vcs vcs;              /* the commit, read at generation */
	struct strlist inputs;       /* files besides rule files that regenerate */
	struct release release;
	struct strlist files;        /* rule files read, in order */
	struct platform *plats;      /* the project matrix */
	struct loc plats_where;      /* where it was declared */
	size_t nplats;
	struct binary *bins;
	size_t nbins;
	struct binary *tests;        /* go_test declarations */
	size_t ntests;
	struct gotool *tools;
	size_t ntools;
	struct manifest_decl *mans;  /* homebrew and scoop declarations */
	size_t nmans;
	struct package *pkgs;        /* package declarations */
	size_t npkgs;
	struct sign *signs;          /* sign declarations */
	size_t nsigns;
	struct image *images;        /* image declarations */
	size_t nimages;
	struct action *actions;      /* action declarations */
	size_t nactions;
	struct toolchain *tcs;       /* declared C toolchains */
	size_t ntcs;
};

struct lua_State;

/* where field key of the declaration at w is written: w itself when the
 * field is not written in place (shares w's file) */
struct loc model_field(const struct loc *w, const char *key);
/* NULL when src/model.c reads the keys lua/fields.lua declares (the table
 * at the top of L's stack), else what differs (caller frees) */
char *model_fields_differ(struct lua_State *L);
/* read the model table at the top of L's stack; exits with file:line on bad input */
void model_read(struct lua_State *L, struct project *p);
/* check names, matrices and paths; exits with file:line on bad input */
void model_check(struct project *p);
/* find each distinct Go command once and point the binaries at it */
void model_resolve_tools(struct project *p);
void model_free(struct project *p);
/* every field of b but its name, main and platforms, and its directory,
 * as one string: binaries with the same key declare the same build
 * (caller frees) */
char *model_build_key(const struct binary *b);
/* the binaries get check edges: verify = true, or a release needs them */
bool model_checked(const struct project *p);
/* "file:line:col: " error report and exit 1 */
_Noreturn void model_fail(const struct loc *where, const char *fmt, ...);
/* "file:line:col: " error report, going on: exit 1 when done reporting */
void model_error(const struct loc *where, const char *fmt, ...);
/* the same, at field key of the declaration at where */
void model_error_at(const struct loc *where, const char *key, const char *fmt, ...);
/* the same, at field key of the declaration at where (model_field) */
_Noreturn void model_fail_at(const struct loc *where, const char *key,
                             const char *fmt, ...);
/* "file:line: warning: " report */
void model_warn(const struct loc *where, const char *fmt, ...);
/* the same, at field key of the declaration at where */
void model_warn_at(const struct loc *where, const char *key, const char *fmt, ...);
