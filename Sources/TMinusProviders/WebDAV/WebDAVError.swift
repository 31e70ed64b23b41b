/// Why a WebDAV/CalDAV XML body could not be read.
///
/// Reading never crashes on bad input: malformed XML, an unexpected root element or a missing
/// required element all end in one of these cases, each saying where and what was expected.
public enum WebDAVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The body is not well-formed XML (line and column as the XML parser reports them, from 1).
    case malformedXML(line: Int, column: Int, reason: String)
    /// The body is empty where an XML document was required.
    case emptyBody
    /// The document element is not the one this body must have.
    case unexpectedRoot(expected: DAVName, found: DAVName)
    /// A required child element is missing.
    case missingElement(parent: DAVName, element: DAVName)
    /// A `DAV:status` line is not `HTTP/1.1 <code> <reason>`.
    case invalidStatusLine(String)
    /// Elements are nested deeper than the reader allows (a guard against hostile input).
    case nestingTooDeep(limit: Int)
    /// A value inside an element has the wrong form (e.g. a time-range that is not UTC).
    case invalidValue(element: DAVName, value: String, expected: String)

    public var description: String {
        switch self {
        case .malformedXML(let line, let column, let reason):
            return "malformed XML at line \(line), column \(column): \(reason)"
        case .emptyBody:
            return "the body is empty; an XML document was expected"
        case .unexpectedRoot(let expected, let found):
            return "expected a \(expected) document, found \(found)"
        case .missingElement(let parent, let element):
            return "\(parent) has no \(element) element; it is required"
        case .invalidStatusLine(let line):
            return "\"\(line)\" is not a status line like \"HTTP/1.1 200 OK\""
        case .nestingTooDeep(let limit):
            return "XML elements are nested more than \(limit) deep"
        case .invalidValue(let element, let value, let expected):
            return "\(element) value \"\(value)\" is not valid; expected \(expected)"
        }
    }
}
