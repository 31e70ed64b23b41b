import TMinusCore

/// How one series maps between real instants and the wall-clock space the engine expands in.
struct WallPlan {
    /// The zone of DTSTART: nil for UTC and all-day series.
    let zone: ICalendarTimeZones.Zone?
    let zones: ICalendarTimeZones
    let isAllDay: Bool
    let isFloating: Bool
    /// The master's exact instance length (timed series).
    let length: Duration
    /// The IANA name stamped on timed instances, when the zone has one.
    let zoneName: String?
    /// DTSTART's TZID (values with the same TZID are taken as wall readings directly).
    let tzid: String?

    init(master: ICalendarEvent, zones: ICalendarTimeZones) throws(ICalendarError) {
        self.zones = zones
        isAllDay = master.start.isDate
        isFloating = master.start.isFloating
        tzid = master.start.tzid
        let line = master.component.property("DTSTART")?.line ?? master.component.line
        switch master.start {
        case .date, .utc: zone = nil
        case .zoned(_, let tzid): zone = try zones.zone(for: tzid, line: line, property: "DTSTART")
        case .floating: zone = zones.floatingTimeZone.map(ICalendarTimeZones.Zone.iana)
        }
        if case .iana(let name)? = zone { zoneName = name } else { zoneName = nil }
        length = try master.duration(in: zones)
    }

    /// A real value as a wall-clock reading in this series' zone (engine space).
    func wall(_ value: ICalendarDateTime) throws(ICalendarError) -> EventDateTime {
        switch value {
        case .date(let date): return .allDay(date)
        case .floating(let local) where isFloating: return .timed(local.asUTC, timeZone: nil)
        case .zoned(let local, let valueTZID) where valueTZID == tzid: return .timed(local.asUTC, timeZone: nil)
        default: return .timed(wall(of: try zones.instant(of: value)), timeZone: nil)
        }
    }

    func wall(of instant: Timestamp) -> Timestamp {
        guard let zone else { return instant }
        return ICalendarLocalResolution.local(of: instant, in: zone).asUTC
    }

    func real(_ wall: Timestamp) -> Timestamp {
        let local = ICalendarLocalDateTime(wallSeconds: wall.secondsSinceEpoch)
        guard let zone else { return wall }
        return ICalendarTimeZones.instant(of: local, in: zone)
    }

    func engineSeries(master: ICalendarEvent, overrides: [ICalendarEvent]) throws(ICalendarError) -> RecurrenceSeries {
        let start: EventDateTime
        let end: EventDateTime
        if case .date(let date) = master.start {
            start = .allDay(date)
            let content = try ICalendarMapping.content(of: master, timeZones: zones)
            end = content.end
        } else {
            let startWall = try wall(master.start)
            start = startWall
            end = .timed(startWall.instant.adding(length), timeZone: nil)
        }
        var rules: [RecurrenceRule] = []
        if let text = master.recurrenceRule {
            do {
                var rule = try RecurrenceRule(parsing: text)
                if case .until(.instant(let limit)) = rule.end, zone != nil {
                    rule = try rule.ending(.until(.instant(wall(of: limit))))
                }
                rules.append(rule)
            } catch {
                throw .invalidRecurrence(
                    line: master.component.property("RRULE")?.line ?? 0, uid: master.uid, reason: error.description)
            }
        }
        var additions: [EventDateTime] = []
        for value in master.recurrenceDates { additions.append(try wall(value)) }
        var exclusions: [EventDateTime] = []
        for value in master.exceptionDates { exclusions.append(try wall(value)) }
        var engineOverrides: [RecurrenceOverride] = []
        for event in overrides {
            guard let recurrenceID = event.recurrenceID else { continue }
            let original = try wall(recurrenceID)
            if event.status == .cancelled {
                engineOverrides.append(RecurrenceOverride(originalStart: original, change: .cancelled))
            } else {
                let content = try ICalendarMapping.content(of: event, timeZones: zones)
                let newStart: EventDateTime =
                    content.start.isAllDay ? content.start : .timed(wall(of: content.start.instant), timeZone: nil)
                let newEnd: EventDateTime =
                    content.end.isAllDay ? content.end : .timed(wall(of: content.end.instant), timeZone: nil)
                engineOverrides.append(
                    RecurrenceOverride(originalStart: original, change: .rescheduled(start: newStart, end: newEnd)))
            }
        }
        return RecurrenceSeries(
            start: start, end: end, rules: rules, additionalDates: additions, exceptionDates: exclusions,
            overrides: engineOverrides)
    }

    /// One engine instance back in real time, with the override's own content when rescheduled.
    func instance(_ item: RecurrenceInstance, master: ICalendarEvent, overrides: [ICalendarEvent])
        throws(ICalendarError) -> ICalendarInstance
    {
        let recurrenceID: ICalendarDateTime
        let realStart: EventDateTime
        let realEnd: EventDateTime
        switch item.originalStart {
        case .allDay(let date):
            recurrenceID = .date(date)
            (realStart, realEnd) = (item.start, item.end)
        case .timed(let wallStart, _):
            let originalReal = real(wallStart)
            recurrenceID =
                isFloating
                ? .floating(ICalendarLocalDateTime(wallSeconds: wallStart.secondsSinceEpoch)) : .utc(originalReal)
            realStart = .timed(originalReal, timeZone: zoneName)
            realEnd = .timed(originalReal.adding(length), timeZone: zoneName)
        }
        guard item.kind == .rescheduled, let override = try matchingOverride(item.originalStart, overrides) else {
            return ICalendarInstance(
                uid: master.uid, recurrenceID: recurrenceID, start: realStart, end: realEnd, isFloating: isFloating,
                event: master)
        }
        let content = try ICalendarMapping.content(of: override, timeZones: zones)
        return ICalendarInstance(
            uid: master.uid, recurrenceID: recurrenceID, start: content.start, end: content.end, isFloating: isFloating,
            event: override)
    }

    private func matchingOverride(_ original: EventDateTime, _ overrides: [ICalendarEvent]) throws(ICalendarError)
        -> ICalendarEvent?
    {
        var match: ICalendarEvent?
        for event in overrides {
            guard let recurrenceID = event.recurrenceID else { continue }
            let key = try wall(recurrenceID)
            let same: Bool
            switch (key, original) {
            case (.allDay(let a), .allDay(let b)): same = a == b
            case (.allDay(let a), .timed(let t, _)):
                same = a.daysSinceEpoch == ICalendarLocalDateTime(wallSeconds: t.secondsSinceEpoch).date.daysSinceEpoch
            case (.timed(let a, _), .timed(let b, _)): same = a == b
            case (.timed, .allDay): same = false
            }
            if same { match = event }
        }
        return match
    }
}
