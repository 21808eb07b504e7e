/* goninja: Go release matrices as ninja builds */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "flags.h"
#include "gen.h"
#include "godeps.h"
#include "show.h"
#include "inspect.h"
#include "check.h"
#include "matrix.h"
#include "affected.h"
#include "archive.h"
#include "fat.h"
#include "report.h"
#include "init.h"
#include "doctor.h"
#include "sbom.h"
#include "provenance.h"
#include "sign.h"
#include "smoke.h"
#include "package.h"
#include "image.h"
#include "manifest.h"

static const char usage_text[] =
	"usage: goninja [gen] [-C dir] [-f rulefile] [-o build.ninja] [-D name=value]...\n"
	"       goninja targets [--json] [options]\n"
	"       goninja explain OUTPUT|BINARY@PLATFORM [options]\n"
	"       goninja check [--expect static|dynamic] [--allow LIB]... [--json] FILE...\n"
	"       goninja matrix [--json] [--by platform|binary] [--shards N | --shard I/N [--targets]] [--affected REV]\n"
	"       goninja affected --since REV [--json] [options]\n"
	"       goninja report [options]\n"
	"       goninja archive -o OUT.tar.gz|OUT.zip [--prefix DIR/] [--mtime EPOCH] FILE[=NAME]...\n"
	"       goninja lipo -o OUT THIN-MACHO...\n"
	"       goninja provenance --out FILE [options] ARTIFACT...\n"
	"       goninja package --format deb|rpm --out FILE [options] SRC=/DEST...\n"
	"       goninja manifest --kind homebrew|scoop --out FILE [options] ARCHIVE...\n"
	"       goninja sign --with minisign|signify|gpg|cosign [--key KEY] --out SIG FILE\n"
	"       goninja sbom --name N --platform P [--project P] [--version V] [--epoch E] FILE -- GO [flags] PKG\n"
	"       goninja smoke --platform OS/ARCH --log LOG [--archive A --member NAME] FILE --run ...\n"
	"       goninja image layer|index ... (goninja image --help)\n"
	"       goninja init [-C dir] [--force]\n"
	"       goninja doctor [-C dir] [-f rulefile] [-D name=value]...\n"
	"       goninja --version | --help\n"
	"\n"
	"gen      evaluate the rule file and write build.ninja (the default)\n"
	"targets  list every (binary, platform) cell and its output\n"
	"explain  show a cell's environment, command, and why each flag is there\n"
	"check    inspect binaries: static, static-pie or dynamic, and what they load\n"
	"matrix   the CI job list: per platform, per binary, or N balanced shards\n"
	"affected the cells and tests whose inputs changed since a git revision\n"
	"report   after a build: each output's size, linkage and check; out/artifacts.json\n"
	"archive  a reproducible .tar.gz or .zip (release edges use it)\n"
	"lipo     a macOS universal binary from thin Mach-O files\n"
	"provenance an in-toto SLSA v1 statement over the release artifacts\n"
	"package  a reproducible .deb (goninja's own writer) or .rpm (rpmbuild)\n"
	"manifest a Homebrew formula or Scoop manifest over release archives\n"
	"sign     a signature by the real tool (release edges)\n"
	"sbom     FILE.spdx.json and FILE.cdx.json from a binary's build info (sbom edges)\n"
	"smoke    run a built binary here, natively, under qemu-user or wine (smoke edges use it)\n"
	"image    an OCI image layer, or the multi-arch layout and archive (image edges)\n"
	"init     write a first goninja.lua for the Go module here\n"
	"doctor   whether this machine can build (and run) what the rule file declares\n"
	"\n"
	"options:\n"
	"  -C dir          change to dir first\n"
	"  -f rulefile     the rule file (default goninja.lua)\n"
	"  -o file         the ninja file to write (default build.ninja)\n"
	"  -D name=value   a value for var(name) in the rule files\n"
	"  --max-steps N   Lua instructions, in thousands (default 200000)\n"
	"  --max-memory N  MiB the rule evaluation may use (default 512)\n"
	"  --max-seconds N CPU seconds it may use (default 10)\n";

static _Noreturn void usage(int status)
{
	fputs(usage_text, status ? stderr : stdout);
	exit(status);
}

/* parse options; positional arguments go to pos */
static void options(int argc, char **argv, struct genopts *o, struct strlist *pos,
                    int *json)
{
	char **rest = xcalloc((size_t)argc + 1, sizeof(*rest));
	int n = 0;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			usage(0);
		else if (json && strcmp(a, "--json") == 0)
			*json = 1;
		else
			rest[n++] = argv[i];     /* options keep pointing into argv */
	}
	gen_options(o, n, rest, pos);
	free(rest);
}

static int cmd_gen(struct genopts *o, struct strlist *pos)
{
	struct gen g;
	int rc;

	if (pos->n)
		fatal("gen takes no arguments, not \"%s\"", pos->v[0]);
	gen_load(&g, o);
	rc = gen_write(&g, o);
	gen_free(&g);
	return rc;
}

static int cmd_targets(struct genopts *o, struct strlist *pos, int json)
{
	struct gen g;

	if (pos->n)
		fatal("targets takes no arguments, not \"%s\"", pos->v[0]);
	gen_recorded_defines(o);
	gen_load(&g, o);
	show_targets(&g, json);
	gen_free(&g);
	return 0;
}

static int cmd_explain(struct genopts *o, struct strlist *pos)
{
	const struct cell *c;
	struct gen g;
	size_t rec;

	if (pos->n != 1)
		fatal("explain takes one OUTPUT or BINARY@PLATFORM (goninja --help)");
	rec = gen_recorded_defines(o);
	gen_load(&g, o);
	if (!(c = gen_find(&g, pos->v[0]))) {
		fprintf(stderr, "goninja: explain: no cell \"%s\": see goninja targets\n",
		        pos->v[0]);
		gen_free(&g);
		return 1;
	}
	show_explain(c, g.sched);
	for (size_t i = 0; i < o->ndefines; i++)
		printf("%s-D %s", i ? " " : rec ? "defines, as build.ninja was generated: "
		       : "defines: ", o->defines[i]);
	if (o->ndefines)
		putchar('\n');
	gen_free(&g);
	return 0;
}

int main(int argc, char **argv)
{
	struct genopts o = GENOPTS_DEFAULT;
	struct strlist pos = {0};
	const char *cmd = "gen";
	int json = 0, first = 1, rc;

	setenv("GOTOOLCHAIN", "local", 1);
	if (argc > 1 && argv[1][0] != '-') {
		cmd = argv[1];
		first = 2;
	}
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		puts("goninja " GONINJA_VERSION);
		return 0;
	}
	if (strcmp(cmd, "godeps") == 0)
		return godeps_main(argc - 1, argv + 1);
	if (strcmp(cmd, "check") == 0)
		return check_main(argc - 1, argv + 1);
	if (strcmp(cmd, "matrix") == 0)
		return matrix_main(argc - 1, argv + 1);
	if (strcmp(cmd, "affected") == 0)
		return affected_main(argc - 1, argv + 1);
	if (strcmp(cmd, "init") == 0)
		return init_main(argc - 1, argv + 1);
	if (strcmp(cmd, "doctor") == 0)
		return doctor_main(argc - 1, argv + 1);
	if (strcmp(cmd, "report") == 0)
		return report_main(argc - 1, argv + 1);
	if (strcmp(cmd, "archive") == 0)
		return archive_main(argc - 1, argv + 1);
	if (strcmp(cmd, "lipo") == 0)
		return fat_main(argc - 1, argv + 1);
	if (strcmp(cmd, "sbom") == 0)
		return sbom_main(argc - 1, argv + 1);
	if (strcmp(cmd, "provenance") == 0)
		return provenance_main(argc - 1, argv + 1);
	if (strcmp(cmd, "package") == 0)
		return package_main(argc - 1, argv + 1);
	if (strcmp(cmd, "manifest") == 0)
		return manifest_main(argc - 1, argv + 1);
	if (strcmp(cmd, "sign") == 0)
		return sign_main(argc - 1, argv + 1);
	if (strcmp(cmd, "smoke") == 0)
		return smoke_main(argc - 1, argv + 1);
	if (strcmp(cmd, "image") == 0)
		return image_main(argc - 1, argv + 1);
	options(argc - first, argv + first, &o, &pos,
	        strcmp(cmd, "targets") == 0 ? &json : NULL);
	if (strcmp(cmd, "gen") == 0)
		rc = cmd_gen(&o, &pos);
	else if (strcmp(cmd, "targets") == 0)
		rc = cmd_targets(&o, &pos, json);
	else if (strcmp(cmd, "explain") == 0)
		rc = cmd_explain(&o, &pos);
	else
		fatal("unknown command \"%s\" (goninja --help)", cmd);
	strlist_free(&pos);
	free(o.defines);
	return rc;
}
