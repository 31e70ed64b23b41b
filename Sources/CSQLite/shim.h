// The one-screen C shim for SQLite (GRDB's GRDBSQLite shape).
// Only macro-only or variadic APIs get a static inline wrapper here; everything else is called
// directly from TMinusSQLite, the only Swift target that imports this module.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import:
// binding text/blobs with it makes SQLite copy the bytes before sqlite3_bind_* returns.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// sqlite3_db_config is variadic; this wrapper enables/disables one integer option.
static inline int csqlite_db_config_int(sqlite3 *db, int op, int value, int *out) {
    return sqlite3_db_config(db, op, value, out);
}

// sqlite3_config is variadic. Memory statistics (SQLITE_CONFIG_MEMSTATUS) take a global mutex
// around every allocation and free; T-Minus reads none of them, so SQLiteLibrary turns them off
// once, before the first connection (sqlite3_config only works before sqlite3_initialize).
static inline int csqlite_config_memory_statistics(int on) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on);
}
