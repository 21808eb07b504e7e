/* tests for inspect and check: hand-made headers (valid, truncated at every
 * length, corrupted), real binaries from $INSPECT_SAMPLES_DIR (made by
 * tests/make-inspect-samples.sh, cross-checked with readelf), and the check
 * command.  INSPECT_SEED_DIR=dir also writes the hand-made samples there (the
 * fuzzer's seed corpus, tests/fuzz/inspect). */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include "../src/inspect.h"
#include "../src/util.h"
#include "../src/check.h"

enum { BUFSZ = 4096 };

/* ---- building headers ---- */

struct wr {
	unsigned char *p;
	bool be;
};

/* store the n-byte integer v at off in w's byte order */
static void put(const struct wr *w, size_t off, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		w->p[off + (size_t)i] = (unsigned char)(v >> (8 * (w->be ? n - 1 - i : i)));
}

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

struct elfspec {
	bool is64, be;
	uint16_t type, machine;
	uint8_t osabi;
	const char *interp;
	const char *needed[3];
	bool dynamic;        /* PT_DYNAMIC even without DT_NEEDED */
	const char *note;    /* owner of a type-1 ABI-tag note */
	uint32_t notedesc;
	bool sections;       /* .dynstr and .dynamic section headers */
};

/* where mk_elf put things, for tests that corrupt them */
struct elfmap {
	size_t len;
	size_t ph_load, ph_interp, ph_dynamic, ph_note;  /* 0 if absent */
	size_t strtab_val, needed_val;  /* d_val of DT_STRTAB, first DT_NEEDED */
	size_t note;                    /* the note's header */
};

/* p_offset and p_filesz within a program header */
#define P_OFFSET(is64) ((is64) ? 8 : 4)
#define P_FILESZ(is64) ((is64) ? 32 : 16)

static void put_phdr(const struct wr *w, bool is64, size_t at, uint32_t type,
                     uint64_t off, uint64_t size)
{
	uint64_t vaddr = 0x400000 + off;

	put(w, at, type, 4);
	if (is64) {
		put(w, at + 8, off, 8);
		put(w, at + 16, vaddr, 8);
		put(w, at + 24, vaddr, 8);
		put(w, at + 32, size, 8);
		put(w, at + 40, size, 8);
		put(w, at + 48, type == 1 ? 0x1000 : 4, 8);
	} else {
		put(w, at + 4, off, 4);
		put(w, at + 8, vaddr, 4);
		put(w, at + 12, vaddr, 4);
		put(w, at + 16, size, 4);
		put(w, at + 20, size, 4);
		put(w, at + 28, type == 1 ? 0x1000 : 4, 4);
	}
}

static void put_shdr(const struct wr *w, bool is64, size_t at, uint32_t type,
                     uint64_t off, uint64_t size, uint32_t link)
{
	size_t W = is64 ? 8 : 4;

	put(w, at + 4, type, 4);
	put(w, at + (is64 ? 16 : 12), 0x400000 + off, (int)W);
	put(w, at + (is64 ? 24 : 16), off, (int)W);
	put(w, at + (is64 ? 32 : 20), size, (int)W);
	put(w, at + (is64 ? 40 : 24), link, 4);
	put(w, at + (is64 ? 48 : 32), 8, (int)W);
}

/* dynamic entries: returns the offset of the d_val written */
static size_t put_dyn(const struct wr *w, bool is64, size_t at, uint64_t tag, uint64_t val)
{
	int W = is64 ? 8 : 4;

	put(w, at, tag, W);
	put(w, at + (size_t)W, val, W);
	return at + (size_t)W;
}

/* the ELF header and its program header table */
static void put_ehdr(const struct wr *w, const struct elfspec *s, size_t nph, size_t sh)
{
	size_t at = s->is64 ? 52 : 40;
	int W = s->is64 ? 8 : 4;

	memcpy(w->p, "\177ELF", 4);
	w->p[4] = s->is64 ? 2 : 1;
	w->p[5] = s->be ? 2 : 1;
	w->p[6] = 1;
	w->p[7] = s->osabi;
	put(w, 16, s->type, 2);
	put(w, 18, s->machine, 2);
	put(w, 20, 1, 4);
	put(w, 24, 0x401000, W);
	put(w, s->is64 ? 32 : 28, s->is64 ? 64 : 52, W);
	put(w, s->is64 ? 40 : 32, sh, W);
	put(w, at, s->is64 ? 64 : 52, 2);
	put(w, at + 2, s->is64 ? 56 : 32, 2);
	put(w, at + 4, nph, 2);
	put(w, at + 6, s->is64 ? 64 : 40, 2);
	put(w, at + 8, sh ? 3 : 0, 2);
}

/* write the ELF file s describes into p (BUFSZ bytes) */
static struct elfmap mk_elf(unsigned char *p, const struct elfspec *s)
{
	struct wr w = {p, s->be};
	struct elfmap m = {0};
	size_t phe = s->is64 ? 56 : 32, W = s->is64 ? 8 : 4;
	size_t n = 0, nph, off, ph, interp = 0, dynstr, strsz, dyn = 0, dynsz = 0, note = 0, sh = 0;
	size_t namesz = s->note ? strlen(s->note) + 1 : 0, names[3];

	memset(p, 0, BUFSZ);
	while (n < 3 && s->needed[n])
		n++;
	bool hasdyn = s->dynamic || n > 0;
	nph = 1 + !!s->interp + hasdyn + !!s->note;
	off = (s->is64 ? 64 : 52) + nph * phe;
	if (s->interp) {
		interp = off;
		strcpy((char *)p + off, s->interp);
		off = align8(off + strlen(s->interp) + 1);
	}
	dynstr = off++;
	for (size_t i = 0; i < n; i++) {
		names[i] = off - dynstr;
		strcpy((char *)p + off, s->needed[i]);
		off += strlen(s->needed[i]) + 1;
	}
	strsz = off - dynstr;
	off = align8(off);
	if (hasdyn) {
		dyn = off;
		for (size_t i = 0; i < n; i++)
			off = put_dyn(&w, s->is64, off, 1, names[i]) + W;
		m.needed_val = n ? dyn + W : 0;
		m.strtab_val = put_dyn(&w, s->is64, off, 5, 0x400000 + dynstr);
		off = put_dyn(&w, s->is64, off + 2 * W, 10, strsz) + W;
		off += 2 * W;  /* DT_NULL */
		dynsz = off - dyn;
	}
	if (s->note) {
		m.note = note = off;
		put(&w, off, namesz, 4);
		put(&w, off + 4, 4, 4);
		put(&w, off + 8, 1, 4);
		strcpy((char *)p + off + 12, s->note);
		put(&w, off + 12 + ((namesz + 3) & ~(size_t)3), s->notedesc, 4);
		off = align8(off + 12 + ((namesz + 3) & ~(size_t)3) + 4);
	}
	if (s->sections) {
		sh = off;
		put_shdr(&w, s->is64, sh + (s->is64 ? 64 : 40), 3, dynstr, strsz, 0);
		put_shdr(&w, s->is64, sh + 2 * (s->is64 ? 64 : 40), 6, dyn, dynsz, 1);
		off += 3 * (s->is64 ? 64 : 40);
	}
	m.len = off;
	put_ehdr(&w, s, nph, sh);
	ph = s->is64 ? 64 : 52;
	put_phdr(&w, s->is64, m.ph_load = ph, 1, 0, m.len);
	if (s->interp)
		put_phdr(&w, s->is64, m.ph_interp = (ph += phe), 3, interp, strlen(s->interp) + 1);
	if (hasdyn)
		put_phdr(&w, s->is64, m.ph_dynamic = (ph += phe), 2, dyn, dynsz);
	if (s->note)
		put_phdr(&w, s->is64, m.ph_note = (ph += phe), 4, note, off - note);
	return m;
}

struct pespec {
	bool pe32;
	uint16_t machine;
	const char *dlls[3];
};

/* where mk_pe put things */
struct pemap {
	size_t len, coff, opt, dd, sect, desc;
};

/* a PE with one section, .idata at RVA 0x1000 = file offset 0x200 */
static struct pemap mk_pe(unsigned char *p, const struct pespec *s)
{
	struct wr w = {p, false};
	struct pemap m = {.len = 0x400, .coff = 0x44, .opt = 0x58, .desc = 0x200};
	size_t optsize = s->pe32 ? 224 : 240, n = 0;

	memset(p, 0, BUFSZ);
	m.dd = m.opt + (s->pe32 ? 96 : 112);
	m.sect = m.opt + optsize;
	memcpy(p, "MZ", 2);
	put(&w, 0x3c, 0x40, 4);
	memcpy(p + 0x40, "PE\0\0", 4);
	put(&w, m.coff, s->machine, 2);
	put(&w, m.coff + 2, 1, 2);
	put(&w, m.coff + 16, optsize, 2);
	put(&w, m.opt, s->pe32 ? 0x10b : 0x20b, 2);
	put(&w, m.opt + 60, 0x200, 4);
	put(&w, m.dd - 4, 16, 4);
	memcpy(p + m.sect, ".idata", 6);
	put(&w, m.sect + 8, 0x200, 4);
	put(&w, m.sect + 12, 0x1000, 4);
	put(&w, m.sect + 16, 0x200, 4);
	put(&w, m.sect + 20, 0x200, 4);
	for (; n < 3 && s->dlls[n]; n++) {
		put(&w, m.desc + 20 * n, 0x1100 + 16 * n, 4);
		put(&w, m.desc + 20 * n + 12, 0x1180 + 32 * n, 4);
		put(&w, m.desc + 20 * n + 16, 0x1100 + 16 * n, 4);
		strcpy((char *)p + 0x380 + 32 * n, s->dlls[n]);
	}
	if (n) {
		put(&w, m.dd + 8, 0x1000, 4);
		put(&w, m.dd + 12, 20 * (n + 1), 4);
	}
	return m;
}

struct machospec {
	bool is64, be;
	uint32_t cputype;
	const char *dylinker;
	const char *dylibs[3];  /* LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB */
};

/* where mk_macho put things */
struct machomap {
	size_t len, cmds;  /* cmds: offset of the first load command */
};

/* a load command carrying a string at offset stroff; returns its size */
static size_t put_strcmd(const struct wr *w, size_t at, uint32_t cmd, size_t stroff, const char *s)
{
	size_t size = align8(stroff + strlen(s) + 1);

	put(w, at, cmd, 4);
	put(w, at + 4, size, 4);
	put(w, at + 8, stroff, 4);
	strcpy((char *)w->p + at + stroff, s);
	return size;
}

static struct machomap mk_macho(unsigned char *p, const struct machospec *s)
{
	static const uint32_t dylibcmds[] = {0xc, 0x80000018, 0x8000001f};
	struct wr w = {p, s->be};
	struct machomap m = {.cmds = s->is64 ? 32 : 28};
	size_t off = m.cmds, ncmds = 1;

	memset(p, 0, BUFSZ);
	put(&w, off, 0x1b, 4);  /* LC_UUID, skipped */
	put(&w, off + 4, 24, 4);
	off += 24;
	if (s->dylinker) {
		off += put_strcmd(&w, off, 0xe, 12, s->dylinker);
		ncmds++;
	}
	for (size_t i = 0; i < 3 && s->dylibs[i]; i++, ncmds++)
		off += put_strcmd(&w, off, dylibcmds[i], 24, s->dylibs[i]);
	put(&w, 0, s->is64 ? 0xfeedfacf : 0xfeedface, 4);
	put(&w, 4, s->cputype, 4);
	put(&w, 12, 2, 4);  /* MH_EXECUTE */
	put(&w, 16, ncmds, 4);
	put(&w, 20, off - m.cmds, 4);
	m.len = off;
	return m;
}

/* a fat Mach-O holding the n slices at s[i] of len[i] bytes; returns its size */
static size_t mk_fat(unsigned char *p, bool is64, unsigned char **s, size_t *len, size_t n)
{
	struct wr w = {p, true};
	size_t esz = is64 ? 32 : 20, off = align8(8 + n * esz);

	memset(p, 0, BUFSZ);
	put(&w, 0, is64 ? 0xcafebabf : 0xcafebabe, 4);
	put(&w, 4, n, 4);
	for (size_t i = 0; i < n; i++) {
		size_t e = 8 + i * esz;

		memcpy(p + off, s[i], len[i]);
		put(&w, e, 0x01000007, 4);
		put(&w, e + 8, off, is64 ? 8 : 4);
		put(&w, e + (is64 ? 16 : 12), len[i], is64 ? 8 : 4);
		off = align8(off + len[i]);
	}
	return off;
}

/* where mk_ver put things, for tests that corrupt them */
struct vermap {
	size_t len, sh;          /* file length; the section header table */
	size_t dynstr, dynsym, versym, verneed;
	size_t need2;            /* the second Elf_Verneed */
};

/* section header i of a mk_ver file */
static size_t ver_shdr(bool is64, const struct vermap *m, size_t i)
{
	return m->sh + i * (is64 ? 64 : 40);
}

/* an ELF with only sections: .dynstr, .dynsym (null, free, __libc_start_main,
 * _ZdlPv), .gnu.version (0, 2, 3, 4) and .gnu.version_r: libc.so.6 needs
 * GLIBC_2.2.5 (index 2) and GLIBC_2.34 (3), libstdc++.so.6 GLIBCXX_3.4.30 (4) */
static struct vermap mk_ver(unsigned char *p, bool is64, bool be)
{
	static const char strs[] = "\0libc.so.6\0libstdc++.so.6\0GLIBC_2.2.5\0GLIBC_2.34\0"
	                           "GLIBCXX_3.4.30\0free\0__libc_start_main\0_ZdlPv";
	enum { LIBC = 1, LIBSTDCXX = 11, V225 = 26, V234 = 38, VXX = 49, FREE = 64,
	       START = 69, DL = 87 };
	struct wr w = {p, be};
	struct vermap m = {0};
	size_t esz = is64 ? 24 : 16, W = is64 ? 8 : 4;
	const uint32_t syms[] = {0, FREE, START, DL};

	memset(p, 0, BUFSZ);
	memcpy(p, "\177ELF", 4);
	p[4] = is64 ? 2 : 1;
	p[5] = be ? 2 : 1;
	p[6] = 1;
	put(&w, 16, 3, 2);
	put(&w, 18, is64 ? 62 : 3, 2);
	m.dynstr = is64 ? 64 : 52;
	memcpy(p + m.dynstr, strs, sizeof(strs));
	m.dynsym = align8(m.dynstr + sizeof(strs));
	for (size_t i = 0; i < 4; i++)
		put(&w, m.dynsym + i * esz, syms[i], 4);
	m.versym = m.dynsym + 4 * esz;
	for (size_t i = 0; i < 4; i++)
		put(&w, m.versym + 2 * i, i ? i + 1 : 0, 2);
	m.verneed = align8(m.versym + 8);
	/* Elf_Verneed: version, cnt, file, aux, next; Elf_Vernaux: hash, flags,
	 * other, name, next */
	put(&w, m.verneed, 1, 2);
	put(&w, m.verneed + 2, 2, 2);
	put(&w, m.verneed + 4, LIBC, 4);
	put(&w, m.verneed + 8, 16, 4);
	put(&w, m.verneed + 12, 48, 4);
	put(&w, m.verneed + 16 + 6, 2, 2);
	put(&w, m.verneed + 16 + 8, V225, 4);
	put(&w, m.verneed + 16 + 12, 16, 4);
	put(&w, m.verneed + 32 + 6, 3, 2);
	put(&w, m.verneed + 32 + 8, V234, 4);
	m.need2 = m.verneed + 48;
	put(&w, m.need2, 1, 2);
	put(&w, m.need2 + 2, 1, 2);
	put(&w, m.need2 + 4, LIBSTDCXX, 4);
	put(&w, m.need2 + 8, 16, 4);
	put(&w, m.need2 + 16 + 6, 0x8004, 2);  /* hidden bit set: still index 4 */
	put(&w, m.need2 + 16 + 8, VXX, 4);
	m.sh = m.need2 + 32;
	put_shdr(&w, is64, ver_shdr(is64, &m, 1), 3, m.dynstr, sizeof(strs), 0);
	put_shdr(&w, is64, ver_shdr(is64, &m, 2), 11, m.dynsym, 4 * esz, 1);
	put_shdr(&w, is64, ver_shdr(is64, &m, 3), 0x6fffffff, m.versym, 8, 2);
	put_shdr(&w, is64, ver_shdr(is64, &m, 4), 0x6ffffffe, m.verneed, 80, 1);
	put(&w, ver_shdr(is64, &m, 4) + (is64 ? 44 : 28), 2, 4);  /* sh_info */
	m.len = ver_shdr(is64, &m, 5);
	put(&w, is64 ? 40 : 32, m.sh, (int)W);
	put(&w, is64 ? 52 : 40, is64 ? 64 : 52, 2);
	put(&w, is64 ? 58 : 46, is64 ? 64 : 40, 2);
	put(&w, is64 ? 60 : 48, 5, 2);
	return m;
}

static const unsigned char wasm_sample[] = {
	0, 'a', 's', 'm', 1, 0, 0, 0,
	1, 4, 1, 0x60, 0, 0,  /* type section: () -> () */
	2, 35, 1, 22, 'w', 'a', 's', 'i', '_', 's', 'n', 'a', 'p', 's', 'h', 'o', 't',
	'_', 'p', 'r', 'e', 'v', 'i', 'e', 'w', '1', 8, 'f', 'd', '_', 'w', 'r', 'i', 't', 'e',
	0, 0,
};

/* ---- the hand-made samples ---- */

static const struct elfspec elf_static64 = {
	.is64 = true, .type = 2, .machine = 62,
};
static const struct elfspec elf_dyn64 = {
	.is64 = true, .type = 3, .machine = 62, .osabi = 3,
	.interp = "/lib64/ld-linux-x86-64.so.2", .needed = {"libc.so.6", "libm.so.6"},
	.note = "GNU", .notedesc = 0, .sections = true,
};
static const struct elfspec elf_pie64 = {
	.is64 = true, .type = 3, .machine = 183, .dynamic = true,
};
static const struct elfspec elf_mips32be = {
	.be = true, .type = 2, .machine = 8,
	.interp = "/lib/ld.so.1", .needed = {"libc.so.6"},
};
static const struct elfspec elf_arm32 = {
	.type = 3, .machine = 40, .needed = {"libc.so.6", "libpthread.so.0", "libdl.so.2"},
	.sections = true,
};
static const struct elfspec elf_s390x = {
	.is64 = true, .be = true, .type = 2, .machine = 22,
};
static const struct elfspec elf_netbsd = {
	.is64 = true, .type = 2, .machine = 62, .note = "NetBSD", .notedesc = 700000000,
};

static const struct pespec pe_amd64 = {
	.machine = 0x8664, .dlls = {"KERNEL32.dll", "msvcrt.dll"},
};
static const struct pespec pe_386 = {
	.pe32 = true, .machine = 0x14c, .dlls = {"kernel32.dll"},
};
static const struct pespec pe_noimports = {
	.machine = 0xaa64,
};

static const struct machospec macho_arm64 = {
	.is64 = true, .cputype = 0x0100000c, .dylinker = "/usr/lib/dyld",
	.dylibs = {"/usr/lib/libSystem.B.dylib", "/usr/lib/libresolv.9.dylib",
	           "/System/Library/Frameworks/Security.framework/Versions/A/Security"},
};
static const struct machospec macho_amd64 = {
	.is64 = true, .cputype = 0x01000007, .dylinker = "/usr/lib/dyld",
	.dylibs = {"/usr/lib/libSystem.B.dylib"},
};
static const struct machospec macho_i386be = {
	.be = true, .cputype = 7, .dylibs = {"/usr/lib/libc.dylib"},
};

/* one valid sample per shape, for truncation, seeds and the fuzzer */
struct sample {
	const char *name;
	size_t len;
	unsigned char p[BUFSZ];
};

static struct sample samples[20];
static size_t nsamples;

static struct sample *sample_new(const char *name)
{
	struct sample *x = &samples[nsamples++];

	assert_true(nsamples <= sizeof(samples) / sizeof(samples[0]));
	x->name = name;
	return x;
}

static void sample_elf(const char *name, const struct elfspec *s)
{
	struct sample *x = sample_new(name);

	x->len = mk_elf(x->p, s).len;
}

static void sample_pe(const char *name, const struct pespec *s)
{
	struct sample *x = sample_new(name);

	x->len = mk_pe(x->p, s).len;
}

static void sample_macho(const char *name, const struct machospec *s)
{
	struct sample *x = sample_new(name);

	x->len = mk_macho(x->p, s).len;
}

static void sample_fat(const char *name, bool is64)
{
	static unsigned char thin[2][BUFSZ];
	unsigned char *s[2] = {thin[0], thin[1]};
	size_t len[2] = {mk_macho(s[0], &macho_amd64).len, mk_macho(s[1], &macho_arm64).len};
	struct sample *x = sample_new(name);

	x->len = mk_fat(x->p, is64, s, len, 2);
}

static void samples_make(void)
{
	struct sample *x;

	nsamples = 0;
	sample_elf("elf64-static", &elf_static64);
	sample_elf("elf64-dynamic", &elf_dyn64);
	sample_elf("elf64-static-pie", &elf_pie64);
	sample_elf("elf32be-mips-dynamic", &elf_mips32be);
	sample_elf("elf32-arm-needed", &elf_arm32);
	sample_elf("elf64be-s390x", &elf_s390x);
	sample_elf("elf64-netbsd", &elf_netbsd);
	sample_pe("pe32plus-amd64", &pe_amd64);
	sample_pe("pe32-386", &pe_386);
	sample_macho("macho64-arm64", &macho_arm64);
	sample_macho("macho32be-i386", &macho_i386be);
	sample_fat("macho-fat", false);
	sample_fat("macho-fat64", true);
	x = sample_new("wasm-wasip1");
	memcpy(x->p, wasm_sample, sizeof(wasm_sample));
	x->len = sizeof(wasm_sample);
	x = sample_new("elf64-versions");
	x->len = mk_ver(x->p, true, false).len;
	x = sample_new("elf32be-versions");
	x->len = mk_ver(x->p, false, true).len;
}

/* the sample called name */
static struct sample *sample_named(const char *name)
{
	for (size_t i = 0; i < nsamples; i++)
		if (strcmp(samples[i].name, name) == 0)
			return &samples[i];
	fail_msg("no sample %s", name);
	return NULL;
}

/* ---- helpers ---- */

/* parse a heap copy of exactly len bytes, so that overreads are caught */
static const char *parse(const unsigned char *p, size_t len, struct inspect_result *r)
{
	unsigned char *c = malloc(len ? len : 1);
	const char *err;

	assert_non_null(c);
	if (len)
		memcpy(c, p, len);
	err = inspect_parse(c, len, r);
	free(c);
	return err;
}

/* parse p, which must succeed with one image, into r */
static const struct inspect_image *parse_one(const unsigned char *p, size_t len,
                                             struct inspect_result *r)
{
	const char *err = parse(p, len, r);

	if (err)
		fail_msg("unexpected error: %s", err);
	assert_int_equal(r->nimages, 1);
	return &r->images[0];
}

/* parse p, which must fail with message want */
static void parse_err(const unsigned char *p, size_t len, const char *want)
{
	struct inspect_result r;
	const char *err = parse(p, len, &r);

	if (!err)
		fail_msg("parsed, but expected \"%s\"", want);
	assert_string_equal(err, want);
	assert_int_equal(r.nimages, 0);
	assert_null(r.images);
	inspect_free(&r);
}

/* "arch/os 64-bit LSB link[ interp=X][ needs=A,B]"; needs only if needs */
static char *summary(const struct inspect_image *im, bool needs)
{
	struct buf b = {0};

	buf_printf(&b, "%s/%s %d-bit %s %s", im->arch, im->os, im->bits,
	           im->big_endian ? "MSB" : "LSB", inspect_link_name(im->link));
	if (im->interp)
		buf_printf(&b, " interp=%s", im->interp);
	for (size_t i = 0; needs && i < im->nneeded; i++)
		buf_printf(&b, "%s%s", i ? "," : " needs=", im->needed[i]);
	return b.s;
}

/* im is what want summarises, needed libraries included */
static void expect_image(const struct inspect_image *im, const char *want)
{
	char *got = summary(im, true);

	assert_string_equal(got, want);
	free(got);
}

static void put_at(unsigned char *p, bool be, size_t off, uint64_t v, int n)
{
	put(&(struct wr){p, be}, off, v, n);
}

/* ---- valid hand-made files ---- */

static void test_elf_static(void **state)
{
	unsigned char p[BUFSZ];
	struct inspect_result r;
	struct elfmap m = mk_elf(p, &elf_static64);

	(void)state;
	expect_image(parse_one(p, m.len, &r), "amd64/linux 64-bit LSB static");
	assert_int_equal(r.format, INSPECT_ELF);
	inspect_free(&r);
	m = mk_elf(p, &elf_s390x);
	expect_image(parse_one(p, m.len, &r), "s390x/linux 64-bit MSB static");
	inspect_free(&r);
	inspect_free(&r);  /* twice is harmless */
}

static void test_elf_dynamic(void **state)
{
	unsigned char p[BUFSZ];
	struct inspect_result r;
	struct elfmap m = mk_elf(p, &elf_dyn64);

	(void)state;
	expect_image(parse_one(p, m.len, &r), "amd64/linux 64-bit LSB dynamic "
	             "interp=/lib64/ld-linux-x86-64.so.2 needs=libc.so.6,libm.so.6");
	inspect_free(&r);
	m = mk_elf(p, &elf_mips32be);
	expect_image(parse_one(p, m.len, &r), "mips/linux 32-bit MSB dynamic "
	             "interp=/lib/ld.so.1 needs=libc.so.6");
	inspect_free(&r);
	m = mk_elf(p, &elf_arm32);  /* DT_NEEDED without PT_INTERP: still dynamic */
	expect_image(parse_one(p, m.len, &r), "arm/linux 32-bit LSB dynamic "
	             "needs=libc.so.6,libpthread.so.0,libdl.so.2");
	inspect_free(&r);
}

static void test_elf_static_pie(void **state)
{
	unsigned char p[BUFSZ];
	struct inspect_result r;
	struct elfmap m = mk_elf(p, &elf_pie64);
	struct elfspec exec = elf_pie64;

	(void)state;
	expect_image(parse_one(p, m.len, &r), "arm64/linux 64-bit LSB static-pie");
	inspect_free(&r);
	exec.type = 2;  /* ET_EXEC with PT_DYNAMIC but nothing needed: static */
	m = mk_elf(p, &exec);
	expect_image(parse_one(p, m.len, &r), "arm64/linux 64-bit LSB static");
	inspect_free(&r);
}

static void test_elf_arch(void **state)
{
	static const struct {
		uint16_t machine;
		bool is64, be;
		const char *arch;
	} t[] = {
		{3, false, false, "386"}, {62, true, false, "amd64"},
		{40, false, false, "arm"}, {183, true, false, "arm64"},
		{243, true, false, "riscv64"}, {243, false, false, "unknown"},
		{21, true, false, "ppc64le"}, {21, true, true, "ppc64"},
		{22, true, true, "s390x"}, {8, false, true, "mips"},
		{8, false, false, "mipsle"}, {8, true, true, "mips64"},
		{8, true, false, "mips64le"}, {258, true, false, "loong64"},
		{0x1234, true, false, "unknown"},
	};
	unsigned char p[BUFSZ];
	struct inspect_result r;

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct elfspec s = {.is64 = t[i].is64, .be = t[i].be, .type = 2};
		struct elfmap m;

		s.machine = t[i].machine;
		m = mk_elf(p, &s);
		assert_string_equal(parse_one(p, m.len, &r)->arch, t[i].arch);
		inspect_free(&r);
	}
}

static void test_elf_os(void **state)
{
	static const struct {
		uint8_t osabi;
		const char *note;
		uint32_t desc;
		const char *os;
	} t[] = {
		{0, NULL, 0, "linux"}, {3, NULL, 0, "linux"}, {9, NULL, 0, "freebsd"},
		{2, NULL, 0, "netbsd"}, {12, NULL, 0, "openbsd"}, {6, NULL, 0, "solaris"},
		{0, "NetBSD", 700000000, "netbsd"}, {0, "OpenBSD", 0, "openbsd"},
		{0, "FreeBSD", 1300000, "freebsd"}, {0, "GNU", 0, "linux"},
		{0, "GNU", 3, "freebsd"},
		{0, "GNU", 99, "linux"}, {0, "Go", 0, "linux"}, {0, "Android", 30, "android"},
		{9, "GNU", 0, "freebsd"}, {97, NULL, 0, ""},
	};
	unsigned char p[BUFSZ];
	struct inspect_result r;

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct elfspec s = {.is64 = true, .type = 2, .machine = 62, .osabi = t[i].osabi,
		                    .note = t[i].note, .notedesc = t[i].desc};
		struct elfmap m = mk_elf(p, &s);

		assert_string_equal(parse_one(p, m.len, &r)->os, t[i].os);
		inspect_free(&r);
	}
}

static void test_pe(void **state)
{
	unsigned char p[BUFSZ];
	struct inspect_result r;
	struct pemap m = mk_pe(p, &pe_amd64);

	(void)state;
	expect_image(parse_one(p, m.len, &r), "amd64/windows 64-bit LSB dynamic "
	             "needs=KERNEL32.dll,msvcrt.dll");
	assert_int_equal(r.format, INSPECT_PE);
	inspect_free(&r);
	m = mk_pe(p, &pe_386);
	expect_image(parse_one(p, m.len, &r), "386/windows 32-bit LSB dynamic needs=kernel32.dll");
	inspect_free(&r);
	m = mk_pe(p, &pe_noimports);
	expect_image(parse_one(p, m.len, &r), "arm64/windows 64-bit LSB static");
	inspect_free(&r);
}

static void test_macho(void **state)
{
	unsigned char p[BUFSZ];
	struct inspect_result r;
	struct machomap m = mk_macho(p, &macho_arm64);

	(void)state;
	expect_image(parse_one(p, m.len, &r), "arm64/darwin 64-bit LSB dynamic "
	             "interp=/usr/lib/dyld needs=/usr/lib/libSystem.B.dylib,"
	             "/usr/lib/libresolv.9.dylib,"
	             "/System/Library/Frameworks/Security.framework/Versions/A/Security");
	assert_int_equal(r.format, INSPECT_MACHO);
	inspect_free(&r);
	m = mk_macho(p, &macho_i386be);
	expect_image(parse_one(p, m.len, &r), "386/darwin 32-bit MSB dynamic "
	             "needs=/usr/lib/libc.dylib");
	inspect_free(&r);
}

static void test_macho_fat(void **state)
{
	struct inspect_result r;

	(void)state;
	samples_make();
	for (size_t i = 0; i < nsamples; i++) {
		if (strncmp(samples[i].name, "macho-fat", 9) != 0)
			continue;
		assert_null(parse(samples[i].p, samples[i].len, &r));
		assert_int_equal(r.format, INSPECT_MACHO_FAT);
		assert_int_equal(r.nimages, 2);
		expect_image(&r.images[0], "amd64/darwin 64-bit LSB dynamic interp=/usr/lib/dyld "
		             "needs=/usr/lib/libSystem.B.dylib");
		assert_string_equal(r.images[1].arch, "arm64");
		assert_int_equal(r.images[1].nneeded, 3);
		inspect_free(&r);
	}
}

static void test_wasm(void **state)
{
	struct inspect_result r;
	unsigned char js[] = {0, 'a', 's', 'm', 1, 0, 0, 0, 2, 6, 1, 4, 'g', 'o', 'j', 's'};

	(void)state;
	expect_image(parse_one(wasm_sample, sizeof(wasm_sample), &r),
	             "wasm/wasip1 32-bit LSB static");
	assert_int_equal(r.format, INSPECT_WASM);
	inspect_free(&r);
	expect_image(parse_one(js, sizeof(js), &r), "wasm/js 32-bit LSB static");
	inspect_free(&r);
	js[9] = 0x80;  /* section size LEB128 that never ends */
	parse_err(js, sizeof(js), "truncated wasm section");
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(inspect_link_name(INSPECT_STATIC), "static");
	assert_string_equal(inspect_link_name(INSPECT_STATIC_PIE), "static-pie");
	assert_string_equal(inspect_link_name(INSPECT_DYNAMIC), "dynamic");
	assert_string_equal(inspect_format_name(INSPECT_PE), "PE");
	assert_string_equal(inspect_format_name(INSPECT_MACHO_FAT), "Mach-O fat");
}

/* ---- hostile input ---- */

/* every prefix of every sample parses or fails cleanly; the whole parses */
static void test_truncated(void **state)
{
	struct inspect_result r;

	(void)state;
	samples_make();
	for (size_t i = 0; i < nsamples; i++) {
		for (size_t len = 0; len <= samples[i].len; len++) {
			const char *err = parse(samples[i].p, len, &r);

			if (len == samples[i].len && err)
				fail_msg("%s: %s", samples[i].name, err);
			if (!err) {
				assert_true(r.nimages > 0);
				assert_non_null(r.images[0].arch);
				assert_non_null(r.images[0].os);
			}
			inspect_free(&r);
		}
	}
}

static void test_not_executable(void **state)
{
	(void)state;
	parse_err((const unsigned char *)"", 0, "not an ELF, PE, Mach-O or wasm file");
	parse_err((const unsigned char *)"#!/bin/sh\n", 10, "not an ELF, PE, Mach-O or wasm file");
	parse_err((const unsigned char *)"\177ELF", 4, "truncated ELF header");
	parse_err((const unsigned char *)"\177ELF\3\1\1\0\0\0\0\0\0\0\0\0", 16, "bad ELF class");
	parse_err((const unsigned char *)"\177ELF\2\3\1\0\0\0\0\0\0\0\0\0", 16,
	          "bad ELF byte order");
	parse_err((const unsigned char *)"MZ", 2, "truncated DOS header");
}

static void test_elf_bad_header_tables(void **state)
{
	unsigned char p[BUFSZ];
	struct inspect_result r;
	struct elfmap m = mk_elf(p, &elf_dyn64);

	(void)state;
	put_at(p, false, 32, m.len + 100, 8);  /* e_phoff past the end */
	parse_err(p, m.len, "truncated ELF program header table");
	put_at(p, false, 32, 0xffffffffffffff00, 8);  /* e_phoff + size overflows */
	parse_err(p, m.len, "truncated ELF program header table");
	m = mk_elf(p, &elf_dyn64);
	put_at(p, false, 56, 0xffff, 2);  /* huge e_phnum */
	parse_err(p, m.len, "truncated ELF program header table");
	m = mk_elf(p, &elf_dyn64);
	put_at(p, false, 54, 8, 2);  /* e_phentsize too small */
	parse_err(p, m.len, "bad ELF program header size");
	m = mk_elf(p, &elf_dyn64);
	put_at(p, false, 40, 0xfffffffffffff000, 8);  /* bad e_shoff: sections ignored */
	assert_int_equal(parse_one(p, m.len, &r)->nneeded, 2);
	inspect_free(&r);
	put_at(p, false, 60, 0xffff, 2);  /* huge e_shnum: likewise */
	assert_int_equal(parse_one(p, m.len, &r)->nneeded, 2);
	inspect_free(&r);
	m = mk_elf(p, &elf_static64);
	put_at(p, false, 56, 0, 2);  /* no program headers at all */
	put_at(p, false, 32, 0xffffffffffffffff, 8);
	assert_int_equal(parse_one(p, m.len, &r)->link, INSPECT_STATIC);
	inspect_free(&r);
}

static void test_elf_bad_segments(void **state)
{
	unsigned char p[BUFSZ];
	struct elfmap m = mk_elf(p, &elf_dyn64);

	(void)state;
	put_at(p, false, m.ph_interp + P_OFFSET(true), 0xffffffffffffff00, 8);
	parse_err(p, m.len, "ELF PT_INTERP outside the file");
	m = mk_elf(p, &elf_dyn64);
	put_at(p, false, m.ph_interp + P_FILESZ(true), 0xffffffffffffffff, 8);
	parse_err(p, m.len, "ELF PT_INTERP outside the file");
	m = mk_elf(p, &elf_dyn64);
	put_at(p, false, m.ph_interp + P_FILESZ(true), strlen(elf_dyn64.interp), 8);
	parse_err(p, m.len, "unterminated ELF PT_INTERP");
	m = mk_elf(p, &elf_dyn64);
	put_at(p, false, m.ph_interp + P_FILESZ(true), 0, 8);
	parse_err(p, m.len, "unterminated ELF PT_INTERP");
	m = mk_elf(p, &elf_dyn64);
	put_at(p, false, m.ph_dynamic + P_FILESZ(true), 0xfffffffffffffff8, 8);
	parse_err(p, m.len, "ELF PT_DYNAMIC outside the file");
	m = mk_elf(p, &elf_mips32be);
	put_at(p, true, m.ph_dynamic + P_OFFSET(false), 0xffffff00, 4);
	parse_err(p, m.len, "ELF PT_DYNAMIC outside the file");
}

static void test_elf_bad_strtab(void **state)
{
	static const char want[] = "amd64/linux 64-bit LSB dynamic "
		"interp=/lib64/ld-linux-x86-64.so.2 needs=libc.so.6,libm.so.6";
	unsigned char p[BUFSZ];
	struct inspect_result r;
	struct elfspec nosect = elf_dyn64;
	struct elfmap m = mk_elf(p, &elf_mips32be);

	(void)state;
	nosect.sections = false;
	put_at(p, true, m.strtab_val, 0xdeadbe00, 4);  /* DT_STRTAB outside any PT_LOAD */
	parse_err(p, m.len, "ELF DT_STRTAB outside the file");
	m = mk_elf(p, &elf_dyn64);  /* same, but the section headers know .dynstr */
	put_at(p, false, m.strtab_val, 0xdeadbeef000, 8);
	expect_image(parse_one(p, m.len, &r), want);
	inspect_free(&r);
	m = mk_elf(p, &nosect);  /* PT_LOAD whose offset + size overflows */
	put_at(p, false, m.ph_load + P_OFFSET(true), 0xffffffffffffff00, 8);
	parse_err(p, m.len, "ELF DT_STRTAB outside the file");
	m = mk_elf(p, &nosect);  /* PT_LOAD claims more than the file holds */
	put_at(p, false, m.ph_load + P_FILESZ(true), 0xffffffffffffffff, 8);
	expect_image(parse_one(p, m.len, &r), want);
	inspect_free(&r);
	m = mk_elf(p, &nosect);
	put_at(p, false, m.needed_val, 0xffffff, 8);  /* name offset past DT_STRSZ */
	parse_err(p, m.len, "ELF DT_NEEDED name outside DT_STRTAB");
	m = mk_elf(p, &nosect);
	put_at(p, false, m.needed_val, 0xfffffffffffffff0, 8);
	parse_err(p, m.len, "ELF DT_NEEDED name outside DT_STRTAB");
	m = mk_elf(p, &nosect);  /* DT_STRSZ cuts the last name's NUL off */
	put_at(p, false, m.strtab_val + 16, 1 + strlen("libc.so.6") + 1 + strlen("libm.so.6"), 8);
	parse_err(p, m.len, "unterminated ELF DT_NEEDED name");
}

/* a 64-bit ELF whose PT_DYNAMIC holds n DT_NEEDED entries naming "libx.so" */
static unsigned char *mk_elf_many(size_t n, size_t *len)
{
	size_t dyn = BUFSZ;
	unsigned char *p = calloc(1, dyn + (n + 2) * 16);
	struct elfmap m;

	assert_non_null(p);
	m = mk_elf(p, &elf_pie64);
	strcpy((char *)p + m.len, "libx.so");
	for (size_t i = 0; i < n; i++) {
		put_at(p, false, dyn + 16 * i, 1, 8);
		put_at(p, false, dyn + 16 * i + 8, 0, 8);
	}
	put_at(p, false, dyn + 16 * n, 5, 8);  /* DT_STRTAB */
	put_at(p, false, dyn + 16 * n + 8, 0x400000 + m.len, 8);
	*len = dyn + (n + 2) * 16;
	put_at(p, false, m.ph_load + P_FILESZ(true), *len, 8);
	put_at(p, false, m.ph_dynamic + P_OFFSET(true), dyn, 8);
	put_at(p, false, m.ph_dynamic + P_FILESZ(true), *len - dyn, 8);
	return p;
}

static void test_elf_many_needed(void **state)
{
	struct inspect_result r;
	size_t len;
	unsigned char *p = mk_elf_many(4096, &len);

	(void)state;
	assert_int_equal(parse_one(p, len, &r)->nneeded, 4096);
	assert_string_equal(r.images[0].needed[4095], "libx.so");
	inspect_free(&r);
	free(p);
	p = mk_elf_many(5000, &len);
	parse_err(p, len, "too many ELF DT_NEEDED entries");
	free(p);
}

static void test_elf_bad_notes(void **state)
{
	unsigned char p[BUFSZ];
	struct inspect_result r;
	struct elfmap m = mk_elf(p, &elf_netbsd);

	(void)state;
	assert_string_equal(parse_one(p, m.len, &r)->os, "netbsd");
	inspect_free(&r);
	put_at(p, false, m.note, 0xffffffff, 4);  /* namesz runs past the segment */
	assert_string_equal(parse_one(p, m.len, &r)->os, "linux");
	inspect_free(&r);
	m = mk_elf(p, &elf_netbsd);
	put_at(p, false, m.note + 4, 0xfffffffc, 4);  /* descsz likewise */
	assert_string_equal(parse_one(p, m.len, &r)->os, "linux");
	inspect_free(&r);
	m = mk_elf(p, &elf_netbsd);
	put_at(p, false, m.ph_note + P_FILESZ(true), 0xffffffffffffffff, 8);
	assert_string_equal(parse_one(p, m.len, &r)->os, "linux");
	inspect_free(&r);
}

/* "file name index symbol; ..." for im's versions */
static char *versions(const struct inspect_image *im)
{
	struct buf b = {0};

	buf_puts(&b, "");
	for (size_t i = 0; i < im->nversions; i++) {
		const struct inspect_version *v = &im->versions[i];

		buf_printf(&b, "%s%s %s %u %s", i ? "; " : "", v->file, v->name, v->index,
		           v->symbol ? v->symbol : "-");
	}
	return b.s;
}

static void expect_versions(const unsigned char *p, size_t len, const char *want)
{
	struct inspect_result r;
	char *got = versions(parse_one(p, len, &r));

	assert_string_equal(got, want);
	free(got);
	inspect_free(&r);
}

static const char all_versions[] = "libc.so.6 GLIBC_2.2.5 2 free; "
	"libc.so.6 GLIBC_2.34 3 __libc_start_main; libstdc++.so.6 GLIBCXX_3.4.30 4 _ZdlPv";

/* every class and byte order; the highest GLIBC_ and GLIBCXX_ */
static void test_elf_versions(void **state)
{
	unsigned char p[BUFSZ];
	struct inspect_result r;

	(void)state;
	for (int i = 0; i < 4; i++) {
		struct vermap m = mk_ver(p, i & 1, i & 2);
		const struct inspect_image *im;

		expect_versions(p, m.len, all_versions);
		im = parse_one(p, m.len, &r);
		assert_string_equal(check_highest(im, "GLIBC_")->name, "GLIBC_2.34");
		assert_string_equal(check_highest(im, "GLIBCXX_")->name, "GLIBCXX_3.4.30");
		assert_null(check_highest(im, "CXXABI_"));
		inspect_free(&r);
	}
	mk_elf(p, &elf_dyn64);  /* no version sections: none */
	expect_versions(p, mk_elf(p, &elf_dyn64).len, "");
}

static void test_version_cmp(void **state)
{
	(void)state;
	assert_true(check_version_cmp("2.34", "2.28") > 0);
	assert_true(check_version_cmp("2.2.5", "2.28") < 0);
	assert_true(check_version_cmp("2.3", "2.3.4") < 0);
	assert_int_equal(check_version_cmp("2.28", "2.28.0"), 0);
	assert_true(check_version_cmp("3.4.30", "3.4.9") > 0);
	assert_true(check_version_cmp("99999999999999999999", "1") > 0);
	assert_true(check_version_ok("2.28"));
	assert_true(check_version_ok("3"));
	assert_false(check_version_ok(""));
	assert_false(check_version_ok("2."));
	assert_false(check_version_ok(".2"));
	assert_false(check_version_ok("2..3"));
	assert_false(check_version_ok("2.x"));
	assert_false(check_version_ok("PRIVATE"));
}

/* corrupt one field of a fresh 64-bit LSB mk_ver file, parse it: the error
 * (NULL: it must parse, and its versions are want) */
static void ver_corrupt(size_t off, uint64_t v, int n, const char *err, const char *want)
{
	unsigned char p[BUFSZ];
	struct vermap m = mk_ver(p, true, false);

	put_at(p, false, off, v, n);
	if (err)
		parse_err(p, m.len, err);
	else
		expect_versions(p, m.len, want);
}

static void test_elf_bad_versions(void **state)
{
	unsigned char p[BUFSZ];
	struct vermap m = mk_ver(p, true, false);
	size_t need = ver_shdr(true, &m, 4), sym = ver_shdr(true, &m, 3);
	size_t dsym = ver_shdr(true, &m, 2);

	(void)state;
	ver_corrupt(m.verneed + 4, 5000, 4, "ELF version or symbol name outside its string table", NULL);
	ver_corrupt(m.verneed + 16 + 8, 200, 4, "ELF version or symbol name outside its string table", NULL);
	ver_corrupt(m.verneed + 8, 1000, 4, "truncated ELF .gnu.version_r", NULL);
	ver_corrupt(m.verneed + 8, 0xffffffff, 4, "truncated ELF .gnu.version_r", NULL);
	ver_corrupt(m.verneed + 12, 0xfffffff0, 4, "truncated ELF .gnu.version_r", NULL);
	ver_corrupt(m.verneed + 16 + 12, 0xfffffff0, 4, "truncated ELF .gnu.version_r", NULL);
	ver_corrupt(m.verneed + 2, 0xffff, 2, NULL, all_versions);  /* vna_next 0 ends it */
	ver_corrupt(m.need2 + 8, 24, 4, "truncated ELF .gnu.version_r", NULL);
	ver_corrupt(need + 24, 5000, 8, "ELF version section outside the file", NULL);
	ver_corrupt(need + 32, 0xffffffffffffffff, 8, "ELF version section outside the file", NULL);
	ver_corrupt(need + 40, 9, 4, "ELF version section links to no string table", NULL);
	ver_corrupt(need + 40, 2, 4, "ELF version string table outside the file", NULL);
	ver_corrupt(ver_shdr(true, &m, 1) + 32, 60, 8, "unterminated ELF version or symbol name", NULL);
	ver_corrupt(dsym + 40, 0, 4, "ELF version string table outside the file", NULL);
	ver_corrupt(m.dynsym + 24, 0xfffffff, 4, "ELF version or symbol name outside its string table", NULL);
	ver_corrupt(sym + 24, 5000, 8, "ELF .gnu.version outside the file", NULL);
	/* sh_info 0: no needs read; a huge one stops at vn_next 0 */
	ver_corrupt(need + 44, 0, 4, NULL, "");
	ver_corrupt(need + 44, 0xffffffff, 4, NULL, all_versions);
	/* vna_next 0 ends the list early; a zero vn_next the file list */
	ver_corrupt(m.verneed + 16 + 12, 0, 4, NULL, "libc.so.6 GLIBC_2.2.5 2 free; "
	            "libstdc++.so.6 GLIBCXX_3.4.30 4 _ZdlPv");
	ver_corrupt(m.verneed + 12, 0, 4, NULL, "libc.so.6 GLIBC_2.2.5 2 free; "
	            "libc.so.6 GLIBC_2.34 3 __libc_start_main");
	/* a symbol with an unknown index; .gnu.version shorter than .dynsym */
	ver_corrupt(m.versym + 4, 9, 2, NULL, "libc.so.6 GLIBC_2.2.5 2 free; "
	            "libc.so.6 GLIBC_2.34 3 -; libstdc++.so.6 GLIBCXX_3.4.30 4 _ZdlPv");
	ver_corrupt(sym + 32, 6, 8, NULL, "libc.so.6 GLIBC_2.2.5 2 free; "
	            "libc.so.6 GLIBC_2.34 3 __libc_start_main; libstdc++.so.6 GLIBCXX_3.4.30 4 -");
	/* no .dynsym or .gnu.version: versions without symbols */
	ver_corrupt(dsym + 4, 1, 4, NULL, "libc.so.6 GLIBC_2.2.5 2 -; "
	            "libc.so.6 GLIBC_2.34 3 -; libstdc++.so.6 GLIBCXX_3.4.30 4 -");
	/* two symbols of one version: the first is named */
	ver_corrupt(m.versym + 2, 3, 2, NULL, "libc.so.6 GLIBC_2.2.5 2 -; "
	            "libc.so.6 GLIBC_2.34 3 free; libstdc++.so.6 GLIBCXX_3.4.30 4 _ZdlPv");
}

/* a .gnu.version_r whose one file lists n versions, all one name */
static unsigned char *mk_ver_many(size_t n, size_t *len)
{
	unsigned char *p = calloc(1, BUFSZ + 16 * n);
	struct vermap m;
	size_t need;

	assert_non_null(p);
	m = mk_ver(p, true, false);
	memmove(p + m.len + 16 * n, p + m.sh, m.len - m.sh);  /* sections to the end */
	need = m.len + 16 * n + (ver_shdr(true, &m, 4) - m.sh);
	put_at(p, false, 40, m.sh = m.len + 16 * n, 8);
	put_at(p, false, need + 24, m.len, 8);
	put_at(p, false, need + 32, 16 * (n + 1), 8);
	put_at(p, false, need + 44, 1, 4);
	put_at(p, false, m.len + 2, n, 2);
	put_at(p, false, m.len + 4, 1, 4);
	put_at(p, false, m.len + 8, 16, 4);
	for (size_t i = 0; i < n; i++) {
		put_at(p, false, m.len + 16 * (i + 1) + 6, i + 2, 2);
		put_at(p, false, m.len + 16 * (i + 1) + 8, 26, 4);
		put_at(p, false, m.len + 16 * (i + 1) + 12, 16, 4);
	}
	*len = m.sh + 5 * 64;
	return p;
}

static void test_elf_many_versions(void **state)
{
	struct inspect_result r;
	size_t len;
	unsigned char *p = mk_ver_many(4096, &len);

	(void)state;
	assert_int_equal(parse_one(p, len, &r)->nversions, 4096);
	assert_string_equal(r.images[0].versions[0].symbol, "free");
	inspect_free(&r);
	free(p);
	p = mk_ver_many(4097, &len);
	parse_err(p, len, "too many ELF version needs");
	free(p);
}

static void test_pe_bad(void **state)
{
	unsigned char p[BUFSZ];
	struct pemap m = mk_pe(p, &pe_amd64);

	(void)state;
	put_at(p, false, 0x3c, 0xfffffff0, 4);  /* e_lfanew past the end */
	parse_err(p, m.len, "not a PE file (no PE signature)");
	m = mk_pe(p, &pe_amd64);
	put_at(p, false, m.coff + 2, 0xffff, 2);  /* NumberOfSections */
	parse_err(p, m.len, "truncated PE section table");
	m = mk_pe(p, &pe_amd64);
	put_at(p, false, m.coff + 16, 0xffff, 2);  /* SizeOfOptionalHeader */
	parse_err(p, m.len, "truncated PE optional header");
	m = mk_pe(p, &pe_amd64);
	put_at(p, false, m.coff + 16, 16, 2);
	parse_err(p, m.len, "truncated PE optional header");
	m = mk_pe(p, &pe_amd64);
	put_at(p, false, m.opt, 0x107, 2);
	parse_err(p, m.len, "bad PE optional header magic");
	m = mk_pe(p, &pe_amd64);
	put_at(p, false, m.dd + 8, 0x90000, 4);  /* import RVA in no section */
	parse_err(p, m.len, "PE import directory outside the file");
	m = mk_pe(p, &pe_amd64);
	put_at(p, false, m.desc + 12, 0xfffffff0, 4);  /* DLL name RVA */
	parse_err(p, m.len, "PE import name outside the file");
	m = mk_pe(p, &pe_amd64);
	put_at(p, false, m.sect + 20, 0xffffff00, 4);  /* PointerToRawData */
	parse_err(p, m.len, "PE import directory outside the file");
	m = mk_pe(p, &pe_amd64);
	memset(p + 0x380, 'A', 0x80);  /* name runs to the end of the section */
	parse_err(p, m.len, "unterminated PE import name");
}

/* import descriptors fill the section and never end */
static void test_pe_unterminated(void **state)
{
	unsigned char p[BUFSZ];
	struct pemap m = mk_pe(p, &pe_amd64);

	(void)state;
	strcpy((char *)p + 0x180, "evil.dll");  /* in the headers: RVA = offset */
	for (size_t d = m.desc; d + 20 <= m.len; d += 20) {
		put_at(p, false, d + 12, 0x180, 4);
		put_at(p, false, d + 16, 0x1100, 4);
	}
	parse_err(p, m.len, "unterminated PE import directory");
	put_at(p, false, m.sect + 16, 0x10000, 4);  /* section claims more than the file */
	put_at(p, false, m.sect + 8, 0x10000, 4);
	parse_err(p, m.len, "unterminated PE import directory");
}

static void test_macho_bad(void **state)
{
	unsigned char p[BUFSZ];
	struct machomap m = mk_macho(p, &macho_arm64);

	(void)state;
	put_at(p, false, 16, 0xffffffff, 4);  /* ncmds */
	parse_err(p, m.len, "Mach-O load commands overrun sizeofcmds");
	m = mk_macho(p, &macho_arm64);
	put_at(p, false, 20, 0xffffffff, 4);  /* sizeofcmds */
	parse_err(p, m.len, "truncated Mach-O load commands");
	m = mk_macho(p, &macho_arm64);
	put_at(p, false, m.cmds + 4, 0, 4);  /* cmdsize 0 must not loop */
	parse_err(p, m.len, "bad Mach-O load command size");
	m = mk_macho(p, &macho_arm64);
	put_at(p, false, m.cmds + 4, 0xfffffff8, 4);
	parse_err(p, m.len, "bad Mach-O load command size");
	m = mk_macho(p, &macho_arm64);
	put_at(p, false, m.cmds + 24 + 8, 0xffffff00, 4);  /* dylinker name offset */
	parse_err(p, m.len, "bad Mach-O load command string offset");
	m = mk_macho(p, &macho_arm64);
	put_at(p, false, m.cmds + 24 + 8, 0, 4);
	parse_err(p, m.len, "bad Mach-O load command string offset");
	m = mk_macho(p, &macho_arm64);
	memset(p + m.cmds + 24 + 12, '/', 20);  /* "/usr/lib/dyld" loses its NUL */
	parse_err(p, m.len, "unterminated Mach-O load command string");
	p[0] = 0xfe;  /* not a Mach-O magic: no longer a Mach-O at all */
	parse_err(p, 3, "not an ELF, PE, Mach-O or wasm file");
}

static void test_fat_bad(void **state)
{
	struct sample *fat, *fat64;
	unsigned char p[BUFSZ];

	(void)state;
	samples_make();
	fat = sample_named("macho-fat");
	fat64 = sample_named("macho-fat64");
	assert_string_equal(fat->name, "macho-fat");
	memcpy(p, fat->p, fat->len);
	put_at(p, true, 4, 0xffffffff, 4);  /* nfat_arch */
	parse_err(p, fat->len, "too many fat Mach-O slices");
	put_at(p, true, 4, 0, 4);
	parse_err(p, fat->len, "fat Mach-O without slices");
	put_at(p, true, 4, 32, 4);
	parse_err(p, 100, "truncated fat Mach-O header");
	memcpy(p, fat->p, fat->len);
	put_at(p, true, 8 + 20 + 12, 0xffffffff, 4);  /* second slice's size */
	parse_err(p, fat->len, "fat Mach-O slice outside the file");
	memcpy(p, fat->p, fat->len);
	put_at(p, true, 8 + 8, 0, 4);  /* first slice is the fat file itself */
	parse_err(p, fat->len, "not a Mach-O file");
	memcpy(p, fat64->p, fat64->len);
	put_at(p, true, 8 + 8, 0xffffffffffffff00, 8);  /* offset + size overflows */
	parse_err(p, fat64->len, "fat Mach-O slice outside the file");
}

/* a fat file whose nfat slices all are one thin Mach-O with n dylibs */
static unsigned char *mk_fat_many(size_t nfat, size_t n, size_t *len)
{
	size_t thin = 32 + 32 * n, hdr = 8 + 20 * nfat;
	unsigned char *p = calloc(1, hdr + thin);
	struct wr w = {p, true}, t = {p + hdr, false};

	assert_non_null(p);
	put(&w, 0, 0xcafebabe, 4);
	put(&w, 4, nfat, 4);
	for (size_t i = 0; i < nfat; i++) {
		put(&w, 8 + 20 * i + 8, hdr, 4);
		put(&w, 8 + 20 * i + 12, thin, 4);
	}
	put(&t, 0, 0xfeedfacf, 4);
	put(&t, 4, 0x0100000c, 4);
	put(&t, 16, n, 4);
	put(&t, 20, 32 * n, 4);
	for (size_t i = 0; i < n; i++)
		put_strcmd(&t, 32 + 32 * i, 0xc, 24, "/x");
	*len = hdr + thin;
	return p;
}

static void test_macho_many_needed(void **state)
{
	struct inspect_result r;
	size_t len;
	unsigned char *p = mk_fat_many(1, 4096, &len);

	(void)state;
	assert_null(parse(p, len, &r));
	assert_int_equal(r.images[0].nneeded, 4096);
	inspect_free(&r);
	free(p);
	p = mk_fat_many(1, 4097, &len);
	parse_err(p, len, "too many needed libraries");
	free(p);
	p = mk_fat_many(32, 200, &len);  /* 32 overlapping slices: 6400 in all */
	parse_err(p, len, "too many needed libraries");
	free(p);
	p = mk_fat_many(20, 200, &len);
	assert_null(parse(p, len, &r));
	assert_int_equal(r.nimages, 20);
	inspect_free(&r);
	free(p);
}

/* ---- check ---- */

static char tmpdir[] = "/tmp/test_inspect.XXXXXX";
static struct strlist tmpfiles;

static int tmp_setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int tmp_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < tmpfiles.n; i++)
		unlink(tmpfiles.v[i]);
	strlist_free(&tmpfiles);
	return rmdir(tmpdir);
}

/* write len bytes of p to a new file in tmpdir; returns its path */
static const char *tmp_write(const char *name, const void *p, size_t len)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	strlist_add(&tmpfiles, path);
	return path;
}

/* check path with expect and the NULL-terminated allow list; returns the
 * status, with the problems joined by "|" in probs */
static int run_check(const char *path, enum check_expect expect, const char **allow,
                     struct buf *probs)
{
	struct check_opts o = {.expect = expect, .allow = (char **)allow};
	struct check_report rep;
	int status;

	while (allow && allow[o.nallow])
		o.nallow++;
	status = check_file(path, &o, &rep);
	buf_free(probs);
	buf_puts(probs, "");
	for (size_t i = 0; i < rep.problems.n; i++)
		buf_printf(probs, "%s%s", i ? "|" : "", rep.problems.v[i]);
	check_report_free(&rep);
	return status;
}

static void test_check_expect(void **state)
{
	unsigned char p[BUFSZ];
	struct buf probs = {0};
	const char *dyn = tmp_write("dyn", p, mk_elf(p, &elf_dyn64).len);
	const char *stat = tmp_write("static", p, mk_elf(p, &elf_static64).len);
	const char *pie = tmp_write("pie", p, mk_elf(p, &elf_pie64).len);

	(void)state;
	assert_int_equal(run_check(dyn, CHECK_STATIC, NULL, &probs), 1);
	assert_string_equal(probs.s, "expected static, but it is dynamic: interpreter "
	                    "/lib64/ld-linux-x86-64.so.2, needs libc.so.6, libm.so.6");
	assert_int_equal(run_check(dyn, CHECK_DYNAMIC, NULL, &probs), 0);
	assert_int_equal(run_check(dyn, CHECK_ANY, NULL, &probs), 0);
	assert_int_equal(run_check(stat, CHECK_STATIC, NULL, &probs), 0);
	assert_int_equal(run_check(pie, CHECK_STATIC, NULL, &probs), 0);
	assert_int_equal(run_check(stat, CHECK_DYNAMIC, NULL, &probs), 1);
	assert_string_equal(probs.s, "expected dynamic, but it is static");
	assert_int_equal(run_check(pie, CHECK_DYNAMIC, NULL, &probs), 1);
	assert_string_equal(probs.s, "expected dynamic, but it is static-pie");
	buf_free(&probs);
}

static void test_check_allow(void **state)
{
	const char *sys[] = {"kernel32.dll", "MSVCRT.DLL", NULL};
	const char *k32[] = {"KERNEL32.*", NULL};
	const char *darwin[] = {"/usr/lib/libSystem.B.dylib", "/usr/lib/libresolv.9.dylib",
	                        "/System/Library/Frameworks/*", NULL};
	const char *lower[] = {"/usr/lib/libsystem.b.dylib", "/usr/lib/libresolv.9.dylib",
	                       "/System/Library/Frameworks/*", NULL};
	unsigned char p[BUFSZ];
	struct buf probs = {0};
	const char *pe = tmp_write("pe.exe", p, mk_pe(p, &pe_amd64).len);
	const char *mo = tmp_write("macho", p, mk_macho(p, &macho_arm64).len);
	const char *elf = tmp_write("elf", p, mk_elf(p, &elf_dyn64).len);

	(void)state;
	assert_int_equal(run_check(pe, CHECK_DYNAMIC, sys, &probs), 0);
	assert_int_equal(run_check(pe, CHECK_DYNAMIC, k32, &probs), 1);
	assert_string_equal(probs.s, "imports msvcrt.dll, which is not allowed");
	assert_int_equal(run_check(mo, CHECK_DYNAMIC, darwin, &probs), 0);
	assert_int_equal(run_check(mo, CHECK_DYNAMIC, lower, &probs), 1);
	assert_string_equal(probs.s, "needs /usr/lib/libSystem.B.dylib, which is not allowed");
	assert_int_equal(run_check(elf, CHECK_DYNAMIC, k32, &probs), 1);
	assert_string_equal(probs.s, "needs libc.so.6, which is not allowed|"
	                    "needs libm.so.6, which is not allowed");
	buf_free(&probs);
}

/* --max-glibc and --max-glibcxx name the highest version and its symbol */
static void test_check_glibc(void **state)
{
	unsigned char p[BUFSZ];
	struct buf probs = {0}, line = {0};
	struct check_opts o = {0};
	struct check_report rep;
	const char *f = tmp_write("ver", p, mk_ver(p, false, true).len);

	(void)state;
	o.max_glibc = "2.28";
	assert_int_equal(check_file(f, &o, &rep), 1);
	assert_int_equal(rep.problems.n, 1);
	assert_string_equal(rep.problems.v[0], "needs GLIBC_2.34, newer than the floor "
	                    "GLIBC_2.28 (symbol __libc_start_main from libc.so.6)");
	check_describe(&rep, &line);
	assert_non_null(strstr(line.s, "; symbol versions up to GLIBC_2.34, GLIBCXX_3.4.30"));
	check_report_free(&rep);
	o.max_glibc = "2.34";
	assert_int_equal(check_file(f, &o, &rep), 0);
	check_report_free(&rep);
	o.max_glibcxx = "3.4.29";
	assert_int_equal(check_file(f, &o, &rep), 1);
	assert_string_equal(rep.problems.v[0], "needs GLIBCXX_3.4.30, newer than the floor "
	                    "GLIBCXX_3.4.29 (symbol _ZdlPv from libstdc++.so.6)");
	check_report_free(&rep);
	o.max_glibcxx = "3.4.30";
	assert_int_equal(check_file(f, &o, &rep), 0);
	check_report_free(&rep);
	buf_free(&probs);
	buf_free(&line);
}

static void test_check_fat(void **state)
{
	struct buf probs = {0};
	const char *fat;

	(void)state;
	samples_make();
	fat = tmp_write("fat", sample_named("macho-fat")->p, sample_named("macho-fat")->len);
	assert_int_equal(run_check(fat, CHECK_STATIC, NULL, &probs), 1);
	assert_string_equal(probs.s,
		"amd64 slice: expected static, but it is dynamic: interpreter /usr/lib/dyld, "
		"needs /usr/lib/libSystem.B.dylib|"
		"arm64 slice: expected static, but it is dynamic: interpreter /usr/lib/dyld, "
		"needs /usr/lib/libSystem.B.dylib, /usr/lib/libresolv.9.dylib, "
		"/System/Library/Frameworks/Security.framework/Versions/A/Security");
	assert_int_equal(run_check(fat, CHECK_DYNAMIC, NULL, &probs), 0);
	buf_free(&probs);
}

static void test_check_unreadable(void **state)
{
	struct buf probs = {0};
	const char *junk = tmp_write("junk", "#!/bin/sh\n", 10);
	char *missing = xasprintf("%s/missing", tmpdir);

	(void)state;
	assert_int_equal(run_check(missing, CHECK_STATIC, NULL, &probs), 2);
	assert_string_equal(probs.s, "No such file or directory");
	assert_int_equal(run_check(junk, CHECK_ANY, NULL, &probs), 2);
	assert_string_equal(probs.s, "not an ELF, PE, Mach-O or wasm file");
	assert_int_equal(run_check(tmpdir, CHECK_ANY, NULL, &probs), 2);
	free(missing);
	buf_free(&probs);
}

/* the line and JSON check prints for sample i under expect */
static void describe(size_t i, enum check_expect expect, struct buf *line, struct buf *json)
{
	struct check_opts o = {.expect = expect};
	struct check_report rep;

	check_file(tmp_write(samples[i].name, samples[i].p, samples[i].len), &o, &rep);
	buf_free(line);
	buf_free(json);
	check_describe(&rep, line);
	check_json(&rep, json);
	check_report_free(&rep);
}

/* glibc's static dlopen and SQLite's load_extension, both or no warning */
static void test_check_static_dlopen(void **state)
{
	static const char both[] = "\0invalid mode for dlopen()\0..sqlite3_extension_init\0";
	static const char glibc[] = "\0invalid mode for dlopen()\0";
	static const char sqlite[] = "sqlite3_extension_init";
	char *w;

	(void)state;
	assert_non_null(w = check_static_dlopen(both, sizeof(both) - 1));
	assert_non_null(strstr(w, "sqlite_omit_load_extension"));
	free(w);
	assert_null(check_static_dlopen(glibc, sizeof(glibc) - 1));
	assert_null(check_static_dlopen(sqlite, sizeof(sqlite) - 1));
	assert_null(check_static_dlopen(both, 20));    /* cut short: not found */
}

static void test_check_describe(void **state)
{
	struct buf line = {0}, json = {0};
	char *want;

	(void)state;
	samples_make();
	describe(1, CHECK_STATIC, &line, &json);
	want = xasprintf("%s/elf64-dynamic: ELF 64-bit LSB amd64 linux, dynamic, interpreter "
	                 "/lib64/ld-linux-x86-64.so.2, needs libc.so.6, libm.so.6", tmpdir);
	assert_string_equal(line.s, want);
	free(want);
	want = xasprintf("{\"file\":\"%s/elf64-dynamic\",\"format\":\"ELF\",\"images\":[{"
	                 "\"arch\":\"amd64\",\"os\":\"linux\",\"bits\":64,\"endian\":\"little\","
	                 "\"link\":\"dynamic\",\"interpreter\":\"/lib64/ld-linux-x86-64.so.2\","
	                 "\"needed\":[\"libc.so.6\",\"libm.so.6\"],\"glibc\":null,"
	                 "\"glibcxx\":null,\"versions\":[]}],\"ok\":false,\"problems\":["
	                 "\"expected static, but it is dynamic: interpreter "
	                 "/lib64/ld-linux-x86-64.so.2, needs libc.so.6, libm.so.6\"],"
	                 "\"warnings\":[]}", tmpdir);
	assert_string_equal(json.s, want);
	free(want);
	describe(5, CHECK_STATIC, &line, &json);
	want = xasprintf("%s/elf64be-s390x: ELF 64-bit MSB s390x linux, static", tmpdir);
	assert_string_equal(line.s, want);
	free(want);
	describe(7, CHECK_ANY, &line, &json);
	want = xasprintf("%s/pe32plus-amd64: PE32+ amd64 windows, dynamic, imports KERNEL32.dll, "
	                 "msvcrt.dll", tmpdir);
	assert_string_equal(line.s, want);
	free(want);
	describe(11, CHECK_ANY, &line, &json);
	want = xasprintf("%s/macho-fat: Mach-O fat (2 slices): "
	                 "Mach-O 64-bit amd64 darwin, dynamic, interpreter /usr/lib/dyld, "
	                 "needs /usr/lib/libSystem.B.dylib; "
	                 "Mach-O 64-bit arm64 darwin, dynamic, interpreter /usr/lib/dyld, "
	                 "needs /usr/lib/libSystem.B.dylib, /usr/lib/libresolv.9.dylib, "
	                 "/System/Library/Frameworks/Security.framework/Versions/A/Security",
	                 tmpdir);
	assert_string_equal(line.s, want);
	free(want);
	describe(13, CHECK_STATIC, &line, &json);
	want = xasprintf("%s/wasm-wasip1: WebAssembly wasm wasip1, static", tmpdir);
	assert_string_equal(line.s, want);
	free(want);
	buf_free(&line);
	buf_free(&json);
}

/* names from the binary are escaped in JSON and sanitised in text */
static void test_check_escape(void **state)
{
	static const char *const needed[] = {
		"a\"b\\c", "tab\there\n", "\x01\x7f", "caf\xc3\xa9", "bad\xff\xc3", "\xed\xa0\x80",
		"\xf0\x9f\x98\x80", NULL,
	};
	struct elfspec s = elf_arm32;
	unsigned char p[BUFSZ];
	struct check_opts o = {0};
	struct check_report rep;
	struct buf line = {0}, json = {0};
	const char *path;
	char *want;

	(void)state;
	s.needed[0] = needed[0];
	s.needed[1] = needed[1];
	s.needed[2] = needed[2];
	path = tmp_write("esc1", p, mk_elf(p, &s).len);
	assert_int_equal(check_file(path, &o, &rep), 0);
	check_describe(&rep, &line);
	want = xasprintf("%s: ELF 32-bit LSB arm linux, dynamic, needs a\"b\\c, tab?here?, ??",
	                 path);
	assert_string_equal(line.s, want);
	free(want);
	check_json(&rep, &json);
	assert_non_null(strstr(json.s, "\"needed\":[\"a\\\"b\\\\c\",\"tab\\there\\n\","
	                               "\"\\u0001\\u007f\"]"));
	check_report_free(&rep);
	buf_free(&json);
	s.needed[0] = needed[3];
	s.needed[1] = needed[4];
	s.needed[2] = needed[5];
	path = tmp_write("esc2", p, mk_elf(p, &s).len);
	check_file(path, &o, &rep);
	check_json(&rep, &json);
	assert_non_null(strstr(json.s, "\"needed\":[\"caf\xc3\xa9\",\"bad\\ufffd\\ufffd\","
	                               "\"\\ufffd\\ufffd\\ufffd\"]"));
	check_report_free(&rep);
	buf_free(&json);
	buf_free(&line);
	s.needed[0] = needed[6];
	s.needed[1] = NULL;
	path = tmp_write("esc3", p, mk_elf(p, &s).len);
	check_file(path, &o, &rep);
	check_json(&rep, &json);
	assert_non_null(strstr(json.s, "\"needed\":[\"\xf0\x9f\x98\x80\"]"));
	check_report_free(&rep);
	buf_free(&json);
}

/* check_main with stdout and stderr sent to /dev/null */
static int check_main_quiet(int argc, char **argv)
{
	int out = dup(1), err = dup(2), null = open("/dev/null", O_WRONLY), status;

	assert_true(out >= 0 && err >= 0 && null >= 0);
	fflush(stdout);
	fflush(stderr);
	dup2(null, 1);
	dup2(null, 2);
	status = check_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(out, 1);
	dup2(err, 2);
	close(out);
	close(err);
	close(null);
	return status;
}

static void test_check_main(void **state)
{
	unsigned char p[BUFSZ];
	char *stat = xstrdup(tmp_write("main-static", p, mk_elf(p, &elf_static64).len));
	char *dyn = xstrdup(tmp_write("main-dyn", p, mk_elf(p, &elf_dyn64).len));
	char *args[][8] = {
		{"check", NULL},
		{"check", "--help", NULL},
		{"check", "--expect", "sideways", stat, NULL},
		{"check", "--frobnicate", stat, NULL},
		{"check", "--allow", NULL},
		{"check", "--expect", "static", stat, NULL},
		{"check", "--expect=static", stat, dyn, NULL},
		{"check", "--json", "--expect", "dynamic", "--allow", "lib*.so.6", dyn, NULL},
		{"check", stat, "--", "/nonexistent", NULL},
	};
	static const int want[] = {2, 0, 2, 2, 2, 0, 1, 0, 2};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int argc = 0;

		while (args[i][argc])
			argc++;
		assert_int_equal(check_main_quiet(argc, args[i]), want[i]);
	}
	free(stat);
	free(dyn);
}

/* ---- real binaries from tests/make-inspect-samples.sh ---- */

struct real {
	const char *name;
	enum inspect_format format;
	const char *what;     /* summary() without the needed libraries */
	const char *has[3];   /* needed names that must be present */
	const char *only[4];  /* if set, patterns every needed name must match */
};

#define ELF64(arch, link) #arch "/linux 64-bit LSB " link
#define LD64 "dynamic interp=/lib64/ld-linux-x86-64.so.2"
#define DARWIN_LIBS {"/usr/lib/libSystem.B.dylib", "/usr/lib/libresolv.9.dylib", \
                     "/System/Library/Frameworks/*"}

static const struct real reals[] = {
	{"go-linux-amd64-static", INSPECT_ELF, ELF64(amd64, "static"), {0}, {0}},
	{"go-linux-amd64-cgo", INSPECT_ELF, ELF64(amd64, LD64), {"libc.so.6"}, {"lib*.so*"}},
	{"go-linux-arm64", INSPECT_ELF, ELF64(arm64, "static"), {0}, {0}},
	{"go-linux-arm", INSPECT_ELF, "arm/linux 32-bit LSB static", {0}, {0}},
	{"go-linux-386", INSPECT_ELF, "386/linux 32-bit LSB static", {0}, {0}},
	{"go-linux-riscv64", INSPECT_ELF, ELF64(riscv64, "static"), {0}, {0}},
	{"go-linux-ppc64le", INSPECT_ELF, ELF64(ppc64le, "static"), {0}, {0}},
	{"go-linux-s390x", INSPECT_ELF, "s390x/linux 64-bit MSB static", {0}, {0}},
	{"go-linux-mips", INSPECT_ELF, "mips/linux 32-bit MSB static", {0}, {0}},
	{"go-linux-loong64", INSPECT_ELF, ELF64(loong64, "static"), {0}, {0}},
	{"go-freebsd-amd64", INSPECT_ELF, "amd64/freebsd 64-bit LSB static", {0}, {0}},
	{"go-netbsd-amd64", INSPECT_ELF, "amd64/netbsd 64-bit LSB static", {0}, {0}},
	{"go-openbsd-amd64", INSPECT_ELF,
	 "amd64/openbsd 64-bit LSB dynamic interp=/usr/libexec/ld.so",
	 {"libc.so"}, {"libc.so*", "libpthread.so*"}},
	{"go-windows-amd64.exe", INSPECT_PE, "amd64/windows 64-bit LSB dynamic",
	 {"kernel32.dll"}, {"kernel32.dll"}},
	{"go-windows-386.exe", INSPECT_PE, "386/windows 32-bit LSB dynamic",
	 {"kernel32.dll"}, {"kernel32.dll"}},
	{"go-darwin-amd64", INSPECT_MACHO, "amd64/darwin 64-bit LSB dynamic interp=/usr/lib/dyld",
	 {"/usr/lib/libSystem.B.dylib"}, DARWIN_LIBS},
	{"go-darwin-arm64", INSPECT_MACHO, "arm64/darwin 64-bit LSB dynamic interp=/usr/lib/dyld",
	 {"/usr/lib/libSystem.B.dylib"}, DARWIN_LIBS},
	{"c-linux-amd64-dynamic", INSPECT_ELF, ELF64(amd64, LD64), {"libc.so.6"}, {"libc.so.6"}},
	{"c-linux-amd64-static", INSPECT_ELF, ELF64(amd64, "static"), {0}, {0}},
	{"c-linux-amd64-static-pie", INSPECT_ELF, ELF64(amd64, "static-pie"), {0}, {0}},
	{"c-linux-amd64-musl-static", INSPECT_ELF, ELF64(amd64, "static"), {0}, {0}},
	{"c-linux-arm64-dynamic", INSPECT_ELF,
	 ELF64(arm64, "dynamic interp=/lib/ld-linux-aarch64.so.1"), {"libc.so.6"}, {"libc.so.6"}},
	{"c-linux-arm-dynamic", INSPECT_ELF,
	 "arm/linux 32-bit LSB dynamic interp=/lib/ld-linux-armhf.so.3",
	 {"libc.so.6"}, {"libc.so.6"}},
	{"c-windows-amd64-mingw.exe", INSPECT_PE, "amd64/windows 64-bit LSB dynamic",
	 {"kernel32.dll", "msvcrt.dll"}, {"kernel32.dll", "msvcrt.dll"}},
};

/* the contents of sample name, which must exist */
static unsigned char *real_read(const char *name, size_t *len)
{
	char *path = xasprintf("%s/%s", getenv("INSPECT_SAMPLES_DIR"), name);
	unsigned char *p = (unsigned char *)file_read(path, 0, len, NULL);

	if (!p)
		fail_msg("%s: cannot read (run tests/make-inspect-samples.sh DIR first)", path);
	free(path);
	return p;
}

/* the names readelf OPT prints after open and before ']' for sample name */
static void readelf_names(const char *opt, const char *name, const char *open, struct strlist *out)
{
	const char *dir = getenv("INSPECT_SAMPLES_DIR");
	char *cmd = xasprintf("readelf %s '%s/%s'", opt, dir, name), line[4096], *s, *e;
	FILE *f;

	if (strchr(dir, '\''))
		fail_msg("INSPECT_SAMPLES_DIR must not contain a quote");
	assert_non_null(f = popen(cmd, "r"));
	while (fgets(line, sizeof(line), f))
		if ((s = strstr(line, open)) && (e = strchr(s += strlen(open), ']')))
			strlist_add(out, xstrndup(s, (size_t)(e - s)));
	assert_int_equal(pclose(f), 0);
	free(cmd);
}

/* the interpreter and DT_NEEDED list agree exactly with readelf's */
static void real_readelf(const char *name, const struct inspect_image *im)
{
	struct strlist interp = {0}, needed = {0};

	readelf_names("-lW", name, "[Requesting program interpreter: ", &interp);
	readelf_names("-dW", name, "Shared library: [", &needed);
	assert_int_equal(interp.n, im->interp != NULL);
	if (im->interp)
		assert_string_equal(interp.v[0], im->interp);
	assert_int_equal(needed.n, im->nneeded);
	for (size_t i = 0; i < needed.n; i++)
		assert_string_equal(needed.v[i], im->needed[i]);
	strlist_free(&interp);
	strlist_free(&needed);
}

/* im's needed list has every x->has name and only x->only patterns */
static void real_needed(const struct real *x, const struct inspect_image *im)
{
	struct check_opts only = {.allow = (char **)x->only};
	bool pe = x->format == INSPECT_PE;

	for (size_t i = 0; i < 3 && x->has[i]; i++) {
		struct check_opts one = {.allow = (char **)&x->has[i], .nallow = 1};
		size_t j = 0;

		while (j < im->nneeded && !check_allowed(&one, im->needed[j], pe))
			j++;
		if (j == im->nneeded)
			fail_msg("%s: does not need %s", x->name, x->has[i]);
	}
	while (only.nallow < 4 && x->only[only.nallow])
		only.nallow++;
	for (size_t j = 0; only.nallow && j < im->nneeded; j++)
		if (!check_allowed(&only, im->needed[j], pe))
			fail_msg("%s: unexpectedly needs %s", x->name, im->needed[j]);
	if (im->link != INSPECT_DYNAMIC)
		assert_int_equal(im->nneeded, 0);
}

/* prefixes: every length up to 4 KiB, then 64 longer ones */
static void real_truncated(const unsigned char *p, size_t len)
{
	struct inspect_result r;

	for (size_t n = 0; n < len; n += n < BUFSZ ? 1 : len / 64 + 1) {
		if (!parse(p, n, &r))
			assert_true(r.nimages > 0);
		inspect_free(&r);
	}
}

static void test_real(void **state)
{
	const struct real *x = *state;
	const struct inspect_image *im;
	struct inspect_result r;
	size_t len;
	char *what;
	unsigned char *p = real_read(x->name, &len);

	im = parse_one(p, len, &r);
	assert_int_equal(r.format, x->format);
	what = summary(im, false);
	assert_string_equal(what, x->what);
	free(what);
	real_needed(x, im);
	if (x->format == INSPECT_ELF)
		real_readelf(x->name, im);
	inspect_free(&r);
	real_truncated(p, len);
	free(p);
}

/* a fat file made of the two darwin samples, 4 KiB aligned like lipo's */
static void test_real_fat(void **state)
{
	struct inspect_result r;
	size_t len[2], off;
	unsigned char *s[2], *fat;
	struct wr w = {NULL, true};

	(void)state;
	s[0] = real_read("go-darwin-amd64", &len[0]);
	s[1] = real_read("go-darwin-arm64", &len[1]);
	off = ((BUFSZ + len[0] + BUFSZ - 1) / BUFSZ) * BUFSZ;
	assert_non_null(w.p = fat = calloc(1, off + len[1]));
	put(&w, 0, 0xcafebabe, 4);
	put(&w, 4, 2, 4);
	for (size_t i = 0; i < 2; i++) {
		size_t at = i ? off : BUFSZ;

		memcpy(fat + at, s[i], len[i]);
		put(&w, 8 + 20 * i, i ? 0x0100000c : 0x01000007, 4);
		put(&w, 8 + 20 * i + 8, at, 4);
		put(&w, 8 + 20 * i + 12, len[i], 4);
		put(&w, 8 + 20 * i + 16, 12, 4);
		free(s[i]);
	}
	assert_null(parse(fat, off + len[1], &r));
	assert_int_equal(r.format, INSPECT_MACHO_FAT);
	assert_int_equal(r.nimages, 2);
	assert_string_equal(r.images[0].arch, "amd64");
	assert_string_equal(r.images[1].arch, "arm64");
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(r.images[i].link, INSPECT_DYNAMIC);
		assert_string_equal(r.images[i].interp, "/usr/lib/dyld");
		assert_string_equal(r.images[i].needed[0], "/usr/lib/libSystem.B.dylib");
	}
	inspect_free(&r);
	free(fat);
}

static void test_real_skipped(void **state)
{
	(void)state;
	fprintf(stderr, "INSPECT_SAMPLES_DIR is not set: real binaries not checked\n");
	skip();
}

static int real_run(void)
{
	static const struct CMUnitTest skipped[] = {cmocka_unit_test(test_real_skipped)};
	size_t n = sizeof(reals) / sizeof(reals[0]);
	const char *dir = getenv("INSPECT_SAMPLES_DIR");
	struct CMUnitTest *t;
	int fails;

	if (!dir || !*dir)
		return cmocka_run_group_tests_name("samples", skipped, NULL, NULL);
	t = xcalloc(n + 1, sizeof(*t));
	for (size_t i = 0; i < n; i++)
		t[i] = (struct CMUnitTest){reals[i].name, test_real, NULL, NULL, (void *)&reals[i]};
	t[n] = (struct CMUnitTest){"go-darwin-fat", test_real_fat, NULL, NULL, NULL};
	fails = _cmocka_run_group_tests("samples", t, n + 1, NULL, NULL);
	free(t);
	return fails;
}

/* with INSPECT_SEED_DIR set, write the hand-made samples there */
static void seeds_write(void)
{
	const char *dir = getenv("INSPECT_SEED_DIR");

	for (size_t i = 0; dir && i < nsamples; i++) {
		char *path = xasprintf("%s/%s", dir, samples[i].name);
		FILE *f = fopen(path, "wb");

		if (!f || fwrite(samples[i].p, 1, samples[i].len, f) != samples[i].len || fclose(f))
			fatal("%s:", path);
		free(path);
	}
}

int main(void)
{
	const struct CMUnitTest unit[] = {
		cmocka_unit_test(test_elf_static),
		cmocka_unit_test(test_elf_dynamic),
		cmocka_unit_test(test_elf_static_pie),
		cmocka_unit_test(test_elf_arch),
		cmocka_unit_test(test_elf_os),
		cmocka_unit_test(test_pe),
		cmocka_unit_test(test_macho),
		cmocka_unit_test(test_macho_fat),
		cmocka_unit_test(test_wasm),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_not_executable),
		cmocka_unit_test(test_elf_bad_header_tables),
		cmocka_unit_test(test_elf_bad_segments),
		cmocka_unit_test(test_elf_bad_strtab),
		cmocka_unit_test(test_elf_many_needed),
		cmocka_unit_test(test_elf_bad_notes),
		cmocka_unit_test(test_elf_versions),
		cmocka_unit_test(test_version_cmp),
		cmocka_unit_test(test_elf_bad_versions),
		cmocka_unit_test(test_elf_many_versions),
		cmocka_unit_test(test_pe_bad),
		cmocka_unit_test(test_pe_unterminated),
		cmocka_unit_test(test_macho_bad),
		cmocka_unit_test(test_fat_bad),
		cmocka_unit_test(test_macho_many_needed),
	};
	const struct CMUnitTest checks[] = {
		cmocka_unit_test(test_check_expect),
		cmocka_unit_test(test_check_allow),
		cmocka_unit_test(test_check_fat),
		cmocka_unit_test(test_check_glibc),
		cmocka_unit_test(test_check_unreadable),
		cmocka_unit_test(test_check_describe),
		cmocka_unit_test(test_check_static_dlopen),
		cmocka_unit_test(test_check_escape),
		cmocka_unit_test(test_check_main),
	};
	int fails;

	samples_make();
	seeds_write();
	fails = cmocka_run_group_tests_name("inspect", unit, NULL, NULL);
	fails += cmocka_run_group_tests_name("check", checks, tmp_setup, tmp_teardown);
	fails += real_run();
	return fails != 0;
}
