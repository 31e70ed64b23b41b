/// A JSON document restricted to what hashing needs: null, booleans, 64-bit integers, strings,
/// arrays and objects. There is deliberately no floating-point case, so every value has exactly
/// one serialization and its hash is bit-identical on every machine (see `docs/hashing.md`).
///
/// Literals build values directly:
/// ```swift
/// let value: JSONValue = ["id": "evt_01J…", "level": "BUSY", "count": 3, "note": nil]
/// ```
///
/// Equality follows Swift `String` equality, which treats canonically equivalent Unicode (e.g.
/// precomposed "é" and "e" + combining accent) as equal even though ``StableJSON`` writes their
/// different bytes. Normalize text first if that distinction matters.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue: CustomStringConvertible {
    /// The stable serialization of the value (``StableJSON/serialize(_:)``).
    public var description: String { StableJSON.serialize(self) }
}

extension JSONValue: ExpressibleByNilLiteral {
    /// `nil` is JSON `null`.
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// Builds an object.
    /// - Precondition: the literal has no repeated key (a repeated key is a programming error).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(uniqueKeysWithValues: elements))
    }
}
