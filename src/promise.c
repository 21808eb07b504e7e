#include <stdbool.h>
#include <string.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "flags.h"
#include "promise.h"

/* DLLs every Windows installs; mingw's runtime DLLs are not among them */
static const char *windows_dlls[] = {
	"kernel32.dll", "msvcrt.dll", "ntdll.dll", "advapi32.dll", "ws2_32.dll",
	"user32.dll", "gdi32.dll", "shell32.dll", "ole32.dll", "oleaut32.dll",
	"winmm.dll", "iphlpapi.dll", "userenv.dll", "bcrypt.dll", "crypt32.dll",
	"secur32.dll", "dnsapi.dll", "netapi32.dll", "powrprof.dll", "mswsock.dll",
	"shlwapi.dll", "comdlg32.dll", "comctl32.dll", "version.dll", "setupapi.dll",
	"ucrtbase.dll", "api-ms-win-*.dll", "synchronization.dll", "wtsapi32.dll",
};
static const char *darwin_libs[] = {
	"/usr/lib/libSystem.B.dylib", "/usr/lib/libresolv.9.dylib",
	"/usr/lib/libobjc.A.dylib", "/usr/lib/libc++.1.dylib",
	"/System/Library/Frameworks/*",
};
static const char *openbsd_libs[] = {"libc.so*", "libpthread.so*"};

static void allow(struct strlist *args, const char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strlist_add(args, xconcat("--allow=", v[i], NULL));
}

#define ALLOW(args, v) allow(args, v, sizeof(v) / sizeof(*v))

static void system_libs(const char *os, struct strlist *args)
{
	bool known = true;

	if (strcmp(os, "windows") == 0)
		ALLOW(args, windows_dlls);
	else if (strcmp(os, "darwin") == 0)
		ALLOW(args, darwin_libs);
	else if (strcmp(os, "openbsd") == 0)
		ALLOW(args, openbsd_libs);
	else
		known = false;
	if (known)
		strlist_add(args, xstrdup("--expect=dynamic"));
}

const char *promise_glibc(const struct cell *c, const char **why)
{
	const struct binary *b = c->bin;

	*why = NULL;
	if (!b->glibc || b->test)
		return NULL;
	if (!c->plat || strcmp(c->plat->os, "linux") != 0)
		*why = "not linux: no glibc to check";
	else if (b->buildmode != MODE_EXE && b->buildmode != MODE_PIE)
		*why = "not an executable: nothing checked";
	else if (strcmp(c->linkage, "dynamic") != 0)
		*why = "static: glibc is linked in, nothing to check";
	else if (b->cgo && strcmp(b->libc, "musl") == 0)
		*why = "musl: no glibc";
	else
		return b->glibc;
	return NULL;
}

int promise_args(const struct cell *c, struct strlist *args)
{
	const struct platform *p = c->plat;
	enum buildmode m = c->bin->buildmode;
	const char *floor, *why;

	if (!p || c->bin->test || (m != MODE_EXE && m != MODE_PIE))
		return 0;
	if (strcmp(c->linkage, "static") == 0 || strcmp(c->linkage, "static-pie") == 0)
		strlist_add(args, xstrdup("--expect=static"));
	else if (strcmp(c->linkage, "default") == 0)
		system_libs(p->os, args);
	strlist_add(args, xconcat("--arch=", p->arch, NULL));
	strlist_add(args, xconcat("--os=", p->os, NULL));
	if ((floor = promise_glibc(c, &why)))
		strlist_add(args, xconcat("--max-glibc=", floor, NULL));
	return 1;
}
