#include <stdlib.h>
#include <string.h>
#include "cmocka.h"
#include "util.h"
#include "sign.h"

static char *joined(const struct strlist *l)
{
	struct buf b = {0};

	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_putc(&b, ' ');
		buf_puts(&b, l->v[i]);
	}
	return b.s;
}

static void test_outputs(void **state)
{
	char *s = sign_output("minisign", "out/release/SHA256SUMS");

	assert_string_equal(s, "out/release/SHA256SUMS.minisig");
	free(s);
	s = sign_output("signify", "x");
	assert_string_equal(s, "x.sig");
	free(s);
	s = sign_output("gpg", "x");
	assert_string_equal(s, "x.asc");
	free(s);
	s = sign_output("cosign", "x");
	assert_string_equal(s, "x.cosign.sig");
	free(s);
	assert_null(sign_output("pgp", "x"));
	assert_string_equal(sign_program("signify"), "signify-openbsd");
	assert_null(sign_program("openssl"));
}

static void test_argv(void **state)
{
	struct strlist a = {0};
	char *s;

	assert_null(sign_argv("minisign", "k.key", "out/release/SUMS", "SUMS.tmp", "1700000000", 0, &a));
	s = joined(&a);
	/* the trusted comment is minisign's own, with the release time */
	assert_string_equal(s, "minisign -S -s k.key -m out/release/SUMS -x SUMS.tmp -t "
	                    "timestamp:1700000000\tfile:SUMS\thashed");
	free(s);
	strlist_free(&a);
	assert_null(sign_argv("signify", "k.sec", "f", "f.sig", "0", 0, &a));
	s = joined(&a);
	assert_string_equal(s, "signify-openbsd -S -s k.sec -m f -x f.sig");
	free(s);
	strlist_free(&a);
	assert_null(sign_argv("gpg", "me@example.org", "f", "f.asc", "0", 1, &a));
	s = joined(&a);
	assert_string_equal(s, "gpg --pinentry-mode=loopback --passphrase-fd=0 --batch --yes "
	                    "--local-user me@example.org --armor --detach-sign --output f.asc f");
	free(s);
	strlist_free(&a);
	assert_null(sign_argv("cosign", "cosign.key", "f", "f.cosign.sig", "0", 0, &a));
	s = joined(&a);
	assert_string_equal(s, "cosign sign-blob --yes --key cosign.key --output-signature f.cosign.sig f");
	free(s);
	strlist_free(&a);
	s = sign_argv("pgp", "k", "f", "f.x", "0", 0, &a);
	assert_string_equal(s, "unknown signing tool \"pgp\"");
	free(s);
	strlist_free(&a);
}

/* no key given and none in the environment: exit 1, before any tool runs */
static void test_missing_key(void **state)
{
	char *argv[] = { "sign", "--with=minisign", "--out=/nonexistent/x.minisig", "/nonexistent/x", NULL };
	char *argv2[] = { "sign", "--with=minisign", "--key=/nonexistent/k.key",
	                  "--out=/nonexistent/x.minisig", "/nonexistent/x", NULL };

	unsetenv("GONINJA_MINISIGN_KEY");
	assert_int_equal(sign_main(4, argv), 1);
	setenv("GONINJA_MINISIGN_KEY", "", 1);      /* empty is unset */
	assert_int_equal(sign_main(4, argv), 1);
	assert_int_equal(sign_main(5, argv2), 1);   /* a key file that is not there */
	unsetenv("GONINJA_MINISIGN_KEY");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outputs),
		cmocka_unit_test(test_argv),
		cmocka_unit_test(test_missing_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
