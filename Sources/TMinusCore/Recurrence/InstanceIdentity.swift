/// How instance identities are compared: as instants for timed series and as dates for all-day
/// series (engine rule 14: compare instants, never strings). A date-typed EXDATE or RECURRENCE-ID
/// on a timed series names the instance(s) on that local date.
enum InstanceIdentity: Hashable, Sendable {
    case instant(Int64)
    case day(Int64)

    /// The keys an occurrence on local `day` starting at `start` answers to, most specific first.
    static func keys(day: Int64, start: EventDateTime) -> [InstanceIdentity] {
        switch start {
        case .timed(let t, _): return [.instant(t.nanosecondsSinceEpoch), .day(day)]
        case .allDay: return [.day(day)]
        }
    }

    /// The key an EXDATE, RDATE or RECURRENCE-ID value stands for in a series read by `clock`.
    static func key(of value: EventDateTime, in clock: SeriesClock) throws(RecurrenceError) -> InstanceIdentity {
        switch value {
        case .allDay(let date): return .day(date.daysSinceEpoch)
        case .timed(let t, let zoneName):
            guard clock.isAllDay else { return .instant(t.nanosecondsSinceEpoch) }
            let zone = try zoneName.map { name throws(RecurrenceError) in try ZoneOffsets(named: name) } ?? .utc
            return .day(floorDiv(zone.local(t).nanosecondsSinceEpoch, SeriesClock.nanosPerDay))
        }
    }
}
