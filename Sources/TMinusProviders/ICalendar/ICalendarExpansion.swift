public import TMinusCore

/// Expands iCalendar series (master + RRULE/RDATE/EXDATE + RECURRENCE-ID overrides) into the
/// instances that overlap a window, using the core ``RecurrenceExpander``.
///
/// The engine is run on *wall-clock* readings (the series' own local times, read as UTC), and each
/// instance is then placed with this calendar's zone resolution (``ICalendarTimeZones``). That one
/// path serves IANA zones, zones known only from a VTIMEZONE's rules and floating times alike, and
/// keeps a 09:00 meeting at 09:00 local across DST changes. Instance length is the master's exact
/// duration (RFC 5545 §3.8.5.3); all-day series keep their length in days. `RANGE=THISANDFUTURE`
/// overrides apply to their own instance only.
public enum ICalendarExpansion: Sendable {
    /// Every instance of `series` overlapping `[from, to)`, sorted by start then identity.
    /// - Throws: ``ICalendarError`` for unresolvable times or an RRULE the engine rejects.
    public static func instances(
        of series: ICalendarEventSeries, zones: ICalendarTimeZones, from: Timestamp, to: Timestamp,
        expander: RecurrenceExpander = RecurrenceExpander()
    ) throws(ICalendarError) -> [ICalendarInstance] {
        var found: [ICalendarInstance] = []
        guard let master = series.master else {
            for event in series.overrides {
                var recurrenceID: ICalendarDateTime?
                if let value = event.recurrenceID { recurrenceID = try identity(value, zones) }
                let instance = try single(event, zones: zones, recurrenceID: recurrenceID)
                if instance.overlaps(from: from, to: to) { found.append(instance) }
            }
            return sorted(found)
        }
        guard master.isRecurring else {
            let instance = try single(master, zones: zones, recurrenceID: nil)
            return instance.overlaps(from: from, to: to) ? [instance] : []
        }
        let plan = try WallPlan(master: master, zones: zones)
        let engineSeries = try plan.engineSeries(master: master, overrides: series.overrides)
        let margin = Duration.seconds(2 * 86_400)
        let expansion: (instances: [RecurrenceInstance], orphanedOverrides: [RecurrenceOverride])
        do {
            expansion = try expander.expansion(
                of: engineSeries, from: from.adding(.zero - margin), to: to.adding(margin))
        } catch {
            throw .invalidRecurrence(
                line: master.component.property("RRULE")?.line ?? master.component.line, uid: master.uid,
                reason: error.description)
        }
        for item in expansion.instances {
            let instance = try plan.instance(item, master: master, overrides: series.overrides)
            if instance.overlaps(from: from, to: to) { found.append(instance) }
        }
        for instance in try orphans(expansion.orphanedOverrides, of: series, plan: plan)
        where instance.overlaps(from: from, to: to) {
            found.append(instance)
        }
        return sorted(found)
    }

    /// The series' orphaned overrides as instances of their own: an override whose `RECURRENCE-ID`
    /// names no instance of the master's rules (the series moved, or its rule changed, and the
    /// client left the exception behind). RFC 5545 leaves its meaning open; T-Minus shows it at its
    /// own times, as the person's calendar clients and CalDAV servers' own expansion do and as the
    /// single-instance read (``CalDAVResourceReader/instance(of:recurrenceID:zones:)``) always has,
    /// so an exception the person still sees is never dropped from the mirrors. Cancelled orphans,
    /// and overrides of instances an `EXDATE` removed, show nothing. When two overrides name one
    /// instance the later wins, as it does for matched ones.
    private static func orphans(
        _ orphaned: [RecurrenceOverride], of series: ICalendarEventSeries, plan: WallPlan
    ) throws(ICalendarError) -> [ICalendarInstance] {
        guard !orphaned.isEmpty else { return [] }
        let originals = Set(orphaned.map(\.originalStart))
        var byIdentity: [String: ICalendarInstance] = [:]
        var order: [String] = []
        for event in series.overrides {
            guard let value = event.recurrenceID, originals.contains(try plan.wall(value)) else { continue }
            let recurrenceID = try identity(value, plan.zones)
            let key = recurrenceID.valueText
            if byIdentity[key] == nil { order.append(key) }
            byIdentity[key] =
                event.status == .cancelled ? nil : try single(event, zones: plan.zones, recurrenceID: recurrenceID)
        }
        return order.compactMap { byIdentity[$0] }
    }

    /// The instances of every series in `calendar` overlapping the window, sorted by start, UID, identity.
    public static func instances(
        in calendar: ICalendarCalendar, from: Timestamp, to: Timestamp,
        expander: RecurrenceExpander = RecurrenceExpander()
    ) throws(ICalendarError) -> [ICalendarInstance] {
        let zones = calendar.timeZones
        var found: [ICalendarInstance] = []
        for series in try calendar.series() {
            found += try instances(of: series, zones: zones, from: from, to: to, expander: expander)
        }
        return sorted(found)
    }

    /// Sorted by start instant, then UID, then identity text (a total, deterministic order).
    public static func sorted(_ instances: [ICalendarInstance]) -> [ICalendarInstance] {
        instances.sorted { a, b in
            if a.start.instant != b.start.instant { return a.start.instant < b.start.instant }
            if a.uid != b.uid { return a.uid < b.uid }
            return (a.recurrenceID?.valueText ?? "") < (b.recurrenceID?.valueText ?? "")
        }
    }

    /// A non-recurring event (or an orphan override) as one instance.
    static func single(_ event: ICalendarEvent, zones: ICalendarTimeZones, recurrenceID: ICalendarDateTime?)
        throws(ICalendarError) -> ICalendarInstance
    {
        let content = try ICalendarMapping.content(of: event, timeZones: zones)
        return ICalendarInstance(
            uid: event.uid, recurrenceID: recurrenceID, start: content.start, end: content.end,
            isFloating: event.start.isFloating, event: event)
    }

    /// An identity value in output form: UTC for times with a zone, dates and floating times as they are.
    static func identity(_ value: ICalendarDateTime, _ zones: ICalendarTimeZones) throws(ICalendarError)
        -> ICalendarDateTime
    {
        switch value {
        case .date, .utc, .floating: return value
        case .zoned: return .utc(try zones.instant(of: value, property: "RECURRENCE-ID"))
        }
    }
}
