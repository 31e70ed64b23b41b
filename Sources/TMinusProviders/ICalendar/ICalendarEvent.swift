public import TMinusCore

/// A typed view of one `VEVENT`: the fields sync needs, read and checked, plus the component
/// itself so nothing else is lost (alarms, attendees, `X-` properties stay in ``component``).
///
/// A master carries the series rule (`RRULE`, `RDATE`, `EXDATE`); an override carries a
/// ``recurrenceID`` naming the instance it replaces (RFC 5545 §3.8.4.4). Both share the ``uid``.
public struct ICalendarEvent: Hashable, Sendable {
    /// How the event's end is given.
    public enum End: Hashable, Sendable {
        /// Neither DTEND nor DURATION: a DATE start lasts one day, a DATE-TIME start is an instant.
        case unspecified
        /// `DTEND` (exclusive).
        case dateTime(ICalendarDateTime)
        /// `DURATION`.
        case duration(ICalendarDuration)
    }

    /// The source component, unchanged.
    public var component: ICalendarComponent
    public var uid: String
    public var start: ICalendarDateTime
    public var end: End
    /// Set on an override: the original start of the instance it replaces.
    public var recurrenceID: ICalendarDateTime?
    /// True when the override's `RECURRENCE-ID` has `RANGE=THISANDFUTURE`.
    public var appliesToFutureInstances: Bool
    /// The raw `RRULE` value, e.g. `FREQ=WEEKLY;COUNT=8`.
    public var recurrenceRule: String?
    public var exceptionDates: [ICalendarDateTime]
    public var recurrenceDates: [ICalendarDateTime]
    public var summary: String?
    public var description: String?
    public var location: String?
    /// `STATUS` mapped to the model (nil when absent).
    public var status: EventStatus?
    /// The raw `CLASS` value in upper case (`PUBLIC`, `PRIVATE`, `CONFIDENTIAL`), nil when absent.
    public var classification: String?
    /// True for `TRANSP:TRANSPARENT`.
    public var isTransparent: Bool
    public var sequence: Int
    /// Our `X-TMINUS-*` properties by name (empty on events we did not write).
    public var markers: [String: String]

    /// Reads a VEVENT.
    /// - Throws: ``ICalendarError`` for a missing UID or DTSTART, or a malformed value.
    public init(_ component: ICalendarComponent) throws(ICalendarError) {
        self.component = component
        guard let uidProperty = component.property("UID"), !uidProperty.value.isEmpty else {
            throw .missingProperty(line: component.line, component: component.name, property: "UID")
        }
        uid = uidProperty.text
        guard let startProperty = component.property("DTSTART") else {
            throw .missingProperty(line: component.line, component: component.name, property: "DTSTART")
        }
        start = try ICalendarDateTime.parse(startProperty)
        if let endProperty = component.property("DTEND") {
            end = .dateTime(try ICalendarDateTime.parse(endProperty))
        } else if let durationProperty = component.property("DURATION") {
            end = .duration(try ICalendarDuration.parse(durationProperty))
        } else {
            end = .unspecified
        }
        let recurrenceProperty = component.property("RECURRENCE-ID")
        recurrenceID = try recurrenceProperty.map { property throws(ICalendarError) in
            try ICalendarDateTime.parse(property)
        }
        appliesToFutureInstances = recurrenceProperty?.parameter("RANGE").map(ICalendarName.key) == "THISANDFUTURE"
        recurrenceRule = component.property("RRULE")?.value
        exceptionDates = try ICalendarDateTime.parseList(component.properties("EXDATE"))
        recurrenceDates = try ICalendarDateTime.parseList(component.properties("RDATE"))
        summary = component.text("SUMMARY")
        description = component.text("DESCRIPTION")
        location = component.text("LOCATION")
        status = try Self.status(component.property("STATUS"))
        classification = component.property("CLASS").map { ICalendarName.key($0.value) }
        isTransparent = component.property("TRANSP").map { ICalendarName.key($0.value) } == "TRANSPARENT"
        sequence = try Self.sequence(component.property("SEQUENCE"))
        markers = [:]
        for property in component.properties where property.key.hasPrefix("X-TMINUS-") {
            // Our marker values are IDs and flags: a control character in one is damage on the way
            // (RFC 5545 allows none in a content line), and read as text it would be another value,
            // so our own mirror would look like someone else's event.
            if property.value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
                throw .invalidValue(
                    line: property.line, property: property.name,
                    value: property.value.unicodeScalars.map { $0.escaped(asASCII: true) }.joined(),
                    expected: "a T-Minus marker value without control characters")
            }
            markers[property.key] = property.text
        }
    }

    /// True for a series master (it has a rule or extra dates and is not itself an override).
    public var isRecurring: Bool {
        recurrenceID == nil && (recurrenceRule != nil || !recurrenceDates.isEmpty)
    }

    /// The instant the event starts.
    public func startInstant(in zones: ICalendarTimeZones) throws(ICalendarError) -> Timestamp {
        try zones.instant(of: start, line: component.property("DTSTART")?.line ?? component.line)
    }

    /// The instant the event ends (exclusive), from DTEND, DURATION or the RFC default.
    public func endInstant(in zones: ICalendarTimeZones) throws(ICalendarError) -> Timestamp {
        switch end {
        case .dateTime(let value):
            return try zones.instant(of: value, line: component.property("DTEND")?.line ?? 0, property: "DTEND")
        case .duration(let duration):
            return try zones.adding(duration, to: start, line: component.property("DURATION")?.line ?? 0)
        case .unspecified:
            if case .date(let date) = start { return date.next.startOfDayUTC }
            return try startInstant(in: zones)
        }
    }

    /// The instance length used for every generated occurrence of a series.
    public func duration(in zones: ICalendarTimeZones) throws(ICalendarError) -> Duration {
        try endInstant(in: zones).duration(since: try startInstant(in: zones))
    }

    private static func status(_ property: ICalendarProperty?) throws(ICalendarError) -> EventStatus? {
        guard let property else { return nil }
        switch ICalendarName.key(property.value) {
        case "CONFIRMED": return .confirmed
        case "TENTATIVE": return .tentative
        case "CANCELLED": return .cancelled
        default:
            throw .invalidValue(
                line: property.line, property: property.name, value: property.value,
                expected: "CONFIRMED, TENTATIVE or CANCELLED")
        }
    }

    private static func sequence(_ property: ICalendarProperty?) throws(ICalendarError) -> Int {
        guard let property else { return 0 }
        guard let value = Int(property.value), value >= 0 else {
            throw .invalidValue(
                line: property.line, property: property.name, value: property.value, expected: "a non-negative integer")
        }
        return value
    }
}
