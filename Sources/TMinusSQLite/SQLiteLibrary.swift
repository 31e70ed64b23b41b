internal import CSQLite

/// The process-wide configuration of the SQLite library, applied once before the first
/// connection opens.
///
/// SQLite accepts global configuration only before it initializes, which the first
/// `sqlite3_open_v2` of the process does; every open in this module calls ``prepare()`` first.
/// What it sets changes no result of any statement, only what SQLite does on the side:
/// - memory statistics off (`SQLITE_CONFIG_MEMSTATUS`): by default SQLite counts every allocation
///   under a global mutex, which T-Minus never reads (peak memory is the process's own, from
///   `getrusage`). Off, an allocation is a plain `malloc`.
///
/// If something else in the process initialized SQLite first, the configuration is refused and
/// SQLite keeps its defaults; ``memoryStatisticsAreOff`` then reads false, which costs speed only.
/// See <https://www.sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus>.
enum SQLiteLibrary {
    /// Whether SQLite accepted the configuration (false when it was initialized before).
    static let memoryStatisticsAreOff: Bool = csqlite_config_memory_statistics(0) == SQLITE_OK

    /// The bytes SQLite counts as allocated now (`sqlite3_memory_used`): zero while memory
    /// statistics are off, which is how tests see that the setting took effect.
    package static var countedMemoryBytes: Int64 { sqlite3_memory_used() }

    /// Applies the configuration if it has not been applied yet; call before opening a handle.
    static func prepare() {
        _ = memoryStatisticsAreOff
    }
}
