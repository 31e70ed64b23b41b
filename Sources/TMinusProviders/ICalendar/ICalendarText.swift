/// TEXT escaping of RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in
/// TEXT values (`\\`, `\;`, `\,`, `\n`); a colon is not.
///
/// Unescaping is lenient the way real servers are: `\N` reads as a newline, an unknown escape
/// `\x` reads as `x`, and a lone trailing backslash is kept.
public enum ICalendarText: Sendable {
    /// Escapes `text` for a TEXT value. CRLF and CR become `\n` too.
    public static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 8)
        var previousWasCR = false
        for byte in utf8 {
            switch byte {
            case 0x5C, 0x3B, 0x2C:
                out.append(0x5C)
                out.append(byte)
            case 0x0D:
                out.append(0x5C)
                out.append(UInt8(ascii: "n"))
            case 0x0A:
                if !previousWasCR {
                    out.append(0x5C)
                    out.append(UInt8(ascii: "n"))
                }
            default:
                out.append(byte)
            }
            previousWasCR = byte == 0x0D
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Removes TEXT escapes: `\\` → `\`, `\;` → `;`, `\,` → `,`, `\n`/`\N` → newline.
    public static func unescape(_ value: String) -> String {
        let utf8 = value.utf8
        guard utf8.contains(0x5C) else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var escaping = false
        for byte in utf8 {
            if escaping {
                out.append(byte == UInt8(ascii: "n") || byte == UInt8(ascii: "N") ? 0x0A : byte)
                escaping = false
            } else if byte == 0x5C {
                escaping = true
            } else {
                out.append(byte)
            }
        }
        if escaping { out.append(0x5C) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Splits a raw multi-value (`a,b\,c`) at unescaped commas, keeping the escapes in each part.
    public static func splitList(_ value: String) -> [String] {
        let bytes = Array(value.utf8)
        var parts: [String] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x5C {
                index += 2
                continue
            }
            if bytes[index] == 0x2C {
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
                start = index + 1
            }
            index += 1
        }
        parts.append(String(decoding: bytes[min(start, bytes.count)...], as: UTF8.self))
        return parts
    }
}
