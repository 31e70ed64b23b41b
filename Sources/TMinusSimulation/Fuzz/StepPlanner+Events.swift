import TMinusCore

/// The events a generated scenario's people make: timed meetings, all-day and multi-day events,
/// recurring series, in the creating account's zone, and the edits made to them.
extension StepPlanner {
    static let titles = ["Standup", "Design review", "1:1", "Lunch", "Dentist", "Offsite", "Planning", "Gym", "Call"]
    static let rules = [
        "FREQ=DAILY;COUNT=5", "FREQ=DAILY;INTERVAL=2;COUNT=4", "FREQ=WEEKLY;COUNT=3",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3",
    ]

    /// A `create-event` in a linked account, starting between a day before and three days after
    /// the step, on working hours of the account's zone.
    mutating func create(_ draw: inout Draw, at: Duration) -> ScenarioAction? {
        let accounts = scenario.accounts.filter { !unlinked.contains($0.id) }
        guard !accounts.isEmpty else { return nil }
        let account = draw.pick(accounts)
        let label = "e\(events.count + 1)"
        let calendar = account.calendars > 1 && draw.chance(1, 3) ? Int(draw.below(UInt64(account.calendars))) : 0
        let day = localDay(of: scenario.instant(at: at), in: account.timeZone) + draw.int(-1...3)
        var spec = ScenarioEventSpec(
            label: label, account: account.id, calendar: calendar, title: "\(draw.pick(Self.titles)) \(events.count + 1)",
            start: .allDay(CalendarDate(daysSinceEpoch: day)), end: .allDay(CalendarDate(daysSinceEpoch: day + 1)))
        var occurrences = 1
        switch draw.below(10) {
        case 0:
            break
        case 1:
            spec.end = .allDay(CalendarDate(daysSinceEpoch: day + draw.int(2...4)))
        case 2, 3:
            let rule = draw.pick(Self.rules)
            spec.recurrence = rule
            occurrences = Int(rule.split(separator: "=").last.flatMap { Int($0) } ?? 1)
            if draw.chance(2, 3) { (spec.start, spec.end) = timed(&draw, day: day, zone: account.timeZone) }
        default:
            (spec.start, spec.end) = timed(&draw, day: day, zone: account.timeZone)
        }
        if draw.chance(1, 4) { spec.description = "Agenda for \(label)" }
        if draw.chance(1, 4) { spec.location = draw.pick(["Room 4", "Berlin office", "Video call"]) }
        events.append(Made(spec: spec, occurrences: occurrences))
        return .createEvent(spec)
    }

    /// `create-through-tminus` (a single event made like a `create-event`'s, without recurrence), or
    /// `edit-through-tminus` / `delete-through-tminus` of a live one made that way.
    mutating func throughTMinusAction(_ name: String, _ draw: inout Draw, at: Duration) -> ScenarioAction? {
        guard name == "create-through-tminus" else {
            let candidates = events.indices.filter {
                events[$0].throughTMinus && !events[$0].deleted && !unlinked.contains(events[$0].spec.account)
            }
            guard !candidates.isEmpty else { return nil }
            let index = draw.pick(candidates)
            let label = events[index].spec.label
            guard name == "edit-through-tminus" else {
                events[index].deleted = true
                return .deleteThroughTMinus(event: label)
            }
            return .editThroughTMinus(event: label, changes: changes(&draw, of: index))
        }
        guard case .createEvent(var spec)? = create(&draw, at: at) else { return nil }
        spec.recurrence = nil
        events[events.count - 1] = Made(spec: spec, occurrences: 1, throughTMinus: true)
        return .createThroughTMinus(spec)
    }

    /// What an `edit-event` changes: the title, the time (same shape, same day ± 1), or the
    /// description and location.
    mutating func changes(_ draw: inout Draw, of index: Int) -> ScenarioEventChanges {
        let spec = events[index].spec
        var changes = ScenarioEventChanges()
        switch draw.below(3) {
        case 0:
            changes.title = spec.title + " (edited)"
        case 1:
            let zone = scenario.account(spec.account)?.timeZone ?? "UTC"
            let day = localDay(of: spec.start.instant, in: zone) + draw.int(-1...1)
            if spec.start.isAllDay {
                let length = spec.end.instant.duration(since: spec.start.instant).nanoseconds / 86_400_000_000_000
                changes.start = .allDay(CalendarDate(daysSinceEpoch: day))
                changes.end = .allDay(CalendarDate(daysSinceEpoch: day + max(1, length)))
            } else {
                (changes.start, changes.end) = timed(&draw, day: day, zone: zone)
            }
        default:
            changes.description = "Updated agenda"
            changes.location = "Room 7"
        }
        events[index].spec.title = changes.title ?? spec.title
        events[index].spec.start = changes.start ?? spec.start
        events[index].spec.end = changes.end ?? spec.end
        return changes
    }

    /// A meeting on `day` (days since the epoch, local) between 07:00 and 19:45 local time, 15 to
    /// 120 minutes long. Working hours never meet a DST change (those happen at night).
    private func timed(_ draw: inout Draw, day: Int64, zone: String) -> (EventDateTime, EventDateTime) {
        let hour = draw.int(7...19)
        let minute = draw.pick([0, 15, 30, 45] as [Int64])
        let local = CivilTime.isoDate(days: day) + "T" + ScenarioEncoder.padded(hour, 2) + ":" + ScenarioEncoder.padded(minute, 2) + ":00"
        let length = Duration.seconds(draw.pick([15, 30, 30, 60, 60, 90, 120] as [Int64]) * 60)
        let start =
            (try? EventDateTime.parse(dateTime: local, date: nil, timeZone: zone, field: "start"))
            ?? .timed(CalendarDate(daysSinceEpoch: day).startOfDayUTC, timeZone: zone)
        return (start, .timed(start.instant.adding(length), timeZone: start.timeZone))
    }

    /// The local calendar day (days since the epoch) of `instant` in `zone`.
    private func localDay(of instant: Timestamp, in zone: String) -> Int64 {
        let local = instant.secondsSinceEpoch + TimeZoneNames.offsetSeconds(of: zone, at: instant)
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }
}
