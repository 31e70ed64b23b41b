/// Why ``StableJSON/parse(_:)`` rejected its input, and where.
///
/// `byteOffset` counts UTF-8 bytes from the start (0-based); `line` and `column` are 1-based, with
/// the column counted in Unicode scalars from the start of the line. The description reads like
/// `expected ',' or '}' after object member but found 'x' at line 3, column 14 (byte 40)`.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong at the error position.
    public enum Reason: Hashable, Sendable {
        /// The text ended while `expected` was still needed.
        case unexpectedEnd(expected: String)
        /// `found` appeared where `expected` was needed.
        case unexpectedCharacter(found: Unicode.Scalar, expected: String)
        /// A number had a fraction or an exponent; only integers are accepted.
        case nonIntegerNumber
        /// An integer had a leading zero (`012`), which JSON forbids.
        case leadingZero
        /// An integer did not fit in `Int64`.
        case integerOutOfRange
        /// A backslash in a string was followed by `found`, which is not a JSON escape.
        case invalidEscape(found: Unicode.Scalar)
        /// A `\u` escape named half of a UTF-16 surrogate pair without its other half.
        case unpairedSurrogate(UInt16)
        /// A string contained a raw control character (below U+0020) instead of an escape.
        case controlCharacterInString(UInt8)
        /// An object repeated a key.
        case duplicateKey(String)
        /// Arrays and objects nested deeper than the parser's limit.
        case nestingTooDeep(limit: Int)
    }

    /// What was wrong.
    public let reason: Reason
    /// UTF-8 byte offset of the error (equal to the input length when the input ended early).
    public let byteOffset: Int
    /// 1-based line of the error.
    public let line: Int
    /// 1-based column of the error, in Unicode scalars.
    public let column: Int

    /// Creates an error at an explicit position.
    public init(reason: Reason, byteOffset: Int, line: Int, column: Int) {
        self.reason = reason
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
    }

    public var description: String {
        "\(Self.explain(reason)) at line \(line), column \(column) (byte \(byteOffset))"
    }

    private static func explain(_ reason: Reason) -> String {
        switch reason {
        case .unexpectedEnd(let expected):
            "expected \(expected) but the input ended"
        case .unexpectedCharacter(let found, let expected):
            "expected \(expected) but found \(show(found))"
        case .nonIntegerNumber:
            "number has a fraction or exponent; hashed JSON holds integers only (store minor units or a string)"
        case .leadingZero:
            "integer has a leading zero; write it without one"
        case .integerOutOfRange:
            "integer does not fit in 64 bits; store it as a string"
        case .invalidEscape(let found):
            #"invalid escape \#(show(found)) after '\'; valid escapes are \" \\ \/ \b \f \n \r \t \uXXXX"#
        case .unpairedSurrogate(let unit):
            "\\u\(hex4(unit)) is half of a UTF-16 surrogate pair; write the scalar itself or a full \\uD8xx\\uDCxx pair"
        case .controlCharacterInString(let byte):
            "raw control character U+\(hex4(UInt16(byte))) in a string; escape it (e.g. \\n or \\u00xx)"
        case .duplicateKey(let key):
            "duplicate object key \"\(key)\"; each key may appear once"
        case .nestingTooDeep(let limit):
            "arrays and objects nest deeper than the limit of \(limit)"
        }
    }

    private static func show(_ scalar: Unicode.Scalar) -> String {
        if scalar.value < 0x21 || scalar.value == 0x7F || scalar.properties.isWhitespace {
            return "U+" + hex4(UInt16(truncatingIfNeeded: scalar.value))
        }
        return "'\(Character(scalar))'"
    }

    private static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
