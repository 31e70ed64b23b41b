/// A `CALDAV:calendar-multiget` REPORT body (RFC 4791 §7.9): fetch named members in one request.
///
/// The answer has one response per href; a missing one comes back as a 404 response in the same
/// 207. This is also the fallback when a server returns no calendar-data inside sync-collection.
public struct DAVCalendarMultiget: Hashable, Sendable {
    public var properties: [DAVName]
    /// The member hrefs as they go on the wire (encoded paths).
    public var hrefs: [String]

    /// Creates a body; by default asks for ETag and calendar data.
    public init(hrefs: [String], properties: [DAVName] = [.getETag, .calendarData]) {
        self.hrefs = hrefs
        self.properties = properties
    }

    /// The body as an element.
    public var element: DAVElement {
        DAVElement(
            .calendarMultiget,
            children: [DAVElement(.prop, children: properties.map { DAVElement($0) })]
                + hrefs.map { DAVElement(.href, text: $0) })
    }

    /// The body as an XML document.
    public var xml: [UInt8] { DAVXMLWriter.bytes(element) }

    /// Reads a calendar-multiget body.
    public static func parse(_ bytes: [UInt8]) throws(WebDAVError) -> DAVCalendarMultiget {
        let root = try DAVXMLReader.document(bytes, expecting: .calendarMultiget)
        guard let prop = root.child(.prop) else { throw .missingElement(parent: .calendarMultiget, element: .prop) }
        return DAVCalendarMultiget(hrefs: root.hrefs, properties: prop.childNames)
    }
}
