import TMinusCore

/// The cursor text an adapter last wrote for each collection, with the value it encodes.
///
/// A CalDAV cursor carries the collection's whole member index (one line per resource), so
/// decoding and encoding it cost time in proportion to the calendar at every poll, even a poll that
/// changed nothing. The engine hands back exactly the text the adapter wrote last, so a decode
/// whose text equals the remembered one returns the remembered value, and an encode of a value
/// equal to the remembered one returns the remembered text. Either answer is what decoding or
/// encoding would give (text and value are kept as one pair); a miss decodes or encodes and
/// remembers the new pair. One pair per collection, keyed by the collection's line in the text
/// (``CalDAVCursor/collectionLine(_:)``: the text's second line when decoding, the value's
/// collection written as that line when encoding).
final class CalDAVCursorMemo: Sendable {
    private struct Pair: Sendable {
        var text: String
        var value: CalDAVCursor
    }

    private let pairs = LockedBox<[Substring: Pair]>([:])

    init() {}

    /// `cursor` decoded (nil for a foreign or damaged cursor), from memory when it is the text
    /// last written for its collection.
    func decode(_ cursor: SyncCursor) -> CalDAVCursor? {
        let text = cursor.rawValue
        if let line = Self.secondLine(of: text), let remembered = pairs.withLock({ $0[line] }), remembered.text.hasSameUTF8(as: text) {
            return remembered.value
        }
        guard let value = CalDAVCursor(cursor) else { return nil }
        remember(Pair(text: text, value: value))
        return value
    }

    /// `value` encoded, from memory when it equals the value last written for its collection.
    func encode(_ value: CalDAVCursor) -> SyncCursor {
        let line = Substring(CalDAVCursor.collectionLine(value.collection))
        if let remembered = pairs.withLock({ $0[line] }), remembered.value == value {
            return SyncCursor(remembered.text)
        }
        let cursor = value.cursor
        remember(Pair(text: cursor.rawValue, value: value))
        return cursor
    }

    private func remember(_ pair: Pair) {
        guard let line = Self.secondLine(of: pair.text) else { return }
        pairs.withLock { $0[line] = pair }
    }

    /// The second line of a cursor text (its collection line in every cursor the adapter writes).
    static func secondLine(of text: String) -> Substring? {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(of: 0x0A) else { return nil }
        let start = utf8.index(after: first)
        let end = utf8[start...].firstIndex(of: 0x0A) ?? utf8.endIndex
        return text[start..<end]
    }
}
