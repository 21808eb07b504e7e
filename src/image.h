/* image: the "goninja image" command; OCI images written without a
 * daemon.  Needs util.h included first.
 *
 * goninja image layer: one platform's image in a directory: layer.tar.gz
 * (archive.h's deterministic tar.gz, with a directory entry for every
 * parent of a member), config.json and manifest.json.
 * goninja image index: the platform directories gathered into an OCI
 * image layout (oci-layout, index.json, blobs/sha256/...) whose index.json
 * names one multi-arch image index under a tag, and an OCI archive: that
 * layout as a plain tar.  The same inputs give the same bytes: fixed key
 * order, no time but --mtime.
 *
 * With --base DIR (an OCI image layout, such as skopeo copy writes), each
 * platform's image is the base's image for that platform plus the layer:
 * its config keeps the base's and gains the layer's diff_id, a history
 * entry, the env (a NAME replaces the base's), labels, the entrypoint and
 * the cmd (the base's cmd is dropped: it was for the base's entrypoint);
 * index copies the base's layers, each checked against its digest. */

/* what one platform's image config holds */
struct image_config {
	const char *platform;           /* "linux/arm/v7" */
	long long mtime;                /* "created", seconds since 1970 */
	struct strlist entrypoint, cmd; /* exec form */
	struct strlist env;             /* "NAME=value", in order */
	struct strlist labels;          /* "key=value", sorted by key */
	const char *base;               /* an OCI layout to build on, or NULL */
};

/* the OCI "platform" object of os/arch[/variant] into b; false when
 * platform has no os and arch */
bool image_platform_json(struct buf *b, const char *platform);
/* the image config JSON of c into b, its layer's diff_id "sha256:HEX" */
void image_config_json(struct buf *b, const struct image_config *c, const char *diff_id);
/* the image manifest JSON naming a config and one gzip layer */
void image_manifest_json(struct buf *b, const char *config_digest, size_t config_size,
                         const char *layer_digest, size_t layer_size);
/* goninja image layer|index ...: 0 written, 1 failed, 2 bad usage */
int image_main(int argc, char **argv);
