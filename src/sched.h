/* sched: how many go builds run at once (the link pool's depth) and the
 * -p each gets, from the project's limits and this machine's memory and
 * cores at generation */

#include <stdbool.h>

/* what one link is taken to need when memory_per_link is not declared */
#define SCHED_PER_LINK_DEFAULT (2ULL << 30)

struct sched {
	int depth;                   /* the link pool's depth: go builds at once */
	int p;                       /* go build -p: cores / depth, at least 1 */
	int ncpu;                    /* cores online at generation */
	int jobs;                    /* project jobs, 0: not declared */
	unsigned long long mem;      /* bytes at generation, 0: unknown */
	const char *memfrom;         /* "MemTotal", "MemAvailable" or NULL */
	unsigned long long per_link; /* bytes one link is taken to need */
	bool per_link_declared;      /* memory_per_link was written */
};

/* the bytes of a size such as "2G", "512M", "1.5G", "4096K", "3GiB";
 * 0 when s is not one */
unsigned long long sched_size(const char *s);
/* /proc/meminfo's MemTotal (stable from run to run), else its MemAvailable,
 * in bytes (0: neither); *from names the line used */
unsigned long long sched_meminfo(const char *text, const char **from);
/* this machine's memory (/proc/meminfo, or the file $GONINJA_MEMINFO
 * names) and cores online ($GONINJA_NPROC when set) */
void sched_machine(unsigned long long *mem, const char **from, int *ncpu);
/* s->depth and s->p from the other fields: depth is the smaller of jobs
 * (else the cores) and the links that fit in memory, at least 1 */
void sched_plan(struct sched *s);
/* why the depth is what it is, one line (caller frees) */
char *sched_why(const struct sched *s);
