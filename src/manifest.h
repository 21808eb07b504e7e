/* manifest: install manifests over the release archives, rendered from
 * their names and SHA-256 sums: a Homebrew formula (tap layout,
 * Formula/NAME.rb) and a Scoop manifest (JSON). Needs util.h first. */

/* one archive a manifest points at */
struct manifest_archive {
	const char *platform;   /* "darwin/arm64", "linux/arm/v7", "windows/amd64" */
	const char *url;        /* where users download it */
	char sha256[65];
};

struct manifest {
	const char *name, *version, *description, *homepage, *license;
	struct strlist bins;                 /* binary names (".exe" added for scoop) */
	struct manifest_archive *archives;
	size_t narchives;
};

/* Homebrew's class name for a formula name: "my-tool" -> "MyTool" */
char *manifest_class(const char *name);
/* whether kind ("homebrew", "scoop") has a place for platform */
bool manifest_serves(const char *kind, const char *platform);
/* the formula's Ruby text into out */
void manifest_homebrew(const struct manifest *m, struct buf *out);
/* the Scoop manifest's JSON text into out */
void manifest_scoop(const struct manifest *m, struct buf *out);
/* goninja manifest --kind homebrew|scoop --out FILE --name N --version V
 * [--description D] [--homepage U] [--license L] [--bin B]...
 * (--platform P --url U ARCHIVE)... */
int manifest_main(int argc, char **argv);
