import TMinusCore

/// The state changes behind every event write (API and human alike): each one commits a new
/// version with a fresh change key, stamped by the server's clock, and notifies subscriptions.
extension GraphServerState {
    /// Stores a new single event or series master; returns its immutable id.
    @discardableResult
    mutating func storeNew(_ fields: GraphEventFields, in calendarID: String, transactionID: String?, now: Timestamp)
        -> String
    {
        let id = GraphIdentifiers.immutableID(&streams.ids)
        let mutableID = GraphIdentifiers.mutableID(&streams.ids)
        let version = GraphEventVersion(
            fields: fields, created: now, lastModified: now, changeKey: nextChangeKey(), isDeleted: false,
            seriesMasterID: nil, originalStart: nil, iCalUID: GraphIdentifiers.iCalUID(&streams.ids), visibleAt: now)
        commit(version, eventID: id, mutableID: mutableID, calendarID: calendarID, change: "created", now: now)
        if let transactionID {
            calendars[calendarID]!.events[id]!.transactionID = transactionID
            calendars[calendarID]!.transactions[transactionID] = (id, now)
        }
        return id
    }

    /// Writes new fields over a stored item, or turns a generated occurrence into an exception.
    /// - Returns: the immutable id of the stored item.
    @discardableResult
    mutating func revise(_ item: GraphItem, in calendarID: String, fields: GraphEventFields, now: Timestamp) -> String {
        switch item {
        case .stored(let id):
            let record = calendars[calendarID]!.events[id]!
            var version = record.current
            version.fields = fields
            version.lastModified = now
            version.changeKey = nextChangeKey()
            commit(
                version, eventID: id, mutableID: record.mutableID, calendarID: calendarID, change: "updated", now: now)
            return id
        case .occurrence(let seriesID, let start):
            return storeException(seriesID: seriesID, originalStart: start, in: calendarID, now: now) {
                $0.fields = fields
            }
        }
    }

    /// Deletes an item: a series takes its exceptions with it; an occurrence becomes a deleted
    /// exception, so calendarView stops showing it.
    mutating func remove(_ item: GraphItem, in calendarID: String, now: Timestamp) {
        switch item {
        case .stored(let id):
            let record = calendars[calendarID]!.events[id]!
            var version = record.current
            version.isDeleted = true
            version.lastModified = now
            version.changeKey = nextChangeKey()
            commit(
                version, eventID: id, mutableID: record.mutableID, calendarID: calendarID, change: "deleted", now: now)
            guard version.isSeriesMaster else { return }
            for exception in exceptions(of: id, in: calendarID) { remove(.stored(exception), in: calendarID, now: now) }
        case .occurrence(let seriesID, let start):
            storeException(seriesID: seriesID, originalStart: start, in: calendarID, now: now) { $0.isDeleted = true }
        }
    }

    /// Moves a live item (a series with its exceptions) to another calendar of the mailbox. The
    /// immutable id is kept; the REST id changes (M-IMM); the source reports a deletion.
    /// - Returns: the new REST id.
    @discardableResult
    mutating func relocate(_ id: String, from source: String, to destination: String, now: Timestamp) -> String {
        let record = calendars[source]!.events[id]!
        let newMutable =
            record.current.seriesMasterID.flatMap { master in
                calendars[destination]!.events[master].map { masterRecord in
                    GraphIdentifiers.occurrenceID(
                        seriesID: masterRecord.mutableID, originalStart: record.current.originalStart!)
                }
            } ?? GraphIdentifiers.mutableID(&streams.ids)
        var moved = record.current
        moved.lastModified = now
        moved.changeKey = nextChangeKey()
        commit(
            moved, eventID: id, mutableID: newMutable, calendarID: destination,
            change: moved.isDeleted ? "deleted" : "created", now: now)
        calendars[destination]!.events[id]!.transactionID = record.transactionID
        calendars[destination]!.events[id]!.remember(
            record.generatedStarts, limit: configuration.maximumOccurrences * 4)
        var gone = record.current
        gone.isDeleted = true
        gone.lastModified = now
        gone.changeKey = nextChangeKey()
        commit(gone, eventID: id, mutableID: record.mutableID, calendarID: source, change: "deleted", now: now)
        if moved.isSeriesMaster {
            for exception in exceptions(of: id, in: source, includingDeleted: true) {
                relocate(exception, from: source, to: destination, now: now)
            }
        }
        return newMutable
    }

    /// The stored exceptions of series `seriesID` (live ones only, unless `includingDeleted`:
    /// deleted occurrences too), in id order.
    func exceptions(of seriesID: String, in calendarID: String, includingDeleted: Bool = false) -> [String] {
        calendars[calendarID]!.events.values
            .filter { $0.current.seriesMasterID == seriesID && (includingDeleted || !$0.current.isDeleted) }
            .map(\.id).sorted()
    }

    /// Stores (or rewrites) the exception of `seriesID` at `originalStart`, starting from the
    /// occurrence's generated version, and returns its immutable id.
    @discardableResult
    private mutating func storeException(
        seriesID: String, originalStart: EventDateTime, in calendarID: String, now: Timestamp,
        _ change: (inout GraphEventVersion) -> Void
    ) -> String {
        let master = calendars[calendarID]!.events[seriesID]!
        let id = GraphIdentifiers.occurrenceID(seriesID: seriesID, originalStart: originalStart)
        let mutableID = GraphIdentifiers.occurrenceID(seriesID: master.mutableID, originalStart: originalStart)
        var version =
            calendars[calendarID]!.events[id]?.current
            ?? GraphServerState.occurrence(of: master.current, seriesID: seriesID, originalStart: originalStart)
        change(&version)
        version.lastModified = now
        version.changeKey = nextChangeKey()
        let kind = version.isDeleted ? "deleted" : "updated"
        commit(version, eventID: id, mutableID: mutableID, calendarID: calendarID, change: kind, now: now)
        return id
    }
}
