/* md5: RFC 1321 MD5, for dpkg's md5sums control file (not for security) */

#include <stddef.h>

/* the digest of data as 32 lowercase hex digits and a NUL, into hex */
void md5_hex(const void *data, size_t n, char hex[33]);
