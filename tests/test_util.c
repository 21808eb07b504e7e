#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmocka.h"
#include "util.h"

/* buf_printf converts %s %d %zu %c %% itself: the same text as printf */
static void test_printf(void **state)
{
	char want[256];
	struct buf b = {0};
	char *s;

	buf_printf(&b, "%s = %d, %zu%c %% %s|", "name", -42, (size_t)18446744073709551615u,
	           'x', (const char *)NULL);
	snprintf(want, sizeof(want), "%s = %d, %zu%c %% %s|", "name", -42,
	         (size_t)18446744073709551615u, 'x', "(null)");
	assert_string_equal(b.s, want);
	buf_printf(&b, "%d %d", INT_MIN, INT_MAX);
	snprintf(want + strlen(want), sizeof(want) - strlen(want), "%d %d", INT_MIN, INT_MAX);
	assert_string_equal(b.s, want);
	assert_int_equal(b.len, strlen(want));
	buf_printf(&b, "|%.*s|%.*s|%.*s|%s/%.*s", 3, "abcdef", 10, "ab", -1, "neg", "out", 0, "x");
	snprintf(want + strlen(want), sizeof(want) - strlen(want), "|%.*s|%.*s|%.*s|%s/%.*s",
	         3, "abcdef", 10, "ab", -1, "neg", "out", 0, "x");
	assert_string_equal(b.s, want);
	buf_free(&b);
	/* anything else goes through vsnprintf */
	s = xasprintf("%-6s|%04x|%.2s|%lld", "ab", 255, "xyz", -5LL);
	assert_string_equal(s, "ab    |00ff|xy|-5");
	free(s);
	s = xasprintf("%s", "");
	assert_string_equal(s, "");
	free(s);
}

struct sink {
	struct buf got;
	size_t calls;
};

static void collect(void *p, const char *s, size_t n)
{
	struct sink *k = p;

	buf_putn(&k->got, s, n);
	k->calls++;
}

/* a buffer with a flush holds BUF_FLUSH bytes at most (but for one large
 * piece), hands everything on in order, and keeps BUF_KEEP bytes a writer
 * may take back */
static void test_flush(void **state)
{
	struct sink k = {0};
	struct buf b = {.flush = collect, .sink = &k}, want = {0};
	char big[3 * BUF_FLUSH];

	for (int i = 0; i < 100000; i++) {
		buf_printf(&b, "line %d\n", i);
		buf_printf(&want, "line %d\n", i);
		assert_true(b.cap <= BUF_FLUSH);
		b.len--;                 /* take back the newline */
		want.len--;
		buf_putc(&b, '\n');
		buf_putc(&want, '\n');
	}
	memset(big, 'b', sizeof(big));
	buf_putn(&b, big, sizeof(big));
	buf_putn(&want, big, sizeof(big));
	buf_flush(&b);
	assert_int_equal(b.len, 0);
	assert_true(k.calls > 10);
	assert_int_equal(k.got.len, want.len);
	assert_memory_equal(k.got.s, want.s, want.len);
	buf_free(&b);
	buf_free(&want);
	buf_free(&k.got);
}

/* strings numbered in the order first added, whatever their length */
static void test_intern(void **state)
{
	struct intern in = {0};
	char s[64];

	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < 1000; i++) {
			snprintf(s, sizeof(s), "%*zu", (int)(i % 40), i);
			assert_int_equal(intern_add(&in, s), i);
		}
	assert_int_equal(in.list.n, 1000);
	intern_free(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_flush),
		cmocka_unit_test(test_intern),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
