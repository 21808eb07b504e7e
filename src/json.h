/* json: a small JSON reader and writer for the documents goninja edits
 * (OCI image configs and manifests of a base image).  Needs util.h.
 * Object keys keep their order; numbers keep their text. */

enum json_kind { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
	enum json_kind kind;
	char *s;              /* a string's value, a number's text */
	bool b;
	struct json *items;   /* an array's elements, an object's values */
	char **keys;          /* an object's keys */
	size_t n;
};

/* parse text[0..len) into *j; NULL, or a message (caller frees) */
char *json_parse(const char *text, size_t len, struct json *j);
/* j as compact JSON into b */
void json_write(struct buf *b, const struct json *j);
/* the value of key in object j, or NULL */
struct json *json_get(const struct json *j, const char *key);
/* the value of key in object j, added as null when missing (j must be an
 * object); the old value is freed when kind differs */
struct json *json_put(struct json *j, const char *key, enum json_kind kind);
/* remove key from object j, when there */
void json_del(struct json *j, const char *key);
/* a new last element of array j */
struct json *json_push(struct json *j, enum json_kind kind);
/* j's string when it is one, else NULL */
const char *json_str(const struct json *j);
void json_free(struct json *j);
