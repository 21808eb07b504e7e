/* tests for json: what it reads it writes back, key order and number
 * text kept; escapes decoded; bad documents refused with a message */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "cmocka.h"
#include "util.h"
#include "json.h"

static char *rewrite(const char *text)
{
	struct json j;
	struct buf b = {0};
	char *err = json_parse(text, strlen(text), &j);

	if (err)
		return err;
	json_write(&b, &j);
	json_free(&j);
	return b.s;
}

static void test_round_trip(void **state)
{
	static const char *const same[] = {
		"{\"b\":1,\"a\":[true,false,null,-1.5e3],\"c\":{}}",
		"[]", "\"x\"", "{\"k\":[[],{\"z\":\"\"}]}",
	};

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		char *s = rewrite(same[i]);
		assert_string_equal(s, same[i]);
		free(s);
	}
	char *s = rewrite(" { \"a\" : \"\\u00e9\\ud83d\\ude00\\n\\\"\" } ");
	assert_string_equal(s, "{\"a\":\"\xc3\xa9\xf0\x9f\x98\x80\\n\\\"\"}");
	free(s);
}

static void test_refused(void **state)
{
	static const char *const bad[] = {
		"", "{", "{\"a\"}", "{\"a\":1,}", "[1 2]", "\"abc", "tru", "{} x", "\"\\x\"",
		"\"\\u12\"",
	};
	struct json j;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *err = json_parse(bad[i], strlen(bad[i]), &j);
		if (!err)
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(strstr(err, "not JSON"));
		free(err);
	}
	/* nesting is bounded */
	char deep[200];
	memset(deep, '[', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	char *err = json_parse(deep, strlen(deep), &j);
	assert_non_null(err);
	free(err);
}

static void test_edit(void **state)
{
	struct json j;
	struct buf b = {0};
	const char *t = "{\"a\":1,\"b\":[\"x\"],\"c\":2}";

	assert_null(json_parse(t, strlen(t), &j));
	json_push(json_get(&j, "b"), JSON_STRING)->s = xstrdup("y");
	json_del(&j, "a");
	json_put(&j, "d", JSON_OBJECT);
	json_put(&j, "c", JSON_STRING)->s = xstrdup("two");
	assert_string_equal(json_str(json_get(&j, "c")), "two");
	assert_null(json_get(&j, "a"));
	json_write(&b, &j);
	assert_string_equal(b.s, "{\"b\":[\"x\",\"y\"],\"c\":\"two\",\"d\":{}}");
	buf_free(&b);
	json_free(&j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_edit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
