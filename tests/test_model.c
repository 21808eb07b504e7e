#include <stdlib.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "cmocka.h"
#include "util.h"
#include "platform.h"
#include "vcs.h"
#include "model.h"
#include "host.h"

/* a state holding lua/fields.lua's table, as embedded, at -1 */
static lua_State *fields_table(void)
{
	lua_State *L = luaL_newstate();
	size_t len;
	const char *text = host_script("lua/fields.lua", &len);

	assert_non_null(text);
	luaL_openlibs(L);
	assert_int_equal(luaL_loadbuffer(L, text, len, "=lua/fields.lua"), LUA_OK);
	lua_call(L, 0, 1);
	return L;
}

/* run Lua code with the table as `fields`, then compare with the reader */
static char *differ_after(const char *code)
{
	lua_State *L = fields_table();
	char *err;

	lua_pushvalue(L, -1);
	lua_setglobal(L, "fields");
	assert_int_equal(luaL_dostring(L, code), LUA_OK);
	err = model_fields_differ(L);
	lua_close(L);
	return err;
}

/* the go_binary entries as `b`, the entry of key k as `at(k)` */
#define BIN "local b = fields[2][2]; assert(fields[2][1] == 'go_binary'); " \
	"local function at(k) for i, e in ipairs(b) do if e[1] == k then return i, e end end end; "

/* the runtime's scripts are embedded compiled (scripts/embed.c): a run
 * parses none of them; each loads, and keeps its name for messages */
static void test_scripts_compiled(void **state)
{
	const char *names[] = {"lua/runtime.lua", "lua/schema.lua", "lua/fields.lua",
	                       "lua/locate.lua", "rules/go.lua"};

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		lua_State *L = luaL_newstate();
		lua_Debug ar;
		size_t len;
		const char *text = host_script(names[i], &len);

		assert_non_null(text);
		assert_memory_equal(text, LUA_SIGNATURE, strlen(LUA_SIGNATURE));
		assert_int_equal(luaL_loadbufferx(L, text, len, "?", "b"), LUA_OK);
		lua_getinfo(L, ">S", &ar);
		assert_string_equal(ar.source + 1, names[i]);
		lua_close(L);
	}
}

static void test_reader_agrees(void **state)
{
	char *err = differ_after("");

	assert_null(err);
}

static void test_field_without_reader(void **state)
{
	char *err = differ_after(BIN "b[#b + 1] = { 'cover2', 'boolean', default = false }");

	assert_string_equal(err, "go_binary.cover2 is in lua/fields.lua, not in src/model.c");
	free(err);
}

static void test_reader_without_field(void **state)
{
	char *err = differ_after(BIN "table.remove(b, (at('msan')))");

	assert_string_equal(err, "go_binary: src/model.c reads a key lua/fields.lua "
	                    "does not declare");
	free(err);
}

static void test_kind_differs(void **state)
{
	char *err = differ_after(BIN "select(2, at('cgo'))[2] = 'string'");

	assert_string_equal(err, "go_binary.cgo: its kind in lua/fields.lua is not the "
	                    "one src/model.c reads");
	free(err);
	err = differ_after(BIN "local l = select(2, at('link'))[2]; l[1], l[2] = l[2], l[1]");
	assert_string_equal(err, "go_binary.link: its kind in lua/fields.lua is not the "
	                    "one src/model.c reads");
	free(err);
}

static void test_declaration_without_reader(void **state)
{
	char *err = differ_after("fields[#fields + 1] = { 'smoke2', {} }");

	assert_string_equal(err, "declaration smoke2 has no reader in src/model.c");
	free(err);
}

static void test_field_position(void **state)
{
	struct fieldpos f[] = {{"cover", 4, 3, 20, "cover = true"}, {"name", 2, 13, 0, NULL}};
	struct loc w = {"goninja.lua", 2, 1, f, 2, NULL};
	struct loc at = model_field(&w, "cover");

	assert_int_equal(at.line, 4);
	assert_int_equal(at.col, 3);
	assert_null(at.fields);
	at = model_field(&w, "main");   /* not written in place: the declaration */
	assert_int_equal(at.line, 2);
	assert_int_equal(at.col, 1);
	at = model_field(&w, NULL);
	assert_int_equal(at.col, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scripts_compiled),
		cmocka_unit_test(test_reader_agrees),
		cmocka_unit_test(test_field_without_reader),
		cmocka_unit_test(test_reader_without_field),
		cmocka_unit_test(test_kind_differs),
		cmocka_unit_test(test_declaration_without_reader),
		cmocka_unit_test(test_field_position),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
