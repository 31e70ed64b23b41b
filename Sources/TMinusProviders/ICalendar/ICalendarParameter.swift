/// One property parameter (`TZID=Europe/Berlin`, `MEMBER="mailto:a","mailto:b"`), RFC 5545 §3.2.
///
/// Values are kept as they appear on the wire (RFC 6868 caret escapes are not decoded), and the
/// reader remembers which values were quoted so that writing reproduces the line byte for byte.
/// Equality ignores quoting: `TZID="X"` and `TZID=X` are the same parameter.
public struct ICalendarParameter: Hashable, Sendable {
    /// The parameter name as written (compare with ``key`` for case-insensitive matching).
    public var name: String
    /// The values, unquoted, in order (most parameters have exactly one).
    public var values: [String]
    /// For each value, whether it was written in double quotes (empty when built in code).
    var quoted: [Bool]

    /// Creates a parameter; the writer quotes values that need it.
    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
        self.quoted = []
    }

    /// Creates a single-valued parameter.
    public init(name: String, value: String) { self.init(name: name, values: [value]) }

    init(name: String, values: [String], quoted: [Bool]) {
        self.name = name
        self.values = values
        self.quoted = quoted
    }

    /// The name in upper case, for matching (`tzid` and `TZID` are the same parameter).
    public var key: String { ICalendarName.key(name) }

    /// The first value (parameters nearly always have one).
    public var value: String { values.first ?? "" }

    /// Whether value `index` is written quoted: it was quoted on input, or it contains `:`, `;` or `,`.
    func needsQuotes(_ index: Int) -> Bool {
        if index < quoted.count, quoted[index] { return true }
        return values[index].utf8.contains {
            $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",")
        }
    }

    public static func == (a: ICalendarParameter, b: ICalendarParameter) -> Bool {
        a.key == b.key && a.values == b.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(values)
    }
}

/// Case-insensitive names (RFC 5545 §2: names are case-insensitive) without allocating for the
/// usual, already upper-case spelling.
enum ICalendarName {
    static func key(_ name: String) -> String {
        name.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) ? name.uppercased() : name
    }

    static func equal(_ a: String, _ b: String) -> Bool {
        a == b || key(a) == key(b)
    }
}
