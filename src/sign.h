/* sign: signature files made by the real tools (minisign, signify, gpg,
 * cosign); keys and passwords come from files and the environment */

struct strlist;

/* the signature file of file for tool (FILE.minisig, FILE.sig, FILE.asc,
 * FILE.cosign.sig), NULL for a tool goninja does not know */
char *sign_output(const char *tool, const char *file);
/* the Debian program that signs for tool, NULL when none */
const char *sign_program(const char *tool);
/* the command that signs file into sig with key, program first, into
 * argv; epoch fixes minisign's trusted comment; password: feed one on
 * standard input. NULL, or a message for an unknown tool */
char *sign_argv(const char *tool, const char *key, const char *file,
                const char *sig, const char *epoch, int password,
                struct strlist *argv);
/* goninja sign --with TOOL [--key K] [--epoch E] --out SIG FILE; the key
 * defaults to $GONINJA_<TOOL>_KEY; $GONINJA_<TOOL>_PASSWORD, when set, is
 * the secret key's password */
int sign_main(int argc, char **argv);
