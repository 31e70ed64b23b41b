import TMinusSQLite
import Testing

struct TransactionTests {
    private func makeTable() throws -> Connection {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (x)")
        return db
    }

    private func values(_ db: Connection) throws -> [Int] {
        try db.query("SELECT x FROM t ORDER BY rowid").map { try $0.get("x", as: Int.self) }
    }

    @Test func commitsWhenBodyReturnsAndReturnsItsResult() throws {
        let db = try makeTable()
        var recorded: [String] = []
        db.sqlRecorder = { recorded.append($0) }
        let result = try db.inTransaction {
            #expect(db.isInTransaction)
            try db.execute("INSERT INTO t VALUES (?)", [1])
            return "done"
        }
        #expect(result == "done")
        #expect(!db.isInTransaction)
        #expect(recorded == ["BEGIN IMMEDIATE TRANSACTION", "INSERT INTO t VALUES (?)", "COMMIT TRANSACTION"])
        #expect(try values(db) == [1])
    }

    @Test(arguments: [TransactionKind.deferred, .immediate, .exclusive])
    func eachKindBeginsTheMatchingTransaction(kind: TransactionKind) throws {
        let db = try makeTable()
        var recorded: [String] = []
        db.sqlRecorder = { recorded.append($0) }
        try db.inTransaction(kind) { try db.execute("INSERT INTO t VALUES (?)", [1]) }
        let expected =
            switch kind {
            case .deferred: "BEGIN DEFERRED TRANSACTION"
            case .immediate: "BEGIN IMMEDIATE TRANSACTION"
            case .exclusive: "BEGIN EXCLUSIVE TRANSACTION"
            }
        #expect(recorded.first == expected)
        #expect(try values(db) == [1])
    }

    @Test func rollsBackWhenBodyThrowsAndRethrowsItsError() throws {
        let db = try makeTable()
        let error = #expect(throws: BodyError.self) {
            try db.inTransaction {
                try db.execute("INSERT INTO t VALUES (?)", [1])
                throw BodyError(marker: 1)
            }
        }
        #expect(error == BodyError(marker: 1))
        #expect(!db.isInTransaction)
        #expect(try values(db) == [])
    }

    @Test func aFailingRollbackDoesNotMaskTheFirstError() throws {
        let db = try makeTable()
        // Commit behind the transaction's back just before its ROLLBACK runs, so the ROLLBACK fails.
        db.sqlRecorder = { sql in
            if sql == "ROLLBACK TRANSACTION" { try? db.execute("COMMIT") }
        }
        let error = #expect(throws: BodyError.self) {
            try db.inTransaction {
                try db.execute("INSERT INTO t VALUES (?)", [1])
                throw BodyError(marker: 7)
            }
        }
        #expect(error == BodyError(marker: 7))
        #expect(!db.isInTransaction)
    }

    @Test func aFailingCommitRollsBackAndThrowsTheCommitError() throws {
        let db = try makeMemoryConnection()
        try db.execute(
            """
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
            """)
        let error = #expect(throws: SQLiteError.self) {
            try db.inTransaction { try db.execute("INSERT INTO child VALUES (?)", [42]) }
        }
        #expect(error?.code == .constraintForeignKey)
        #expect(error?.sql == "COMMIT TRANSACTION")
        #expect(!db.isInTransaction)
        #expect(try db.scalar("SELECT count(*) FROM child", as: Int.self) == 0)
    }

    @Test func nestedRollbackLeavesOuterWorkIntact() throws {
        let db = try makeTable()
        try db.inTransaction {
            try db.execute("INSERT INTO t VALUES (?)", [1])
            #expect(throws: BodyError.self) {
                try db.inTransaction {
                    try db.execute("INSERT INTO t VALUES (?)", [2])
                    throw BodyError(marker: 2)
                }
            }
            #expect(db.isInTransaction)
            try db.execute("INSERT INTO t VALUES (?)", [3])
        }
        #expect(try values(db) == [1, 3])
    }

    @Test func nestedWorkCommitsWithTheOuterTransactionOnly() throws {
        let db = try makeTable()
        #expect(throws: BodyError.self) {
            try db.inTransaction {
                try db.inTransaction { try db.execute("INSERT INTO t VALUES (?)", [1]) }
                throw BodyError(marker: 3)
            }
        }
        #expect(try values(db) == [])
    }

    @Test func savepointNamesAreUniquePerDepthAndReleasedInOrder() throws {
        let db = try makeTable()
        var recorded: [String] = []
        db.sqlRecorder = { sql in if sql.contains("SAVEPOINT") { recorded.append(sql) } }
        try db.inTransaction {
            try db.inTransaction {
                try db.inTransaction(.exclusive) { try db.execute("INSERT INTO t VALUES (?)", [1]) }
            }
            try db.inTransaction { try db.execute("INSERT INTO t VALUES (?)", [2]) }
        }
        #expect(
            recorded == [
                "SAVEPOINT tminus_savepoint_1", "SAVEPOINT tminus_savepoint_2", "RELEASE SAVEPOINT tminus_savepoint_2",
                "RELEASE SAVEPOINT tminus_savepoint_1", "SAVEPOINT tminus_savepoint_1",
                "RELEASE SAVEPOINT tminus_savepoint_1",
            ])
        #expect(try values(db) == [1, 2])
    }

    @Test func innerRollbackOfADeepNestingKeepsTheMiddleLevel() throws {
        let db = try makeTable()
        try db.inTransaction {
            try db.inTransaction {
                try db.execute("INSERT INTO t VALUES (?)", [1])
                _ = try? db.inTransaction {
                    try db.execute("INSERT INTO t VALUES (?)", [2])
                    throw BodyError(marker: 4)
                }
                try db.execute("INSERT INTO t VALUES (?)", [3])
            }
        }
        #expect(try values(db) == [1, 3])
    }

    @Test func aManuallyBegunTransactionIsNestedIntoWithASavepoint() throws {
        let db = try makeTable()
        try db.execute("BEGIN")
        #expect(throws: BodyError.self) {
            try db.inTransaction {
                try db.execute("INSERT INTO t VALUES (?)", [1])
                throw BodyError(marker: 5)
            }
        }
        #expect(db.isInTransaction)
        try db.execute("COMMIT")
        #expect(try values(db) == [])
    }

    @Test func beginningOnAClosedConnectionThrowsMisuse() throws {
        let db = try makeTable()
        db.close()
        let error = #expect(throws: SQLiteError.self) { try db.inTransaction { 1 } }
        #expect(error?.code == .misuse)
    }
}
