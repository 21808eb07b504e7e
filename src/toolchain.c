#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "toolchain.h"

#define T(plat, cc, cxx, pkg) {{NULL, 0, 0, NULL, 0, NULL}, plat, cc, cxx, NULL, "glibc", pkg}

/* Debian 12's cross compilers; arm is split by float ABI (GOARM) */
static const struct toolchain builtin[] = {
	T("linux/amd64", "x86_64-linux-gnu-gcc", "x86_64-linux-gnu-g++", "gcc-x86-64-linux-gnu"),
	T("linux/arm64", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-g++", "gcc-aarch64-linux-gnu"),
	T("linux/arm/7", "arm-linux-gnueabihf-gcc", "arm-linux-gnueabihf-g++", "gcc-arm-linux-gnueabihf"),
	T("linux/arm/6", "arm-linux-gnueabi-gcc", "arm-linux-gnueabi-g++", "gcc-arm-linux-gnueabi"),
	T("linux/arm/5", "arm-linux-gnueabi-gcc", "arm-linux-gnueabi-g++", "gcc-arm-linux-gnueabi"),
	T("linux/386", "i686-linux-gnu-gcc", "i686-linux-gnu-g++", "gcc-i686-linux-gnu"),
	T("linux/riscv64", "riscv64-linux-gnu-gcc", "riscv64-linux-gnu-g++", "gcc-riscv64-linux-gnu"),
	T("linux/ppc64le", "powerpc64le-linux-gnu-gcc", "powerpc64le-linux-gnu-g++", "gcc-powerpc64le-linux-gnu"),
	T("linux/ppc64", "powerpc64-linux-gnu-gcc", "powerpc64-linux-gnu-g++", "gcc-powerpc64-linux-gnu"),
	T("linux/s390x", "s390x-linux-gnu-gcc", "s390x-linux-gnu-g++", "gcc-s390x-linux-gnu"),
	T("linux/mips", "mips-linux-gnu-gcc", "mips-linux-gnu-g++", "gcc-mips-linux-gnu"),
	T("linux/mipsle", "mipsel-linux-gnu-gcc", "mipsel-linux-gnu-g++", "gcc-mipsel-linux-gnu"),
	T("linux/mips64", "mips64-linux-gnuabi64-gcc", "mips64-linux-gnuabi64-g++", "gcc-mips64-linux-gnuabi64"),
	T("linux/mips64le", "mips64el-linux-gnuabi64-gcc", "mips64el-linux-gnuabi64-g++", "gcc-mips64el-linux-gnuabi64"),
	T("windows/amd64", "x86_64-w64-mingw32-gcc", "x86_64-w64-mingw32-g++", "gcc-mingw-w64-x86-64"),
	T("windows/386", "i686-w64-mingw32-gcc", "i686-w64-mingw32-g++", "gcc-mingw-w64-i686"),
};

static const struct toolchain host_glibc = T("host", NULL, NULL, NULL);
static const struct toolchain host_musl = {{NULL, 0, 0, NULL, 0, NULL}, "host", "musl-gcc", NULL, NULL,
                                           "musl", "musl-tools"};

static bool libc_is(const struct toolchain *t, const char *libc)
{
	return strcmp(t->libc ? t->libc : "glibc", libc ? libc : "glibc") == 0;
}

static const struct toolchain *declared(const struct toolchain *decl, size_t n,
                                        const char *name, const char *libc)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(decl[i].platform, name) == 0 && libc_is(&decl[i], libc))
			return &decl[i];
	return NULL;
}

const struct toolchain *toolchain_for(const struct toolchain *decl, size_t n,
                                      const struct platform *p, const char *libc,
                                      bool native)
{
	const struct toolchain *t;
	char *osarch = xasprintf("%s/%s", p->os, p->arch);
	char *key;

	t = declared(decl, n, p->name, libc);
	if (!t)
		t = declared(decl, n, osarch, libc);
	if (!t && native)
		t = libc_is(&host_musl, libc) ? &host_musl : &host_glibc;
	if (!t && libc_is(&host_glibc, libc)) {
		key = strcmp(p->arch, "arm") == 0 ? xasprintf("%s/%s", osarch, p->varvalue)
		                                  : xstrdup(osarch);
		for (size_t i = 0; i < sizeof(builtin) / sizeof(*builtin) && !t; i++)
			if (strcmp(builtin[i].platform, key) == 0)
				t = &builtin[i];
		free(key);
	}
	free(osarch);
	return t;
}
