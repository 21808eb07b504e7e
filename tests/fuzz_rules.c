/* libFuzzer over the rule-file front end: the text of goninja.lua in, the
 * text of build.ninja or a clean error out, through goninja gen's own
 * pipeline (gen_load, then ninja_write) in this process. Link with
 *
 *   -Wl,--wrap=exit,--wrap=_exit,--wrap=file_read,--wrap=gotool_find \
 *   -Wl,--wrap=gotool_run,--wrap=gotool_run_quiet
 *
 * so that exit() during a generation comes back here instead (the
 * pipeline reports a user error by exiting; the time limit's hard stop
 * by _exit() from its signal handler), "goninja.lua" is the input,
 * and Go is a fake go1.19.8 on linux/amd64: nothing is executed.
 *
 * Besides the sanitizers, it aborts when
 *   - build.ninja holds a carriage return or a NUL byte,
 *   - a line could make ninja run something no rule of goninja's says:
 *     an edge-level command or rspfile, an include or subninja, a rule
 *     defined twice,
 *   - two generations of one input differ, in text or in message.
 * Run it with -detect_leaks=0 (ASAN_OPTIONS=detect_leaks=0): a generation
 * that exits leaves behind what it had allocated. It works in a directory
 * of its own (a go.mod, files to include), so give corpus, dictionary and
 * -artifact_prefix as absolute paths. */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "flags.h"
#include "host.h"
#include "gen.h"
#include "ninja.h"

void __real_exit(int status);
char *__real_file_read(const char *path, size_t max, size_t *len, char **err);
void __wrap_exit(int status);
void __real__exit(int status);
void __wrap__exit(int status);
char *__wrap_file_read(const char *path, size_t max, size_t *len, char **err);
void __wrap_gotool_find(struct gotool *t, const char *cmd);
int __wrap_gotool_run(char *const argv[], char **out, size_t *len);
int __wrap_gotool_run_quiet(char *const argv[], char **out, size_t *len);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sigjmp_buf back;   /* sig: a stop jumps out of SIGALRM's handler */
static volatile int running;
static pid_t owner;        /* the process running the generation */
static const uint8_t *input;
static size_t input_len;

/* exit() inside a generation: an error was reported */
void __wrap_exit(int status)
{
	if (running && getpid() == owner) {
		running = 0;
		siglongjmp(back, 1);
	}
	__real_exit(status);
}

/* _exit() from the time limit's signal handler: the input was stopped;
 * a child forked to run a command (and failing to) really ends */
void __wrap__exit(int status)
{
	if (running && getpid() == owner) {
		running = 0;
		siglongjmp(back, 1);
	}
	__real__exit(status);
}

char *__wrap_file_read(const char *path, size_t max, size_t *len, char **err)
{
	char *s;

	if (!running || strcmp(path, "goninja.lua") != 0)
		return __real_file_read(path, max, len, err);
	s = xmalloc(input_len + 1);
	memcpy(s, input, input_len);
	s[input_len] = '\0';
	if (len)
		*len = input_len;
	return s;
}

void __wrap_gotool_find(struct gotool *t, const char *cmd)
{
	memset(t, 0, sizeof(*t));
	t->cmd = xstrdup(cmd);
	t->path = xstrdup("/usr/lib/go-fake/bin/go");
	t->version = xstrdup("go1.19.8");
	t->minor = 19;
	t->hostos = xstrdup("linux");
	t->hostarch = xstrdup("amd64");
}

/* no child process: as if the command (git, go) failed */
int __wrap_gotool_run(char *const argv[], char **out, size_t *len)
{
	(void)argv;
	*out = xstrdup("");
	if (len)
		*len = 0;
	return -1;
}

int __wrap_gotool_run_quiet(char *const argv[], char **out, size_t *len)
{
	return __wrap_gotool_run(argv, out, len);
}

struct result {
	char *text;          /* build.ninja, NULL after an error */
	char *msg;           /* what went to stderr */
	size_t len, msglen;
};

/* goninja gen on the input; static: it must outlive a longjmp */
static struct gen g;
static struct buf text;

static void generate(struct result *r)
{
	struct genopts o = GENOPTS_DEFAULT;
	struct regen re = {"/usr/bin/goninja", "goninja.lua", "build.ninja", NULL, 0};
	FILE *saved = stderr;

	memset(r, 0, sizeof(*r));
	memset(&g, 0, sizeof(g));
	memset(&text, 0, sizeof(text));
	o.max_steps = 5000;            /* thousands: 5M instructions */
	o.max_bytes = 64u << 20;
	o.max_seconds = 2;             /* CPU: a seed that runs to the limit costs 2 s */
	stderr = open_memstream(&r->msg, &r->msglen);
	running = 1;
	owner = getpid();
	if (sigsetjmp(back, 1) == 0) {
		gen_load(&g, &o);
		ninja_write(&text, &g, &re);
		r->text = text.s;
		r->len = text.len;
	} else if (g.L) {
		host_close(g.L);
		g.L = NULL;
	}
	running = 0;
	fclose(stderr);
	stderr = saved;
	gen_free(&g);
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* the shape of build.ninja: nothing a rule file could have added */
static void check_shape(const char *s, size_t len)
{
	static const char *edge_only[] = {"command", "rspfile", "rspfile_content",
	                                  "generator", "pool", "restat", "deps"};
	struct strlist rules = {0};
	int in_rule = 0;

	if (strlen(s) != len || memchr(s, '\r', len))
		abort();
	for (const char *line = s; *line; ) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		char *l = xstrndup(line, n);
		if (l[0] == ' ') {
			const char *k = l + strspn(l, " ");
			for (size_t i = 0; !in_rule && i < sizeof(edge_only) / sizeof(*edge_only); i++)
				if (starts(k, edge_only[i]) && strchr(" =", k[strlen(edge_only[i])]))
					abort();
		} else {
			in_rule = starts(l, "rule ");
			if (starts(l, "include ") || starts(l, "subninja "))
				abort();
			if (in_rule && strlist_has(&rules, l + 5))
				abort();
			if (in_rule)
				strlist_add(&rules, xstrdup(l + 5));
		}
		free(l);
		line += n + (nl != NULL);
	}
	strlist_free(&rules);
}

static char dir[] = "/tmp/fuzz_rules.XXXXXX";

/* a project directory with files a rule file may include or point at */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *files[][2] = {
		{"go.mod", "module example.com/fuzz\n\ngo 1.19\n"},
		{"goninja.lua", "-- stands for the input: file_read is wrapped\n"},
		{"sub/goninja.lua", "go_binary { name = \"sub\", main = \"./cmd/sub\" }\n"},
		{"lib.lua", "platforms { \"linux/amd64\", \"linux/arm64\" }\n"},
		{"cmd/a/main.go", "package main\n\nfunc main() {}\n"},
	};

	(void)argc;
	(void)argv;
	if (!mkdtemp(dir) || chdir(dir) != 0)
		abort();
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		char *d = xstrdup(files[i][0]);
		FILE *f;
		for (char *slash = strchr(d, '/'); slash; slash = strchr(slash + 1, '/')) {
			*slash = '\0';
			mkdir(d, 0777);
			*slash = '/';
		}
		if (!(f = fopen(files[i][0], "w")))
			abort();
		fputs(files[i][1], f);
		fclose(f);
		free(d);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct result a, b;

	input = data;
	input_len = size;
	generate(&a);
	generate(&b);
	if ((a.text == NULL) != (b.text == NULL))
		abort();
	if (a.text && (a.len != b.len || memcmp(a.text, b.text, a.len) != 0))
		abort();
	/* a stop by the wall clock depends on how busy the machine is */
	if (!a.text && !strstr(a.msg, "seconds") && !strstr(b.msg, "seconds") &&
	    (a.msglen != b.msglen || memcmp(a.msg, b.msg, a.msglen) != 0))
		abort();
	if (a.text)
		check_shape(a.text, a.len);
	free(a.text);
	free(b.text);
	free(a.msg);
	free(b.msg);
	return 0;
}
