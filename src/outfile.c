#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"
#include "outfile.h"

/* whether path holds exactly data; mapped, so a large file costs no heap */
static int same(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), eq = 0;
	struct stat st;
	void *old;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && (size_t)st.st_size == len) {
		if (len == 0)
			eq = 1;
		else if ((old = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0)) != MAP_FAILED) {
			eq = memcmp(old, data, len) == 0;
			munmap(old, len);
		}
	}
	close(fd);
	return eq;
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
	char *tmp = xasprintf("%s.tmp", path), *err = NULL;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0)
		err = xasprintf("%s: %s", tmp, strerror(errno));
	if (fd >= 0 && close(fd) < 0 && !err)
		err = xasprintf("%s: %s", tmp, strerror(errno));
	if (!err && rename(tmp, path) < 0)
		err = xasprintf("%s: %s", path, strerror(errno));
	if (err && fd >= 0)
		unlink(tmp);
	free(tmp);
	return err;
}

int outfile_write(const char *path, const char *data, size_t len)
{
	char *tmp;
	int fd, rc = 1;

	/* ninja compares times: an unchanged file still has to look new */
	if (same(path, data, len))
		return utimensat(AT_FDCWD, path, NULL, 0) == 0 ? 0 : -1;
	tmp = xasprintf("%s.goninja-tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0)
		rc = -1;
	if (fd >= 0 && close(fd) < 0)
		rc = -1;
	if (rc > 0 && rename(tmp, path) < 0)
		rc = -1;
	if (rc < 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
	}
	free(tmp);
	return rc;
}
