import TMinusCore
import TMinusProviders

/// What an id names inside one calendar: a stored item (single event, series master, exception
/// or deleted occurrence, by immutable id) or an occurrence generated from a series.
enum GraphItem: Hashable, Sendable {
    case stored(String)
    case occurrence(seriesID: String, originalStart: EventDateTime)
}

/// The event operations shared by the HTTP API and the human API: id resolution (either id
/// form, occurrence ids included), occurrence generation, create, revise, delete and move. None
/// of them checks access or limits; callers do.
extension GraphServerState {
    /// Resolves `id` (immutable, REST, or an occurrence id of either) in `calendarID`.
    func resolve(_ id: String, in calendarID: String) -> GraphItem? {
        guard let calendar = calendars[calendarID] else { return nil }
        if calendar.events[id] != nil { return .stored(id) }
        if let immutable = calendar.mutableIndex[id] { return .stored(immutable) }
        guard let (seriesPart, suffix) = GraphIdentifiers.splitOccurrence(id),
            let seriesID = calendar.events[seriesPart] != nil ? seriesPart : calendar.mutableIndex[seriesPart],
            let series = calendar.events[seriesID]?.current, series.isSeriesMaster, !series.isDeleted
        else { return nil }
        for start in occurrences(of: series, from: series.fields.start.instant, before: limit(after: suffix))
        where GraphIdentifiers.basic(start) == suffix {
            let exceptionID = GraphIdentifiers.occurrenceID(seriesID: seriesID, originalStart: start)
            if calendar.events[exceptionID] != nil { return .stored(exceptionID) }
            return .occurrence(seriesID: seriesID, originalStart: start)
        }
        return nil
    }

    /// The live version an item has now (generated occurrences included), or nil when deleted.
    func liveVersion(_ item: GraphItem, in calendarID: String) -> GraphEventVersion? {
        switch item {
        case .stored(let id):
            guard let version = calendars[calendarID]?.events[id]?.current, !version.isDeleted else { return nil }
            if let master = version.seriesMasterID, calendars[calendarID]?.events[master]?.current.isDeleted != false {
                return nil
            }
            return version
        case .occurrence(let seriesID, let start):
            guard let series = calendars[calendarID]?.events[seriesID]?.current, !series.isDeleted else { return nil }
            return GraphServerState.occurrence(of: series, seriesID: seriesID, originalStart: start)
        }
    }

    /// The original starts of a series' occurrences that overlap `[from, before)`.
    func occurrences(of series: GraphEventVersion, from: Timestamp, before: Timestamp) -> [EventDateTime] {
        guard let pattern = series.fields.recurrence, let rule = try? pattern.rule() else { return [] }
        let length = series.fields.end.instant.duration(since: series.fields.start.instant)
        let starts =
            (try? configuration.recurrence.occurrences(
                of: [rule.propertyLine], start: series.fields.start, end: series.fields.end, before: before,
                maximumCount: configuration.maximumOccurrences)) ?? []
        return starts.filter { $0.instant.adding(length) > from || ($0.instant >= from && length == .zero) }
    }

    /// The version an occurrence of `series` has when nobody changed it: the series' fields at
    /// `originalStart` (same length), without a pattern, pointing at its series.
    static func occurrence(of series: GraphEventVersion, seriesID: String, originalStart: EventDateTime)
        -> GraphEventVersion
    {
        var version = series
        version.fields.start = originalStart
        version.fields.end = shifted(series.fields.end, by: series.fields.start, to: originalStart)
        version.fields.recurrence = nil
        version.seriesMasterID = seriesID
        version.originalStart = originalStart
        return version
    }

    /// `end` moved by the distance from `start` to `target`, keeping its all-day form.
    static func shifted(_ end: EventDateTime, by start: EventDateTime, to target: EventDateTime) -> EventDateTime {
        if case .allDay(let e) = end, case .allDay(let s) = start, case .allDay(let t) = target {
            return .allDay(CalendarDate(daysSinceEpoch: t.daysSinceEpoch + e.daysSinceEpoch - s.daysSinceEpoch))
        }
        return .timed(target.instant.adding(end.instant.duration(since: start.instant)), timeZone: end.timeZone)
    }

    /// Records the occurrences the current version of a master produces around now.
    mutating func rememberOccurrences(_ eventID: String, in calendarID: String, now: Timestamp) {
        guard let series = calendars[calendarID]?.events[eventID]?.current else { return }
        let starts = occurrences(
            of: series, from: series.fields.start.instant, before: now.adding(configuration.expansionHorizon))
        calendars[calendarID]!.events[eventID]!.remember(starts, limit: configuration.maximumOccurrences * 4)
    }

    /// A generous bound past the instant an occurrence suffix names, for expansion.
    private func limit(after suffix: String) -> Timestamp {
        let parsed = try? EventDateTime.parse(dateTime: suffix, date: nil, timeZone: nil, field: "id")
        let instant = parsed?.instant ?? CalendarDate(iso: suffix)?.startOfDayUTC ?? Timestamp(secondsSinceEpoch: 0)
        return instant.adding(.seconds(86_400 * 2))
    }
}
