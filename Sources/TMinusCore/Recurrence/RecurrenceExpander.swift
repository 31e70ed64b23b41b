/// Expands a recurring series into its instances within a window: pure, deterministic, bounded.
///
/// The recurrence set is DTSTART, plus every RRULE occurrence, plus RDATEs, minus EXDATEs
/// (RFC 5545 §3.8.5); overrides then replace (or cancel) the instances they name. An instance is
/// returned when it overlaps `[from, to)` — it starts before `to` and ends after `from` (a
/// zero-length instance: starts in the window), the CalDAV time-range and Google `timeMin`/`timeMax`
/// rule; all-day instances are placed at UTC midnight for this test. A rescheduled instance is
/// judged by its new times, so it can move into or out of the window; an override whose original
/// start is not in the recurrence set is ignored (``orphanedOverrides(of:)`` names those). Results
/// are sorted by start, then identity, and identities are unique. Work is capped by ``candidateLimit``
/// (``RecurrenceError/candidateLimitExceeded(limit:)``).
public struct RecurrenceExpander: Sendable {
    /// The default cap on periods visited plus candidate dates examined per expansion.
    public static let defaultCandidateLimit = 100_000

    /// The cap on periods visited plus candidate dates examined per expansion.
    public var candidateLimit: Int

    /// Creates an expander with a work cap.
    public init(candidateLimit: Int = RecurrenceExpander.defaultCandidateLimit) {
        precondition(candidateLimit > 0, "the candidate limit must be positive")
        self.candidateLimit = candidateLimit
    }

    /// The instances of `series` that overlap `[from, to)`, cancelled ones included only when asked
    /// (judged by their original times, with kind ``RecurrenceInstance/Kind/cancelled``).
    /// - Throws: ``RecurrenceError`` for an inconsistent series, an unknown time zone, or too much work.
    public func instances(
        of series: RecurrenceSeries, from: Timestamp, to: Timestamp, includeCancelled: Bool = false
    ) throws(RecurrenceError) -> [RecurrenceInstance] {
        try expansion(of: series, from: from, to: to, includeCancelled: includeCancelled).instances
    }

    /// The overrides whose original start names no instance the series' rules generate (DTSTART,
    /// RRULE, RDATE; EXDATE not applied), in the series' order: an "orphaned" override, left behind
    /// when a series moved without its exceptions. ``instances(of:from:to:includeCancelled:)``
    /// ignores them; a caller that shows them (CalDAV does, see `ICalendarExpansion`) asks here or
    /// takes both from ``expansion(of:from:to:includeCancelled:)``. An override of an instance
    /// EXDATE removed is not orphaned: the exclusion cancels it.
    /// - Throws: ``RecurrenceError`` for an inconsistent series, an unknown time zone, or too much work.
    public func orphanedOverrides(of series: RecurrenceSeries) throws(RecurrenceError) -> [RecurrenceOverride] {
        guard let first = series.overrides.first else { return [] }
        let anchor = first.originalStart.instant
        return try expansion(of: series, from: anchor, to: anchor).orphanedOverrides
    }

    /// ``instances(of:from:to:includeCancelled:)`` and ``orphanedOverrides(of:)`` of one series from
    /// one walk of its recurrence set (the set's range always covers every override's original start,
    /// so the orphans do not depend on the window).
    /// - Throws: ``RecurrenceError`` for an inconsistent series, an unknown time zone, or too much work.
    public func expansion(
        of series: RecurrenceSeries, from: Timestamp, to: Timestamp, includeCancelled: Bool = false
    ) throws(RecurrenceError) -> (instances: [RecurrenceInstance], orphanedOverrides: [RecurrenceOverride]) {
        try RecurrenceExpander.checkRepresentable(series)
        let clock = try SeriesClock(start: series.start)
        let length = try InstanceLength(series: series)
        let members = try recurrenceSet(series, clock, length, from: from, to: to)
        let orphaned = try RecurrenceExpander.orphaned(series.overrides, among: members, clock)
        let occurrences = try RecurrenceExpander.excluding(series.exceptionDates, from: members, clock)
        let overrides = try overridesByIdentity(series.overrides, clock)
        var used = Set<InstanceIdentity>()
        var result: [RecurrenceInstance] = []
        for occurrence in occurrences {
            let keys = InstanceIdentity.keys(day: occurrence.day, start: occurrence.start)
            var instance = RecurrenceInstance(
                originalStart: occurrence.start, start: occurrence.start, end: length.end(after: occurrence.start),
                kind: occurrence.added ? .added : .generated)
            if let key = keys.first(where: { overrides[$0] != nil && !used.contains($0) }), let change = overrides[key] {
                used.insert(key)
                switch change {
                case .rescheduled(let start, let end):
                    (instance.start, instance.end, instance.kind) = (start, end, .rescheduled)
                case .cancelled:
                    guard includeCancelled else { continue }
                    instance.kind = .cancelled
                }
            }
            if RecurrenceExpander.overlaps(instance, from: from, to: to) { result.append(instance) }
        }
        let instances = result.sorted { a, b in
            a.start.instant != b.start.instant ? a.start.instant < b.start.instant : a.originalStart.instant < b.originalStart.instant
        }
        return (instances, orphaned)
    }

    /// The overrides, in their order, whose original start names none of `members`.
    private static func orphaned(
        _ overrides: [RecurrenceOverride], among members: [SetMember], _ clock: SeriesClock
    ) throws(RecurrenceError) -> [RecurrenceOverride] {
        guard !overrides.isEmpty else { return [] }
        var named = Set<InstanceIdentity>()
        for member in members { named.formUnion(InstanceIdentity.keys(day: member.day, start: member.start)) }
        var orphaned: [RecurrenceOverride] = []
        for item in overrides where !named.contains(try InstanceIdentity.key(of: item.originalStart, in: clock)) {
            orphaned.append(item)
        }
        return orphaned
    }

    /// `members` without the instances `exceptionDates` (EXDATE) name, order kept.
    private static func excluding(
        _ exceptionDates: [EventDateTime], from members: [SetMember], _ clock: SeriesClock
    ) throws(RecurrenceError) -> [SetMember] {
        guard !exceptionDates.isEmpty else { return members }
        var excluded = Set<InstanceIdentity>()
        for date in exceptionDates { excluded.insert(try InstanceIdentity.key(of: date, in: clock)) }
        return members.filter { member in
            !InstanceIdentity.keys(day: member.day, start: member.start).contains(where: excluded.contains)
        }
    }

    /// An instance of the recurrence set before overrides apply.
    private struct SetMember {
        let day: Int64
        let start: EventDateTime
        let added: Bool
    }

    /// DTSTART + RRULE occurrences + RDATEs (EXDATE not applied), in ascending order of original
    /// start, over a range wide enough to see every instance that overlaps the window or is
    /// overridden into it, and every override's original start.
    private func recurrenceSet(
        _ series: RecurrenceSeries, _ clock: SeriesClock, _ length: InstanceLength, from: Timestamp, to: Timestamp
    ) throws(RecurrenceError) -> [SetMember] {
        // A date-typed original start names a local date; widen by a day either side for the zone.
        let day = Duration.seconds(86_400)
        let originals = series.overrides.map(\.originalStart)
        let lower = min(from, originals.map { $0.isAllDay ? $0.instant.saturatingAdding(.zero - day) : $0.instant }.min() ?? from)
        let upper = max(to, originals.map { $0.instant.saturatingAdding($0.isAllDay ? day * 2 : .nanoseconds(1)) }.max() ?? to)
        let keepFrom = length.earliestStart(overlapping: lower)
        var budget = CandidateBudget(limit: candidateLimit)
        var members: [SetMember] = []
        var seen = Set<InstanceIdentity>()
        let walkers = series.rules.isEmpty ? [nil] : series.rules.map { RuleWalker(rule: $0, clock: clock) }
        for walker in walkers {
            let found = try walker?.occurrences(keepFrom: keepFrom, upper: upper, budget: &budget)
                ?? [RuleWalker.Occurrence(day: clock.startDay, start: clock.seriesStart)]
            for occurrence in found where seen.insert(InstanceIdentity.keys(day: occurrence.day, start: occurrence.start)[0]).inserted {
                members.append(SetMember(day: occurrence.day, start: occurrence.start, added: false))
            }
        }
        for date in series.additionalDates {
            let member = try RecurrenceExpander.addedMember(date, clock)
            if seen.insert(InstanceIdentity.keys(day: member.day, start: member.start)[0]).inserted { members.append(member) }
        }
        return members.sorted { $0.start.instant < $1.start.instant }
    }

    /// An RDATE as a set member: timed values keep their instant (date values on a timed series
    /// take DTSTART's time of day); on an all-day series every value is its date.
    private static func addedMember(_ date: EventDateTime, _ clock: SeriesClock) throws(RecurrenceError) -> SetMember {
        switch (clock.isAllDay, date) {
        case (false, .timed(let t, _)):
            return SetMember(day: clock.localDay(of: t), start: .timed(t, timeZone: clock.zoneName), added: true)
        case (false, .allDay(let d)):
            return SetMember(day: d.daysSinceEpoch, start: clock.start(onDay: d.daysSinceEpoch), added: true)
        case (true, _):
            guard case .day(let day) = try InstanceIdentity.key(of: date, in: clock) else {
                preconditionFailure("all-day series identities are days")
            }
            return SetMember(day: day, start: .allDay(CalendarDate(daysSinceEpoch: day)), added: true)
        }
    }

    /// Overrides by the identity they name; a later override of the same instance wins.
    private func overridesByIdentity(
        _ overrides: [RecurrenceOverride], _ clock: SeriesClock
    ) throws(RecurrenceError) -> [InstanceIdentity: RecurrenceOverride.Change] {
        var byIdentity: [InstanceIdentity: RecurrenceOverride.Change] = [:]
        for item in overrides { byIdentity[try InstanceIdentity.key(of: item.originalStart, in: clock)] = item.change }
        return byIdentity
    }

    /// Every date in the series must have a representable UTC midnight (1677…2262, see ``Timestamp``).
    private static func checkRepresentable(_ series: RecurrenceSeries) throws(RecurrenceError) {
        let changed = series.overrides.flatMap { item -> [EventDateTime] in
            if case .rescheduled(let start, let end) = item.change { return [item.originalStart, start, end] }
            return [item.originalStart]
        }
        let fields: [(String, [EventDateTime])] = [
            ("start", [series.start]), ("end", [series.end]), ("additionalDates", series.additionalDates),
            ("exceptionDates", series.exceptionDates), ("overrides", changed),
        ]
        for (field, values) in fields {
            for case .allDay(let date) in values where !ICalendarText.representableDays.contains(date.daysSinceEpoch) {
                throw .invalidSeries(field: field, reason: "date \(date) is outside the supported years 1678 to 2261")
            }
        }
    }

    /// The window test: starts before `to` and ends after `from`; zero-length instances must start in the window.
    static func overlaps(_ instance: RecurrenceInstance, from: Timestamp, to: Timestamp) -> Bool {
        let start = instance.start.instant
        let end = instance.end.instant
        guard start < to else { return false }
        return end > from || (end <= start && start >= from)
    }
}
