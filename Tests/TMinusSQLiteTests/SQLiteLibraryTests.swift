@testable import TMinusSQLite
import Testing

struct SQLiteLibraryTests {
    /// The process-wide setting is applied before the first connection: SQLite then counts no
    /// allocation at all (with statistics on, any open connection holds counted memory).
    @Test func memoryStatisticsAreOffOnceAConnectionIsOpen() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (x TEXT); INSERT INTO t VALUES (printf('%.*c', 10000, 'x'))")
        #expect(try db.scalar("SELECT length(x) FROM t", as: Int.self) == 10_000)
        #expect(SQLiteLibrary.memoryStatisticsAreOff)
        #expect(SQLiteLibrary.countedMemoryBytes == 0)
    }
}
