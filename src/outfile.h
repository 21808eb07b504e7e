/* outfile: replace a file atomically, and only when its bytes change */

#include <stddef.h>
#include <sys/types.h>

/* write data to path through a temporary file and rename(2); when path
 * already holds data, only its time is refreshed. 1 written, 0 same, -1 error */
int outfile_write(const char *path, const char *data, size_t len);
/* write data to path with exactly mode, through path.tmp and rename(2);
 * NULL, or a message (caller frees) with path untouched and no path.tmp */
char *outfile_save(const char *path, const char *data, size_t len, mode_t mode);
