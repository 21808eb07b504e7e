/* image: OCI image configs, manifests, indexes and layouts, built in
 * memory and written through outfile.  image_main parses argv; the
 * workers return messages. */

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "util.h"
#include "outfile.h"
#include "sha256.h"
#include "archive.h"
#include "json.h"
#include "image.h"

#define USAGE \
	"usage: goninja image layer --out DIR --platform OS/ARCH[/VARIANT] [--base LAYOUT]\n" \
	"           [--mtime EPOCH]\n" \
	"           [--entrypoint WORD]... [--cmd WORD]... [--env NAME=VALUE]...\n" \
	"           [--label KEY=VALUE]... FILE=PATH...\n" \
	"       goninja image index --layout DIR --archive OUT.tar --tag TAG [--base LAYOUT] [--mtime EPOCH]\n" \
	"           OS/ARCH[/VARIANT]=DIR...\n"

static const char usage[] =
	USAGE
	"layer: one platform's image in DIR: layer.tar.gz (each FILE stored at\n"
	"  PATH, relative to the image's root, with its parent directories, owner\n"
	"  0/0, time EPOCH), config.json and manifest.json.\n"
	"index: the layer directories as an OCI image layout DIR whose index.json\n"
	"  tags one multi-arch image index TAG, and OUT.tar, the layout as an OCI\n"
	"  archive.\n"
	"--base: build on that OCI image layout's image for the platform (its\n"
	"  layers kept, each checked against its digest).\n"
	"EPOCH defaults to $SOURCE_DATE_EPOCH, else 0.\n"
	"Exit status: 0 written, 1 an input or an output failed, 2 bad usage.\n";

#define MT_INDEX "application/vnd.oci.image.index.v1+json"
#define MT_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define MT_CONFIG "application/vnd.oci.image.config.v1+json"
#define MT_LAYER "application/vnd.oci.image.layer.v1.tar+gzip"
#define REF_NAME "org.opencontainers.image.ref.name"

/* "sha256:HEX" of data */
static char *digest(const char *data, size_t n)
{
	char hex[65];

	sha256_hex(data, n, hex);
	return xconcat("sha256:", hex, NULL);
}

/* ---- JSON ---- */

static void json_list(struct buf *b, const struct strlist *l)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_putc(b, ',');
		buf_json(b, l->v[i]);
	}
	buf_putc(b, ']');
}

/* {"k":"v",...} of "k=v" strings, split at the first '=' */
static void json_pairs(struct buf *b, const struct strlist *l)
{
	buf_putc(b, '{');
	for (size_t i = 0; i < l->n; i++) {
		const char *eq = strchr(l->v[i], '=');
		char *k = xstrndup(l->v[i], eq ? (size_t)(eq - l->v[i]) : strlen(l->v[i]));

		if (i)
			buf_putc(b, ',');
		buf_json(b, k);
		buf_putc(b, ':');
		buf_json(b, eq ? eq + 1 : "");
		free(k);
	}
	buf_putc(b, '}');
}

static void descriptor(struct buf *b, const char *type, const char *dig, size_t size)
{
	buf_puts(b, "{\"mediaType\":");
	buf_json(b, type);
	buf_puts(b, ",\"digest\":");
	buf_json(b, dig);
	buf_printf(b, ",\"size\":%zu", size);
}

bool image_platform_json(struct buf *b, const char *platform)
{
	const char *a = strchr(platform, '/'), *v = a ? strchr(a + 1, '/') : NULL;
	char *os, *arch;

	if (!a || a == platform || !a[1] || a[1] == '/' || (v && !v[1]))
		return false;
	os = xstrndup(platform, (size_t)(a - platform));
	arch = v ? xstrndup(a + 1, (size_t)(v - a - 1)) : xstrdup(a + 1);
	buf_puts(b, "{\"architecture\":");
	buf_json(b, arch);
	buf_puts(b, ",\"os\":");
	buf_json(b, os);
	if (v) {
		buf_puts(b, ",\"variant\":");
		buf_json(b, v + 1);
	}
	buf_putc(b, '}');
	free(os);
	free(arch);
	return true;
}

void image_config_json(struct buf *b, const struct image_config *c, const char *diff_id)
{
	struct buf plat = {0};
	time_t t = (time_t)c->mtime;
	struct tm tm;
	char created[32];

	gmtime_r(&t, &tm);
	strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	image_platform_json(&plat, c->platform);
	/* the platform's keys (architecture, os, variant) lead, then the rest */
	buf_putn(b, plat.s, plat.len - 1);
	buf_puts(b, ",\"config\":{");
	buf_puts(b, "\"Env\":");
	json_list(b, &c->env);
	if (c->entrypoint.n) {
		buf_puts(b, ",\"Entrypoint\":");
		json_list(b, &c->entrypoint);
	}
	if (c->cmd.n) {
		buf_puts(b, ",\"Cmd\":");
		json_list(b, &c->cmd);
	}
	if (c->labels.n) {
		buf_puts(b, ",\"Labels\":");
		json_pairs(b, &c->labels);
	}
	buf_puts(b, "},\"created\":");
	buf_json(b, created);
	buf_puts(b, ",\"history\":[{\"created\":");
	buf_json(b, created);
	buf_puts(b, ",\"created_by\":\"goninja image\"}]");
	buf_puts(b, ",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[");
	buf_json(b, diff_id);
	buf_puts(b, "]}}");
	buf_free(&plat);
}

void image_manifest_json(struct buf *b, const char *config_digest, size_t config_size,
                         const char *layer_digest, size_t layer_size)
{
	buf_puts(b, "{\"schemaVersion\":2,\"mediaType\":" "\"" MT_MANIFEST "\"" ",\"config\":");
	descriptor(b, MT_CONFIG, config_digest, config_size);
	buf_puts(b, "},\"layers\":[");
	descriptor(b, MT_LAYER, layer_digest, layer_size);
	buf_puts(b, "}]}");
}

/* ---- a base image ---- */

/* the base's blob dig ("sha256:HEX"), checked against its digest */
static char *base_blob(const char *base, const char *dig, struct buf *out)
{
	char hex[65], *path, *why, *data, *err = NULL;
	size_t n;

	if (strncmp(dig, "sha256:", 7) != 0 || strlen(dig) != 71 ||
	    strspn(dig + 7, "0123456789abcdef") != 64)
		return xasprintf("%s: a digest goninja cannot check: %s", base, dig);
	path = xconcat(base, "/blobs/sha256/", dig + 7, NULL);
	if (!(data = file_read(path, 0, &n, &why))) {
		err = xasprintf("%s: %s", path, why);
		free(why);
	} else {
		sha256_hex(data, n, hex);
		if (strcmp(hex, dig + 7) != 0)
			err = xasprintf("%s: does not match its digest", path);
		else
			buf_putn(out, data, n);
	}
	free(data);
	free(path);
	return err;
}

/* the base's blob dig as JSON into *j */
static char *base_json(const char *base, const char *dig, struct json *j)
{
	struct buf b = {0};
	char *err = base_blob(base, dig, &b), *why;

	if (!err && (why = json_parse(b.s ? b.s : "", b.len, j))) {
		err = xasprintf("%s: blob %s: %s", base, dig, why);
		free(why);
	}
	buf_free(&b);
	return err;
}

/* does the OCI platform object p match want (os/arch[/variant])? a
 * variant only one of them names matches */
static bool platform_match(const struct json *p, const char *want)
{
	struct buf b = {0};
	struct json w;
	bool ok;

	image_platform_json(&b, want);
	if (json_parse(b.s, b.len, &w))
		return false;
	const char *v1 = json_str(json_get(p, "variant")), *v2 = json_str(json_get(&w, "variant"));
	ok = json_str(json_get(p, "os")) && json_str(json_get(p, "architecture")) &&
	     strcmp(json_str(json_get(p, "os")), json_str(json_get(&w, "os"))) == 0 &&
	     strcmp(json_str(json_get(p, "architecture")), json_str(json_get(&w, "architecture"))) == 0 &&
	     (!v1 || !v2 || strcmp(v1, v2) == 0);
	json_free(&w);
	buf_free(&b);
	return ok;
}

/* the digest of the manifest for platform among the descriptors of index
 * idx, looking one index deep; NULL when none */
static char *base_pick(const char *base, const struct json *idx, const char *platform,
                       int depth, char **err)
{
	const struct json *ms = json_get(idx, "manifests");

	for (size_t i = 0; ms && ms->kind == JSON_ARRAY && i < ms->n && !*err; i++) {
		const struct json *d = &ms->items[i], *p = json_get(d, "platform");
		const char *type = json_str(json_get(d, "mediaType")), *dig = json_str(json_get(d, "digest"));
		struct json sub;
		char *found;

		if (!type || !dig)
			continue;
		if (strcmp(type, MT_INDEX) == 0 && depth == 0) {
			if ((*err = base_json(base, dig, &sub)))
				return NULL;
			found = base_pick(base, &sub, platform, 1, err);
			json_free(&sub);
			if (found)
				return found;
		} else if (strcmp(type, MT_MANIFEST) == 0 && p && platform_match(p, platform)) {
			return xstrdup(dig);
		}
	}
	return NULL;
}

/* the base's manifest for platform into man, its config into cfg */
static char *base_find(const char *base, const char *platform, struct json *man,
                       struct json *cfg)
{
	char *path = xconcat(base, "/index.json", NULL), *why, *err = NULL, *dig = NULL;
	size_t n;
	char *data = file_read(path, 0, &n, &why);
	struct json idx;

	if (!data) {
		err = xasprintf("%s: %s", path, why);
		free(why);
	} else if ((why = json_parse(data, n, &idx))) {
		err = xasprintf("%s: %s", path, why);
		free(why);
	} else {
		dig = base_pick(base, &idx, platform, 0, &err);
		if (!dig && !err)
			err = xasprintf("base %s: no OCI image manifest for %s (its platforms must "
			                "be named in its index)", base, platform);
		json_free(&idx);
	}
	if (!err && !(err = base_json(base, dig, man))) {
		const char *cdig = json_str(json_get(json_get(man, "config"), "digest"));
		const struct json *layers = json_get(man, "layers");
		if (!cdig || !layers || layers->kind != JSON_ARRAY)
			err = xasprintf("base %s: manifest %s names no config or layers", base, dig);
		else
			err = base_json(base, cdig, cfg);
		if (err)
			json_free(man);
	}
	free(data);
	free(path);
	free(dig);
	return err;
}

static void set_string(struct json *obj, const char *key, const char *v)
{
	struct json *j = json_put(obj, key, JSON_STRING);

	free(j->s);
	j->s = xstrdup(v);
}

static void set_list(struct json *obj, const char *key, const struct strlist *l)
{
	struct json *j = json_put(obj, key, JSON_ARRAY);

	json_free(j);
	j->kind = JSON_ARRAY;
	for (size_t i = 0; i < l->n; i++)
		json_push(j, JSON_STRING)->s = xstrdup(l->v[i]);
}

/* env entry "NAME=v" into the Env list e, replacing the same NAME */
static void set_env(struct json *e, const char *entry)
{
	size_t k = strcspn(entry, "=");

	for (size_t i = 0; i < e->n; i++) {
		const char *s = json_str(&e->items[i]);
		if (s && strncmp(s, entry, k) == 0 && s[k] == '=') {
			free(e->items[i].s);
			e->items[i].s = xstrdup(entry);
			return;
		}
	}
	json_push(e, JSON_STRING)->s = xstrdup(entry);
}

/* the base's config cfg made this image's: c's settings, the layer */
static void base_config(struct json *cfg, const struct image_config *c, const char *diff_id)
{
	struct buf pj = {0};
	struct json plat, *conf, *v;
	char created[32];
	time_t t = (time_t)c->mtime;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	image_platform_json(&pj, c->platform);
	if (!json_parse(pj.s, pj.len, &plat)) {
		set_string(cfg, "architecture", json_str(json_get(&plat, "architecture")));
		set_string(cfg, "os", json_str(json_get(&plat, "os")));
		if (json_get(&plat, "variant"))
			set_string(cfg, "variant", json_str(json_get(&plat, "variant")));
		json_free(&plat);
	}
	buf_free(&pj);
	set_string(cfg, "created", created);
	conf = json_put(cfg, "config", JSON_OBJECT);
	v = json_put(conf, "Env", JSON_ARRAY);
	for (size_t i = 0; i < c->env.n; i++)
		set_env(v, c->env.v[i]);
	if (c->entrypoint.n)
		set_list(conf, "Entrypoint", &c->entrypoint);
	if (c->cmd.n)
		set_list(conf, "Cmd", &c->cmd);
	else
		json_del(conf, "Cmd");
	v = json_put(conf, "Labels", JSON_OBJECT);
	for (size_t i = 0; i < c->labels.n; i++) {
		char *k = xstrndup(c->labels.v[i], strcspn(c->labels.v[i], "="));
		set_string(v, k, c->labels.v[i] + strlen(k) + (c->labels.v[i][strlen(k)] ? 1 : 0));
		free(k);
	}
	v = json_put(cfg, "history", JSON_ARRAY);
	v = json_push(v, JSON_OBJECT);
	set_string(v, "created", created);
	set_string(v, "created_by", "goninja image");
	v = json_put(cfg, "rootfs", JSON_OBJECT);
	set_string(v, "type", "layers");
	json_push(json_put(v, "diff_ids", JSON_ARRAY), JSON_STRING)->s = xstrdup(diff_id);
}

static void set_descriptor(struct json *d, const char *type, const char *dig, size_t size)
{
	char n[32];

	set_string(d, "mediaType", type);
	set_string(d, "digest", dig);
	snprintf(n, sizeof(n), "%zu", size);
	set_string(d, "size", n);
	d->items[d->n - 1].kind = JSON_NUMBER;
}

/* config and manifest of this platform's image on the base */
static char *base_image(const struct image_config *c, const char *diff_id, const char *ldig,
                        size_t lsize, struct buf *config, struct buf *manifest)
{
	struct json man, cfg;
	char *err = base_find(c->base, c->platform, &man, &cfg), *cdig;
	const char *type = json_str(json_get(&man, "mediaType"));

	if (err)
		return err;
	if (type && strcmp(type, MT_MANIFEST) != 0)
		err = xasprintf("base %s: the %s manifest is %s, not an OCI image manifest",
		                c->base, c->platform, type);
	if (!err) {
		base_config(&cfg, c, diff_id);
		json_write(config, &cfg);
		cdig = digest(config->s, config->len);
		set_descriptor(json_put(&man, "config", JSON_OBJECT), MT_CONFIG, cdig, config->len);
		set_descriptor(json_push(json_put(&man, "layers", JSON_ARRAY), JSON_OBJECT),
		               MT_LAYER, ldig, lsize);
		json_write(manifest, &man);
		free(cdig);
	}
	json_free(&man);
	json_free(&cfg);
	return err;
}

/* ---- layer ---- */

/* dir, made when missing; refused when it is anything but a directory */
static char *real_dir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return xasprintf("%s: %s", dir, strerror(errno));
	if (lstat(dir, &st) < 0)
		return xasprintf("%s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return xasprintf("%s: is %s, not a directory", dir, file_kind(st.st_mode));
	return NULL;
}

/* a member: the stored path and the FILE=PATH argument, or NULL for a
 * directory */
struct member {
	char *name;
	const char *arg;
};

static int member_cmp(const void *a, const void *b)
{
	return strcmp(((const struct member *)a)->name, ((const struct member *)b)->name);
}

static bool have_member(const struct member *m, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(m[i].name, name) == 0)
			return true;
	return false;
}

/* the layer of files ("FILE=PATH"), each parent directory an entry, all
 * sorted by path (a parent before its children) */
static char *layer_archive(const struct strlist *files, long long mtime, struct archive *a)
{
	struct member *m = NULL;
	size_t n = 0;
	char *err = NULL;

	for (size_t i = 0; i < files->n; i++) {
		const char *eq = strrchr(files->v[i], '=');
		if (!eq || !eq[1]) {
			err = xasprintf("%s: not FILE=PATH", files->v[i]);
			break;
		}
		m = xrealloc(m, (n + 1) * sizeof(*m));
		m[n++] = (struct member){xstrdup(eq + 1), files->v[i]};
		for (char *s = strchr(eq + 1, '/'); s; s = strchr(s + 1, '/')) {
			char *dir = xstrndup(eq + 1, (size_t)(s - eq - 1) + 1);   /* "usr/" */
			if (have_member(m, n, dir)) {
				free(dir);
				continue;
			}
			m = xrealloc(m, (n + 1) * sizeof(*m));
			m[n++] = (struct member){dir, NULL};
		}
	}
	if (n)
		qsort(m, n, sizeof(*m), member_cmp);
	a->format = ARCHIVE_TGZ;
	a->mtime = mtime;
	for (size_t i = 0; i < n; i++) {
		if (!err && m[i].arg) {
			err = archive_add(a, m[i].arg, NULL);
		} else if (!err) {
			m[i].name[strlen(m[i].name) - 1] = '\0';
			err = archive_add_dir(a, m[i].name);
		}
		free(m[i].name);
	}
	free(m);
	return err;
}

static char *save(const char *dir, const char *name, const struct buf *b)
{
	char *path = xconcat(dir, "/", name, NULL);
	char *err = outfile_write(path, b->s ? b->s : "", b->len);

	free(path);
	return err;
}

/* write the layer, config and manifest of c and files into dir */
static char *image_layer(const char *dir, const struct image_config *c,
                         const struct strlist *files)
{
	struct archive a = {0};
	struct buf layer = {0}, config = {0}, manifest = {0};
	char tarsum[65], *diff = NULL, *ldig = NULL, *cdig = NULL, *err;

	if (!(err = real_dir(dir)) && !(err = layer_archive(files, c->mtime, &a)) &&
	    !(err = archive_build_hashed(&a, &layer, tarsum))) {
		diff = xconcat("sha256:", tarsum, NULL);
		ldig = digest(layer.s, layer.len);
		if (c->base) {
			err = base_image(c, diff, ldig, layer.len, &config, &manifest);
		} else {
			image_config_json(&config, c, diff);
			cdig = digest(config.s, config.len);
			image_manifest_json(&manifest, cdig, config.len, ldig, layer.len);
		}
		if (!err && !(err = save(dir, "layer.tar.gz", &layer)) &&
		    !(err = save(dir, "config.json", &config)))
			err = save(dir, "manifest.json", &manifest);
	}
	archive_free(&a);
	buf_free(&layer);
	buf_free(&config);
	buf_free(&manifest);
	free(diff);
	free(ldig);
	free(cdig);
	return err;
}

/* ---- index and layout ---- */

/* copy a platform directory's file into the layout's blobs as its
 * digest; the digest into *dig, the size into *size */
static char *put_blob(const char *blobs, const char *pdir, const char *name,
                      struct strlist *kept, char **dig, size_t *size)
{
	char *path = xconcat(pdir, "/", name, NULL), *why, *err = NULL;
	size_t n;
	char *data = file_read(path, 0, &n, &why);

	if (!data) {
		err = xasprintf("%s: %s", path, why);
		free(why);
		free(path);
		return err;
	}
	*dig = digest(data, n);
	*size = n;
	free(path);
	path = xconcat(blobs, "/", *dig + 7, NULL);
	if (!strlist_has(kept, *dig + 7)) {
		strlist_add(kept, xstrdup(*dig + 7));
		err = outfile_write(path, data, n);
	}
	free(path);
	free(data);
	return err;
}

/* remove every file of blobs not in kept: blobs of an older build */
static char *prune(const char *blobs, const struct strlist *kept)
{
	DIR *d = opendir(blobs);
	struct dirent *e;
	char *err = NULL;

	if (!d)
		return xasprintf("%s: %s", blobs, strerror(errno));
	while (!err && (e = readdir(d))) {
		if (e->d_name[0] == '.' || strlist_has(kept, e->d_name))
			continue;
		char *path = xconcat(blobs, "/", e->d_name, NULL);
		if (unlink(path) < 0)
			err = xasprintf("%s: %s", path, strerror(errno));
		free(path);
	}
	closedir(d);
	return err;
}

/* ",{descriptor, platform" of a manifest, into b ("{" first when b is empty) */
static void platform_descriptor(struct buf *b, const char *dig, size_t size,
                                const struct buf *pj)
{
	if (b->len)
		buf_putc(b, ',');
	descriptor(b, MT_MANIFEST, dig, size);
	buf_puts(b, ",\"platform\":");
	buf_putn(b, pj->s, pj->len);
}

/* "TAG-linux-arm-v7": the tag of one platform's manifest in the layout */
static char *platform_tag(const char *tag, const char *plat)
{
	char *t = xconcat(tag, "-", plat, NULL);

	for (char *c = t + strlen(tag); *c; c++)
		if (*c == '/')
			*c = '-';
	return t;
}

/* the base's layers the manifest in pdir names, into blobs */
static char *base_layers(const char *base, const char *blobs, const char *pdir,
                         struct strlist *kept)
{
	char *path = xconcat(pdir, "/manifest.json", NULL), *why, *err = NULL;
	size_t n;
	char *data = file_read(path, 0, &n, &why);
	struct json man;
	const struct json *layers;

	if (!data) {
		err = xasprintf("%s: %s", path, why);
		free(why);
	} else if ((why = json_parse(data, n, &man))) {
		err = xasprintf("%s: %s", path, why);
		free(why);
	} else {
		layers = json_get(&man, "layers");
		for (size_t i = 0; layers && i + 1 < layers->n && !err; i++) {
			const char *dig = json_str(json_get(&layers->items[i], "digest"));
			struct buf b = {0};
			if (!dig || strlist_has(kept, dig + 7))
				continue;
			if (!(err = base_blob(base, dig, &b))) {
				char *out = xconcat(blobs, "/", dig + 7, NULL);
				strlist_add(kept, xstrdup(dig + 7));
				err = outfile_write(out, b.s ? b.s : "", b.len);
				free(out);
			}
			buf_free(&b);
		}
		json_free(&man);
	}
	free(data);
	free(path);
	return err;
}

/* one platform of the index: its three blobs (and the base's layers), its
 * descriptor into idx and into refs, tagged with the platform's tag */
static char *index_platform(const char *blobs, const char *arg, const char *tag,
                            const char *base, struct strlist *kept, struct buf *idx,
                            struct buf *refs)
{
	const char *eq = strchr(arg, '=');
	char *plat, *dig[3] = {0}, *err = NULL;
	static const char *const names[3] = {"layer.tar.gz", "config.json", "manifest.json"};
	size_t size[3];
	struct buf pj = {0};

	if (!eq || !eq[1])
		return xasprintf("%s: not OS/ARCH[/VARIANT]=DIR", arg);
	plat = xstrndup(arg, (size_t)(eq - arg));
	if (!image_platform_json(&pj, plat))
		err = xasprintf("%s: not a platform OS/ARCH[/VARIANT]", plat);
	for (int i = 0; !err && i < 3; i++)
		err = put_blob(blobs, eq + 1, names[i], kept, &dig[i], &size[i]);
	if (!err && base)
		err = base_layers(base, blobs, eq + 1, kept);
	if (!err) {
		char *ptag = platform_tag(tag, plat);
		platform_descriptor(idx, dig[2], size[2], &pj);
		buf_putc(idx, '}');
		platform_descriptor(refs, dig[2], size[2], &pj);
		buf_puts(refs, ",\"annotations\":{\"" REF_NAME "\":");
		buf_json(refs, ptag);
		buf_puts(refs, "}}");
		free(ptag);
	}
	for (int i = 0; i < 3; i++)
		free(dig[i]);
	buf_free(&pj);
	free(plat);
	return err;
}

/* an index.json: the image index tagged tag, then, when refs is not NULL,
 * each platform's manifest under its own tag (for tools that pick no
 * platform) */
static void layout_index(struct buf *b, const char *dig, size_t size, const char *tag,
                         const struct buf *refs)
{
	buf_puts(b, "{\"schemaVersion\":2,\"mediaType\":\"" MT_INDEX "\",\"manifests\":[");
	descriptor(b, MT_INDEX, dig, size);
	buf_puts(b, ",\"annotations\":{\"" REF_NAME "\":");
	buf_json(b, tag);
	buf_puts(b, "}}");
	if (refs) {
		buf_putc(b, ',');
		buf_putn(b, refs->s, refs->len);
	}
	buf_puts(b, "]}");
}

/* the layout dir as a plain tar at out: blobs sorted, then index.json
 * (top: the index tag alone) and oci-layout */
static char *layout_archive(const char *dir, const struct strlist *kept,
                            long long mtime, const struct buf *top, const char *out)
{
	struct archive a = {.format = ARCHIVE_TAR, .mtime = mtime};
	struct strlist sorted = {0};
	struct buf b = {0};
	char *err;

	for (size_t i = 0; i < kept->n; i++)
		strlist_add(&sorted, xstrdup(kept->v[i]));
	strlist_sort(&sorted);
	err = archive_add_dir(&a, "blobs");
	if (!err)
		err = archive_add_dir(&a, "blobs/sha256");
	for (size_t i = 0; !err && i < sorted.n; i++) {
		char *arg = xconcat(dir, "/blobs/sha256/", sorted.v[i], "=blobs/sha256/",
		                    sorted.v[i], NULL);
		err = archive_add(&a, arg, NULL);
		free(arg);
	}
	if (!err)
		err = archive_add_data(&a, "index.json", top->s, top->len);
	if (!err) {
		char *arg = xconcat(dir, "/oci-layout=oci-layout", NULL);
		err = archive_add(&a, arg, NULL);
		free(arg);
	}
	if (!err && !(err = archive_build(&a, &b)))
		err = outfile_save(out, b.s ? b.s : "", b.len, 0644);
	archive_free(&a);
	strlist_free(&sorted);
	buf_free(&b);
	return err;
}

static char *image_index(const char *dir, const char *archive, const char *tag,
                         const char *base, long long mtime, const struct strlist *plats)
{
	struct strlist kept = {0};
	struct buf idx = {0}, top = {0}, refs = {0}, ents = {0};
	char *blobs = xconcat(dir, "/blobs/sha256", NULL), *sub = xconcat(dir, "/blobs", NULL);
	char *err, *dig = NULL;

	if (!(err = real_dir(dir)) && !(err = real_dir(sub)))
		err = real_dir(blobs);
	for (size_t i = 0; !err && i < plats->n; i++)
		err = index_platform(blobs, plats->v[i], tag, base, &kept, &ents, &refs);
	buf_puts(&idx, "{\"schemaVersion\":2,\"mediaType\":\"" MT_INDEX "\",\"manifests\":[");
	buf_putn(&idx, ents.s ? ents.s : "", ents.len);
	buf_puts(&idx, "]}");
	if (!err) {
		dig = digest(idx.s, idx.len);
		strlist_add(&kept, xstrdup(dig + 7));
		char *path = xconcat(blobs, "/", dig + 7, NULL);
		err = outfile_write(path, idx.s, idx.len);
		free(path);
	}
	if (!err)
		err = prune(blobs, &kept);
	if (!err) {
		struct buf lay = {0};
		buf_puts(&lay, "{\"imageLayoutVersion\":\"1.0.0\"}");
		err = save(dir, "oci-layout", &lay);
		buf_free(&lay);
	}
	if (!err) {
		layout_index(&top, dig, idx.len, tag, &refs);
		err = save(dir, "index.json", &top);
	}
	if (!err) {
		buf_free(&top);
		layout_index(&top, dig, idx.len, tag, NULL);
		err = layout_archive(dir, &kept, mtime, &top, archive);
	}
	strlist_free(&kept);
	buf_free(&idx);
	buf_free(&top);
	buf_free(&refs);
	buf_free(&ents);
	free(blobs);
	free(sub);
	free(dig);
	return err;
}

/* ---- the command ---- */

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "goninja: image: %s%s\n" USAGE, msg, arg);
	return 2;
}

struct args {
	const char *out, *layout, *archive, *tag, *mtime;
	struct image_config c;
	struct strlist files;   /* borrowed from argv */
};

static void take(struct strlist *l, const char *v)
{
	strlist_add(l, (char *)v);
}

/* parse argv after the mode word; -1 on --help, 2 on bad usage, else 0 */
static int image_args(int argc, char **argv, struct args *g)
{
	const char *v;

	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-')
			take(&g->files, a);
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return -1;
		else if ((v = opt_value(argc, argv, &i, "--out")))
			g->out = v;
		else if ((v = opt_value(argc, argv, &i, "--layout")))
			g->layout = v;
		else if ((v = opt_value(argc, argv, &i, "--archive")))
			g->archive = v;
		else if ((v = opt_value(argc, argv, &i, "--tag")))
			g->tag = v;
		else if ((v = opt_value(argc, argv, &i, "--mtime")))
			g->mtime = v;
		else if ((v = opt_value(argc, argv, &i, "--platform")))
			g->c.platform = v;
		else if ((v = opt_value(argc, argv, &i, "--base")))
			g->c.base = v;
		else if ((v = opt_value(argc, argv, &i, "--entrypoint")))
			take(&g->c.entrypoint, v);
		else if ((v = opt_value(argc, argv, &i, "--cmd")))
			take(&g->c.cmd, v);
		else if ((v = opt_value(argc, argv, &i, "--env")))
			take(&g->c.env, v);
		else if ((v = opt_value(argc, argv, &i, "--label")))
			take(&g->c.labels, v);
		else
			return usage_error("unknown option: ", a);
	}
	return 0;
}

/* --mtime, else $SOURCE_DATE_EPOCH, else 0; 2 when bad */
static int mtime_of(const char *s, long long *t)
{
	*t = 0;
	if (!s && !(s = getenv("SOURCE_DATE_EPOCH")))
		return 0;
	if (!*s || archive_parse_mtime(s, t))
		return 0;
	return usage_error("the time is not a number of seconds: ", s);
}

/* check the mode's options and run it; 0, 1 or 2 */
static int image_run(bool layer, struct args *g)
{
	struct buf probe = {0};
	char *err;
	int rc;

	if ((rc = mtime_of(g->mtime, &g->c.mtime)))
		return rc;
	if (layer) {
		if (!g->out || !*g->out)
			return usage_error("layer: no --out DIR", "");
		if (!g->c.platform || !image_platform_json(&probe, g->c.platform))
			return usage_error("layer: --platform OS/ARCH[/VARIANT] needed, not: ",
			                   g->c.platform ? g->c.platform : "nothing");
		buf_free(&probe);
		if (!g->files.n)
			return usage_error("layer: no FILE=PATH given", "");
		strlist_sort(&g->c.labels);
		err = image_layer(g->out, &g->c, &g->files);
	} else {
		if (!g->layout || !g->archive || !g->tag || !*g->tag)
			return usage_error("index: --layout, --archive and --tag are needed", "");
		if (!g->files.n)
			return usage_error("index: no OS/ARCH=DIR given", "");
		err = image_index(g->layout, g->archive, g->tag, g->c.base, g->c.mtime, &g->files);
	}
	if (!err)
		return 0;
	fprintf(stderr, "goninja: image: %s\n", err);
	free(err);
	return 1;
}

int image_main(int argc, char **argv)
{
	struct args g = {0};
	int status;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc < 2 || (strcmp(argv[1], "layer") != 0 && strcmp(argv[1], "index") != 0))
		return usage_error("layer or index first, not: ", argc < 2 ? "nothing" : argv[1]);
	status = image_args(argc, argv, &g);
	if (status == -1) {
		fputs(usage, stdout);
		status = 0;
	} else if (status == 0) {
		status = image_run(strcmp(argv[1], "layer") == 0, &g);
	}
	free(g.files.v);
	free(g.c.entrypoint.v);
	free(g.c.cmd.v);
	free(g.c.env.v);
	free(g.c.labels.v);
	return status;
}
