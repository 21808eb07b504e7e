/* sha256: FIPS 180-4 SHA-256, for content-derived identifiers and digests */

#include <stddef.h>

struct sha256 {
	unsigned int h[8];
	unsigned char block[64];
	unsigned long long len;   /* bytes hashed so far */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* the digest of data as 64 lowercase hex digits and a NUL, into hex */
void sha256_hex(const void *data, size_t n, char hex[65]);
/* the digest of a whole regular file as hex; -1 with errno set on failure
 * (EINVAL: a FIFO, a device, a directory, refused unopened) */
int sha256_file(const char *path, char hex[65]);
