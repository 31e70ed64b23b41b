import TMinusCore

/// Seeded generators of events and edges for property tests (integer-only, reproducible).
struct RandomEvents {
    var rng: Xoshiro256StarStar

    init(seed: UInt64) { rng = Xoshiro256StarStar(seed: seed) }

    static let secretWords = ["Secret", "Board", "Therapy", "Interview", "Acquisition", "Doctor", "Lawyer", "Café ☕"]

    mutating func pick<T>(_ values: [T]) -> T { values[Int(rng.below(UInt64(values.count)))] }

    mutating func text(_ prefix: String) -> String? {
        rng.chance(Ratio(1, 6)) ? nil : "\(prefix) \(pick(Self.secretWords)) #\(rng.below(1000))"
    }

    mutating func content() -> EventContent {
        let base = Timestamp(secondsSinceEpoch: 1_772_438_400 + Int64(rng.below(60 * 86_400)))
        let start: EventDateTime
        let end: EventDateTime
        if rng.chance(Ratio(1, 4)) {
            let day = CalendarDate(daysSinceEpoch: base.secondsSinceEpoch / 86_400)
            start = .allDay(day)
            end = .allDay(CalendarDate(daysSinceEpoch: day.daysSinceEpoch + 1 + Int64(rng.below(3))))
        } else {
            let zone: String? = pick([nil, "UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"])
            start = .timed(base, timeZone: zone)
            end = .timed(base.adding(.seconds(Int64(rng.below(8 * 3600)))), timeZone: zone)
        }
        return EventContent(
            title: text("Title"), description: text("Notes"), location: text("Room"), start: start, end: end,
            status: pick(EventStatus.allCases), visibility: pick(EventVisibility.allCases),
            transparency: pick(EventTransparency.allCases), recurrenceRule: rng.chance(Ratio(1, 5)) ? "RRULE:FREQ=WEEKLY" : nil)
    }

    mutating func event(id: Int) -> CanonicalEvent {
        let now = Timestamp(secondsSinceEpoch: 1_772_438_400)
        let content = content()
        return CanonicalEvent(
            id: "evt_\(id)", originAccountID: pick(["acc_a", "acc_b", "acc_c"]), originCalendarID: "primary",
            originEventID: "o\(id)", content: content, source: .provider, version: 1,
            authority: AuthorityMarkers(allFieldsOf: content, owner: .tminus), isDeleted: rng.chance(Ratio(1, 10)),
            createdAt: now, updatedAt: now)
    }
}
