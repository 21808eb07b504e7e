/* package: Linux packages of release binaries. .deb is written by goninja
 * itself (an ar archive of debian-binary, control.tar.gz with control,
 * md5sums, conffiles and scripts, and data.tar.gz; entries sorted, owner
 * root, one mtime); .rpm by rpmbuild with
 * SOURCE_DATE_EPOCH, a fixed build host and every file's time set.
 * Needs util.h included first. */

/* the format's name for platform ("linux/arm/v7" -> "armhf" for "deb",
 * "armv7hl" for "rpm"); NULL with *why when the format has none */
const char *package_arch(const char *format, const char *platform, const char **why);
/* version ("v1.2.3-rc1") as the format writes it: "1.2.3~rc1" for both
 * deb and rpm (rpm's Release is separate); NULL with *why (allocated)
 * when it cannot be one */
char *package_version(const char *format, const char *version, char **why);
/* the package file name: NAME_VERSION_ARCH.deb, NAME-VERSION-RELEASE.ARCH.rpm */
char *package_file(const char *format, const char *name, const char *version,
                   const char *release, const char *arch);
/* whether d is a destination a package can hold: absolute, normalised,
 * no '=', '"', '\\', '%' or line break */
bool package_dest_ok(const char *d);
/* s with "\\" and line breaks escaped as \\ and \n (one ninja value) */
char *package_escape(const char *s);
/* goninja package --format deb|rpm --out FILE --name N --version V
 * --platform P [metadata options] SRC=DEST... */
int package_main(int argc, char **argv);
