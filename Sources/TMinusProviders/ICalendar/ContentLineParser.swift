/// Splits one unfolded content line into name, parameters and raw value (RFC 5545 §3.1):
/// `name *(";" param) ":" value`, `param = name "=" value *("," value)`, values quoted or not.
enum ContentLineParser {
    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    static func parse(_ bytes: [UInt8], line: Int) throws(ICalendarError) -> ICalendarProperty {
        guard isValidUTF8(bytes) else { throw .invalidUTF8(line: line) }
        var cursor = Cursor(bytes: bytes, line: line)
        let name = cursor.name()
        guard !name.isEmpty else { throw cursor.error("expected a property name (letters, digits and '-')") }
        var parameters: [ICalendarParameter] = []
        while cursor.peek == UInt8(ascii: ";") {
            cursor.position += 1
            parameters.append(try cursor.parameter())
        }
        guard cursor.peek == UInt8(ascii: ":") else {
            throw cursor.error("expected ':' before the value of \(name)")
        }
        let value = String(decoding: bytes[(cursor.position + 1)...], as: UTF8.self)
        return ICalendarProperty(name: name, parameters: parameters, value: value, line: line)
    }

    private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        if bytes.allSatisfy({ $0 < 0x80 }) { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }

    private struct Cursor {
        let bytes: [UInt8]
        let line: Int
        var position = 0

        init(bytes: [UInt8], line: Int) {
            self.bytes = bytes
            self.line = line
        }

        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func name() -> String {
            let start = position
            while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func parameter() throws(ICalendarError) -> ICalendarParameter {
            let name = self.name()
            guard !name.isEmpty else { throw error("expected a parameter name after ';'") }
            guard peek == UInt8(ascii: "=") else { throw error("expected '=' after the parameter name \(name)") }
            position += 1
            var values: [String] = []
            var quoted: [Bool] = []
            while true {
                if peek == 0x22 {
                    position += 1
                    let start = position
                    while position < bytes.count, bytes[position] != 0x22 { position += 1 }
                    guard position < bytes.count else { throw error("the quoted value of \(name) is never closed") }
                    values.append(String(decoding: bytes[start..<position], as: UTF8.self))
                    quoted.append(true)
                    position += 1
                } else {
                    let start = position
                    while let byte = peek, byte != UInt8(ascii: ";"), byte != UInt8(ascii: ":"),
                        byte != UInt8(ascii: ","),
                        byte != 0x22
                    {
                        position += 1
                    }
                    if peek == 0x22 { throw error("a double quote inside the unquoted value of \(name)") }
                    values.append(String(decoding: bytes[start..<position], as: UTF8.self))
                    quoted.append(false)
                }
                guard peek == UInt8(ascii: ",") else { break }
                position += 1
            }
            return ICalendarParameter(name: name, values: values, quoted: quoted)
        }

        /// An error at the current position; the column counts Unicode scalars, from 1.
        func error(_ reason: String) -> ICalendarError {
            let scalarsBefore = bytes[..<min(position, bytes.count)].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            return .malformedContentLine(line: line, column: scalarsBefore + 1, reason: reason)
        }
    }
}
