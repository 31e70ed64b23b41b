import TMinusCore

extension CalDAVResourceReader {
    /// The instance of `series` whose identity is `recurrenceID`, wherever it lies in time: its
    /// override when one exists, else the occurrence the master generates; nil when the series does
    /// not generate it (excluded by EXDATE, outside the rule, or no master).
    /// - Throws: ``ICalendarError`` when a time cannot be resolved or the rule cannot be expanded.
    public static func instance(
        of series: ICalendarEventSeries, recurrenceID: ICalendarDateTime, zones: ICalendarTimeZones
    ) throws(ICalendarError) -> ICalendarInstance? {
        for event in series.overrides {
            guard let value = event.recurrenceID else { continue }
            if try ICalendarExpansion.identity(value, zones) == recurrenceID {
                return try ICalendarExpansion.single(event, zones: zones, recurrenceID: recurrenceID)
            }
        }
        guard let master = series.master, master.isRecurring else { return nil }
        let instant = try zones.instant(of: recurrenceID, property: "RECURRENCE-ID")
        let generated = try ICalendarExpansion.instances(
            of: ICalendarEventSeries(uid: series.uid, master: master), zones: zones, from: instant,
            to: instant.adding(.nanoseconds(1)))
        return generated.first { $0.recurrenceID == recurrenceID }
    }

    /// The model value of an instance's original start: a date for all-day series, else the
    /// instant in the zone the instance is shown in (`like`'s start zone), floating values in the
    /// calendar's floating zone.
    static func originalStart(_ value: ICalendarDateTime, zones: ICalendarTimeZones, like content: EventContent)
        -> EventDateTime
    {
        switch value {
        case .date(let date): return .allDay(date)
        case .utc(let instant): return .timed(instant, timeZone: content.start.timeZone)
        case .floating, .zoned:
            let instant = (try? zones.instant(of: value, property: "RECURRENCE-ID")) ?? value.local.asUTC
            return .timed(instant, timeZone: content.start.timeZone)
        }
    }

    /// The original start of a deleted instance, known only from its ID (no zone information).
    static func originalStart(_ value: ICalendarDateTime, zone: String?) -> EventDateTime {
        switch value {
        case .date(let date): return .allDay(date)
        case .utc(let instant): return .timed(instant, timeZone: zone)
        case .floating(let local), .zoned(let local, _): return .timed(local.asUTC, timeZone: zone)
        }
    }
}
