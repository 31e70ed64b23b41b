import TMinusSQLite
import Testing

struct ErrorTests {
    private func makeSchema() throws -> Connection {
        let db = try makeMemoryConnection()
        try db.execute(
            """
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (
                id INTEGER PRIMARY KEY,
                email TEXT UNIQUE,
                title TEXT NOT NULL,
                size INTEGER CHECK (size >= 0),
                parent_id INTEGER REFERENCES parent(id)
            );
            CREATE TABLE strict_numbers (n INTEGER) STRICT;
            """)
        return db
    }

    /// Runs `sql` with `arguments`, expecting it to fail, and returns the error.
    private func failure(_ db: Connection, _ sql: String, _ arguments: [SQLiteValue]) throws -> SQLiteError {
        let error = #expect(throws: SQLiteError.self) { try db.execute(sql, arguments) }
        return try #require(error)
    }

    @Test func constraintViolationsCarryTheirExtendedCodes() throws {
        let db = try makeSchema()
        let insert = "INSERT INTO child (id, email, title, size, parent_id) VALUES (?, ?, ?, ?, ?)"
        try db.execute(insert, [1, "a@example.com", "t", 1, .null])
        let cases: [([SQLiteValue], ResultCode)] = [
            ([2, "a@example.com", "t", 1, .null], .constraintUnique),
            ([1, "b@example.com", "t", 1, .null], .constraintPrimaryKey),
            ([3, "c@example.com", .null, 1, .null], .constraintNotNull),
            ([4, "d@example.com", "t", -1, .null], .constraintCheck),
            ([5, "e@example.com", "t", 1, 99], .constraintForeignKey),
        ]
        for (arguments, expected) in cases {
            let error = try failure(db, insert, arguments)
            #expect(error.code == expected)
            #expect(error.code.primary == .constraint)
            #expect(ResultCode.constraint ~= error.code)
            #expect(expected ~= error.code)
            #expect(error.sql == insert)
        }
    }

    @Test func primaryCodePatternsMatchTheirExtendedCodesInSwitches() throws {
        let db = try makeSchema()
        try db.execute("INSERT INTO child (email, title) VALUES (?, ?)", ["x", "t"])
        let error = try failure(db, "INSERT INTO child (email, title) VALUES (?, ?)", ["x", "t"])
        switch error.code {
        case .busy: Issue.record("a UNIQUE violation matched .busy")
        case .constraint: break
        default: Issue.record("a UNIQUE violation did not match .constraint")
        }
        switch error.code {
        case .constraintNotNull: Issue.record("an extended pattern matched another extended code")
        case .constraintUnique: break
        default: Issue.record("the exact extended pattern did not match")
        }
    }

    @Test(arguments: [ResultCode.error, .busy, .locked, .ioerr, .constraint, .readonly, .corrupt])
    func aPrimaryPatternMatchesExactlyItsOwnFamily(primary: ResultCode) {
        for extension_ in 0..<32 as Range<Int32> {
            let code = ResultCode(rawValue: primary.rawValue | (extension_ << 8))
            #expect(primary ~= code)
            #expect(code.primary == primary)
            #expect(!(ResultCode.misuse ~= code))
            if extension_ > 0 {
                #expect(!code.isPrimary)
                #expect(!(code ~= primary))
            }
        }
    }

    @Test func errorsNeverContainBoundValues() throws {
        let db = try makeSchema()
        let secret = SQLiteValue.text(secretUserText)
        try db.execute("INSERT INTO child (email, title) VALUES (?, ?)", [secret, "t"])
        let errors = [
            try failure(db, "INSERT INTO child (email, title) VALUES (?, ?)", [secret, "t"]),
            try failure(db, "INSERT INTO child (email, title, size) VALUES (?, ?, ?)", ["u", secret, -5]),
            try failure(db, "INSERT INTO strict_numbers (n) VALUES (?)", [secret]),
            try failure(db, "INSERT INTO child (email, title) VALUES (?, ?)", [secret]),
            try failure(db, "UPDATE child SET parent_id = ? WHERE email = ?", [404, secret]),
        ]
        let rowError = #expect(throws: SQLiteError.self) {
            try db.queryOne("SELECT email FROM child")?.get("email", as: Int.self)
        }
        for error in errors + [try #require(rowError)] {
            let texts = [error.description, error.message, error.sql ?? "", "\(error)", String(reflecting: error)]
            for text in texts {
                #expect(!text.contains("secret-7f3a91"), "leaked in \(error.code)")
            }
        }
    }

    @Test func descriptionNamesTheCodeTheMessageTheSQLAndWhatToDo() throws {
        let db = try makeSchema()
        try db.execute("INSERT INTO child (email, title) VALUES (?, ?)", ["x", "t"])
        let error = try failure(db, "INSERT INTO child (email, title) VALUES (?, ?)", ["x", "t"])
        #expect(error.description.contains("SQLITE_CONSTRAINT_UNIQUE (2067)"))
        #expect(error.description.contains("UNIQUE constraint failed: child.email"))
        #expect(error.description.contains("INSERT INTO child (email, title) VALUES (?, ?)"))
        #expect(error.description.contains("check the data being written"))
        #expect(ResultCode(rawValue: 5 | (7 << 8)).description.hasPrefix("SQLITE_BUSY (extended) (1797)"))
    }

    @Test func syntaxErrorsAreReportedAtPrepare() throws {
        let db = try makeMemoryConnection()
        let error = #expect(throws: SQLiteError.self) { try db.query("SELEC 1") }
        #expect(error?.code == .error)
        #expect(error?.message.contains("syntax error") == true)
        #expect(error?.sql == "SELEC 1")
    }
}
