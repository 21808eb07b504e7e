/* vcs: the git commit a build comes from, read once at generation */

struct strlist;

struct vcs {
	char *commit;     /* full hash, or NULL outside a git checkout */
	char *epoch;      /* commit time in seconds, or SOURCE_DATE_EPOCH */
	char *date;       /* the same as RFC 3339 UTC: 2026-11-26T03:52:58Z */
};

/* fill v for the work tree at the current directory; add the git files
 * whose change means a new commit to inputs: HEAD (per worktree), its
 * branch (loose, else its directory), packed-refs */
void vcs_read(struct vcs *v, struct strlist *inputs);
void vcs_free(struct vcs *v);
