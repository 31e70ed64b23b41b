/// Reads iCalendar text (RFC 5545) into ``ICalendarComponent`` trees.
///
/// Unfolding happens on bytes before UTF-8 decoding (a fold may split a multi-byte sequence);
/// CRLF and bare LF line ends are both accepted, empty lines and a leading byte-order mark are
/// skipped. Names are matched case-insensitively but kept as written. Malformed input ends in an
/// ``ICalendarError`` naming line and column, never in a crash. This is the fast path the provider
/// benchmark measures: one pass over the bytes, no regular expressions, no Foundation.
public enum ICalendarReader: Sendable {
    /// The deepest component nesting accepted (VCALENDAR > VEVENT > VALARM is 3).
    public static let maximumDepth = 32

    /// Every top-level component in `bytes`, in order.
    public static func components(_ bytes: [UInt8]) throws(ICalendarError) -> [ICalendarComponent] {
        var builder = TreeBuilder()
        var logical: [UInt8] = []
        logical.reserveCapacity(256)
        var logicalLine = 0
        var physicalLine = 0
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let count = bytes.count
        while index < count {
            var lineEnd = index
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > index, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            physicalLine += 1
            if contentEnd > index, bytes[index] == 0x20 || bytes[index] == 0x09 {
                guard logicalLine > 0 else {
                    throw .malformedContentLine(
                        line: physicalLine, column: 1, reason: "a folded continuation line with no line before it")
                }
                logical.append(contentsOf: bytes[(index + 1)..<contentEnd])
            } else {
                if logicalLine > 0 { try builder.consume(logical, line: logicalLine) }
                logical.removeAll(keepingCapacity: true)
                logical.append(contentsOf: bytes[index..<contentEnd])
                logicalLine = contentEnd > index ? physicalLine : 0
            }
            index = lineEnd + 1
        }
        if logicalLine > 0 { try builder.consume(logical, line: logicalLine) }
        return try builder.finish(lastLine: physicalLine)
    }

    /// Every top-level component in `text`.
    public static func components(_ text: String) throws(ICalendarError) -> [ICalendarComponent] {
        try components(Array(text.utf8))
    }

    /// Every `VCALENDAR` in `bytes` (a file may concatenate several).
    /// - Throws: ``ICalendarError/notACalendar(found:)`` when there is none, or something else is at the top.
    public static func calendars(_ bytes: [UInt8]) throws(ICalendarError) -> [ICalendarComponent] {
        let found = try components(bytes)
        guard !found.isEmpty else { throw .notACalendar(found: nil) }
        if let other = found.first(where: { $0.key != "VCALENDAR" }) { throw .notACalendar(found: other.name) }
        return found
    }

    /// The one `VCALENDAR` of a calendar object resource (what a CalDAV GET or PUT carries).
    public static func calendar(_ bytes: [UInt8]) throws(ICalendarError) -> ICalendarComponent {
        let found = try calendars(bytes)
        guard found.count == 1 else { throw .notACalendar(found: "VCALENDAR (\(found.count) of them)") }
        return found[0]
    }

    /// The one `VCALENDAR` in `text`.
    public static func calendar(_ text: String) throws(ICalendarError) -> ICalendarComponent {
        try calendar(Array(text.utf8))
    }

    /// Parses one unfolded content line (without CRLF) into a property.
    public static func property(_ line: String, lineNumber: Int = 0) throws(ICalendarError) -> ICalendarProperty {
        try ContentLineParser.parse(Array(line.utf8), line: lineNumber)
    }
}

/// Assembles components from content lines with an explicit stack.
private struct TreeBuilder {
    var stack: [ICalendarComponent] = []
    var roots: [ICalendarComponent] = []

    mutating func consume(_ bytes: [UInt8], line: Int) throws(ICalendarError) {
        let property = try ContentLineParser.parse(bytes, line: line)
        switch property.key {
        case "BEGIN":
            let name = try componentName(property, line: line)
            guard stack.count < ICalendarReader.maximumDepth else {
                throw .nestingTooDeep(line: line, limit: ICalendarReader.maximumDepth)
            }
            stack.append(ICalendarComponent(name: name, line: line))
        case "END":
            let name = try componentName(property, line: line)
            guard let open = stack.last, ICalendarName.equal(open.name, name) else {
                throw .mismatchedEnd(line: line, expected: stack.last?.name, found: name)
            }
            let done = stack.removeLast()
            if stack.isEmpty { roots.append(done) } else { stack[stack.count - 1].components.append(done) }
        default:
            guard !stack.isEmpty else { throw .propertyOutsideComponent(line: line, property: property.name) }
            stack[stack.count - 1].properties.append(property)
        }
    }

    private func componentName(_ property: ICalendarProperty, line: Int) throws(ICalendarError) -> String {
        let name = property.value
        guard !name.isEmpty, name.utf8.allSatisfy(ContentLineParser.isNameByte) else {
            throw .malformedContentLine(
                line: line, column: property.name.count + 2,
                reason: "\(property.name) needs a component name like VEVENT")
        }
        return name
    }

    func finish(lastLine: Int) throws(ICalendarError) -> [ICalendarComponent] {
        if let open = stack.last { throw .unterminatedComponent(line: open.line, component: open.name) }
        return roots
    }
}
