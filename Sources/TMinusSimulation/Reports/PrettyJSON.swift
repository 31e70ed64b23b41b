public import TMinusCore

/// Indented JSON for files people read (reports): keys sorted by UTF-8 bytes at every level, two
/// spaces per level, one member per line (except that an array of integers, such as a sampled
/// series, stays on one line), a final newline; strings escaped exactly as ``StableJSON`` does.
/// Equal values always give equal text, so reports can be diffed.
public enum PrettyJSON: Sendable {
    /// The indented text of `value`.
    public static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .array(let elements) where elements.allSatisfy(\.isInteger):
            out += StableJSON.serialize(value)
        case .array(let elements) where !elements.isEmpty:
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                write(element, indent: indent + 2, into: &out)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in sorted.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                out += StableJSON.serialize(.string(member.key)) + ": "
                write(member.value, indent: indent + 2, into: &out)
                out += index == sorted.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        default:
            out += StableJSON.serialize(value)
        }
    }
}

extension JSONValue {
    fileprivate var isInteger: Bool {
        if case .int = self { return true }
        return false
    }
}
