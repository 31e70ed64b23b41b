import TMinusSQLite
import Testing

/// A raw-value enum that opts into SQLite conversion with an empty conformance.
enum MirrorState: String, SQLiteValueConvertible {
    case pending, active, deleted
}

struct ValueRoundTripTests {
    /// Writes `value` into an untyped column (no type affinity, so SQLite keeps it as given) and reads it back.
    private func roundTrip(_ value: SQLiteValue, in db: Connection) throws -> SQLiteValue {
        try db.execute("DELETE FROM t", [])
        try db.execute("INSERT INTO t (v) VALUES (?)", [value])
        return try #require(try db.queryOne("SELECT v FROM t"))["v"]
    }

    private func makeTable() throws -> Connection {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (v)")
        return db
    }

    @Test func everyStorageClassRoundTrips() throws {
        let db = try makeTable()
        let values: [SQLiteValue] = [
            .null, .integer(0), .integer(.min), .integer(.max), .integer(-1),
            .real(0.5), .real(-1e300), .real(.infinity), .real(-.infinity), .real(.leastNonzeroMagnitude),
            .text(""), .text("plain"), .text(secretUserText), .text("日本語のタイトル"), .text("a\u{0}b"),
            .text("👩‍👩‍👧‍👦 family"), .blob([]), .blob([0]), .blob([0, 255, 1, 254]), .blob(Array(0...255)),
        ]
        for value in values {
            #expect(try roundTrip(value, in: db) == value, "round trip of \(value.storageClassName)")
        }
    }

    @Test func emptyTextAndEmptyBlobAreNotNull() throws {
        let db = try makeTable()
        #expect(try roundTrip(.text(""), in: db) == .text(""))
        #expect(try roundTrip(.blob([]), in: db) == .blob([]))
        #expect(try db.scalar("SELECT typeof(v) FROM t", as: String.self) == "blob")
    }

    @Test func notANumberIsStoredAsNull() throws {
        let db = try makeTable()
        #expect(try roundTrip(.real(.nan), in: db) == .null)
    }

    @Test(arguments: propertySeeds)
    func randomValuesRoundTrip(seed: UInt64) throws {
        let db = try makeTable()
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let value = randomValue(using: &generator)
            #expect(try roundTrip(value, in: db) == value, "seed \(seed)")
        }
    }

    private func randomValue(using generator: inout SeededGenerator) -> SQLiteValue {
        switch generator.next() % 5 {
        case 0: return .null
        case 1: return .integer(Int64(bitPattern: generator.next()))
        case 2:
            let real = Double(bitPattern: generator.next())
            return .real(real.isNaN ? 0 : real)
        case 3:
            let length = Int(generator.next() % 40)
            let scalars = (0..<length).compactMap { _ in Unicode.Scalar(UInt32(generator.next() % 0x11_0000)) }
            return .text(String(String.UnicodeScalarView(scalars)))
        default:
            let length = Int(generator.next() % 64)
            return .blob((0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
    }

    @Test func swiftTypesRoundTripThroughTypedReads() throws {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (i, i64, i32, b, d, s, bytes, maybe, state)")
        let state = MirrorState.active
        let arguments: [SQLiteValue] = [
            Int(-7).sqliteValue, Int64.max.sqliteValue, Int32.min.sqliteValue, true.sqliteValue, 2.25.sqliteValue,
            secretUserText.sqliteValue, [UInt8]([1, 2, 3]).sqliteValue, String?.none.sqliteValue, state.sqliteValue,
        ]
        try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments)
        let row = try #require(try db.queryOne("SELECT * FROM t"))
        #expect(try row.get("i", as: Int.self) == -7)
        #expect(try row.get("i64", as: Int64.self) == .max)
        #expect(try row.get("i32", as: Int32.self) == .min)
        #expect(try row.get("b", as: Bool.self) == true)
        #expect(try row.get("d", as: Double.self) == 2.25)
        #expect(try row.get("s", as: String.self) == secretUserText)
        #expect(try row.get("bytes", as: [UInt8].self) == [1, 2, 3])
        #expect(try row.optional("maybe", as: String.self) == nil)
        #expect(try row.get("maybe", as: String?.self) == nil)
        #expect(try row.get("state", as: MirrorState.self) == .active)
        #expect(row["state"] == .text("active"))
    }

    @Test func conversionsRejectWrongTypesAndRanges() {
        #expect(Int32.fromSQLite(.integer(Int64(Int32.max) + 1)) == nil)
        #expect(Int.fromSQLite(.real(1)) == nil)
        #expect(String.fromSQLite(.blob([65])) == nil)
        #expect([UInt8].fromSQLite(.text("A")) == nil)
        #expect(Bool.fromSQLite(.text("true")) == nil)
        #expect(Bool.fromSQLite(.integer(0)) == false)
        #expect(Bool.fromSQLite(.integer(2)) == true)
        #expect(Double.fromSQLite(.integer(3)) == 3)
        #expect(MirrorState.fromSQLite(.text("unknown")) == nil)
        #expect(MirrorState.fromSQLite(.integer(1)) == nil)
        #expect(Int?.fromSQLite(.null) == .some(nil))
        #expect(Int?.fromSQLite(.integer(4)) == .some(4))
        #expect(Int?.fromSQLite(.text("4")) == nil)
        #expect(Int?(5).sqliteValue == .integer(5))
        #expect(Int?.none.sqliteValue == .null)
    }

    @Test func literalsBuildTheExpectedValues() {
        let values: [SQLiteValue] = ["text", 42, 1.5, true, false]
        #expect(values == [.text("text"), .integer(42), .real(1.5), .integer(1), .integer(0)])
    }
}
