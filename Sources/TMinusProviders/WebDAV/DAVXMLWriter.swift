/// Writes ``DAVElement`` trees as XML with stable prefixes: `D:` for `DAV:`, `C:` for CalDAV,
/// `CS:` for calendar-server, `X0:`, `X1:`… for other namespaces in sorted order, all declared
/// on the document element.
///
/// Output is deterministic and always well-formed: text and attribute values are escaped, a CR is
/// written as `&#13;` (so iCalendar CRLF survives the XML parser's line-end normalisation), and
/// characters XML 1.0 cannot carry are dropped.
public enum DAVXMLWriter: Sendable {
    /// The document as UTF-8 bytes, with an XML declaration.
    public static func bytes(_ root: DAVElement) -> [UInt8] {
        var namespaces: Set<String> = []
        collectNamespaces(root, into: &namespaces)
        let prefixes = prefixTable(namespaces)
        var out: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".utf8)
        write(root, prefixes: prefixes, declare: true, into: &out)
        out.append(0x0A)
        return out
    }

    /// The document as a string.
    public static func string(_ root: DAVElement) -> String { String(decoding: bytes(root), as: UTF8.self) }

    private static func collectNamespaces(_ element: DAVElement, into set: inout Set<String>) {
        set.insert(element.name.namespace)
        for child in element.children { collectNamespaces(child, into: &set) }
    }

    private static func prefixTable(_ namespaces: Set<String>) -> [(namespace: String, prefix: String)] {
        let fixed = [
            (DAVName.davNamespace, "D"), (DAVName.calDAVNamespace, "C"), (DAVName.calendarServerNamespace, "CS"),
        ]
        var table: [(namespace: String, prefix: String)] = fixed.filter { namespaces.contains($0.0) }.map {
            ($0.0, $0.1)
        }
        let others = namespaces.filter { namespace in !fixed.contains { $0.0 == namespace } && !namespace.isEmpty }
            .sorted()
        for (index, namespace) in others.enumerated() { table.append((namespace, "X\(index)")) }
        return table
    }

    private static func qualified(_ name: DAVName, _ prefixes: [(namespace: String, prefix: String)]) -> String {
        guard let prefix = prefixes.first(where: { $0.namespace == name.namespace })?.prefix else { return name.local }
        return prefix + ":" + name.local
    }

    private static func write(
        _ element: DAVElement, prefixes: [(namespace: String, prefix: String)], declare: Bool, into out: inout [UInt8]
    ) {
        let tag = qualified(element.name, prefixes)
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: tag.utf8)
        if declare {
            for entry in prefixes {
                out.append(contentsOf: " xmlns:\(entry.prefix)=\"".utf8)
                escape(entry.namespace, attribute: true, into: &out)
                out.append(0x22)
            }
        }
        for attribute in element.attributes {
            out.append(contentsOf: " \(attribute.name)=\"".utf8)
            escape(attribute.value, attribute: true, into: &out)
            out.append(0x22)
        }
        if element.text.isEmpty, element.children.isEmpty {
            out.append(contentsOf: "/>".utf8)
            return
        }
        out.append(UInt8(ascii: ">"))
        escape(element.text, attribute: false, into: &out)
        for child in element.children { write(child, prefixes: prefixes, declare: false, into: &out) }
        out.append(contentsOf: "</\(tag)>".utf8)
    }

    /// Appends `text` escaped. Of the characters outside ASCII only U+FFFE and U+FFFF cannot be
    /// carried (a Swift string holds no surrogates); the others are copied as their UTF-8 bytes.
    ///
    /// Walks the UTF-8 bytes (a string's bytes are valid UTF-8, so a byte of 0x80 or more is part
    /// of a character outside ASCII, and U+FFFE and U+FFFF are exactly the sequences `EF BF BE`
    /// and `EF BF BF`): the same output as walking Unicode scalars, without decoding each one.
    static func escape(_ text: String, attribute: Bool, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                guard byte < 0x80 else {
                    if byte == 0xEF, index + 1 < bytes.count, bytes[index] == 0xBF, bytes[index + 1] & 0xFE == 0xBE {
                        index += 2
                    } else {
                        out.append(byte)
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\"") where attribute: out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: "&#13;".utf8)
                case UInt8(ascii: "\n") where attribute: out.append(contentsOf: "&#10;".utf8)
                case UInt8(ascii: "\t") where attribute: out.append(contentsOf: "&#9;".utf8)
                default:
                    if byte == 0x09 || byte == 0x0A || byte >= 0x20 { out.append(byte) }
                }
            }
        }
    }
}
