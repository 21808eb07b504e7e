/* inspect: read the headers of an executable held in memory (ELF, PE/COFF,
 * Mach-O, fat Mach-O, WebAssembly).  Nothing in the input is trusted: every
 * offset, size and count is checked against the buffer, every loop is bounded
 * by its length, and a bad file yields an error message, never a crash. */

#include <stdbool.h>
#include <stddef.h>

enum inspect_format {
	INSPECT_ELF,
	INSPECT_PE,
	INSPECT_MACHO,
	INSPECT_MACHO_FAT,
	INSPECT_WASM,
};

enum inspect_link {
	INSPECT_STATIC,      /* no interpreter, no needed libraries */
	INSPECT_STATIC_PIE,  /* ELF ET_DYN with PT_DYNAMIC, but static */
	INSPECT_DYNAMIC,     /* has an interpreter or needs a library */
};

/* a symbol version an ELF image needs (.gnu.version_r), and one dynamic
 * symbol bound to it (.gnu.version, .dynsym) */
struct inspect_version {
	char *file;          /* the library: "libc.so.6" */
	char *name;          /* "GLIBC_2.34", "GLIBCXX_3.4.30" */
	char *symbol;        /* the lowest-numbered symbol needing it, or NULL */
	unsigned index;      /* vna_other: the version's index in .gnu.version */
};

/* one binary; a fat Mach-O holds several */
struct inspect_image {
	const char *arch;    /* GOARCH name (amd64, arm64, mipsle...) or "unknown" */
	const char *os;      /* GOOS-style best guess (linux, windows...) or "" */
	int bits;            /* 32 or 64 */
	bool big_endian;
	enum inspect_link link;
	char *interp;        /* ELF PT_INTERP, Mach-O LC_LOAD_DYLINKER, or NULL */
	char **needed;       /* DT_NEEDED, PE imported DLLs, Mach-O dylibs */
	size_t nneeded;
	struct inspect_version *versions;  /* ELF only, in file order */
	size_t nversions;
};

struct inspect_result {
	enum inspect_format format;
	struct inspect_image *images;
	size_t nimages;
};

/* parse len bytes at data into r; NULL on success, else a static message
 * (r then holds nothing to free) */
const char *inspect_parse(const unsigned char *data, size_t len, struct inspect_result *r);
/* free what inspect_parse stored in r and empty it; safe to call twice */
void inspect_free(struct inspect_result *r);
/* "ELF", "PE", "Mach-O", "Mach-O fat", "wasm" */
const char *inspect_format_name(enum inspect_format f);
/* "static", "static-pie", "dynamic" */
const char *inspect_link_name(enum inspect_link l);
