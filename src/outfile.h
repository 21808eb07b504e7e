/* outfile: the one way goninja writes a file. The bytes go to a new file
 * beside the target, with a random name and created exclusively (never an
 * existing file, never through a link), then rename(2) puts it in place:
 * a reader sees the old file or the new one, and writers running at once
 * all succeed. An existing target that is not a regular file (a symbolic
 * link, a directory, a device, a FIFO) is refused, never replaced. */

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* a file written in pieces, as outfile_write writes it whole: the
 * temporary file is made at the first piece; until outfile_close puts it
 * in place, the target is untouched, and a process that exits or is
 * interrupted (SIGINT, SIGTERM, SIGHUP) removes it */
struct outfile {
	const char *path;
	char *tmp;        /* NULL until the first piece */
	int fd, old;      /* the temporary file; the target as it was, or -1 */
	off_t len;        /* bytes so far */
	bool same;        /* so far the bytes are the target's */
	char *err;        /* the first failure: later pieces are dropped */
	char *scratch;    /* the target's bytes, read back to compare */
};

/* write data to path with exactly mode; NULL, or a message (caller frees)
 * with path untouched and no temporary file left */
char *outfile_save(const char *path, const char *data, size_t len, mode_t mode);
/* the same with mode 0666 less the umask, but when path already holds data
 * only its time is refreshed (ninja compares times) */
char *outfile_write(const char *path, const char *data, size_t len);
/* why path must not be replaced ("build.ninja: is a FIFO, ..."; caller
 * frees), or NULL when it is a regular file or does not exist */
char *outfile_refuse(const char *path);
/* start writing path in pieces (nothing happens on disk yet) */
void outfile_open(struct outfile *f, const char *path);
/* append n bytes; a failure is kept for outfile_close */
void outfile_put(struct outfile *f, const char *data, size_t n);
/* put the file in place, or, when it holds the target's bytes, only
 * refresh the target's time; NULL, or a message (caller frees) with the
 * target untouched. Either way no temporary file is left. */
char *outfile_close(struct outfile *f);
