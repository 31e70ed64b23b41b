public import TMinusCore

/// Turns iCalendar date-times into instants for one calendar: resolves each TZID and applies
/// durations the way RFC 5545 says.
///
/// TZID resolution, first match wins:
/// 1. a name the tz database knows, directly or through ``TimeZoneNames`` (IANA or Windows names);
/// 2. an IANA-like name inside the TZID (`/mozilla.org/20050126_1/Europe/Berlin` → `Europe/Berlin`)
///    or in the VTIMEZONE's `X-LIC-LOCATION`;
/// 3. the calendar's own `VTIMEZONE` with that TZID, evaluated from its rules (``ICalendarTimeZone``);
/// 4. otherwise ``ICalendarError/unknownTimeZone(line:property:tzid:)``.
/// Floating times are read in ``floatingTimeZone`` (UTC when nil); callers that care can tell
/// floating values apart through ``ICalendarDateTime/isFloating``.
public struct ICalendarTimeZones: Sendable {
    /// How a TZID was resolved.
    public enum Zone: Hashable, Sendable {
        /// A zone of the tz database, by IANA name.
        case iana(String)
        /// A zone defined only by a VTIMEZONE's rules.
        case custom(ICalendarTimeZone)
    }

    /// The zone floating times are read in (an IANA name), or nil for UTC.
    public var floatingTimeZone: String?
    private var definitions: [String: ICalendarComponent]

    /// The zones defined in `calendar` (its VTIMEZONE components); nothing is evaluated yet.
    public init(calendar: ICalendarComponent, floatingTimeZone: String? = nil) {
        definitions = [:]
        for component in calendar.components where component.key == "VTIMEZONE" {
            if let tzid = component.property("TZID")?.value, definitions[tzid] == nil { definitions[tzid] = component }
        }
        self.floatingTimeZone = floatingTimeZone
    }

    /// Resolves a TZID (see the type's documentation for the order).
    public func zone(for tzid: String, line: Int = 0, property: String = "TZID") throws(ICalendarError) -> Zone {
        if let name = Self.ianaLikeName(tzid) { return .iana(name) }
        guard let definition = definitions[tzid] else {
            throw .unknownTimeZone(line: line, property: property, tzid: tzid)
        }
        if let location = definition.property("X-LIC-LOCATION")?.value, let name = Self.ianaLikeName(location) {
            return .iana(name)
        }
        return .custom(try ICalendarTimeZone(definition))
    }

    /// The IANA name a TZID stands for, or nil: the TZID itself or its last one to three path segments.
    public static func ianaLikeName(_ tzid: String) -> String? {
        if let known = TimeZoneNames.ianaName(for: tzid) { return known }
        let segments = tzid.split(separator: "/")
        guard segments.count > 1 else { return nil }
        for length in [3, 2] where segments.count > length {
            if let known = TimeZoneNames.ianaName(for: segments.suffix(length).joined(separator: "/")) { return known }
        }
        return nil
    }

    /// The instant a value stands for: dates at UTC midnight, floating times in ``floatingTimeZone``.
    public func instant(of value: ICalendarDateTime, line: Int = 0, property: String = "DTSTART") throws(ICalendarError)
        -> Timestamp
    {
        switch value {
        case .date(let date): return date.startOfDayUTC
        case .utc(let instant): return instant
        case .floating(let local): return floatingInstant(local)
        case .zoned(let local, let tzid):
            return Self.instant(of: local, in: try zone(for: tzid, line: line, property: property))
        }
    }

    /// The IANA name of the zone a value is written in, when there is one (for ``EventDateTime``).
    public func ianaName(of value: ICalendarDateTime, line: Int = 0) throws(ICalendarError) -> String? {
        switch value {
        case .date: return nil
        case .utc: return nil
        case .floating: return floatingTimeZone
        case .zoned(_, let tzid):
            if case .iana(let name) = try zone(for: tzid, line: line) { return name }
            return nil
        }
    }

    /// `value + duration`: nominal days move the wall clock (DST-aware), then seconds are exact.
    public func adding(_ duration: ICalendarDuration, to value: ICalendarDateTime, line: Int = 0) throws(ICalendarError)
        -> Timestamp
    {
        let shifted = value.withLocal(value.local.adding(days: duration.signedDays))
        return try instant(of: shifted, line: line).adding(.seconds(duration.signedSeconds))
    }

    static func instant(of local: ICalendarLocalDateTime, in zone: Zone) -> Timestamp {
        switch zone {
        case .iana(let name): return ICalendarLocalResolution.instant(of: local, inZoneNamed: name)
        case .custom(let definition): return definition.utcInstant(forLocal: local)
        }
    }

    private func floatingInstant(_ local: ICalendarLocalDateTime) -> Timestamp {
        guard let floatingTimeZone else { return local.asUTC }
        return ICalendarLocalResolution.instant(of: local, inZoneNamed: floatingTimeZone)
    }
}
