/// Writes components as iCalendar text: CRLF line ends, content lines folded at 75 octets
/// (RFC 5545 §3.1) without ever splitting a multi-byte UTF-8 sequence.
///
/// Guarantees: the output always re-reads to an equal component (parameters that need quotes get
/// them, a raw value or parameter holding a line break is neutralised instead of breaking the
/// structure), and the unfolded text of each property read by ``ICalendarReader`` is reproduced
/// byte for byte. Output is deterministic: the same component gives the same bytes.
public enum ICalendarWriter: Sendable {
    /// The folding limit in octets, excluding the CRLF.
    public static let lineLimit = 75

    /// The component as UTF-8 bytes.
    public static func bytes(_ component: ICalendarComponent) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(component, into: &out)
        return out
    }

    /// The component as a string.
    public static func string(_ component: ICalendarComponent) -> String {
        String(decoding: bytes(component), as: UTF8.self)
    }

    /// Appends the component's text to `out`.
    public static func write(_ component: ICalendarComponent, into out: inout [UInt8]) {
        var line: [UInt8] = []
        line.reserveCapacity(128)
        write(component, into: &out, scratch: &line)
    }

    private static func write(_ component: ICalendarComponent, into out: inout [UInt8], scratch line: inout [UInt8]) {
        out.append(contentsOf: "BEGIN:".utf8)
        appendName(component.name, to: &out)
        out.append(contentsOf: [0x0D, 0x0A])
        for property in component.properties {
            line.removeAll(keepingCapacity: true)
            render(property, into: &line)
            appendFolded(line, to: &out)
        }
        for child in component.components {
            write(child, into: &out, scratch: &line)
        }
        out.append(contentsOf: "END:".utf8)
        appendName(component.name, to: &out)
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// The unfolded content line of `property` (no CRLF).
    public static func contentLine(_ property: ICalendarProperty) -> String {
        var line: [UInt8] = []
        render(property, into: &line)
        return String(decoding: line, as: UTF8.self)
    }

    static func render(_ property: ICalendarProperty, into line: inout [UInt8]) {
        appendName(property.name, to: &line)
        for parameter in property.parameters {
            line.append(UInt8(ascii: ";"))
            appendName(parameter.name, to: &line)
            line.append(UInt8(ascii: "="))
            for index in parameter.values.indices {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                let quote = parameter.needsQuotes(index)
                if quote { line.append(0x22) }
                for byte in parameter.values[index].utf8 {
                    // A parameter value cannot hold a double quote or a control character.
                    line.append(byte == 0x22 ? UInt8(ascii: "'") : (byte < 0x20 && byte != 0x09 ? 0x20 : byte))
                }
                if quote { line.append(0x22) }
            }
        }
        line.append(UInt8(ascii: ":"))
        var previousWasCR = false
        for byte in property.value.utf8 {
            if byte == 0x0D || (byte == 0x0A && !previousWasCR) {
                line.append(0x5C)
                line.append(UInt8(ascii: "n"))
            } else if byte != 0x0A {
                line.append(byte)
            }
            previousWasCR = byte == 0x0D
        }
    }

    /// Names are written as given, minus anything that would break the line structure.
    private static func appendName(_ name: String, to out: inout [UInt8]) {
        for byte in name.utf8 where byte > 0x20 && byte != UInt8(ascii: ":") && byte != UInt8(ascii: ";") {
            out.append(byte)
        }
    }

    /// Appends `line` folded at ``lineLimit`` octets, then CRLF. Continuation lines start with one
    /// space and carry at most 74 octets, so every physical line stays within 75.
    static func appendFolded(_ line: [UInt8], to out: inout [UInt8]) {
        var start = 0
        var limit = lineLimit
        while line.count - start > limit {
            var cut = start + limit
            while cut > start + 1, line[cut] & 0xC0 == 0x80 { cut -= 1 }
            out.append(contentsOf: line[start..<cut])
            out.append(contentsOf: [0x0D, 0x0A, 0x20])
            start = cut
            limit = lineLimit - 1
        }
        out.append(contentsOf: line[start...])
        out.append(contentsOf: [0x0D, 0x0A])
    }
}
