#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util.h"
#include "esc.h"
#include "gotool.h"
#include "runner.h"

/* Debian's qemu-user programs; 386 has none that runs Go (qemu-i386 7.2
 * dies with "mcall called on m->g0 stack") */
static const char *qemu[][2] = {
	{"arm64", "qemu-aarch64"}, {"arm", "qemu-arm"}, {"riscv64", "qemu-riscv64"},
	{"ppc64le", "qemu-ppc64le"}, {"ppc64", "qemu-ppc64"}, {"s390x", "qemu-s390x"},
	{"mips", "qemu-mips"}, {"mipsle", "qemu-mipsel"}, {"mips64", "qemu-mips64"},
	{"mips64le", "qemu-mips64el"}, {"loong64", "qemu-loongarch64"},
	{"amd64", "qemu-x86_64"},
};

/* a cross compiler's triplet: its program loader, Debian architecture
 * and the package of its cross sysroot's C library */
static const char *loaders[][4] = {
	{"aarch64-linux-gnu", "/lib/ld-linux-aarch64.so.1", "arm64", "libc6-arm64-cross"},
	{"arm-linux-gnueabihf", "/lib/ld-linux-armhf.so.3", "armhf", "libc6-armhf-cross"},
	{"arm-linux-gnueabi", "/lib/ld-linux.so.3", "armel", "libc6-armel-cross"},
	{"riscv64-linux-gnu", "/lib/ld-linux-riscv64-lp64d.so.1", "riscv64",
	 "libc6-riscv64-cross"},
	{"powerpc64le-linux-gnu", "/lib64/ld64.so.2", "ppc64el", "libc6-ppc64el-cross"},
	{"s390x-linux-gnu", "/lib/ld64.so.1", "s390x", "libc6-s390x-cross"},
	{"mips64el-linux-gnuabi64", "/lib64/ld.so.1", "mips64el", "libc6-mips64el-cross"},
	{"i686-linux-gnu", "/lib/ld-linux.so.2", "i386", "libc6-i386-cross"},
	{"x86_64-linux-gnu", "/lib64/ld-linux-x86-64.so.2", "amd64", "libc6-amd64-cross"},
};

/* an i386 ELF executable that calls exit(0): one PT_LOAD of the whole
 * file at 0x08048000, entry after the headers: mov eax,1; xor ebx,ebx;
 * int 0x80 */
static const unsigned char exit0_386[93] = {
	0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 0, 3, 0, 1, 0, 0, 0, 0x54, 0x80, 0x04, 0x08,   /* EXEC, 386, entry */
	52, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,              /* phoff, shoff, flags */
	52, 0, 32, 0, 1, 0, 40, 0, 0, 0, 0, 0,            /* sizes, 1 phdr */
	1, 0, 0, 0, 0, 0, 0, 0,                           /* PT_LOAD at offset 0 */
	0x00, 0x80, 0x04, 0x08, 0x00, 0x80, 0x04, 0x08,   /* vaddr, paddr */
	93, 0, 0, 0, 93, 0, 0, 0, 5, 0, 0, 0,             /* filesz, memsz, R+X */
	0x00, 0x10, 0, 0,                                 /* align */
	0xb8, 1, 0, 0, 0, 0x31, 0xdb, 0xcd, 0x80,
};

const char *runner_uname_arch(void)
{
	static struct utsname u;
	static const char *map[][2] = {
		{"x86_64", "amd64"}, {"aarch64", "arm64"}, {"i686", "386"},
		{"i386", "386"}, {"armv7l", "arm"}, {"armv6l", "arm"},
		{"riscv64", "riscv64"}, {"ppc64le", "ppc64le"}, {"s390x", "s390x"},
	};

	if (!u.machine[0] && uname(&u) < 0)
		return NULL;
	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++)
		if (strcmp(u.machine, map[i][0]) == 0)
			return map[i][1];
	return u.machine;
}

/* write the program into dir; 0, or an errno */
static int write_exit0(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700);
	int err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, exit0_386, sizeof(exit0_386)) != (ssize_t)sizeof(exit0_386))
		err = errno ? errno : EIO;
	if (close(fd) < 0 && !err)
		err = errno;
	return err;
}

/* exec path with no arguments or environment: its wait status, or -1 with
 * *err the errno of a failed exec (sent back over a close-on-exec pipe) */
static int run_exit0(const char *path, int *err)
{
	char *argv[] = {(char *)path, NULL}, *envp[] = {NULL};
	int fds[2], status;
	pid_t pid;

	*err = 0;
	if (pipe(fds) < 0) {
		*err = errno;
		return -1;
	}
	if (fcntl(fds[1], F_SETFD, FD_CLOEXEC) < 0 || (pid = fork()) < 0) {
		*err = errno;
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		execve(path, argv, envp);
		*err = errno;
		if (write(fds[1], err, sizeof(*err)) < 0)
			_exit(127);
		_exit(127);
	}
	close(fds[1]);
	if (read(fds[0], err, sizeof(*err)) != (ssize_t)sizeof(*err))
		*err = 0;
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return *err ? -1 : status;
}

/* NULL when the kernel ran the program and it exited 0, else why not */
static char *probe_386(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xconcat(tmp && *tmp ? tmp : "/tmp", "/goninja-probe.XXXXXX", NULL);
	char *path, *why = NULL;
	int err, status = -1;

	if (!mkdtemp(dir)) {
		why = xasprintf("cannot probe 32-bit x86: mkdtemp %s: %s", dir, strerror(errno));
		free(dir);
		return why;
	}
	path = xconcat(dir, "/exit0", NULL);
	if ((err = write_exit0(path)) == 0)
		status = run_exit0(path, &err);
	if (err == ENOEXEC)
		why = xstrdup("the kernel refuses 32-bit x86 binaries (exec format error)");
	else if (err)
		why = xasprintf("cannot probe 32-bit x86: %s: %s", path, strerror(err));
	else if (WIFSIGNALED(status))
		why = xasprintf("a 32-bit x86 program was killed by signal %d", WTERMSIG(status));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		why = xasprintf("a 32-bit x86 program that exits 0 exited %d", WEXITSTATUS(status));
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
	return why;
}

/* whether the test-only list in GONINJA_PROBE_NO_EXEC names plat */
static bool forced_off(const char *plat)
{
	const char *s = getenv("GONINJA_PROBE_NO_EXEC");
	size_t n = strlen(plat);

	for (; s && *s; s += strcspn(s, ",") + (s[strcspn(s, ",")] == ','))
		if (strncmp(s, plat, n) == 0 && (s[n] == ',' || s[n] == '\0'))
			return true;
	return false;
}

bool runner_exec_386(const char **why)
{
	static bool probed;
	static char *reason;

	if (forced_off("linux/386")) {
		*why = "the kernel refuses 32-bit x86 binaries (exec format error)";
		return false;
	}
	if (!probed) {
		reason = probe_386();
		probed = true;
	}
	*why = reason;
	return reason == NULL;
}

/* program is kept: it is what r needs, whatever kind it turns out */
static void set(struct runner *r, enum runner_kind kind, char *reason, const char *pkg)
{
	r->kind = kind;
	r->reason = reason;
	r->package = pkg;
}

static void add_word(struct runner *r, const char *w)
{
	size_t n = 0;

	while (r->prefix && r->prefix[n])
		n++;
	r->prefix = xrealloc(r->prefix, (n + 2) * sizeof(*r->prefix));
	r->prefix[n] = xstrdup(w);
	r->prefix[n + 1] = NULL;
}

/* qemu-user's q, or qemu-user-static's q-static, found in PATH */
static void find_qemu(struct runner *r, const char *q)
{
	char *stat = xconcat(q, "-static", NULL);
	char *path;

	r->program = q;
	if ((path = gotool_which(q)) || (path = gotool_which(stat))) {
		set(r, RUNNER_QEMU, NULL, NULL);
		add_word(r, strrchr(path, '/') + 1);
	} else {
		set(r, RUNNER_NONE, xasprintf("%s not found", q), "qemu-user");
	}
	free(path);
	free(stat);
}

/* a foreign linux arch under qemu-user */
static void find_foreign(struct runner *r, const char *arch, const char *hostarch)
{
	const char *why;

	if (strcmp(arch, "386") == 0) {
		if (strcmp(hostarch, "amd64") != 0)
			set(r, RUNNER_NONE, xstrdup("Debian's qemu-i386 crashes Go binaries "
			    "(fatal error: runtime: mcall called on m->g0 stack)"), NULL);
		else if (runner_exec_386(&why))
			set(r, RUNNER_NATIVE, NULL, NULL);
		else
			set(r, RUNNER_NONE, xstrdup(why), NULL);
		return;
	}
	for (size_t i = 0; i < sizeof(qemu) / sizeof(*qemu); i++)
		if (strcmp(qemu[i][0], arch) == 0) {
			find_qemu(r, qemu[i][1]);
			return;
		}
	set(r, RUNNER_NONE, xasprintf("qemu-user has no program for linux/%s", arch), NULL);
}

void runner_find(struct runner *r, const char *os, const char *arch,
                 const char *hostos, const char *hostarch)
{
	memset(r, 0, sizeof(*r));
	if (!hostos)
		hostos = "linux";
	if (!hostarch && !(hostarch = runner_uname_arch()))
		hostarch = "unknown";
	if (strcmp(os, hostos) == 0 && strcmp(arch, hostarch) == 0)
		set(r, RUNNER_NATIVE, NULL, NULL);
	else if (strcmp(os, "linux") != 0)
		set(r, RUNNER_NONE, xasprintf("%s binaries do not run on %s", os, hostos), NULL);
	else if (strcmp(hostos, "linux") != 0)
		set(r, RUNNER_NONE, xasprintf("qemu-user runs linux binaries on linux, not %s",
		                              hostos), NULL);
	else
		find_foreign(r, arch, hostarch);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void runner_find_dynamic(struct runner *r, const char *os, const char *arch,
                         const char *hostos, const char *hostarch, const char *cc)
{
	const char *base = cc ? (strrchr(cc, '/') ? strrchr(cc, '/') + 1 : cc) : "";
	size_t n = strlen(base);
	char *sysroot;

	runner_find(r, os, arch, hostos, hostarch);
	if (r->kind != RUNNER_QEMU || n < 5 || strcmp(base + n - 4, "-gcc") != 0)
		return;
	for (size_t i = 0; i < sizeof(loaders) / sizeof(*loaders); i++) {
		const char **l = loaders[i];
		if (strlen(l[0]) != n - 4 || strncmp(base, l[0], n - 4) != 0)
			continue;
		if (access(l[1], F_OK) == 0)
			return;
		sysroot = xconcat("/usr/", l[0], NULL);
		if (is_dir(sysroot)) {
			add_word(r, "-L");
			add_word(r, sysroot);
		} else {
			const char *q = r->program;
			runner_free(r);
			r->program = q;
			set(r, RUNNER_NONE, xasprintf("no %s C library: neither %s (libc6:%s) "
			    "nor %s (%s) is installed", l[2], l[1], l[2], sysroot, l[3]), l[3]);
		}
		free(sysroot);
		return;
	}
}

char *runner_command(const struct runner *r)
{
	struct buf b = {0};

	for (size_t i = 0; r->prefix && r->prefix[i]; i++) {
		if (i)
			buf_putc(&b, ' ');
		esc_shell(&b, r->prefix[i]);
	}
	return b.s ? b.s : xstrdup("");
}

void runner_free(struct runner *r)
{
	for (size_t i = 0; r->prefix && r->prefix[i]; i++)
		free(r->prefix[i]);
	free(r->prefix);
	free(r->reason);
	memset(r, 0, sizeof(*r));
}
