package import TMinusCore
import TMinusProviders

/// Per-occurrence edits people make to a recurring series: an override VEVENT with a
/// `RECURRENCE-ID` in the master's own value form, or an `EXDATE` that cancels one occurrence.
extension CalDAVServerState {
    package mutating func humanEditOccurrence(
        _ edit: HumanEventEdit, account: String, calendarID: String, seriesID: String, originalStart: EventDateTime,
        now: Timestamp
    ) throws(HumanActionError) -> String {
        let path = try calendar(calendarID, of: account)
        let (name, resource) = try holder(of: seriesID, in: path)
        var calendar = resource.calendar
        let (master, identity) = try occurrence(of: seriesID, at: originalStart, in: calendar)
        let recurrenceID = Self.masterForm(originalStart, like: master.start)
        let components = calendar.component.components
        let zones = calendar.timeZones
        if let index = components.firstIndex(where: { Self.isOverride($0, of: seriesID, at: identity, zones: zones) }) {
            Self.apply(edit, to: &calendar.component.components[index], now: now)
        } else {
            var override = master.component
            for property in ["RRULE", "RDATE", "EXDATE", "DTSTART", "DTEND", "DURATION"] {
                override.removeProperties(property)
            }
            let length = (try? master.duration(in: calendar.timeZones)) ?? .zero
            override.setProperty(recurrenceID.property(named: "RECURRENCE-ID"))
            override.setProperty(recurrenceID.property(named: "DTSTART"))
            let end: EventDateTime =
                switch originalStart {
                case .allDay(let date):
                    .allDay(
                        CalendarDate(daysSinceEpoch: date.daysSinceEpoch + max(1, length.components.seconds / 86_400)))
                case .timed(let instant, let zone): .timed(instant.adding(length), timeZone: zone)
                }
            override.setProperty(Self.masterForm(end, like: master.start).property(named: "DTEND"))
            Self.apply(edit, to: &override, now: now)
            calendar.component.components.append(override)
        }
        store(calendar, name: name, in: path, now: now)
        trace.record(component: "caldav", event: "human occurrence.edit \(path)\(name)")
        return CalDAVEventID.eventID(uid: seriesID, recurrenceID: identity)
    }

    package mutating func humanCancelOccurrence(
        account: String, calendarID: String, seriesID: String, originalStart: EventDateTime, now: Timestamp
    ) throws(HumanActionError) {
        let path = try calendar(calendarID, of: account)
        let (name, resource) = try holder(of: seriesID, in: path)
        var calendar = resource.calendar
        let (master, identity) = try occurrence(of: seriesID, at: originalStart, in: calendar)
        let zones = calendar.timeZones
        calendar.component.components.removeAll { Self.isOverride($0, of: seriesID, at: identity, zones: zones) }
        guard let index = calendar.component.components.firstIndex(where: { $0 == master.component }) else {
            throw .unknownEvent(seriesID)
        }
        let excluded = Self.masterForm(originalStart, like: master.start)
        calendar.component.components[index].properties.append(excluded.property(named: "EXDATE"))
        let stamp = ICalendarDateTime.utc(now)
        calendar.component.components[index].setProperty(stamp.property(named: "DTSTAMP"))
        calendar.component.components[index].setProperty(stamp.property(named: "LAST-MODIFIED"))
        store(calendar, name: name, in: path, now: now)
        trace.record(component: "caldav", event: "human occurrence.cancel \(path)\(name)")
    }

    /// Cancels the occurrence named by a parsed instance ID.
    mutating func humanCancelOccurrence(
        account: String, calendarID: String, seriesID: String, recurrenceID: ICalendarDateTime, now: Timestamp
    ) throws(HumanActionError) {
        let start: EventDateTime =
            switch recurrenceID {
            case .date(let date): .allDay(date)
            case .utc(let instant): .timed(instant, timeZone: nil)
            case .floating(let local), .zoned(let local, _): .timed(local.asUTC, timeZone: nil)
            }
        try humanCancelOccurrence(
            account: account, calendarID: calendarID, seriesID: seriesID, originalStart: start, now: now)
    }

    /// The recurring master of `uid` and the identity of its occurrence at `originalStart`.
    /// - Throws: ``HumanActionError/unknownEvent(_:)`` when there is no such series or occurrence.
    private func occurrence(of uid: String, at originalStart: EventDateTime, in calendar: ICalendarCalendar)
        throws(HumanActionError) -> (ICalendarEvent, ICalendarDateTime)
    {
        guard let series = try? calendar.series().first(where: { $0.uid == uid }), let master = series.master,
            master.isRecurring
        else { throw .unknownEvent(uid) }
        let identity: ICalendarDateTime =
            switch originalStart {
            case .allDay(let date): .date(date)
            case .timed(let instant, _): .utc(Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch))
            }
        let bare = ICalendarEventSeries(uid: uid, master: master)
        guard (try? CalDAVResourceReader.instance(of: bare, recurrenceID: identity, zones: calendar.timeZones)) != nil
        else { throw .unknownEvent(CalDAVEventID.eventID(uid: uid, recurrenceID: identity)) }
        return (master, identity)
    }

    /// True for the override of `uid` whose RECURRENCE-ID has `identity`.
    private static func isOverride(
        _ component: ICalendarComponent, of uid: String, at identity: ICalendarDateTime, zones: ICalendarTimeZones
    ) -> Bool {
        guard component.key == "VEVENT", component.property("UID")?.text == uid,
            let property = component.property("RECURRENCE-ID"), let value = try? ICalendarDateTime.parse(property)
        else { return false }
        return identityForm(value, zones) == identity
    }

    /// An occurrence identity as instance IDs carry it: zoned times in UTC, the rest as written.
    static func identityForm(_ value: ICalendarDateTime, _ zones: ICalendarTimeZones) -> ICalendarDateTime? {
        guard case .zoned = value else { return value }
        return (try? zones.instant(of: value, property: "RECURRENCE-ID")).map(ICalendarDateTime.utc)
    }

    /// `value` written in the same form as the master's DTSTART (date, UTC, TZID or floating).
    static func masterForm(_ value: EventDateTime, like start: ICalendarDateTime) -> ICalendarDateTime {
        switch (value, start) {
        case (.allDay(let date), _): return .date(date)
        case (.timed(let instant, _), .zoned(_, let tzid)):
            let zone = ICalendarTimeZones.ianaLikeName(tzid) ?? "UTC"
            let seconds = instant.secondsSinceEpoch + TimeZoneNames.offsetSeconds(of: zone, at: instant)
            return .zoned(ICalendarLocalDateTime(wallSeconds: seconds), tzid: tzid)
        case (.timed(let instant, _), .floating):
            return .floating(ICalendarLocalDateTime(wallSeconds: instant.secondsSinceEpoch))
        case (.timed(let instant, _), _):
            return .utc(Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch))
        }
    }
}
