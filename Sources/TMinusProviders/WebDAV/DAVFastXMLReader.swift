/// A byte-level reader for the plain subset of XML that WebDAV peers send, used by
/// ``DAVXMLReader`` before Foundation's `XMLParser`, which is several times slower.
///
/// It answers only when it is sure: a document it returns is one `XMLParser` (as ``DAVXMLReader``
/// drives it) parses into the same ``DAVElement`` tree. Anything outside the subset, and every
/// defect, makes it return nil, and the caller parses the document the slow way, so errors, their
/// positions and every unusual construct keep exactly the old behaviour.
///
/// The subset: an optional `<?xml …?>` declaration (UTF-8) at the very start; comments; elements
/// with ASCII names, unprefixed attributes and `xmlns` / `xmlns:p` declarations (prefixes resolved
/// by scope); character data with the five predefined entities and numeric character references;
/// CDATA sections. Out of it (nil): a DOCTYPE, any other processing instruction, prefixed
/// attributes, undeclared prefixes, raw CR or other control characters (XML normalises line ends
/// and forbids most controls), raw tabs or newlines inside attribute values (normalised by XML),
/// U+FFFE and U+FFFF, nesting deeper than ``DAVXMLReader/maximumDepth``, and any syntax error.
/// The input must already be valid UTF-8 (``DAVXMLReader`` checks it first).
enum DAVFastXMLReader {
    /// The document element of `bytes`, or nil when the slow parser must decide.
    static func document(_ bytes: [UInt8]) -> DAVElement? {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(bytes: buffer)
            return scanner.document()
        }
    }

    /// One namespace declaration in scope: `prefix` ("" for the default namespace) → `uri`.
    private struct Binding {
        var prefix: ArraySlice<UInt8>
        var uri: String
    }

    /// An element being read: its tree node, its qualified name (to match the end tag) and how many
    /// bindings it declared.
    private struct Open {
        var element: DAVElement
        var qualifiedName: ArraySlice<UInt8>
        var declared: Int
        var text: [UInt8]
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var bindings: [Binding] = []
        var stack: [Open] = []
        var root: DAVElement?

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func document() -> DAVElement? {
            if starts(with: "<?xml") {
                guard declaration() else { return nil }
            }
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "<") {
                    guard markup() else { return nil }
                } else {
                    guard characterData() else { return nil }
                }
            }
            return stack.isEmpty ? root : nil
        }

        // MARK: Markup

        private mutating func markup() -> Bool {
            guard index + 1 < bytes.count else { return false }
            switch bytes[index + 1] {
            case UInt8(ascii: "/"): return endTag()
            case UInt8(ascii: "!"):
                if starts(with: "<!--") { return comment() }
                if starts(with: "<![CDATA[") { return cdata() }
                return false
            case UInt8(ascii: "?"): return false
            default: return startTag()
            }
        }

        /// `<?xml version="1.0"` with an optional UTF-8 `encoding` and a `standalone`, then `?>`.
        private mutating func declaration() -> Bool {
            guard index == 0 else { return false }
            index = 5
            var seen: [String] = []
            while true {
                let hadSpace = skipSpace()
                if starts(with: "?>") {
                    index += 2
                    return seen.first == "version"
                }
                guard hadSpace, let key = name() else { return false }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return false }
                index += 1
                guard let raw = attributeValue() else { return false }
                let pseudo = String(decoding: key, as: UTF8.self)
                let value = String(decoding: raw, as: UTF8.self)
                switch (pseudo, seen) {
                case ("version", []): guard value == "1.0" else { return false }
                case ("encoding", ["version"]): guard value.lowercased() == "utf-8" else { return false }
                case ("standalone", ["version"]), ("standalone", ["version", "encoding"]):
                    guard value == "yes" || value == "no" else { return false }
                default: return false
                }
                seen.append(pseudo)
            }
        }

        private mutating func comment() -> Bool {
            guard let end = find("--", from: index + 4), end + 2 < bytes.count, bytes[end + 2] == UInt8(ascii: ">")
            else { return false }
            guard allCharactersAllowed(index + 4, end) else { return false }
            index = end + 3
            return true
        }

        private mutating func cdata() -> Bool {
            guard !stack.isEmpty, let end = find("]]>", from: index + 9) else { return false }
            guard allCharactersAllowed(index + 9, end) else { return false }
            stack[stack.count - 1].text.append(contentsOf: bytes[(index + 9)..<end])
            index = end + 3
            return true
        }

        private mutating func startTag() -> Bool {
            guard root == nil, stack.count < DAVXMLReader.maximumDepth else { return false }
            index += 1
            guard let qualifiedName = name() else { return false }
            var attributes: [(name: ArraySlice<UInt8>, value: [UInt8])] = []
            var declared = 0
            var selfClosing = false
            while true {
                let hadSpace = skipSpace()
                guard index < bytes.count else { return false }
                if bytes[index] == UInt8(ascii: ">") {
                    index += 1
                    break
                }
                if bytes[index] == UInt8(ascii: "/") {
                    guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else { return false }
                    index += 2
                    selfClosing = true
                    break
                }
                guard hadSpace, let attributeName = name() else { return false }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return false }
                index += 1
                skipSpace()
                guard let value = attributeValue() else { return false }
                guard !attributes.contains(where: { $0.name.elementsEqual(attributeName) }) else { return false }
                attributes.append((attributeName, value))
                if attributeName.elementsEqual("xmlns".utf8) {
                    guard Self.isPlainAbsoluteURI(value) else { return false }
                    bindings.append(Binding(prefix: [], uri: String(decoding: value, as: UTF8.self)))
                    declared += 1
                } else if attributeName.starts(with: "xmlns:".utf8) {
                    let prefix = attributeName.dropFirst(6)
                    guard Self.isNCName(prefix), Self.isPlainAbsoluteURI(value), !prefix.elementsEqual("xml".utf8),
                        !prefix.elementsEqual("xmlns".utf8)
                    else { return false }
                    bindings.append(Binding(prefix: prefix, uri: String(decoding: value, as: UTF8.self)))
                    declared += 1
                } else if attributeName.contains(UInt8(ascii: ":")) {
                    return false
                }
            }
            guard let elementName = resolve(qualifiedName) else { return false }
            // As the slow path: sorted by name, and every name starting with "xmlns" left out.
            let kept = attributes.filter { !$0.name.starts(with: "xmlns".utf8) }
                .map { DAVAttribute(String(decoding: $0.name, as: UTF8.self), String(decoding: $0.value, as: UTF8.self)) }
                .sorted { $0.name < $1.name }
            let open = Open(
                element: DAVElement(elementName, attributes: kept), qualifiedName: qualifiedName, declared: declared, text: [])
            stack.append(open)
            if selfClosing { close() }
            return true
        }

        private mutating func endTag() -> Bool {
            index += 2
            guard let qualifiedName = name(), let open = stack.last, open.qualifiedName.elementsEqual(qualifiedName)
            else { return false }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { return false }
            index += 1
            close()
            return true
        }

        private mutating func close() {
            var done = stack.removeLast()
            bindings.removeLast(done.declared)
            done.element.text = String(decoding: done.text, as: UTF8.self)
            if stack.isEmpty {
                root = done.element
            } else {
                stack[stack.count - 1].element.children.append(done.element)
            }
        }

        /// The element's name in its namespace, or nil for an undeclared or reserved prefix.
        private func resolve(_ qualifiedName: ArraySlice<UInt8>) -> DAVName? {
            let colon = qualifiedName.firstIndex(of: UInt8(ascii: ":"))
            let prefix = colon.map { qualifiedName[..<$0] } ?? []
            let local = colon.map { qualifiedName[($0 + 1)...] } ?? qualifiedName
            guard Self.isNCName(local) else { return nil }
            if colon != nil, !Self.isNCName(prefix) { return nil }
            var uri: String?
            for binding in bindings.reversed() where binding.prefix.elementsEqual(prefix) {
                uri = binding.uri
                break
            }
            if colon != nil, uri == nil { return nil }
            return DAVName(uri ?? "", String(decoding: local, as: UTF8.self))
        }

        // MARK: Names, values and text

        /// An ASCII XML name (letters, digits, `-`, `_`, `.`, `:`; not starting with a digit, `-`,
        /// `.` or `:`), or nil.
        private mutating func name() -> ArraySlice<UInt8>? {
            let start = index
            while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            let first = bytes[start]
            guard Self.isLetter(first) || first == UInt8(ascii: "_") else { return nil }
            return ArraySlice(bytes[start..<index])
        }

        private mutating func attributeValue() -> [UInt8]? {
            guard index < bytes.count else { return nil }
            let quote = bytes[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
            index += 1
            var value: [UInt8] = []
            while index < bytes.count, bytes[index] != quote {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<") || byte < 0x20 { return nil }
                if byte == UInt8(ascii: "&") {
                    guard reference(into: &value) else { return nil }
                    continue
                }
                guard allowedNonASCII(at: index) else { return nil }
                value.append(byte)
                index += 1
            }
            guard index < bytes.count else { return nil }
            index += 1
            return value
        }

        private mutating func characterData() -> Bool {
            guard !stack.isEmpty else {
                // Only whitespace may stand before or after the document element.
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") {
                    let byte = bytes[index]
                    guard byte == 0x20 || byte == 0x0A || byte == 0x09 else { return false }
                    index += 1
                }
                return true
            }
            var text: [UInt8] = []
            swap(&text, &stack[stack.count - 1].text)
            defer { swap(&text, &stack[stack.count - 1].text) }
            while index < bytes.count, bytes[index] != UInt8(ascii: "<") {
                let byte = bytes[index]
                if byte == UInt8(ascii: "&") {
                    guard reference(into: &text) else { return false }
                    continue
                }
                if byte < 0x20, byte != 0x0A, byte != 0x09 { return false }
                if byte == UInt8(ascii: ">"), index >= 2, bytes[index - 1] == UInt8(ascii: "]"),
                    bytes[index - 2] == UInt8(ascii: "]")
                {
                    return false
                }
                guard allowedNonASCII(at: index) else { return false }
                text.append(byte)
                index += 1
            }
            return true
        }

        /// Decodes the entity or character reference at `index` into `out`; false if it is not one of
        /// the predefined entities or a reference to an allowed character.
        private mutating func reference(into out: inout [UInt8]) -> Bool {
            guard let semicolon = find(";", from: index + 1), semicolon - index <= 12 else { return false }
            let body = bytes[(index + 1)..<semicolon]
            var scalar: Unicode.Scalar?
            if body.first == UInt8(ascii: "#") {
                let digits = body.dropFirst()
                let hex = digits.first == UInt8(ascii: "x")
                let number = hex ? digits.dropFirst() : digits
                guard !number.isEmpty, number.allSatisfy({ Self.isDigit($0, hex: hex) }),
                    let value = UInt32(String(decoding: number, as: UTF8.self), radix: hex ? 16 : 10)
                else { return false }
                scalar = Unicode.Scalar(value)
                guard let candidate = scalar, Self.isAllowedCharacter(candidate) else { return false }
            } else {
                switch String(decoding: body, as: UTF8.self) {
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "amp": scalar = "&"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default: return false
                }
            }
            guard let scalar else { return false }
            out.append(contentsOf: String(scalar).utf8)
            index = semicolon + 1
            return true
        }

        // MARK: Helpers

        @discardableResult
        private mutating func skipSpace() -> Bool {
            let start = index
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 {
                index += 1
            }
            return index > start
        }

        private func starts(with literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            return literal.withUTF8Buffer { literal in
                (0..<count).allSatisfy { bytes[index + $0] == literal[$0] }
            }
        }

        private func find(_ literal: StaticString, from start: Int) -> Int? {
            literal.withUTF8Buffer { literal -> Int? in
                guard start <= bytes.count - literal.count else { return nil }
                var position = start
                while position <= bytes.count - literal.count {
                    if bytes[position] == literal[0], (1..<literal.count).allSatisfy({ bytes[position + $0] == literal[$0] })
                    {
                        return position
                    }
                    position += 1
                }
                return nil
            }
        }

        /// Whether every byte in `start..<end` is text XML allows as it is (no CR, no other control
        /// characters, no U+FFFE or U+FFFF).
        private func allCharactersAllowed(_ start: Int, _ end: Int) -> Bool {
            var position = start
            while position < end {
                let byte = bytes[position]
                if byte < 0x20, byte != 0x0A, byte != 0x09 { return false }
                if !allowedNonASCII(at: position) { return false }
                position += 1
            }
            return true
        }

        /// False at the first byte of U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`), which XML forbids.
        private func allowedNonASCII(at position: Int) -> Bool {
            guard bytes[position] == 0xEF, position + 2 < bytes.count else { return true }
            return !(bytes[position + 1] == 0xBF && (bytes[position + 2] == 0xBE || bytes[position + 2] == 0xBF))
        }

        /// A name without a colon that starts with a letter or `_` (a prefix or a local name).
        private static func isNCName(_ name: ArraySlice<UInt8>) -> Bool {
            guard let first = name.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
            return !name.contains(UInt8(ascii: ":"))
        }

        /// A namespace name libxml2 takes without a warning (Foundation turns its namespace warnings
        /// into errors): a scheme (`DAV:`, `urn:`, `http:`) and then only characters URIs allow as
        /// they are, leaving out `%`, `#`, `[`, `]`, `&` and `'` to stay on the safe side.
        private static func isPlainAbsoluteURI(_ value: [UInt8]) -> Bool {
            guard let colon = value.firstIndex(of: UInt8(ascii: ":")), colon > 0, isLetter(value[0]) else { return false }
            let schemeIsPlain = value[1..<colon].allSatisfy {
                isLetter($0) || isDigit($0, hex: false) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: ".")
            }
            var rest = value[(colon + 1)...]
            if rest.starts(with: "//".utf8) {
                // An authority: a plain host name only (no user, no port).
                rest = rest.dropFirst(2)
                let host = rest.prefix { $0 != UInt8(ascii: "/") }
                guard !host.isEmpty, host.allSatisfy({ isLetter($0) || isDigit($0, hex: false) || $0 == 0x2D || $0 == 0x2E })
                else { return false }
                rest = rest.dropFirst(host.count)
            }
            let allowed = Array("-._~:/?@!$()*+,;=".utf8)
            return schemeIsPlain && rest.allSatisfy { isLetter($0) || isDigit($0, hex: false) || allowed.contains($0) }
        }

        private static func isDigit(_ byte: UInt8, hex: Bool) -> Bool {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { return true }
            guard hex else { return false }
            return (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
        }

        private static func isLetter(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        }

        private static func isNameByte(_ byte: UInt8) -> Bool {
            isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
        }

        /// XML 1.0's `Char`: tab, newline, carriage return, and everything from U+0020 except U+FFFE
        /// and U+FFFF (surrogates are not scalars).
        private static func isAllowedCharacter(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x9, 0xA, 0xD: true
            case 0x20...0xFFFD, 0x10000...0x10FFFF: true
            default: false
            }
        }
    }
}
