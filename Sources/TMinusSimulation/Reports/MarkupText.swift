/// Escaping for XML and HTML text and attribute values.
///
/// `&`, `<`, `>`, `"` and `'` become entities; control characters XML 1.0 forbids (everything below
/// U+0020 except tab, newline and carriage return, and U+FFFE/U+FFFF) become U+FFFD, so any trace
/// line or message yields a well-formed document.
public enum MarkupText: Sendable {
    /// `text` safe inside an element or a quoted attribute.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
