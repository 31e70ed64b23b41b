/// A read position in UTF-8 JSON text and the nesting depth reached so far: the byte-level moves
/// both of our JSON readers make, the strict canonical reader (``StableJSON``) and the tolerant
/// wire reader of the provider adapters.
///
/// It never throws and never reads past the end: a move it refuses returns false or nil and leaves
/// ``position`` on the byte that stopped it (or at the end), so each reader reports the failure in
/// its own words and error type. The buffer must outlive the cursor.
package struct JSONCursor {
    /// The whole input.
    package let bytes: UnsafeBufferPointer<UInt8>
    /// Offset of the next byte to read.
    package var position = 0
    /// Arrays and objects currently open around ``position``.
    package private(set) var depth = 0

    /// A cursor at the start of `bytes`.
    package init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The next byte, nil at the end.
    package func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    /// True when every byte has been read.
    package var isAtEnd: Bool { position >= bytes.count }

    /// Steps over the whitespace JSON allows between tokens.
    package mutating func skipWhitespace() {
        while let byte = peek(), JSONGrammar.isWhitespace(byte) { position += 1 }
    }

    /// Steps over the bytes a JSON string holds verbatim: every byte but '"', '\\' and the control
    /// characters below 0x20. Stops on the first other byte, or at the end. Eight bytes are tested
    /// at a time (a word holds none of the three kinds exactly when the bit tests below are zero),
    /// so a long plain string costs a few instructions per eight bytes instead of per byte.
    package mutating func skipVerbatimStringBytes() {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = position
        let raw = UnsafeRawPointer(base)
        while count - index >= 8, !Self.holdsStringSpecial(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
            index += 8
        }
        while index < count, !JSONGrammar.endsVerbatimRun(base[index]) { index += 1 }
        position = index
    }

    /// True when one of the eight bytes of `word` is '"', '\\' or below 0x20 (the classic
    /// "has a zero byte" and "has a byte less than n" bit tests; exact, no false answers either way).
    @inline(__always)
    private static func holdsStringSpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let hasQuote = (quotes &- ones) & ~quotes & highs
        let hasBackslash = (backslashes &- ones) & ~backslashes & highs
        let hasControl = (word &- ones &* 0x20) & ~word & highs
        return (hasQuote | hasBackslash | hasControl) != 0
    }

    /// Steps over `byte` if it comes next; false, without moving, otherwise.
    package mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    /// Steps over `word` byte by byte; false at the first byte that differs (or the end), with
    /// ``position`` there.
    package mutating func consumeLiteral(_ word: String) -> Bool {
        for byte in word.utf8 {
            guard consume(byte) else { return false }
        }
        return true
    }

    /// The value of the four hex digits that come next; nil at the first byte that is not one (or
    /// the end), with ``position`` there.
    package mutating func hex4() -> UInt16? {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = JSONGrammar.hexValue(byte) else { return nil }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    /// Opens one more array or object; false when that nests deeper than `limit` (the depth still
    /// counts the refused level).
    package mutating func enterContainer(limit: Int) -> Bool {
        depth += 1
        return depth <= limit
    }

    /// Closes the innermost array or object.
    package mutating func leaveContainer() { depth -= 1 }

    /// Steps over the opening bracket at ``position`` (after ``enterContainer(limit:)``) and the
    /// whitespace behind it. True when `close` follows at once: the container is empty, the cursor
    /// is past `close` and the level is closed.
    package mutating func openContainer(closingWith close: UInt8) -> Bool {
        position += 1
        skipWhitespace()
        guard consume(close) else { return false }
        leaveContainer()
        return true
    }

    /// What follows an element of an array or object.
    package enum AfterElement {
        /// A ',' and the whitespace behind it were stepped over: another element comes.
        case next
        /// The closing bracket was stepped over and the level closed.
        case closed
        /// Neither: ``JSONCursor/position`` is on the byte that is neither (or at the end).
        case neither
    }

    /// Steps over the whitespace after an element, then over `close` or over ',' and the
    /// whitespace behind it.
    package mutating func afterElement(closingWith close: UInt8) -> AfterElement {
        skipWhitespace()
        if consume(close) {
            leaveContainer()
            return .closed
        }
        guard consume(UInt8(ascii: ",")) else { return .neither }
        skipWhitespace()
        return .next
    }
}
