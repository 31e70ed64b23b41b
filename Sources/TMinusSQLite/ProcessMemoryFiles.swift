internal import CSQLite
import Synchronization

/// The databases this process keeps in memory under file paths (``ConnectionOptions/inProcessMemory``):
/// the simulator's disk, which outlives the crashes of its engine because the process does.
///
/// Opening such a path the first time creates an empty database and a keeper connection that holds
/// it; every connection that opens the path afterwards shares that database (SQLite's `memdb` VFS),
/// and closing or abandoning one changes nothing it committed. The database is gone once
/// ``release(under:)`` has dropped its keeper and its last connection is closed.
///
/// Guarantees: a path names one database for the life of its keeper; paths never collide with
/// files on disk or with another process's; the registry is safe to use from any thread.
public enum ProcessMemoryFiles: Sendable {
    /// A keeper connection's handle; used only under the registry's lock, to close it.
    private struct Keeper: @unchecked Sendable {
        let handle: OpaquePointer
    }

    private static let keepers = Mutex<[String: Keeper]>([:])

    /// Makes sure the in-memory database at `path` exists and returns the URI that opens it.
    /// - Throws: `SQLiteError` `.misuse` for a path that is not absolute or for options other than
    ///   ``ConnectionOptions/Durability/crashBetweenCalls`` durability, `.cantopen` when SQLite
    ///   cannot create it.
    static func keep(_ path: String, options: ConnectionOptions) throws(SQLiteError) -> String {
        guard path.hasPrefix("/") else {
            throw SQLiteError(
                code: .misuse, message: "an in-process memory database needs an absolute path, got '\(path)'")
        }
        guard options.durability == .crashBetweenCalls else {
            throw SQLiteError(
                code: .misuse,
                message: "'\(path)': an in-process memory database has no write-ahead log; use the crashBetweenCalls durability")
        }
        let uri = "file:" + percentEncoded(path) + "?vfs=memdb"
        SQLiteLibrary.prepare()
        let failure: SQLiteError? = keepers.withLock { keepers in
            guard keepers[path] == nil else { return nil }
            var opened: OpaquePointer?
            let flags = SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_URI | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            let code = sqlite3_open_v2(uri, &opened, flags, nil)
            guard code == SQLITE_OK, let opened else {
                sqlite3_close_v2(opened)
                return SQLiteError(
                    code: ResultCode(rawValue: code),
                    message: "cannot create the in-process memory database '\(path)': \(String(cString: sqlite3_errstr(code)))")
            }
            keepers[path] = Keeper(handle: opened)
            return nil
        }
        if let failure { throw failure }
        return uri
    }

    /// Drops the keepers of every database whose path is `directory` or lies under it; each is gone
    /// once its last connection closes. Returns how many were kept.
    @discardableResult
    public static func release(under directory: String) -> Int {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let released: [Keeper] = keepers.withLock { keepers in
            let paths = keepers.keys.filter { $0 == directory || $0.hasPrefix(prefix) }.sorted()
            return paths.compactMap { keepers.removeValue(forKey: $0) }
        }
        for keeper in released { sqlite3_close_v2(keeper.handle) }
        return released.count
    }

    /// Whether a database is kept at `path`.
    public static func contains(_ path: String) -> Bool {
        keepers.withLock { $0[path] != nil }
    }

    /// `path` with every byte outside the URI's unreserved characters and `/` percent-encoded, as
    /// SQLite's URI file names expect (<https://www.sqlite.org/uri.html>).
    static func percentEncoded(_ path: String) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded.unicodeScalars.append("%")
                encoded.unicodeScalars.append(digits[Int(byte >> 4)])
                encoded.unicodeScalars.append(digits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }
}
