#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"
#include "sched.h"

unsigned long long sched_size(const char *s)
{
	unsigned long long whole = 0, frac = 0, fdiv = 1, unit = 1;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return 0;
	for (; isdigit((unsigned char)*p); p++)
		if ((whole = whole * 10 + (unsigned)(*p - '0')) > 1ULL << 40)
			return 0;
	if (*p == '.' && isdigit((unsigned char)p[1]))
		for (p++; isdigit((unsigned char)*p) && fdiv < 1000000; p++) {
			frac = frac * 10 + (unsigned)(*p - '0');
			fdiv *= 10;
		}
	switch (toupper((unsigned char)*p)) {
	case 'K': unit = 1ULL << 10; break;
	case 'M': unit = 1ULL << 20; break;
	case 'G': unit = 1ULL << 30; break;
	case 'T': unit = 1ULL << 40; break;
	default: return 0;           /* a bare number is too easily a mistake */
	}
	p++;
	if (strcmp(p, "") != 0 && strcmp(p, "B") != 0 && strcmp(p, "iB") != 0)
		return 0;
	if (whole > (1ULL << 62) / unit)
		return 0;
	return whole * unit + frac * unit / fdiv;
}

/* the kB value of "Name:   1234 kB" lines, 0 when absent */
static unsigned long long meminfo_line(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : l)
		if (strncmp(l, name, n) == 0 && l[n] == ':')
			return strtoull(l + n + 1, NULL, 10) * 1024;
	return 0;
}

/* MemTotal, not MemAvailable: what is free changes from one generation to
 * the next, and a changed -p changes every go command, rebuilding all */
unsigned long long sched_meminfo(const char *text, const char **from)
{
	unsigned long long m;

	*from = "MemTotal";
	if ((m = meminfo_line(text, "MemTotal")))
		return m;
	*from = "MemAvailable";
	if ((m = meminfo_line(text, "MemAvailable")))
		return m;
	*from = NULL;
	return 0;
}

void sched_machine(unsigned long long *mem, const char **from, int *ncpu)
{
	const char *path = getenv("GONINJA_MEMINFO"), *n = getenv("GONINJA_NPROC");
	char *text = file_read(path && *path ? path : "/proc/meminfo", 1 << 20, NULL, NULL);
	long c = n && *n ? atol(n) : sysconf(_SC_NPROCESSORS_ONLN);

	*mem = text ? sched_meminfo(text, from) : 0;
	if (!text)
		*from = NULL;
	free(text);
	*ncpu = c > 0 && c < 1 << 16 ? (int)c : 1;
}

void sched_plan(struct sched *s)
{
	int cap = s->jobs > 0 ? s->jobs : s->ncpu;

	if (!s->per_link)
		s->per_link = SCHED_PER_LINK_DEFAULT;
	s->depth = cap;
	if (s->mem && s->mem / s->per_link < (unsigned long long)cap)
		s->depth = (int)(s->mem / s->per_link);
	if (s->depth < 1)
		s->depth = 1;
	s->p = s->ncpu / s->depth;
	if (s->p < 1)
		s->p = 1;
}

/* "23.5 GiB" */
static char *gib(unsigned long long n)
{
	if (n % (1ULL << 30) == 0)
		return xasprintf("%llu GiB", n >> 30);
	if (n < 1ULL << 30)
		return xasprintf("%llu MiB", n >> 20);
	return xasprintf("%.1f GiB", (double)n / (1ULL << 30));
}

char *sched_why(const struct sched *s)
{
	char *cap, *fit = NULL, *m = gib(s->mem), *pl = gib(s->per_link), *why;
	unsigned long long links = s->mem / s->per_link;

	cap = s->jobs ? xasprintf("jobs = %d", s->jobs)
	      : xasprintf("%d core%s (jobs not declared)", s->ncpu, s->ncpu == 1 ? "" : "s");
	if (s->mem)
		fit = xasprintf("%llu %s in %s (%s at generation) at %s each "
		                "(%s)", links, links == 1 ? "link fits" : "links fit", m, s->memfrom, pl,
		                s->per_link_declared ? "memory_per_link"
		                : "memory_per_link not declared: the default estimate");
	if (!s->mem)
		why = xasprintf("%s; the machine's memory is unknown (no /proc/meminfo)", cap);
	else if (links < 1)
		why = xasprintf("%s; less than one link fits: %s, so one at a time", cap, fit);
	else
		why = xasprintf("the smaller of %s and %s", cap, fit);
	free(cap);
	free(fit);
	free(m);
	free(pl);
	return why;
}
