import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an XML body into a ``DAVElement`` tree, namespaces resolved (so `<D:href>`, `<ns0:href>`
/// and `<href xmlns="DAV:">` are the same name): plain documents with ``DAVFastXMLReader``, and
/// everything else, errors included, with Foundation's SAX `XMLParser`.
///
/// External entities are never resolved; nesting deeper than ``maximumDepth`` is refused.
/// Any defect ends in a ``WebDAVError``, never a crash.
public enum DAVXMLReader: Sendable {
    /// The deepest element nesting accepted (a multistatus is about 7 deep).
    public static let maximumDepth = 64

    /// The document element of `bytes`.
    public static func document(_ bytes: [UInt8]) throws(WebDAVError) -> DAVElement {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { throw .emptyBody }
        // FoundationXML traps on names that are not valid UTF-8, so invalid bytes never reach it.
        if let bad = firstInvalidUTF8(bytes) {
            let before = bytes[..<bad]
            let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let column = bad - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            throw .malformedXML(line: line, column: column, reason: "the body is not valid UTF-8")
        }
        if let offset = firstEmptyProcessingInstruction(bytes) {
            let before = bytes[..<offset]
            let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            throw .malformedXML(line: line, column: column, reason: "a processing instruction without data (<?name?>)")
        }
        if let plain = DAVFastXMLReader.document(bytes) { return plain }
        return try foundationDocument(bytes)
    }

    /// The document element of `bytes` read by Foundation's `XMLParser` alone (what ``document(_:)``
    /// falls back to when ``DAVFastXMLReader`` does not answer). `bytes` must be valid UTF-8 with no
    /// empty processing instruction; tests compare the two readers with it.
    static func foundationDocument(_ bytes: [UInt8]) throws(WebDAVError) -> DAVElement {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder()
        parser.delegate = builder
        let finished = parser.parse()
        if let failure = builder.failure { throw failure }
        guard finished, let root = builder.root else {
            let reason = parser.parserError.map { String(describing: $0) } ?? "the document is incomplete"
            throw .malformedXML(line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1), reason: reason)
        }
        return root
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return nil }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The offset of a `<?name?>` processing instruction with no data, or nil. FoundationXML on
    /// Linux dereferences a null pointer on those, so they are refused before parsing.
    static func firstEmptyProcessingInstruction(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "?") {
                var end = index + 2
                while end < bytes.count, bytes[end] > 0x20, bytes[end] != UInt8(ascii: "?") { end += 1 }
                if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "?"), bytes[end + 1] == UInt8(ascii: ">") {
                    return index
                }
            }
            index += 1
        }
        return nil
    }

    /// The document element of `text`.
    public static func document(_ text: String) throws(WebDAVError) -> DAVElement {
        try document(Array(text.utf8))
    }

    /// The document element, checked to be `expected`.
    public static func document(_ bytes: [UInt8], expecting expected: DAVName) throws(WebDAVError) -> DAVElement {
        let root = try document(bytes)
        guard root.name == expected else { throw .unexpectedRoot(expected: expected, found: root.name) }
        return root
    }
}

/// The SAX delegate: a stack of open elements.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [DAVElement] = []
    var root: DAVElement?
    var failure: WebDAVError?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        guard stack.count < DAVXMLReader.maximumDepth else {
            failure = .nestingTooDeep(limit: DAVXMLReader.maximumDepth)
            parser.abortParsing()
            return
        }
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        let attributes = attributeDict.keys.sorted().filter { !$0.hasPrefix("xmlns") }.map {
            DAVAttribute($0, attributeDict[$0] ?? "")
        }
        stack.append(DAVElement(DAVName(namespaceURI ?? "", local), attributes: attributes))
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        guard let done = stack.popLast() else { return }
        if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil {
            failure = .malformedXML(
                line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1),
                reason: String(describing: parseError))
        }
    }
}
