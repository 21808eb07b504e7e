#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util.h"
#include "gotool.h"
#include "outfile.h"
#include "sign.h"

/* tool, program, signature suffix */
static const char *const tools[][3] = {
	{ "minisign", "minisign", ".minisig" },
	{ "signify", "signify-openbsd", ".sig" },
	{ "gpg", "gpg", ".asc" },
	{ "cosign", "cosign", ".cosign.sig" },
};

static int tool_index(const char *tool)
{
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		if (strcmp(tools[i][0], tool) == 0)
			return (int)i;
	return -1;
}

char *sign_output(const char *tool, const char *file)
{
	int i = tool_index(tool);

	return i < 0 ? NULL : xconcat(file, tools[i][2], NULL);
}

const char *sign_program(const char *tool)
{
	int i = tool_index(tool);

	return i < 0 ? NULL : tools[i][1];
}

static void add(struct strlist *l, const char *s)
{
	strlist_add(l, xstrdup(s));
}

char *sign_argv(const char *tool, const char *key, const char *file,
                const char *sig, const char *epoch, int password,
                struct strlist *argv)
{
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;

	if (tool_index(tool) < 0)
		return xasprintf("unknown signing tool \"%s\"", tool);
	add(argv, sign_program(tool));
	if (strcmp(tool, "minisign") == 0) {
		/* the default trusted comment holds the time of signing */
		char *t = xasprintf("timestamp:%s\tfile:%s\thashed", epoch, base);
		const char *a[] = { "-S", "-s", key, "-m", file, "-x", sig, "-t", t };
		for (size_t i = 0; i < sizeof(a) / sizeof(*a); i++)
			add(argv, a[i]);
		free(t);
	} else if (strcmp(tool, "signify") == 0) {
		const char *a[] = { "-S", "-s", key, "-m", file, "-x", sig };
		for (size_t i = 0; i < sizeof(a) / sizeof(*a); i++)
			add(argv, a[i]);
	} else if (strcmp(tool, "gpg") == 0) {
		const char *a[] = { "--batch", "--yes", "--local-user", key, "--armor",
		                    "--detach-sign", "--output", sig, file };
		if (password) {
			add(argv, "--pinentry-mode=loopback");
			add(argv, "--passphrase-fd=0");
		}
		for (size_t i = 0; i < sizeof(a) / sizeof(*a); i++)
			add(argv, a[i]);
	} else {
		const char *a[] = { "sign-blob", "--yes", "--key", key,
		                    "--output-signature", sig, file };
		for (size_t i = 0; i < sizeof(a) / sizeof(*a); i++)
			add(argv, a[i]);
	}
	return NULL;
}

/* run argv with password (or nothing) on its standard input: exit status */
static int run(const struct strlist *argv, const char *password)
{
	char **v = xcalloc(argv->n + 1, sizeof(*v));
	int fd[2], status;
	pid_t pid;

	memcpy(v, argv->v, argv->n * sizeof(*v));
	if (pipe(fd) != 0)
		fatal("sign: pipe:");
	if ((pid = fork()) < 0)
		fatal("sign: fork:");
	if (pid == 0) {
		dup2(fd[0], 0);
		close(fd[0]);
		close(fd[1]);
		execvp(v[0], v);
		fprintf(stderr, "goninja: sign: %s: %s\n", v[0], strerror(errno));
		_exit(127);
	}
	close(fd[0]);
	signal(SIGPIPE, SIG_IGN);
	/* a tool that does not read the password says so itself */
	if (password && write(fd[1], password, strlen(password)) >= 0)
		(void)!write(fd[1], "\n", 1);
	close(fd[1]);
	free(v);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			fatal("sign: waitpid:");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* $GONINJA_<TOOL>_<what>, or NULL when unset or empty */
static const char *tool_env(const char *tool, const char *what)
{
	char name[64];
	const char *v;
	size_t n;

	n = (size_t)snprintf(name, sizeof(name), "GONINJA_%s_%s", tool, what);
	for (size_t i = 0; i < n && i < sizeof(name); i++)
		if (name[i] >= 'a' && name[i] <= 'z')
			name[i] = (char)(name[i] - 'a' + 'A');
	v = getenv(name);
	return v && *v ? v : NULL;
}

/* the key, or NULL after saying why there is none */
static const char *find_key(const char *tool, const char *key)
{
	if (!key || !*key)
		key = tool_env(tool, "KEY");
	if (!key) {
		char up[16];
		size_t i;
		for (i = 0; tool[i] && i + 1 < sizeof(up); i++)
			up[i] = (char)(tool[i] >= 'a' && tool[i] <= 'z' ? tool[i] - 'a' + 'A' : tool[i]);
		up[i] = '\0';
		fprintf(stderr, "goninja: sign: no key for %s: give sign { key = ... } "
		        "(%s) or set GONINJA_%s_KEY\n", tool, strcmp(tool, "gpg") == 0 ?
		        "a key id or user id in $GNUPGHOME" : "the secret key file", up);
		return NULL;
	}
	if (strcmp(tool, "gpg") != 0 && strstr(key, "://") == NULL && access(key, R_OK) != 0) {
		fprintf(stderr, "goninja: sign: %s key %s: %s\n", tool, key, strerror(errno));
		return NULL;
	}
	return key;
}

static int usage(void)
{
	fprintf(stderr, "usage: goninja sign --with minisign|signify|gpg|cosign [--key KEY] "
	        "[--epoch SECONDS] --out SIGNATURE FILE\n");
	return 2;
}

/* a new directory beside out for the signer to write in: one per run,
 * and never a planted link. Its path, or NULL after a message */
static char *private_dir(const char *out)
{
	char *dir = xconcat(out, ".goninja-XXXXXX", NULL), *why;

	if ((why = outfile_refuse(out))) {
		fprintf(stderr, "goninja: sign: %s\n", why);
		free(why);
	} else if (!mkdtemp(dir)) {
		fprintf(stderr, "goninja: sign: %s: %s\n", out, strerror(errno));
	} else {
		return dir;
	}
	free(dir);
	return NULL;
}

static int sign(const char *tool, const char *key, const char *epoch,
                const char *out, const char *file)
{
	const char *password = tool_env(tool, "PASSWORD");
	char *dir, *tmp, *path, *msg;
	struct strlist argv = {0};
	int rc;

	if (!(path = gotool_which(sign_program(tool)))) {
		fprintf(stderr, "goninja: sign: %s is not on PATH%s\n", sign_program(tool),
		        strcmp(tool, "cosign") == 0 ? " (Debian 12 does not package it)" :
		        strcmp(tool, "signify") == 0 ? " (apt-get install signify-openbsd)" :
		        strcmp(tool, "gpg") == 0 ? " (apt-get install gnupg)" :
		        " (apt-get install minisign)");
		return 1;
	}
	free(path);
	if (!(dir = private_dir(out)))
		return 1;
	tmp = xconcat(dir, "/signature", NULL);
	if (password && strcmp(tool, "cosign") == 0)
		setenv("COSIGN_PASSWORD", password, 0);
	if ((msg = sign_argv(tool, key, file, tmp, epoch, password != NULL, &argv))) {
		rmdir(dir);
		fatal("sign: %s", msg);
	}
	rc = run(&argv, password && strcmp(tool, "cosign") != 0 ? password : NULL);
	if (rc == 0 && rename(tmp, out) != 0) {
		fprintf(stderr, "goninja: sign: %s: %s\n", out, strerror(errno));
		rc = 1;
	} else if (rc != 0) {
		fprintf(stderr, "goninja: sign: %s failed for %s\n", sign_program(tool), file);
	}
	unlink(tmp);
	rmdir(dir);
	strlist_free(&argv);
	free(tmp);
	free(dir);
	return rc != 0;
}

int sign_main(int argc, char **argv)
{
	const char *tool = NULL, *key = NULL, *epoch = "0", *out = NULL, *file = NULL, *v;

	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--with")))
			tool = v;
		else if ((v = opt_value(argc, argv, &i, "--key")))
			key = v;
		else if ((v = opt_value(argc, argv, &i, "--epoch")))
			epoch = v;
		else if ((v = opt_value(argc, argv, &i, "--out")))
			out = v;
		else if (argv[i][0] == '-' || file)
			return usage();
		else
			file = argv[i];
	}
	if (!tool || !out || !*out || !file)
		return usage();
	if (!sign_program(tool)) {
		fprintf(stderr, "goninja: sign: unknown tool \"%s\"\n", tool);
		return 2;
	}
	if (!(key = find_key(tool, key)))
		return 1;
	return sign(tool, key, epoch, out, file);
}
