/* outfile: replace a file atomically, and only when its bytes change */

#include <stddef.h>

/* write data to path through a temporary file and rename(2); when path
 * already holds data, only its time is refreshed. 1 written, 0 same, -1 error */
int outfile_write(const char *path, const char *data, size_t len);
