/* fakego: a stand-in `go` for the no-op benchmark, fast enough to run
 * 20,000 times. `go env GOVERSION GOHOSTOS GOHOSTARCH` answers go1.19.8 on
 * linux/amd64, `go list` lists nothing, and `go build ... -o OUT ...`
 * creates OUT (and its directories). Anything else fails. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir -p of the directories above path */
static int mkparents(char *path)
{
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		int rc = mkdir(path, 0777);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

static int build(int argc, char **argv)
{
	for (int i = 2; i + 1 < argc; i++) {
		if (strcmp(argv[i], "-o") != 0)
			continue;
		int fd;
		if (mkparents(argv[i + 1]) != 0 ||
		    (fd = open(argv[i + 1], O_WRONLY | O_CREAT | O_TRUNC, 0755)) < 0) {
			perror(argv[i + 1]);
			return 1;
		}
		return close(fd) != 0;
	}
	fputs("fakego: build without -o\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "env") == 0) {
		fputs("go1.19.8\nlinux\namd64\n", stdout);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "list") == 0)
		return 0;
	if (argc > 1 && strcmp(argv[1], "build") == 0)
		return build(argc, argv);
	fprintf(stderr, "fakego: %s: not faked\n", argc > 1 ? argv[1] : "(nothing)");
	return 2;
}
