/* smoke: the "goninja smoke" command a smoke edge runs.  It decides here,
 * by probing this machine, how a binary for a platform runs (natively,
 * under qemu-user, under wine, or not at all and why), runs it once per
 * declared run with a hard time limit, checks the exit status and stdout,
 * and writes a log that is the edge's stamp.  With --archive it first
 * extracts the release archive into a scratch directory and runs the binary
 * from there.  Needs util.h included first. */

/* how one run turned out */
struct smoke_outcome {
	int status;            /* exit status; -1 when killed or not started */
	bool timed_out;
	struct buf out, err;   /* stdout and stderr, capped */
};

/* whether stdout holds expect: as a substring, else as a Lua pattern;
 * *bad is set (static text) when expect is not a valid pattern */
bool smoke_match(const char *out, const char *expect, const char **bad);
/* run argv (argv[0] a path) with env added, stdin from /dev/null, killing
 * its process group with SIGKILL after timeout seconds; 0, or -1 with errno
 * when it could not be started */
int smoke_exec(char **argv, char **env, int timeout, struct smoke_outcome *o);
void smoke_outcome_free(struct smoke_outcome *o);
/* what the last smoke run of a binary found, from its log */
struct smoke_status {
	char *result;   /* "ok", "failed", "not run: <why>"; NULL: never run */
	char *runner;   /* "native", "qemu-aarch64", "wine64", "none", or NULL */
};

/* the smoke log (the edge's stamp) of the binary at out (out/linux_arm64/x)
 * built into outdir/platdir: outdir/.smoke/platdir/x.log */
char *smoke_log_path(const char *outdir, const char *platdir, const char *out);
/* read the log at path (or path.failed) into st; empty when there is none */
void smoke_status_read(const char *path, struct smoke_status *st);
void smoke_status_free(struct smoke_status *st);
/* where Debian's wine64 package puts its loader (not on PATH) */
#define SMOKE_WINE64 "/usr/lib/wine/wine64"

/* whether the wine here has dll (true when its DLL directory is not found:
 * then a run decides) */
bool smoke_wine_has(const char *dll);
/* "runs natively", "runs under qemu-aarch64", "is not run here: <why>" for a
 * binary of platform (linked by cc when dynamic, else NULL); caller frees */
char *smoke_how(const char *platform, const char *cc);
/* goninja smoke --platform OS/ARCH --log LOG [--cc CC] [--archive A
 * --member NAME] [--wineprefix DIR] FILE --run TIMEOUT STATUS EXPECT N ARG... */
int smoke_main(int argc, char **argv);
