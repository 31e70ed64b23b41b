import TMinusCore

/// One parsed `VCALENDAR` with its time zones: the entry point for reading calendar data.
///
/// `ICalendarCalendar.parse(bytes)` reads a CalDAV resource or an `.ics` file; ``series()`` groups
/// a master and its `RECURRENCE-ID` overrides by UID (RFC 4791 §4.1 keeps them in one resource).
/// ``component`` stays the lossless tree: edit it and write it back with ``serialized``.
public struct ICalendarCalendar: Hashable, Sendable {
    /// The VCALENDAR component.
    public var component: ICalendarComponent
    /// The zone floating times are read in (an IANA name), nil for UTC.
    public var floatingTimeZone: String?

    /// Wraps a VCALENDAR component.
    public init(_ component: ICalendarComponent, floatingTimeZone: String? = nil) {
        self.component = component
        self.floatingTimeZone = floatingTimeZone
    }

    /// Reads exactly one VCALENDAR from `bytes` (a calendar object resource).
    public static func parse(_ bytes: [UInt8], floatingTimeZone: String? = nil) throws(ICalendarError)
        -> ICalendarCalendar
    {
        ICalendarCalendar(try ICalendarReader.calendar(bytes), floatingTimeZone: floatingTimeZone)
    }

    /// Reads exactly one VCALENDAR from `text`.
    public static func parse(_ text: String, floatingTimeZone: String? = nil) throws(ICalendarError)
        -> ICalendarCalendar
    {
        try parse(Array(text.utf8), floatingTimeZone: floatingTimeZone)
    }

    /// Reads every VCALENDAR of a file (some exports concatenate several).
    public static func parseAll(_ bytes: [UInt8], floatingTimeZone: String? = nil) throws(ICalendarError)
        -> [ICalendarCalendar]
    {
        try ICalendarReader.calendars(bytes).map { ICalendarCalendar($0, floatingTimeZone: floatingTimeZone) }
    }

    /// The resolver for this calendar's TZIDs.
    public var timeZones: ICalendarTimeZones {
        ICalendarTimeZones(calendar: component, floatingTimeZone: floatingTimeZone)
    }

    /// Every VEVENT, typed, in document order.
    public func events() throws(ICalendarError) -> [ICalendarEvent] {
        var events: [ICalendarEvent] = []
        for child in component.components where child.key == "VEVENT" {
            events.append(try ICalendarEvent(child))
        }
        return events
    }

    /// The VEVENTs grouped by UID in order of first appearance; overrides sorted by recurrence ID.
    public func series() throws(ICalendarError) -> [ICalendarEventSeries] {
        var order: [String] = []
        var groups: [String: ICalendarEventSeries] = [:]
        for event in try events() {
            if groups[event.uid] == nil {
                order.append(event.uid)
                groups[event.uid] = ICalendarEventSeries(uid: event.uid)
            }
            if event.recurrenceID == nil, groups[event.uid]?.master == nil {
                groups[event.uid]?.master = event
            } else {
                groups[event.uid]?.overrides.append(event)
            }
        }
        let zones = timeZones
        return order.compactMap { uid in
            guard var series = groups[uid] else { return nil }
            series.overrides.sort { a, b in
                let left = a.recurrenceID.flatMap { try? zones.instant(of: $0) } ?? Timestamp(nanosecondsSinceEpoch: 0)
                let right = b.recurrenceID.flatMap { try? zones.instant(of: $0) } ?? Timestamp(nanosecondsSinceEpoch: 0)
                return left < right
            }
            return series
        }
    }

    /// The distinct UIDs of the VEVENTs, in order (a CalDAV resource should have exactly one).
    public var uids: [String] {
        var seen: [String] = []
        for child in component.components where child.key == "VEVENT" {
            if let uid = child.property("UID")?.text, !seen.contains(uid) { seen.append(uid) }
        }
        return seen
    }

    /// The calendar as iCalendar text (CRLF, folded).
    public var serialized: String { ICalendarWriter.string(component) }

    /// The calendar as UTF-8 bytes (what a CalDAV PUT sends).
    public var bytes: [UInt8] { ICalendarWriter.bytes(component) }
}

/// A master event and its overrides, sharing one UID.
public struct ICalendarEventSeries: Hashable, Sendable {
    public var uid: String
    /// The master (nil when a resource holds only overrides, e.g. an invitation to one instance).
    public var master: ICalendarEvent?
    /// The overrides, in order of their recurrence IDs.
    public var overrides: [ICalendarEvent]

    /// Creates an empty series for `uid`.
    public init(uid: String, master: ICalendarEvent? = nil, overrides: [ICalendarEvent] = []) {
        self.uid = uid
        self.master = master
        self.overrides = overrides
    }
}
