import TMinusCore
import TMinusProviders

/// What a person does to one occurrence of their own recurring series, at the provider: edit it
/// (it becomes an exception) or cancel it. Occurrences are found from the series' own rule in its
/// own time zone, so a series that crosses a DST transition keeps its wall-clock time.
extension SyncWorld {
    /// The original start of occurrence `index` (0-based) of a human's series, or nil when the
    /// series has fewer occurrences (or is not a series).
    static func occurrence(_ index: Int, of series: HumanLedger.Entry) -> RecurrenceInstance? {
        guard !series.recurrence.isEmpty, index >= 0,
            let recurring = try? RecurrenceSeries(start: series.start, end: series.end, recurrenceLines: series.recurrence),
            let instances = try? RecurrenceExpander().instances(
                of: recurring, from: series.start.instant, to: series.start.instant.adding(.seconds(400 * 86_400)))
        else { return nil }
        return index < instances.count ? instances[index] : nil
    }

    /// Occurrence `index` of `series` as its owner last left it: the recorded exception when an
    /// earlier edit made one (it may have moved or been renamed), else the series' title at the
    /// rule's start. `key` (`series@original-start`) names the occurrence in the ledger.
    func occurrenceAsLeft(_ index: Int, of series: HumanLedger.Entry)
        -> (key: String, originalStart: EventDateTime, entry: HumanLedger.Entry)?
    {
        guard let occurrence = Self.occurrence(index, of: series) else { return nil }
        let key = "\(series.eventID)@\(occurrence.originalStart.instant.nanosecondsSinceEpoch)"
        if let exception = ledger.withLock({ $0.liveException(key) }) {
            return (key, occurrence.originalStart, exception)
        }
        var entry = series
        (entry.start, entry.end, entry.recurrence, entry.occurrenceOf) = (occurrence.start, occurrence.end, [], key)
        return (key, occurrence.originalStart, entry)
    }

    /// Edits occurrence `index` of `series` (`edit`), or cancels it (`edit` nil), as its owner, and
    /// records what the owner now expects in the ledger: an edited occurrence as its own entry
    /// (when the provider shows it as an event of its own), a cancelled one as deleted.
    /// Returns false when the occurrence does not exist or the provider refused.
    func changeOccurrence(_ index: Int, of series: HumanLedger.Entry, edit: HumanEventEdit?) -> Bool {
        guard let account = accounts.first(where: { $0.login == series.login }), let host = host(for: account.provider),
            let occurrence = occurrenceAsLeft(index, of: series)
        else { return false }
        guard let edit else {
            guard
                (try? host.humans.humanCancelOccurrence(
                    account: series.login, calendarID: series.calendarID, seriesID: series.eventID,
                    originalStart: occurrence.originalStart)) != nil
            else { return false }
            ledger.withLock { $0.recordOccurrenceCancelled(occurrence.key) }
            trace.record(component: "human", event: "cancelled occurrence \(index) of \(series.eventID)")
            return true
        }
        guard
            let id = try? host.humans.humanEditOccurrence(
                account: series.login, calendarID: series.calendarID, seriesID: series.eventID,
                originalStart: occurrence.originalStart, edit)
        else { return false }
        let shown = host.inspection.inspectCalendars().first { $0.id == series.calendarID }?.liveEvents
            .contains { $0.id == id && $0.id != series.eventID }
        if shown == true {
            var entry = occurrence.entry
            entry.eventID = id
            entry.title = edit.title ?? entry.title
            entry.start = edit.start ?? entry.start
            entry.end = edit.end ?? entry.end
            ledger.withLock { $0.record(entry) }
        }
        trace.record(component: "human", event: "edited occurrence \(index) of \(series.eventID)")
        return true
    }
}

extension SyncWorld {
    /// True when the person sees nothing of `entry` within `span` (events that end after its start
    /// and start before its end, as a listing window): a single event or changed occurrence that
    /// lies wholly outside it, or a series none of whose instances there survives, each excluded
    /// (`EXDATE`) or cancelled (a cancelled exception). No canonical event need stand for
    /// it (M): the engine lists and expands only within its window (fuzz seed 49732, a fortnightly
    /// series whose three occurrences were each cancelled; a meeting booked years ahead). False for a
    /// series the provider does not hold, or one whose rule cannot be read.
    func showsNothing(_ entry: HumanLedger.Entry, in account: WorldAccount, within span: ListingWindow) -> Bool {
        guard !entry.recurrence.isEmpty else { return !span.overlaps(from: entry.start.instant, to: entry.end.instant) }
        guard let host = host(for: account.provider),
            let calendar = host.inspection.inspectCalendars().first(where: {
                $0.account == account.login && $0.id == entry.calendarID
            }),
            let master = calendar.events.first(where: { $0.id == entry.eventID && $0.status != .cancelled }),
            let start = master.start, let end = master.end,
            let series = try? RecurrenceSeries(start: start, end: end, recurrenceLines: master.recurrence),
            let from = span.start, let to = span.end,
            let instances = try? RecurrenceExpander().instances(of: series, from: from, to: to)
        else { return false }
        let cancelled = Set(
            calendar.events.filter { $0.seriesID == entry.eventID && $0.status == .cancelled }
                .compactMap { $0.originalStart?.instant })
        return instances.allSatisfy { cancelled.contains($0.originalStart.instant) }
    }
}
