/* inspect: ELF, PE/COFF, Mach-O and wasm headers, read defensively.
 *
 * Every read goes through struct rd, whose accessors check bounds and yield 0
 * outside the input.  Offsets are uint64_t and every range is checked with
 * rd_has(), which cannot overflow.  Each loop either advances by at least one
 * byte of the input per step or is capped by a constant below, so the work is
 * bounded by the file size; MAXNEEDED and MAXVERSIONS also bound the memory
 * allocated. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "inspect.h"
#include "util.h"

enum {
	MAXNAME = 4096,    /* longest interpreter or library name accepted */
	MAXNEEDED = 4096,  /* most needed libraries accepted per file */
	MAXSLICES = 32,    /* most fat Mach-O slices accepted */
	MAXNOTES = 1024,   /* most ELF notes examined per file */
	MAXVERSIONS = 4096,  /* most ELF version needs (and their files) accepted */
};

/* a bounds-checked view of the input */
struct rd {
	const unsigned char *p;
	size_t len;
	bool be;
};

/* an extent of the input: [off, off+size) */
struct span {
	uint64_t off, size;
};

/* whether [off, off+n) lies inside the input */
static bool rd_has(const struct rd *r, uint64_t off, uint64_t n)
{
	return off <= r->len && n <= r->len - off;
}

/* the n-byte integer at off in r's byte order; 0 if out of bounds */
static uint64_t rd_uint(const struct rd *r, uint64_t off, int n)
{
	uint64_t v = 0;

	if (!rd_has(r, off, (uint64_t)n))
		return 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | r->p[off + (uint64_t)(r->be ? i : n - 1 - i)];
	return v;
}

static uint16_t rd16(const struct rd *r, uint64_t off)
{
	return (uint16_t)rd_uint(r, off, 2);
}

static uint32_t rd32(const struct rd *r, uint64_t off)
{
	return (uint32_t)rd_uint(r, off, 4);
}

static uint64_t rd64(const struct rd *r, uint64_t off)
{
	return rd_uint(r, off, 8);
}

/* a 64-bit field if is64, else a 32-bit one */
static uint64_t rdword(const struct rd *r, uint64_t off, bool is64)
{
	return is64 ? rd64(r, off) : rd32(r, off);
}

/* a copy of the NUL-terminated string at off that must end within lim bytes
 * and the input; NULL if unterminated or longer than MAXNAME */
static char *rd_str(const struct rd *r, uint64_t off, uint64_t lim)
{
	const unsigned char *s, *nul;

	if (off > r->len)
		return NULL;
	if (lim > r->len - off)
		lim = r->len - off;
	if (lim > MAXNAME + 1)
		lim = MAXNAME + 1;
	s = r->p + off;
	nul = memchr(s, 0, (size_t)lim);
	return nul ? xstrndup((const char *)s, (size_t)(nul - s)) : NULL;
}

/* append name (owned) to im's needed list */
static const char *image_need(struct inspect_image *im, char *name)
{
	size_t n = im->nneeded;

	if (n >= MAXNEEDED) {
		free(name);
		return "too many needed libraries";
	}
	if ((n & (n - 1)) == 0)  /* 0 or a power of two: full */
		im->needed = xrealloc(im->needed, (n ? 2 * n : 1) * sizeof(*im->needed));
	im->needed[im->nneeded++] = name;
	return NULL;
}

/* dynamic if im has an interpreter or needs anything, else static (or
 * static-pie when pie) */
static void image_setlink(struct inspect_image *im, bool pie)
{
	if (im->interp || im->nneeded)
		im->link = INSPECT_DYNAMIC;
	else
		im->link = pie ? INSPECT_STATIC_PIE : INSPECT_STATIC;
}

static void image_free(struct inspect_image *im)
{
	for (size_t i = 0; i < im->nneeded; i++)
		free(im->needed[i]);
	free(im->needed);
	free(im->interp);
	for (size_t i = 0; i < im->nversions; i++) {
		free(im->versions[i].file);
		free(im->versions[i].name);
		free(im->versions[i].symbol);
	}
	free(im->versions);
}

/* ---- ELF ---- */

enum {
	ET_DYN = 3,
	PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4,
	SHT_STRTAB = 3, SHT_DYNAMIC = 6, SHT_NOTE = 7, SHT_DYNSYM = 11,
	DT_NULL = 0, DT_NEEDED = 1, DT_STRTAB = 5, DT_STRSZ = 10,
};

struct elf {
	struct rd r;
	bool is64;
	uint8_t osabi;
	uint16_t type, machine;
	uint64_t phoff, shoff;
	uint16_t phentsize, phnum, shentsize, shnum;
	int notes;  /* notes left to examine */
};

/* section types above INT_MAX cannot be enumerators */
#define SHT_GNU_VERNEED 0x6ffffffeu
#define SHT_GNU_VERSYM 0x6fffffffu

/* a program header or section header, the fields used here */
struct seg {
	uint32_t type, link, info;
	uint64_t off, vaddr, size, align;
};

/* read and check the file header and the header tables' extents */
static const char *elf_header(struct elf *e)
{
	const unsigned char *p = e->r.p;
	uint64_t at;

	if (e->r.len < 16)
		return "truncated ELF header";
	if (p[4] != 1 && p[4] != 2)
		return "bad ELF class";
	if (p[5] != 1 && p[5] != 2)
		return "bad ELF byte order";
	e->is64 = p[4] == 2;
	e->r.be = p[5] == 2;
	if (!rd_has(&e->r, 0, e->is64 ? 64 : 52))
		return "truncated ELF header";
	e->osabi = p[7];
	e->type = rd16(&e->r, 16);
	e->machine = rd16(&e->r, 18);
	e->phoff = rdword(&e->r, e->is64 ? 32 : 28, e->is64);
	e->shoff = rdword(&e->r, e->is64 ? 40 : 32, e->is64);
	at = e->is64 ? 54 : 42;
	e->phentsize = rd16(&e->r, at);
	e->phnum = rd16(&e->r, at + 2);
	e->shentsize = rd16(&e->r, at + 4);
	e->shnum = rd16(&e->r, at + 6);
	e->notes = MAXNOTES;
	if (e->phnum && e->phentsize < (e->is64 ? 56 : 32))
		return "bad ELF program header size";
	if (e->phnum && !rd_has(&e->r, e->phoff, (uint64_t)e->phnum * e->phentsize))
		return "truncated ELF program header table";
	/* section headers are optional here: ignore a bad table */
	if (e->shentsize < (e->is64 ? 64 : 40) ||
	    !rd_has(&e->r, e->shoff, (uint64_t)e->shnum * e->shentsize))
		e->shnum = 0;
	return NULL;
}

/* program header i (i < phnum) */
static struct seg elf_phdr(const struct elf *e, uint16_t i)
{
	uint64_t h = e->phoff + (uint64_t)i * e->phentsize;
	struct seg s = {.type = rd32(&e->r, h)};

	if (e->is64) {
		s.off = rd64(&e->r, h + 8);
		s.vaddr = rd64(&e->r, h + 16);
		s.size = rd64(&e->r, h + 32);
		s.align = rd64(&e->r, h + 48);
	} else {
		s.off = rd32(&e->r, h + 4);
		s.vaddr = rd32(&e->r, h + 8);
		s.size = rd32(&e->r, h + 16);
		s.align = rd32(&e->r, h + 28);
	}
	return s;
}

/* section header i (i < shnum) */
static struct seg elf_shdr(const struct elf *e, uint32_t i)
{
	uint64_t h = e->shoff + (uint64_t)i * e->shentsize;
	bool w = e->is64;
	struct seg s = {.type = rd32(&e->r, h + 4)};

	s.vaddr = rdword(&e->r, h + (w ? 16 : 12), w);
	s.off = rdword(&e->r, h + (w ? 24 : 16), w);
	s.size = rdword(&e->r, h + (w ? 32 : 20), w);
	s.link = rd32(&e->r, h + (w ? 40 : 24));
	s.info = rd32(&e->r, h + (w ? 44 : 28));
	s.align = rdword(&e->r, h + (w ? 48 : 32), w);
	return s;
}

static const char *elf_arch(const struct elf *e)
{
	bool w = e->is64, be = e->r.be;

	switch (e->machine) {
	case 3: return "386";
	case 8: return w ? (be ? "mips64" : "mips64le") : (be ? "mips" : "mipsle");
	case 21: return be ? "ppc64" : "ppc64le";
	case 22: return w ? "s390x" : "unknown";
	case 40: return "arm";
	case 43: return "sparc64";
	case 62: return "amd64";
	case 183: return "arm64";
	case 243: return w ? "riscv64" : "unknown";
	case 258: return w ? "loong64" : "unknown";
	default: return "unknown";
	}
}

/* the OS named by the GNU ABI tag's first word */
static const char *elf_gnu_os(uint32_t os)
{
	static const char *const names[] = {"linux", "hurd", "solaris", "freebsd", "netbsd"};

	return os < sizeof(names) / sizeof(names[0]) ? names[os] : NULL;
}

/* the OS an ABI-tag note names, or NULL; name and desc lie in the input */
static const char *elf_tag_os(const struct elf *e, uint32_t type,
                              struct span name, struct span desc)
{
	static const char *const tags[][2] = {
		{"NetBSD", "netbsd"}, {"OpenBSD", "openbsd"}, {"FreeBSD", "freebsd"},
		{"DragonFly", "dragonfly"}, {"Android", "android"},
	};
	const unsigned char *s = e->r.p + name.off;

	if (type != 1)  /* NT_GNU_ABI_TAG, NT_NETBSD_IDENT, ... */
		return NULL;
	if (name.size == 4 && memcmp(s, "GNU", 4) == 0)
		return desc.size >= 4 ? elf_gnu_os(rd32(&e->r, desc.off)) : NULL;
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (name.size == strlen(tags[i][0]) + 1 && memcmp(s, tags[i][0], name.size) == 0)
			return tags[i][1];
	return NULL;
}

/* n rounded up to a multiple of a, a power of two; n < 2^32 */
static uint64_t align_up(uint64_t n, uint64_t a)
{
	return (n + a - 1) & ~(a - 1);
}

/* the OS named by a note among the notes filling n, or NULL */
static const char *elf_note_os(struct elf *e, struct span n, uint64_t align)
{
	uint64_t a = align == 8 ? 8 : 4, off = n.off, end;
	const char *os;

	if (!rd_has(&e->r, n.off, n.size))
		return NULL;
	end = n.off + n.size;
	while (end - off >= 12 && e->notes-- > 0) {
		struct span name = {off + 12, rd32(&e->r, off)};
		struct span desc = {name.off + align_up(name.size, a), rd32(&e->r, off + 4)};
		uint64_t next = desc.off + align_up(desc.size, a);

		if (next > end)
			break;
		if ((os = elf_tag_os(e, rd32(&e->r, off + 8), name, desc)))
			return os;
		off = next;
	}
	return NULL;
}

/* the OS named by a note in an SHT_NOTE section, or NULL */
static const char *elf_section_os(struct elf *e)
{
	const char *os;

	for (uint32_t i = 0; i < e->shnum; i++) {
		struct seg s = elf_shdr(e, i);

		if (s.type == SHT_NOTE &&
		    (os = elf_note_os(e, (struct span){s.off, s.size}, s.align)))
			return os;
	}
	return NULL;
}

/* EI_OSABI decides, except that SYSV and GNU defer to notes, then "linux" */
static const char *elf_os(uint8_t osabi, const char *noteos)
{
	switch (osabi) {
	case 0: case 3: return noteos ? noteos : "linux";
	case 2: return "netbsd";
	case 6: return "solaris";
	case 9: return "freebsd";
	case 12: return "openbsd";
	default: return noteos ? noteos : "";
	}
}

static const char *elf_interp(const struct elf *e, const struct seg *s, struct inspect_image *im)
{
	if (!rd_has(&e->r, s->off, s->size))
		return "ELF PT_INTERP outside the file";
	if (!(im->interp = rd_str(&e->r, s->off, s->size)))
		return "unterminated ELF PT_INTERP";
	return NULL;
}

/* the file extent holding virtual address addr, up to its segment's end
 * and within the input */
static bool elf_vaddr(const struct elf *e, uint64_t addr, struct span *out)
{
	for (uint16_t i = 0; i < e->phnum; i++) {
		struct seg s = elf_phdr(e, i);
		uint64_t d = addr - s.vaddr;

		if (s.type != PT_LOAD || addr < s.vaddr || d >= s.size)
			continue;
		if (s.off > e->r.len || d > e->r.len - s.off)
			continue;
		out->off = s.off + d;
		out->size = s.size - d;
		if (out->size > e->r.len - out->off)
			out->size = e->r.len - out->off;
		return true;
	}
	return false;
}

/* the value of the first dynamic entry with tag before DT_NULL */
static bool elf_dynval(const struct elf *e, struct span d, uint64_t tag, uint64_t *val)
{
	uint64_t w = e->is64 ? 16 : 8;

	for (uint64_t off = d.off; d.off + d.size - off >= w; off += w) {
		uint64_t t = rdword(&e->r, off, e->is64);

		if (t == DT_NULL)
			break;
		if (t == tag) {
			*val = rdword(&e->r, off + w / 2, e->is64);
			return true;
		}
	}
	return false;
}

/* the number of dynamic entries with tag before DT_NULL */
static uint64_t elf_dyncount(const struct elf *e, struct span d, uint64_t tag)
{
	uint64_t w = e->is64 ? 16 : 8, n = 0;

	for (uint64_t off = d.off; d.off + d.size - off >= w; off += w) {
		uint64_t t = rdword(&e->r, off, e->is64);

		if (t == DT_NULL)
			break;
		n += t == tag;
	}
	return n;
}

/* the dynamic array: PT_DYNAMIC if dyn, else an SHT_DYNAMIC section */
static const char *elf_dynarray(const struct elf *e, const struct seg *dyn, struct span *d)
{
	if (dyn) {
		if (!rd_has(&e->r, dyn->off, dyn->size))
			return "ELF PT_DYNAMIC outside the file";
		*d = (struct span){dyn->off, dyn->size};
		return NULL;
	}
	for (uint32_t i = 0; i < e->shnum; i++) {
		struct seg s = elf_shdr(e, i);

		if (s.type == SHT_DYNAMIC && rd_has(&e->r, s.off, s.size)) {
			*d = (struct span){s.off, s.size};
			return NULL;
		}
	}
	*d = (struct span){0, 0};
	return NULL;
}

/* the string table of the SHT_DYNAMIC section, if it lies in the file */
static bool elf_section_strtab(const struct elf *e, struct span *str)
{
	for (uint32_t i = 0; i < e->shnum; i++) {
		struct seg s = elf_shdr(e, i), t;

		if (s.type != SHT_DYNAMIC || s.link >= e->shnum)
			continue;
		t = elf_shdr(e, s.link);
		if (t.type == SHT_STRTAB && rd_has(&e->r, t.off, t.size)) {
			*str = (struct span){t.off, t.size};
			return true;
		}
	}
	return false;
}

/* the dynamic string table: DT_STRTAB through PT_LOAD, else sections */
static bool elf_strtab(const struct elf *e, struct span d, struct span *str)
{
	uint64_t addr, size;

	if (elf_dynval(e, d, DT_STRTAB, &addr) && elf_vaddr(e, addr, str)) {
		if (elf_dynval(e, d, DT_STRSZ, &size) && size < str->size)
			str->size = size;
		return true;
	}
	return elf_section_strtab(e, str);
}

/* append the DT_NEEDED names of dynamic array d to im */
static const char *elf_needed(const struct elf *e, struct span d, struct inspect_image *im)
{
	uint64_t w = e->is64 ? 16 : 8, n = elf_dyncount(e, d, DT_NEEDED);
	struct span str;
	const char *err;
	char *s;

	if (n == 0)
		return NULL;
	if (n > MAXNEEDED)
		return "too many ELF DT_NEEDED entries";
	if (!elf_strtab(e, d, &str))
		return "ELF DT_STRTAB outside the file";
	for (uint64_t off = d.off; n > 0 && d.off + d.size - off >= w; off += w) {
		uint64_t val = rdword(&e->r, off + w / 2, e->is64);

		if (rdword(&e->r, off, e->is64) != DT_NEEDED)
			continue;
		n--;
		if (val >= str.size)
			return "ELF DT_NEEDED name outside DT_STRTAB";
		if (!(s = rd_str(&e->r, str.off + val, str.size - val)))
			return "unterminated ELF DT_NEEDED name";
		if ((err = image_need(im, s)))
			return err;
	}
	return NULL;
}

/* ---- ELF symbol versions ---- */

/* the first section of type, into s */
static bool elf_section(const struct elf *e, uint32_t type, struct seg *s)
{
	for (uint32_t i = 0; i < e->shnum; i++)
		if ((*s = elf_shdr(e, i)).type == type)
			return true;
	return false;
}

/* section s (what, for messages) within the input, and the string table its
 * sh_link names */
static const char *elf_linked(const struct elf *e, const struct seg *s, struct span *str)
{
	struct seg t;

	if (!rd_has(&e->r, s->off, s->size))
		return "ELF version section outside the file";
	if (s->link >= e->shnum)
		return "ELF version section links to no string table";
	t = elf_shdr(e, s->link);
	if (t.type != SHT_STRTAB || !rd_has(&e->r, t.off, t.size))
		return "ELF version string table outside the file";
	*str = (struct span){t.off, t.size};
	return NULL;
}

/* a copy of the string at index at of string table str into *out */
static const char *elf_name(const struct elf *e, struct span str, uint64_t at, char **out)
{
	if (at >= str.size)
		return "ELF version or symbol name outside its string table";
	if (!(*out = rd_str(&e->r, str.off + at, str.size - at)))
		return "unterminated ELF version or symbol name";
	return NULL;
}

/* append version name (owned) of file with index idx to im */
static const char *image_version(struct inspect_image *im, const char *file, char *name,
                                 unsigned idx)
{
	size_t n = im->nversions;

	if (n >= MAXVERSIONS) {
		free(name);
		return "too many ELF version needs";
	}
	if ((n & (n - 1)) == 0)
		im->versions = xrealloc(im->versions, (n ? 2 * n : 1) * sizeof(*im->versions));
	im->versions[im->nversions++] = (struct inspect_version){
		.file = xstrdup(file), .name = name, .index = idx};
	return NULL;
}

/* the cnt Vernaux entries from off up to end, each naming a version of file */
static const char *elf_vernaux(const struct elf *e, struct span str, uint64_t off,
                               uint64_t end, uint16_t cnt, const char *file,
                               struct inspect_image *im)
{
	const char *err;
	char *name;

	for (uint16_t i = 0; i < cnt; i++) {
		uint32_t next;

		if (off > end || end - off < 16)
			return "truncated ELF .gnu.version_r";
		if ((err = elf_name(e, str, rd32(&e->r, off + 8), &name)) ||
		    (err = image_version(im, file, name, rd16(&e->r, off + 6) & 0x7fffu)))
			return err;
		if ((next = rd32(&e->r, off + 12)) == 0)
			break;
		off += next;
	}
	return NULL;
}

/* the version needs of .gnu.version_r (SHT_GNU_verneed), sh_info entries of
 * Elf_Verneed, each with its Elf_Vernaux list, linked by byte offsets */
static const char *elf_verneed(const struct elf *e, struct inspect_image *im)
{
	struct seg s;
	struct span str;
	uint64_t off, end;
	const char *err;
	char *file;

	if (!elf_section(e, SHT_GNU_VERNEED, &s))
		return NULL;
	if ((err = elf_linked(e, &s, &str)))
		return err;
	off = s.off;
	end = s.off + s.size;
	for (uint32_t i = 0; i < s.info && i < MAXVERSIONS; i++) {
		uint32_t next;

		if (end - off < 16)
			return "truncated ELF .gnu.version_r";
		if ((err = elf_name(e, str, rd32(&e->r, off + 4), &file)))
			return err;
		err = elf_vernaux(e, str, off + rd32(&e->r, off + 8), end,
		                  rd16(&e->r, off + 2), file, im);
		free(file);
		if (err)
			return err;
		if ((next = rd32(&e->r, off + 12)) == 0)
			break;
		if (next > end - off)
			return "truncated ELF .gnu.version_r";
		off += next;
	}
	return NULL;
}

/* name the lowest-numbered dynamic symbol of each needed version: symbol i's
 * version index is the i-th half-word of .gnu.version */
static const char *elf_versym(const struct elf *e, struct inspect_image *im)
{
	uint64_t esz = e->is64 ? 24 : 16, n, left = im->nversions;
	uint16_t *slot;
	struct seg vs, ds;
	struct span str;
	const char *err = NULL;

	if (!left || !elf_section(e, SHT_GNU_VERSYM, &vs) || !elf_section(e, SHT_DYNSYM, &ds))
		return NULL;
	if (!rd_has(&e->r, vs.off, vs.size))
		return "ELF .gnu.version outside the file";
	if ((err = elf_linked(e, &ds, &str)))
		return err;
	n = ds.size / esz < vs.size / 2 ? ds.size / esz : vs.size / 2;
	slot = xcalloc(0x8000, sizeof(*slot));  /* version index -> position + 1 */
	for (size_t k = im->nversions; k-- > 0;)
		slot[im->versions[k].index] = (uint16_t)(k + 1);
	for (uint64_t i = 1; i < n && left && !err; i++) {
		uint16_t k = slot[rd16(&e->r, vs.off + 2 * i) & 0x7fffu];
		struct inspect_version *v = k ? &im->versions[k - 1] : NULL;

		if (!v || v->symbol)
			continue;
		err = elf_name(e, str, rd32(&e->r, ds.off + i * esz), &v->symbol);
		left--;
	}
	free(slot);
	return err;
}

static const char *elf_parse(const struct rd *in, struct inspect_image *im)
{
	struct elf e = {.r = *in};
	struct seg dyn = {0};
	struct span d;
	bool hasdyn = false;
	const char *err, *noteos = NULL;

	if ((err = elf_header(&e)))
		return err;
	im->bits = e.is64 ? 64 : 32;
	im->big_endian = e.r.be;
	im->arch = elf_arch(&e);
	for (uint16_t i = 0; i < e.phnum; i++) {
		struct seg s = elf_phdr(&e, i);

		if (s.type == PT_INTERP && !im->interp && (err = elf_interp(&e, &s, im)))
			return err;
		if (s.type == PT_DYNAMIC && !hasdyn) {
			dyn = s;
			hasdyn = true;
		}
		if (s.type == PT_NOTE && !noteos)
			noteos = elf_note_os(&e, (struct span){s.off, s.size}, s.align);
	}
	im->os = elf_os(e.osabi, noteos ? noteos : elf_section_os(&e));
	if ((err = elf_dynarray(&e, hasdyn ? &dyn : NULL, &d)) || (err = elf_needed(&e, d, im)) ||
	    (err = elf_verneed(&e, im)) || (err = elf_versym(&e, im)))
		return err;
	image_setlink(im, e.type == ET_DYN && hasdyn);
	return NULL;
}

/* ---- PE/COFF ---- */

struct pe {
	struct rd r;
	uint64_t sects;    /* file offset of the section table */
	uint16_t nsects;
	uint32_t hdrsize;  /* SizeOfHeaders: RVAs below it map to themselves */
};

/* the file extent holding rva, up to the end of its section's data */
static bool pe_map(const struct pe *pe, uint32_t rva, struct span *out)
{
	for (uint16_t i = 0; i < pe->nsects; i++) {
		uint64_t h = pe->sects + 40 * (uint64_t)i;
		uint32_t vsize = rd32(&pe->r, h + 8), va = rd32(&pe->r, h + 12);
		uint32_t raw = rd32(&pe->r, h + 16), ptr = rd32(&pe->r, h + 20);
		uint32_t size = vsize && vsize < raw ? vsize : raw;

		if (rva < va || rva - va >= size)
			continue;
		*out = (struct span){(uint64_t)ptr + (rva - va), size - (rva - va)};
		return out->off <= pe->r.len;
	}
	*out = (struct span){rva, (uint64_t)pe->hdrsize - rva};
	return rva < pe->hdrsize && rva <= pe->r.len;
}

static const char *pe_arch(uint16_t machine)
{
	switch (machine) {
	case 0x14c: return "386";
	case 0x1c0: case 0x1c4: return "arm";
	case 0x5064: return "riscv64";
	case 0x6264: return "loong64";
	case 0x8664: return "amd64";
	case 0xaa64: return "arm64";
	default: return "unknown";
	}
}

/* append the DLL names of the import directory at rva to im; the
 * descriptors end at one with a zero Name or FirstThunk, as in Wine */
static const char *pe_imports(const struct pe *pe, uint32_t rva, struct inspect_image *im)
{
	struct span d, n;
	const char *err;
	char *s;

	if (!pe_map(pe, rva, &d))
		return "PE import directory outside the file";
	for (;; d.off += 20, d.size -= 20) {
		if (d.size < 20 || !rd_has(&pe->r, d.off, 20))
			return "unterminated PE import directory";
		if (rd32(&pe->r, d.off + 12) == 0 || rd32(&pe->r, d.off + 16) == 0)
			return NULL;
		if (!pe_map(pe, rd32(&pe->r, d.off + 12), &n))
			return "PE import name outside the file";
		if (!(s = rd_str(&pe->r, n.off, n.size)))
			return "unterminated PE import name";
		if ((err = image_need(im, s)))
			return err;
	}
}

static const char *pe_parse(const struct rd *in, struct inspect_image *im)
{
	struct pe pe = {.r = *in};
	const struct rd *r = &pe.r;
	uint64_t coff, opt, dd;
	uint16_t optsize, magic;

	if (!rd_has(r, 0, 64))
		return "truncated DOS header";
	coff = (uint64_t)rd32(r, 0x3c) + 4;
	if (!rd_has(r, coff, 20) || memcmp(r->p + coff - 4, "PE\0\0", 4) != 0)
		return "not a PE file (no PE signature)";
	opt = coff + 20;
	optsize = rd16(r, coff + 16);
	magic = rd16(r, opt);
	if (!rd_has(r, opt, optsize) || optsize < 2)
		return "truncated PE optional header";
	if (magic != 0x10b && magic != 0x20b)
		return "bad PE optional header magic";
	dd = magic == 0x20b ? 112 : 96;  /* data directories */
	if (optsize < dd)
		return "truncated PE optional header";
	pe.nsects = rd16(r, coff + 2);
	pe.sects = opt + optsize;
	pe.hdrsize = rd32(r, opt + 60);
	if (!rd_has(r, pe.sects, 40 * (uint64_t)pe.nsects))
		return "truncated PE section table";
	im->arch = pe_arch(rd16(r, coff));
	im->os = "windows";
	im->bits = magic == 0x20b ? 64 : 32;
	if (rd32(r, opt + dd - 4) > 1 && optsize >= dd + 16 && rd32(r, opt + dd + 8)) {
		const char *err = pe_imports(&pe, rd32(r, opt + dd + 8), im);
		if (err)
			return err;
	}
	image_setlink(im, false);
	return NULL;
}

/* ---- Mach-O ---- */

/* load commands; those above INT_MAX cannot be enumerators */
#define LC_LOAD_DYLIB 0xcu
#define LC_LOAD_DYLINKER 0xeu
#define LC_LAZY_LOAD_DYLIB 0x20u
#define LC_LOAD_WEAK_DYLIB 0x80000018u
#define LC_REEXPORT_DYLIB 0x8000001fu
#define LC_LOAD_UPWARD_DYLIB 0x80000023u

static const char *macho_arch(uint32_t cputype)
{
	switch (cputype) {
	case 7: return "386";
	case 12: return "arm";
	case 0x01000007: return "amd64";
	case 0x0100000c: return "arm64";
	case 0x01000012: return "ppc64";
	default: return "unknown";
	}
}

/* the lc_str of the size-byte load command at off (its offset at off+8) */
static const char *macho_str(const struct rd *r, uint64_t off, uint32_t size, char **s)
{
	uint32_t at = rd32(r, off + 8);

	if (size < 12 || at < 12 || at >= size)
		return "bad Mach-O load command string offset";
	if (!(*s = rd_str(r, off + at, size - at)))
		return "unterminated Mach-O load command string";
	return NULL;
}

/* record what the load command at off says about linking */
static const char *macho_cmd(const struct rd *r, uint64_t off, uint32_t size,
                             struct inspect_image *im)
{
	const char *err;
	char *s;

	switch (rd32(r, off)) {
	case LC_LOAD_DYLINKER:
		if (im->interp)
			return NULL;
		return macho_str(r, off, size, &im->interp);
	case LC_LOAD_DYLIB: case LC_LOAD_WEAK_DYLIB: case LC_REEXPORT_DYLIB:
	case LC_LAZY_LOAD_DYLIB: case LC_LOAD_UPWARD_DYLIB:
		if ((err = macho_str(r, off, size, &s)))
			return err;
		return image_need(im, s);
	default:
		return NULL;
	}
}

/* a thin Mach-O: the whole of in */
static const char *macho_parse(const struct rd *in, struct inspect_image *im)
{
	struct rd r = {in->p, in->len, false};
	uint32_t magic = rd32(&r, 0), ncmds, size;
	uint64_t off, end;
	const char *err;

	if ((magic | 1) != 0xfeedfacf && (magic | 0x01000000) != 0xcffaedfe)
		return "not a Mach-O file";
	r.be = (magic | 0x01000000) == 0xcffaedfe;
	im->bits = (magic == 0xfeedfacf || magic == 0xcffaedfe) ? 64 : 32;
	off = im->bits == 64 ? 32 : 28;
	if (!rd_has(&r, 0, off))
		return "truncated Mach-O header";
	im->arch = macho_arch(rd32(&r, 4));
	im->os = "darwin";
	im->big_endian = r.be;
	ncmds = rd32(&r, 16);
	if (!rd_has(&r, off, rd32(&r, 20)))
		return "truncated Mach-O load commands";
	end = off + rd32(&r, 20);
	for (uint32_t i = 0; i < ncmds; i++, off += size) {
		if (end - off < 8)
			return "Mach-O load commands overrun sizeofcmds";
		size = rd32(&r, off + 4);
		if (size < 8 || size > end - off)
			return "bad Mach-O load command size";
		if ((err = macho_cmd(&r, off, size, im)))
			return err;
	}
	image_setlink(im, false);
	return NULL;
}

/* a fat Mach-O: a big-endian table of slices, each a thin Mach-O */
static const char *fat_parse(const struct rd *in, struct inspect_result *res)
{
	struct rd r = {in->p, in->len, true};
	bool is64 = rd32(&r, 0) == 0xcafebabf;
	uint64_t n = rd32(&r, 4), esz = is64 ? 32 : 20;
	uint64_t total = 0;
	const char *err;

	if (!rd_has(&r, 0, 8))
		return "truncated fat Mach-O header";
	if (n == 0)
		return "fat Mach-O without slices";
	if (n > MAXSLICES)
		return "too many fat Mach-O slices";
	if (!rd_has(&r, 8, n * esz))
		return "truncated fat Mach-O header";
	res->images = xcalloc((size_t)n, sizeof(*res->images));
	for (uint64_t i = 0; i < n; i++) {
		uint64_t e = 8 + i * esz;
		uint64_t off = rdword(&r, e + 8, is64);
		uint64_t size = rdword(&r, e + (is64 ? 16 : 12), is64);
		struct rd slice = {r.p, 0, false};

		res->nimages++;
		if (!rd_has(&r, off, size))
			return "fat Mach-O slice outside the file";
		slice.p += off;
		slice.len = (size_t)size;
		if ((err = macho_parse(&slice, &res->images[i])))
			return err;
		if ((total += res->images[i].nneeded) > MAXNEEDED)  /* slices may overlap */
			return "too many needed libraries";
	}
	return NULL;
}

/* ---- WebAssembly ---- */

/* the unsigned LEB128 at *off (below end) into *v; false if malformed */
static bool wasm_leb(const struct rd *r, uint64_t *off, uint64_t end, uint32_t *v)
{
	*v = 0;
	for (int shift = 0; shift < 35 && *off < end; shift += 7) {
		unsigned char c = r->p[(*off)++];

		*v |= (uint32_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return true;
	}
	return false;
}

/* GOOS guessed from the first import's module name in import section s */
static const char *wasm_os(const struct rd *r, struct span s)
{
	uint64_t off = s.off, end = s.off + s.size;
	uint32_t n, len;

	if (!wasm_leb(r, &off, end, &n) || n == 0)
		return "";
	if (!wasm_leb(r, &off, end, &len) || len > end - off)
		return "";
	if (len >= 4 && memcmp(r->p + off, "wasi", 4) == 0)
		return "wasip1";
	if ((len == 2 && memcmp(r->p + off, "go", 2) == 0) ||
	    (len == 4 && memcmp(r->p + off, "gojs", 4) == 0))
		return "js";
	return "";
}

static const char *wasm_parse(const struct rd *r, struct inspect_image *im)
{
	uint64_t off = 8;
	uint32_t size;

	if (r->len < 8)
		return "truncated wasm header";
	if (rd32(r, 4) != 1)  /* r is little-endian */
		return "unsupported wasm version";
	im->arch = "wasm";
	im->bits = 32;
	image_setlink(im, false);
	while (off < r->len) {
		unsigned char id = r->p[off++];

		if (!wasm_leb(r, &off, r->len, &size) || size > r->len - off)
			return "truncated wasm section";
		if (id == 2) {
			im->os = wasm_os(r, (struct span){off, size});
			break;
		}
		off += size;
	}
	return NULL;
}

/* ---- entry points ---- */

/* parse the only image of r with fn */
static const char *parse_one(const char *(*fn)(const struct rd *, struct inspect_image *),
                             const struct rd *r, struct inspect_result *res)
{
	res->images = xcalloc(1, sizeof(*res->images));
	res->nimages = 1;
	res->images[0].arch = "unknown";
	res->images[0].os = "";
	return fn(r, &res->images[0]);
}

const char *inspect_parse(const unsigned char *data, size_t len, struct inspect_result *res)
{
	struct rd r = {data, len, false};
	uint32_t le = rd32(&r, 0);
	const char *err;

	memset(res, 0, sizeof(*res));
	if (len >= 4 && memcmp(data, "\177ELF", 4) == 0) {
		res->format = INSPECT_ELF;
		err = parse_one(elf_parse, &r, res);
	} else if (len >= 2 && memcmp(data, "MZ", 2) == 0) {
		res->format = INSPECT_PE;
		err = parse_one(pe_parse, &r, res);
	} else if ((le | 1) == 0xfeedfacf || (le | 0x01000000) == 0xcffaedfe) {
		res->format = INSPECT_MACHO;
		err = parse_one(macho_parse, &r, res);
	} else if ((le | 0x01000000) == 0xbfbafeca) {  /* 0xcafebabe or 0xcafebabf */
		res->format = INSPECT_MACHO_FAT;
		err = fat_parse(&r, res);
	} else if (len >= 4 && memcmp(data, "\0asm", 4) == 0) {
		res->format = INSPECT_WASM;
		err = parse_one(wasm_parse, &r, res);
	} else {
		return "not an ELF, PE, Mach-O or wasm file";
	}
	if (err)
		inspect_free(res);
	return err;
}

void inspect_free(struct inspect_result *res)
{
	for (size_t i = 0; i < res->nimages; i++)
		image_free(&res->images[i]);
	free(res->images);
	memset(res, 0, sizeof(*res));
}

const char *inspect_format_name(enum inspect_format f)
{
	switch (f) {
	case INSPECT_ELF: return "ELF";
	case INSPECT_PE: return "PE";
	case INSPECT_MACHO: return "Mach-O";
	case INSPECT_MACHO_FAT: return "Mach-O fat";
	case INSPECT_WASM: return "wasm";
	}
	return "unknown";
}

const char *inspect_link_name(enum inspect_link l)
{
	switch (l) {
	case INSPECT_STATIC: return "static";
	case INSPECT_STATIC_PIE: return "static-pie";
	case INSPECT_DYNAMIC: return "dynamic";
	}
	return "unknown";
}
