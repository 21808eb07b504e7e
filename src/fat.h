/* fat: the "goninja lipo" command; one universal (fat) Mach-O from thin
 * ones, as "lipo -create" makes it.  Needs util.h included first.
 *
 * The output: a big-endian FAT_MAGIC header and one fat_arch per input,
 * sorted by cputype so argument order does not matter; cputype and
 * cpusubtype copied from each input's header; each slice at an offset
 * aligned to 2^14 for ARM CPUs (arm64, arm) and 2^12 for the others
 * (x86_64, i386, ppc), zeros between slices, nothing after the last.
 * Inputs are thin Mach-O files, 32- or 64-bit, either byte order; fat
 * files, anything else, and two inputs for one cputype are refused. */

#include <stddef.h>
#include <stdint.h>

/* one input, one slice of the output */
struct fat_slice {
	char *path;
	char *data;                     /* the whole thin file */
	size_t len;
	uint32_t cputype, cpusubtype;   /* from its Mach-O header */
	uint32_t align;                 /* log2 of the slice's alignment */
	uint32_t offset;                /* in the output; set by fat_build */
};

/* read path as a thin Mach-O into s; NULL, or an allocated message
 * (s then holds nothing to free) */
char *fat_read(const char *path, struct fat_slice *s);
/* sort the n slices, place them, append the fat file to out; NULL, or an
 * allocated message (two slices for one cputype, over 4 GiB) */
char *fat_build(struct fat_slice *s, size_t n, struct buf *out);
/* free what fat_read stored in s */
void fat_free(struct fat_slice *s);
/* goninja lipo -o OUT IN... */
int fat_main(int argc, char **argv);
