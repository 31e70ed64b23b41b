public import TMinusCore

/// Maps between iCalendar and the core model: a VEVENT read from CalDAV becomes ``EventContent``
/// plus ``MarkerEvidence/caldav(properties:)``; a ``ProjectedEvent`` becomes the VCALENDAR of a mirror.
///
/// Mirror guarantees: no ATTENDEE or ORGANIZER ever (privacy, invariant H), TRANSP from the
/// projection, `CLASS:PRIVATE` for BUSY (private) mirrors, timed values written in UTC (so no
/// VTIMEZONE is needed), all-day values as `VALUE=DATE`, our three `X-TMINUS-*` markers, and a
/// `DTSTAMP` taken from the caller's instant — never the real clock — so the bytes are deterministic.
public enum ICalendarMapping: Sendable {
    /// The PRODID of calendars we write.
    public static let productID = "-//T-Minus//tminus//EN"

    /// The core content of an event read from a provider.
    /// - Throws: ``ICalendarError`` when a time cannot be resolved, or start and end mix a DATE
    ///   with a DATE-TIME (which RFC 5545 forbids and the model cannot hold).
    public static func content(of event: ICalendarEvent, timeZones: ICalendarTimeZones) throws(ICalendarError)
        -> EventContent
    {
        let start: EventDateTime
        let end: EventDateTime
        if case .date(let startDate) = event.start {
            start = .allDay(startDate)
            end = .allDay(try allDayEnd(of: event, startDate: startDate))
        } else {
            let line = event.component.property("DTSTART")?.line ?? event.component.line
            start = .timed(
                try event.startInstant(in: timeZones), timeZone: try timeZones.ianaName(of: event.start, line: line))
            if case .dateTime(let value) = event.end, value.isDate {
                let property = event.component.property("DTEND")
                throw .invalidValue(
                    line: property?.line ?? 0, property: "DTEND", value: property?.value ?? "",
                    expected: "a DATE-TIME, like DTSTART")
            }
            end = .timed(try event.endInstant(in: timeZones), timeZone: start.timeZone)
        }
        return EventContent(
            title: event.summary, description: event.description, location: event.location, start: start, end: end,
            status: event.status ?? .confirmed, visibility: visibility(event.classification),
            transparency: event.isTransparent ? .transparent : .opaque, recurrenceRule: event.recurrenceRule)
    }

    private static func allDayEnd(of event: ICalendarEvent, startDate: CalendarDate) throws(ICalendarError)
        -> CalendarDate
    {
        switch event.end {
        case .unspecified:
            return startDate.next
        case .dateTime(.date(let endDate)):
            return endDate
        case .dateTime:
            let property = event.component.property("DTEND")
            throw .invalidValue(
                line: property?.line ?? 0, property: "DTEND", value: property?.value ?? "",
                expected: "a DATE, like DTSTART")
        case .duration(let duration):
            guard duration.seconds == 0 else {
                let property = event.component.property("DURATION")
                throw .invalidValue(
                    line: property?.line ?? 0, property: "DURATION", value: property?.value ?? "",
                    expected: "whole days or weeks (P1D, P1W) for an all-day event")
            }
            return CalendarDate(daysSinceEpoch: startDate.daysSinceEpoch + duration.signedDays)
        }
    }

    private static func visibility(_ classification: String?) -> EventVisibility {
        switch classification {
        case "PUBLIC": return .public
        case "PRIVATE": return .private
        case "CONFIDENTIAL": return .confidential
        default: return .default
        }
    }

    /// Our markers as found on the event (empty properties when it carries none).
    public static func markerEvidence(of event: ICalendarEvent) -> MarkerEvidence {
        event.markers.isEmpty ? .none : .caldav(properties: event.markers)
    }

    /// The VCALENDAR of a mirror, ready to PUT.
    /// - Parameters:
    ///   - uid: the mirror's UID (deterministic, chosen by the adapter).
    ///   - stamp: the DTSTAMP instant, from the injected clock.
    ///   - sequence: the SEQUENCE to write (increment on each update).
    public static func mirrorCalendar(
        for projected: ProjectedEvent, uid: String, stamp: Timestamp, sequence: Int = 0
    ) -> ICalendarCalendar {
        let calendar = ICalendarComponent(
            name: "VCALENDAR",
            properties: [
                ICalendarProperty(name: "VERSION", value: "2.0"),
                ICalendarProperty(name: "PRODID", value: productID),
                ICalendarProperty(name: "CALSCALE", value: "GREGORIAN"),
            ],
            components: [mirrorEvent(for: projected, uid: uid, stamp: stamp, sequence: sequence)])
        return ICalendarCalendar(calendar)
    }

    /// The VEVENT of a mirror (see ``mirrorCalendar(for:uid:stamp:sequence:)``).
    public static func mirrorEvent(for projected: ProjectedEvent, uid: String, stamp: Timestamp, sequence: Int = 0)
        -> ICalendarComponent
    {
        var properties = [
            ICalendarProperty(name: "UID", text: uid),
            ICalendarDateTime.utc(stamp).property(named: "DTSTAMP"),
            ICalendarProperty(name: "SEQUENCE", value: String(max(0, sequence))),
            dateTime(projected.start).property(named: "DTSTART"),
            dateTime(projected.end).property(named: "DTEND"),
            ICalendarProperty(name: "SUMMARY", text: projected.summary),
        ]
        if let description = projected.description {
            properties.append(ICalendarProperty(name: "DESCRIPTION", text: description))
        }
        if let location = projected.location { properties.append(ICalendarProperty(name: "LOCATION", text: location)) }
        properties.append(
            ICalendarProperty(name: "TRANSP", value: projected.transparency == .transparent ? "TRANSPARENT" : "OPAQUE"))
        if projected.visibility == .private { properties.append(ICalendarProperty(name: "CLASS", value: "PRIVATE")) }
        let markers = projected.markers
        properties.append(ICalendarProperty(name: ManagedMarkers.CalDAVProperty.managed, text: markers.managedValue))
        properties.append(
            ICalendarProperty(name: ManagedMarkers.CalDAVProperty.canonicalEventID, text: markers.canonicalEventID))
        properties.append(
            ICalendarProperty(name: ManagedMarkers.CalDAVProperty.originAccountID, text: markers.originAccountID))
        return ICalendarComponent(name: "VEVENT", properties: properties)
    }

    /// The iCalendar form of a model date-time: `VALUE=DATE` or UTC.
    public static func dateTime(_ value: EventDateTime) -> ICalendarDateTime {
        switch value {
        case .allDay(let date): return .date(date)
        case .timed(let instant, _): return .utc(Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch))
        }
    }
}
