/// Writes stable JSON (``StableJSON``'s exact bytes) straight into a buffer, for hot paths that
/// would otherwise build a ``JSONValue`` of dictionaries just to hash it.
///
/// Values follow keys (or stand alone at the top level); arrays go through ``value(_:)``.
/// The caller writes object keys in sorted (UTF-8 byte) order; debug builds assert it, and
/// `StableJSONWriterTests` checks the output equals `StableJSON.serialize` of the same value.
public struct StableJSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]
    private var first: [Bool] = []
    private var lastKey: [String?] = []

    /// Creates an empty writer.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Opens an object.
    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        first.append(true)
        lastKey.append(nil)
    }

    /// Closes the innermost object.
    public mutating func endObject() {
        first.removeLast()
        lastKey.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes the next key of the innermost object; keys must come in UTF-8 byte order.
    public mutating func key(_ key: String) {
        assert(lastKey.last.map { $0.map { $0.utf8.lexicographicallyPrecedes(key.utf8) } ?? true } ?? false,
               "StableJSONWriter keys out of order at '\(key)'")
        if first[first.count - 1] {
            first[first.count - 1] = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        StableJSON.writeString(key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        lastKey[lastKey.count - 1] = key
    }

    /// Writes a string value.
    public mutating func string(_ text: String) {
        StableJSON.writeString(text, into: &bytes)
    }

    /// Writes a string, or `null` when nil.
    public mutating func string(_ text: String?) {
        if let text { string(text) } else { value(.null) }
    }

    /// Writes an array of values that are stable JSON already: each element must be exactly the
    /// bytes ``StableJSON/serializedBytes(_:)`` gives for it (a remembered rendering), so the
    /// output is that of `value(.array(…))` over the elements' values.
    public mutating func array(ofSerialized elements: [[UInt8]]) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes any value through the general serializer.
    public mutating func value(_ value: JSONValue) {
        StableJSON.write(value, into: &bytes)
    }

    /// SHA-256 of what was written.
    public var digest: SHA256Digest { SHA256.hash(bytes) }

    /// The text written.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
