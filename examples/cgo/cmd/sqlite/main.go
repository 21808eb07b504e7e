// sqlite links Debian's libsqlite3 and runs a query through it.
package main

/*
#cgo LDFLAGS: -lsqlite3
#include <sqlite3.h>
#include <stdlib.h>

static int query(char *out, int n) {
	sqlite3 *db;
	sqlite3_stmt *st;
	int rc = -1;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK) return -1;
	if (sqlite3_prepare_v2(db, "select 6 * 7", -1, &st, 0) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) rc = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return rc;
}
*/
import "C"

import "fmt"

func main() {
	fmt.Printf("sqlite %s: 6*7 = %d\n", C.GoString(C.sqlite3_libversion()), int(C.query(nil, 0)))
}
