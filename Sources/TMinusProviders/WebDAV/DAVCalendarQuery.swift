public import TMinusCore

/// A `CALDAV:calendar-query` REPORT body (RFC 4791 §7.8) selecting VEVENTs that overlap a
/// time range (§9.9); recurring events match when any instance overlaps.
///
/// Only the common shape is modelled: `VCALENDAR > VEVENT` comp-filters with an optional
/// time-range. Times are written as UTC `YYYYMMDDTHHMMSSZ`, as the RFC requires.
public struct DAVCalendarQuery: Hashable, Sendable {
    public var properties: [DAVName]
    /// The component to select inside VCALENDAR, `VEVENT` by default.
    public var component: String
    /// Inclusive start of the range (nil: unbounded).
    public var start: Timestamp?
    /// Exclusive end of the range (nil: unbounded).
    public var end: Timestamp?

    /// Creates a body; with neither bound it selects every component of that type.
    public init(
        properties: [DAVName] = [.getETag, .calendarData], component: String = "VEVENT", start: Timestamp? = nil,
        end: Timestamp? = nil
    ) {
        self.properties = properties
        self.component = component
        self.start = start
        self.end = end
    }

    /// The body as an element.
    public var element: DAVElement {
        var inner = DAVElement(.compFilter, attributes: [DAVAttribute("name", component)])
        if start != nil || end != nil {
            var attributes: [DAVAttribute] = []
            if let start { attributes.append(DAVAttribute("start", ICalendarDateTime.utc(start).valueText)) }
            if let end { attributes.append(DAVAttribute("end", ICalendarDateTime.utc(end).valueText)) }
            inner.children.append(DAVElement(.timeRange, attributes: attributes))
        }
        let filter = DAVElement(
            .filter,
            children: [DAVElement(.compFilter, attributes: [DAVAttribute("name", "VCALENDAR")], children: [inner])])
        return DAVElement(
            .calendarQuery, children: [DAVElement(.prop, children: properties.map { DAVElement($0) }), filter])
    }

    /// The body as an XML document.
    public var xml: [UInt8] { DAVXMLWriter.bytes(element) }

    /// Reads a calendar-query body of the modelled shape.
    public static func parse(_ bytes: [UInt8]) throws(WebDAVError) -> DAVCalendarQuery {
        try parse(root: DAVXMLReader.document(bytes))
    }

    /// Reads a calendar-query body already parsed into its document element (the same answers and
    /// errors as ``parse(_:)`` of its bytes).
    public static func parse(root: DAVElement) throws(WebDAVError) -> DAVCalendarQuery {
        guard root.name == .calendarQuery else { throw .unexpectedRoot(expected: .calendarQuery, found: root.name) }
        guard let filter = root.child(.filter) else { throw .missingElement(parent: .calendarQuery, element: .filter) }
        guard let calendar = filter.child(.compFilter) else {
            throw .missingElement(parent: .filter, element: .compFilter)
        }
        var query = DAVCalendarQuery(properties: root.child(.prop)?.childNames ?? [])
        guard let inner = calendar.child(.compFilter) else {
            query.component = calendar.attribute("name") ?? "VCALENDAR"
            return query
        }
        query.component = inner.attribute("name") ?? "VEVENT"
        if let range = inner.child(.timeRange) {
            query.start = try range.attribute("start").map { text throws(WebDAVError) in try utc(text) }
            query.end = try range.attribute("end").map { text throws(WebDAVError) in try utc(text) }
        }
        return query
    }

    private static func utc(_ text: String) throws(WebDAVError) -> Timestamp {
        guard case .utc(let instant)? = ICalendarDateTime.parse(text: Substring(text), tzid: nil) else {
            throw .invalidValue(element: .timeRange, value: text, expected: "a UTC date-time like 20260716T000000Z")
        }
        return instant
    }
}
