import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an XML body into a ``DAVElement`` tree with Foundation's SAX `XMLParser`, namespaces
/// resolved (so `<D:href>`, `<ns0:href>` and `<href xmlns="DAV:">` are the same name).
///
/// External entities are never resolved; nesting deeper than ``maximumDepth`` is refused.
/// Any defect ends in a ``WebDAVError``, never a crash.
public enum DAVXMLReader: Sendable {
    /// The deepest element nesting accepted (a multistatus is about 7 deep).
    public static let maximumDepth = 64

    /// The document element of `bytes`.
    public static func document(_ bytes: [UInt8]) throws(WebDAVError) -> DAVElement {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { throw .emptyBody }
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
