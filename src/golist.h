/* golist: one go list -deps for a group of cells (the same environment,
 * flags and directory), kept in a file beside their listings and reused
 * by each cell of the group while every file it was read from, and every
 * name in its package directories, is as it was */

#include <stddef.h>

struct buf;
struct strlist;

/* A group listing is what godeps' GROUP_TEMPLATE prints: per
 * non-standard package ImportPath, Match and Deps (one per line), then
 * godeps_depfile's fields (Dir, go.mod, files, an empty field). */

/* the packages pattern's package is made of, in godeps_depfile's format,
 * that package last; -1 when no package matched pattern or list is
 * malformed */
int golist_pick(struct buf *out, const char *list, size_t len, const char *pattern);
/* what list was read from, as it is now: each package directory's names
 * and the state of each file there, of each embedded file's directory,
 * of each go.mod, go.sum, go.work, vendor/modules.txt beside one, and of
 * extra (paths). *newest: the latest time stamp seen, in ns */
void golist_snapshot(struct buf *out, const char *list, size_t len,
                     const struct strlist *extra, long long *newest);
/* the listing saved at path under key when its snapshot is unchanged,
 * else NULL; *len its length (caller frees) */
char *golist_load(const char *path, const char *key, size_t keylen,
                  const struct strlist *extra, size_t *len);
/* save list at path under key, unless a file it was read from changed
 * after t0 (ns, taken before go list ran) less the clock's grain:
 * then the listing may not be the one those files give. 0, or -1 when
 * the file could not be written */
int golist_save(const char *path, const char *key, size_t keylen, const char *list,
                size_t len, const struct strlist *extra, long long t0);
