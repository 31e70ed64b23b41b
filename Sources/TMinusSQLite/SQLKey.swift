import TMinusCore

/// SQL text as a statement-cache key: two keys are equal exactly when their UTF-8 bytes are equal,
/// and a key hashes only its length and at most 24 bytes from each end.
///
/// A store's statements are a few hundred bytes long and differ in their ends (the columns they
/// select, the conditions they end with), so hashing the ends spreads them as well as hashing the
/// whole text, while a lookup no longer hashes every byte of every statement it runs. Equality is
/// byte equality, not `String`'s canonical equivalence, so equal keys always hash alike.
struct SQLKey: Hashable {
    /// The SQL text.
    let sql: String

    /// The key for `sql`.
    init(_ sql: String) { self.sql = sql }

    /// How many bytes of each end are hashed.
    static let hashedEnd = 24

    static func == (lhs: SQLKey, rhs: SQLKey) -> Bool { lhs.sql.hasSameUTF8(as: rhs.sql) }

    func hash(into hasher: inout Hasher) {
        var text = sql
        text.withUTF8 { bytes in
            hasher.combine(bytes.count)
            guard bytes.count > 0 else { return }
            let end = Self.hashedEnd
            if bytes.count <= 2 * end {
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            } else {
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<end])))
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[(bytes.count - end)...])))
            }
        }
    }
}
