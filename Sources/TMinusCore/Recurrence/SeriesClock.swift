/// How one series turns local calendar days into instance starts: DTSTART's wall-clock time of
/// day on that day, in DTSTART's own time zone (all-day series: the date itself).
///
/// Keeping the wall-clock reading and re-resolving it each day is what keeps a 09:00 meeting at
/// 09:00 local across a DST change while its UTC instant moves by the change.
struct SeriesClock: Sendable {
    /// DTSTART exactly as given.
    let seriesStart: EventDateTime
    let isAllDay: Bool
    let zone: ZoneOffsets
    /// DTSTART's local day (days since 1970-01-01).
    let startDay: Int64
    /// Nanoseconds into the local day at which timed instances start.
    let timeOfDay: Int64

    static let nanosPerDay: Int64 = 86_400 * 1_000_000_000

    init(start: EventDateTime) throws(RecurrenceError) {
        seriesStart = start
        switch start {
        case .allDay(let date):
            isAllDay = true
            zone = .utc
            startDay = date.daysSinceEpoch
            timeOfDay = 0
        case .timed(let instant, let zoneName):
            isAllDay = false
            zone = try zoneName.map { name throws(RecurrenceError) in try ZoneOffsets(named: name) } ?? .utc
            let local = zone.local(instant).nanosecondsSinceEpoch
            startDay = floorDiv(local, SeriesClock.nanosPerDay)
            timeOfDay = local - startDay * SeriesClock.nanosPerDay
        }
    }

    /// The zone name stamped on timed instances (DTSTART's, or nil when it had none).
    var zoneName: String? { seriesStart.timeZone }

    /// The start of the instance on local `day`.
    func start(onDay day: Int64) -> EventDateTime {
        if isAllDay { return .allDay(CalendarDate(daysSinceEpoch: day)) }
        let local = Timestamp(nanosecondsSinceEpoch: day * SeriesClock.nanosPerDay + timeOfDay)
        return .timed(zone.instant(forLocal: local), timeZone: zoneName)
    }

    /// The local day (in this series' zone) of an instant.
    func localDay(of instant: Timestamp) -> Int64 {
        floorDiv(zone.local(instant).nanosecondsSinceEpoch, SeriesClock.nanosPerDay)
    }

    /// The local wall-clock reading of an instant, as if it were UTC.
    func localReading(of instant: Timestamp) -> Timestamp { zone.local(instant) }
}
