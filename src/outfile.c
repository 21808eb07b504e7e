#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>    /* rename */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"
#include "outfile.h"

char *outfile_refuse(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0 || S_ISREG(st.st_mode))
		return NULL;
	return xasprintf("%s: is %s, not a regular file: goninja replaces only "
	                 "regular files (remove it, or write elsewhere)", path,
	                 file_kind(st.st_mode));
}

/* 64 random bits: getrandom(2), else the clock, the pid and a counter */
static uint64_t random64(void)
{
	static uint64_t count;
	struct timespec t;
	uint64_t r;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) == (ssize_t)sizeof(r))
		return r;
	clock_gettime(CLOCK_REALTIME, &t);
	r = (uint64_t)t.tv_nsec ^ (uint64_t)t.tv_sec << 30 ^ (uint64_t)getpid() << 20 ^ ++count;
	r = (r ^ r >> 30) * 0xbf58476d1ce4e5b9u;   /* splitmix64's finaliser */
	r = (r ^ r >> 27) * 0x94d049bb133111ebu;
	return r ^ r >> 31;
}

/* a new empty file "path.goninja-XXXXXXXX" beside path, made by this call
 * (O_EXCL: never an existing file, nor through a link); fd, or -1 with errno */
static int create_temp(const char *path, char **tmp)
{
	static const char digits[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	char suffix[9];
	int fd, e;

	for (int tries = 0; tries < 100; tries++) {
		uint64_t r = random64();
		for (int i = 0; i < 8; i++, r /= 62)
			suffix[i] = digits[r % 62];
		suffix[8] = '\0';
		*tmp = xconcat(path, ".goninja-", suffix, NULL);
		fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0)
			return fd;
		e = errno;
		free(*tmp);
		*tmp = NULL;
		errno = e;
		if (e != EEXIST)
			return -1;
	}
	return -1;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

char *outfile_save(const char *path, const char *data, size_t len, mode_t mode)
{
	char *tmp = NULL, *err;
	int fd;

	if ((err = outfile_refuse(path)))
		return err;
	if ((fd = create_temp(path, &tmp)) < 0)
		return xasprintf("%s: %s", path, strerror(errno));
	if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0)
		err = xasprintf("%s: %s", tmp, strerror(errno));
	if (close(fd) < 0 && !err)
		err = xasprintf("%s: %s", tmp, strerror(errno));
	/* rename replaces a link planted since the check, never its target */
	if (!err && rename(tmp, path) < 0)
		err = xasprintf("%s: %s", path, strerror(errno));
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}

/* whether path is a regular file holding exactly data; then its time is
 * refreshed. Mapped, so a large file costs no heap; never a FIFO's open */
static int same(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), eq = 0;
	struct stat st;
	void *old;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == len) {
		if (len == 0)
			eq = 1;
		else if ((old = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0)) != MAP_FAILED) {
			eq = memcmp(old, data, len) == 0;
			munmap(old, len);
		}
	}
	/* ninja compares times: an unchanged file still has to look new */
	if (eq && futimens(fd, NULL) < 0)
		eq = 0;
	close(fd);
	return eq;
}

char *outfile_write(const char *path, const char *data, size_t len)
{
	mode_t mask = umask(0);
	char *err;

	umask(mask);
	if ((err = outfile_refuse(path)) || same(path, data, len))
		return err;
	return outfile_save(path, data, len, 0666 & ~mask);
}

/* the temporary file of the outfile being written, removed if the process
 * ends first: by exit (a user error found while writing) or by a signal */
static struct {
	char *tmp;
	pid_t owner;
	bool armed;
} live;

static void drop_live(void)
{
	if (live.tmp && live.owner == getpid())
		unlink(live.tmp);
}

static void on_signal(int sig)
{
	drop_live();
	signal(sig, SIG_DFL);
	raise(sig);
}

static const int stops[] = {SIGINT, SIGTERM, SIGHUP};

/* hold the signals that end the process (on), or let them in again */
static void hold(bool on)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(stops) / sizeof(*stops); i++)
		sigaddset(&set, stops[i]);
	sigprocmask(on ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* the handlers, once, for signals whose default is to end the process */
static void arm(void)
{
	struct sigaction sa = {.sa_handler = on_signal}, old;

	if (live.armed)
		return;
	live.armed = true;
	atexit(drop_live);
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(stops) / sizeof(*stops); i++)
		if (sigaction(stops[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
			sigaction(stops[i], &sa, NULL);
}

void outfile_open(struct outfile *f, const char *path)
{
	memset(f, 0, sizeof(*f));
	f->path = path;
	f->fd = f->old = -1;
}

static void fail(struct outfile *f, const char *what)
{
	if (!f->err)
		f->err = xasprintf("%s: %s", what, strerror(errno));
}

/* the temporary file, and the target to compare with */
static void start(struct outfile *f)
{
	mode_t mask = umask(0);
	struct stat st;

	umask(mask);
	if ((f->err = outfile_refuse(f->path)))
		return;
	f->old = open(f->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (f->old >= 0 && (fstat(f->old, &st) < 0 || !S_ISREG(st.st_mode))) {
		close(f->old);
		f->old = -1;
	}
	f->same = f->old >= 0;
	arm();
	hold(true);   /* no window where the file exists and live does not say so */
	if ((f->fd = create_temp(f->path, &f->tmp)) >= 0) {
		live.tmp = f->tmp;
		live.owner = getpid();
	}
	hold(false);
	if (f->fd < 0) {
		fail(f, f->path);
		return;
	}
	if (fchmod(f->fd, 0666 & ~mask) < 0)
		fail(f, f->tmp);
}

/* whether the target holds data at f->len */
static bool matches(struct outfile *f, const char *data, size_t n)
{
	enum { CHUNK = 64 << 10 };

	if (!f->scratch)
		f->scratch = xmalloc(CHUNK);
	for (size_t done = 0; done < n; ) {
		size_t k = n - done < CHUNK ? n - done : CHUNK;
		ssize_t r = pread(f->old, f->scratch, k, f->len + (off_t)done);
		if (r != (ssize_t)k || memcmp(f->scratch, data + done, k) != 0)
			return false;
		done += k;
	}
	return true;
}

void outfile_put(struct outfile *f, const char *data, size_t n)
{
	if (!f->tmp && !f->err)
		start(f);
	if (f->err)
		return;
	if (f->same && !matches(f, data, n))
		f->same = false;
	if (write_all(f->fd, data, n) < 0)
		fail(f, f->tmp);
	f->len += (off_t)n;
}

/* whether the target is exactly what was written; then its time is
 * refreshed (ninja compares times) */
static bool unchanged(struct outfile *f)
{
	struct stat st;

	return f->same && fstat(f->old, &st) == 0 && st.st_size == f->len &&
	       futimens(f->old, NULL) == 0;
}

char *outfile_close(struct outfile *f)
{
	bool keep;
	char *err;

	outfile_put(f, "", 0);
	keep = !f->err && unchanged(f);   /* the target holds these bytes */
	if (!f->err && !keep) {
		if (fsync(f->fd) < 0)
			fail(f, f->tmp);
		if (close(f->fd) < 0)
			fail(f, f->tmp);
		f->fd = -1;
	}
	hold(true);
	/* rename replaces a link planted since the check, never its target */
	if (!f->err && !keep && rename(f->tmp, f->path) < 0)
		fail(f, f->path);
	if (f->tmp && (f->err || keep))
		unlink(f->tmp);
	live.tmp = NULL;
	hold(false);
	if (f->fd >= 0)
		close(f->fd);
	if (f->old >= 0)
		close(f->old);
	free(f->tmp);
	free(f->scratch);
	err = f->err;
	memset(f, 0, sizeof(*f));
	return err;
}
