import TMinusCore

/// Which entries a delta round reports (see ``GraphServerState/delta(calendarID:request:parts:context:now:)``).
extension GraphServerState {
    /// Every entry the round selects right now, with its sort key: for the initial round
    /// (`since` nil) the live members of the window; otherwise every item changed after `since`.
    func deltaEntries(
        _ calendar: GraphCalendarRecord, since: UInt64?, window: (start: Timestamp, end: Timestamp), now: Timestamp
    ) -> [(key: GraphSortKey, entry: GraphDeltaEntry)] {
        var entries: [(key: GraphSortKey, entry: GraphDeltaEntry)] = []
        let ids = since.map { calendar.log.keys(changedAfter: $0) } ?? calendar.events.keys.sorted()
        for id in ids {
            guard let record = calendar.events[id], let version = record.visible(at: now) else { continue }
            if let since {
                guard version.position > since else { continue }
                changedEntries(record, version, calendar, window: window, now: now, into: &entries)
            } else if !version.isDeleted {
                memberEntries(record, version, calendar, window: window, now: now, into: &entries)
            }
        }
        return entries
    }

    /// The live members of the window that a record contributes (initial rounds).
    private func memberEntries(
        _ record: GraphEventRecord, _ version: GraphEventVersion, _ calendar: GraphCalendarRecord,
        window: (start: Timestamp, end: Timestamp), now: Timestamp,
        into entries: inout [(key: GraphSortKey, entry: GraphDeltaEntry)]
    ) {
        if version.isSeriesMaster {
            for start in standingOccurrences(record, version, calendar, window: window) {
                let occurrence = GraphServerState.occurrence(of: version, seriesID: record.id, originalStart: start)
                entries.append(
                    (key(record, start), .live(.occurrence(seriesID: record.id, originalStart: start), occurrence)))
            }
        } else if overlaps(version, window), masterIsLive(version, calendar, now: now) {
            entries.append((key(record, version.originalStart), .live(.stored(record.id), version)))
        }
    }

    /// What a changed record contributes to an incremental round: live entries inside the
    /// window, removals for everything else.
    private func changedEntries(
        _ record: GraphEventRecord, _ version: GraphEventVersion, _ calendar: GraphCalendarRecord,
        window: (start: Timestamp, end: Timestamp), now: Timestamp,
        into entries: inout [(key: GraphSortKey, entry: GraphDeltaEntry)]
    ) {
        guard version.isSeriesMaster else {
            if !version.isDeleted, overlaps(version, window), masterIsLive(version, calendar, now: now) {
                entries.append((key(record, version.originalStart), .live(.stored(record.id), version)))
            } else {
                entries.append((key(record, version.originalStart), .removed(.stored(record.id))))
            }
            return
        }
        var standing: Set<Int64> = []
        if !version.isDeleted {
            for start in standingOccurrences(record, version, calendar, window: window) {
                standing.insert(start.instant.nanosecondsSinceEpoch)
                let occurrence = GraphServerState.occurrence(of: version, seriesID: record.id, originalStart: start)
                entries.append(
                    (key(record, start), .live(.occurrence(seriesID: record.id, originalStart: start), occurrence)))
            }
        }
        for start in record.generatedStarts where !standing.contains(start.instant.nanosecondsSinceEpoch) {
            let exceptionID = GraphIdentifiers.occurrenceID(seriesID: record.id, originalStart: start)
            guard calendar.events[exceptionID] == nil else { continue }  // reported through its own record
            entries.append((key(record, start), .removed(.occurrence(seriesID: record.id, originalStart: start))))
        }
    }

    /// The occurrences of a live series in the window that no exception record stands in for.
    private func standingOccurrences(
        _ record: GraphEventRecord, _ version: GraphEventVersion, _ calendar: GraphCalendarRecord,
        window: (start: Timestamp, end: Timestamp)
    ) -> [EventDateTime] {
        occurrences(of: version, from: window.start, before: window.end).filter { start in
            calendar.events[GraphIdentifiers.occurrenceID(seriesID: record.id, originalStart: start)] == nil
        }
    }

    /// An exception is shown only while its series lives.
    private func masterIsLive(_ version: GraphEventVersion, _ calendar: GraphCalendarRecord, now: Timestamp) -> Bool {
        guard let master = version.seriesMasterID else { return true }
        return calendar.events[master]?.visible(at: now).map { !$0.isDeleted } ?? false
    }

    /// `[start, end)` overlaps the window (a zero-length event counts at its start).
    func overlaps(_ version: GraphEventVersion, _ window: (start: Timestamp, end: Timestamp)) -> Bool {
        let start = version.fields.start.instant
        let end = version.fields.end.instant
        guard start < window.end else { return false }
        return end > window.start || (end == start && start >= window.start)
    }

    private func key(_ record: GraphEventRecord, _ start: EventDateTime?) -> GraphSortKey {
        GraphSortKey(ordinal: record.ordinal, start: start?.instant.nanosecondsSinceEpoch ?? .min)
    }
}
