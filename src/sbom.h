/* sbom: SPDX 2.3 and CycloneDX 1.5 documents for one built binary, from
 * its own build info (go version -m), cross-checked with go list -deps */

/* needs util.h: struct strlist */

/* a module as the binary records it; rpath NULL when not replaced */
struct sbom_mod {
	char *path, *version, *sum;
	char *rpath, *rversion, *rsum;
};

struct sbom {
	/* from the build info */
	char *gover;                 /* "go1.19.8" */
	char *pkg;                   /* the main package's import path */
	struct sbom_mod main;
	struct sbom_mod *deps;       /* in the binary's order (sorted by path) */
	size_t ndeps;
	struct strlist settings;     /* "key=value" build settings, as recorded */
	/* from goninja */
	const char *name;            /* the binary's name in the rule file */
	const char *file;            /* its file name: "server.exe" */
	const char *platform;        /* "linux/arm/v7" */
	const char *project, *version;
	const char *sha256;          /* of the binary, hex */
	long long epoch;             /* document time */
};

/* read `go version -m FILE` output into s: 0, or -1 when it is not build info */
int sbom_buildinfo(struct sbom *s, const char *text);
/* add a setting goninja passed but the build info leaves out (-ldflags
 * under -trimpath), keeping the settings' order; no-op when recorded */
void sbom_setting(struct sbom *s, const char *key, const char *value);
/* the binary's modules as cross-check keys, "path@version[ => rpath@rversion]" */
void sbom_keys(const struct sbom *s, struct strlist *keys);
/* NULL when the binary's modules are exactly the listed ones (keys from
 * godeps_modules), else a message naming the first difference; caller frees */
char *sbom_crosscheck(const struct sbom *s, const struct strlist *listed);
/* the documents: deterministic, ids derived from their own content */
void sbom_spdx(struct buf *b, const struct sbom *s);
void sbom_cyclonedx(struct buf *b, const struct sbom *s);
/* an RFC 4122 urn:uuid (version 5 layout) from the SHA-256 of data */
char *sbom_uuid(const char *data, size_t n);
/* a package URL for a Go module: pkg:golang/PATH@VERSION */
char *sbom_purl(const char *path, const char *version);
void sbom_free(struct sbom *s);

/* goninja sbom --name N --platform P [--project N --version V --epoch E]
 * FILE -- GO [build flags] PACKAGE: FILE.spdx.json, FILE.cdx.json */
int sbom_main(int argc, char **argv);
