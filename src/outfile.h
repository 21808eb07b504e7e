/* outfile: the one way goninja writes a file. The bytes go to a new file
 * beside the target, with a random name and created exclusively (never an
 * existing file, never through a link), then rename(2) puts it in place:
 * a reader sees the old file or the new one, and writers running at once
 * all succeed. An existing target that is not a regular file (a symbolic
 * link, a directory, a device, a FIFO) is refused, never replaced. */

#include <stddef.h>
#include <sys/types.h>

/* write data to path with exactly mode; NULL, or a message (caller frees)
 * with path untouched and no temporary file left */
char *outfile_save(const char *path, const char *data, size_t len, mode_t mode);
/* the same with mode 0666 less the umask, but when path already holds data
 * only its time is refreshed (ninja compares times) */
char *outfile_write(const char *path, const char *data, size_t len);
/* why path must not be replaced ("build.ninja: is a FIFO, ..."; caller
 * frees), or NULL when it is a regular file or does not exist */
char *outfile_refuse(const char *path);
