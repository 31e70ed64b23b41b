import TMinusSQLite
import Testing

struct RowTests {
    private let row = Row(
        columnNames: ["id", "Title", "missing_value", "count"],
        values: [.integer(7), .text(secretUserText), .null, .integer(3)])

    @Test func subscriptFindsColumnsExactlyThenIgnoringCaseAndGivesNullWhenAbsent() {
        #expect(row["id"] == .integer(7))
        #expect(row["title"] == .text(secretUserText))
        #expect(row["TITLE"] == .text(secretUserText))
        #expect(row["nope"] == .null)
        #expect(row[0] == .integer(7))
        #expect(row.hasColumn("Count"))
        #expect(!row.hasColumn("nope"))
    }

    @Test func typedReadOfAMissingColumnNamesTheColumnAndTheType() {
        let error = #expect(throws: SQLiteError.self) { try row.get("nope", as: Int.self) }
        #expect(error?.code == .mismatch)
        #expect(error?.message.contains("'nope'") == true)
        #expect(error?.message.contains("Int") == true)
    }

    @Test func typedReadOfNullNamesTheColumn() {
        let error = #expect(throws: SQLiteError.self) { try row.get("missing_value", as: String.self) }
        #expect(error?.code == .mismatch)
        #expect(error?.message.contains("'missing_value' is NULL") == true)
        #expect(error?.message.contains("String") == true)
    }

    @Test func typedReadOfTheWrongTypeNamesColumnAndTypeButNotTheValue() throws {
        let error = #expect(throws: SQLiteError.self) { try row.get("Title", as: Int64.self) }
        let caught = try #require(error)
        #expect(caught.code == .mismatch)
        #expect(caught.message.contains("'Title' holds TEXT; expected Int64"))
        #expect(!caught.description.contains(secretUserText))
        #expect(!caught.description.contains("secret"))
    }

    @Test func optionalReadGivesNilForNullAndStillChecksTypeAndPresence() throws {
        #expect(try row.optional("missing_value", as: Int.self) == nil)
        #expect(try row.optional("count", as: Int.self) == 3)
        #expect(throws: SQLiteError.self) { try row.optional("Title", as: Int.self) }
        #expect(throws: SQLiteError.self) { try row.optional("nope", as: Int.self) }
    }

    @Test func typeIsInferredFromContext() throws {
        let id: Int = try row.get("id")
        let count: Int? = try row.optional("count")
        #expect(id == 7)
        #expect(count == 3)
    }
}
