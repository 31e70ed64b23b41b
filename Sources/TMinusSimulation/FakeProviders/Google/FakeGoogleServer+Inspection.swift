public import TMinusCore

/// The invariant checker's view: the true state, whatever any client saw.
extension FakeGoogleServer: FakeCalendarInspection {
    public func inspectionStamp() -> [FakeCalendarStamp] {
        state.withLock { state in
            FakeCalendarStamp.ordered(
                state.calendars.values.map {
                    FakeCalendarStamp(
                        account: $0.owner, id: $0.id, title: $0.summary, isPrimary: $0.isPrimary,
                        isDeleted: $0.deleted, logHead: $0.log.head)
                })
        }
    }

    public func inspectCalendars() -> [InspectedCalendar] {
        state.withLock { state in
            state.calendars.values.sorted { ($0.owner, $0.id) < ($1.owner, $1.id) }.map { calendar in
                InspectedCalendar(
                    account: calendar.owner, id: calendar.id, title: calendar.summary, isPrimary: calendar.isPrimary,
                    isDeleted: calendar.deleted,
                    events: calendar.events.keys.sorted().map { calendar.events[$0]!.inspection })
            }
        }
    }

    public func inspectChanges(after known: [String: InspectionPosition]) -> [InspectedCalendarChanges] {
        state.withLock { state in
            state.calendars.values.sorted { ($0.owner, $0.id) < ($1.owner, $1.id) }.map { calendar in
                // Calendar IDs are never reused, so a calendar has one generation.
                InspectedCalendarChanges.logged(
                    account: calendar.owner, id: calendar.id, title: calendar.summary, isPrimary: calendar.isPrimary,
                    isDeleted: calendar.deleted, generation: 0, log: calendar.log, known: known[calendar.id],
                    allKeys: { calendar.events.keys.sorted() }, events: { calendar.events[$0].map { [$0.inspection] } ?? [] })
            }
        }
    }

    /// One stored event as it truly is (series, exceptions and single events; not generated
    /// occurrences), or nil.
    public func inspectEvent(calendarID: String, eventID: String) -> InspectedEvent? {
        state.withLock { state in
            state.calendars[calendarID]?.events[eventID]?.inspection
        }
    }

    /// Every event write the API served, in order (including refused ones, with their status).
    public var writeLog: [GoogleWriteRecord] { state.withLock { $0.writes } }

    /// Every channel ever opened, in creation order.
    public var channels: [GoogleChannelSnapshot] {
        let dead = state.withLock { $0.channels.map(\.id) }.filter { push.isDead(channel: $0) }
        return state.withLock { state in
            state.channels.map {
                GoogleChannelSnapshot(
                    id: $0.id, resourceID: $0.resourceID, account: $0.account, calendarID: $0.calendarID,
                    expiration: $0.expiration, stopped: $0.stopped, diedSilently: dead.contains($0.id))
            }
        }
    }

    static func inspected(_ id: String, _ version: GoogleEventVersion) -> InspectedEvent {
        var title: String?
        if case .string(let summary)? = version.content["summary"] { title = summary }
        let transparent = version.content["transparency"] == .string("transparent")
        return InspectedEvent(
            id: id, status: InspectedEvent.Status(rawValue: version.status) ?? .confirmed, title: title,
            start: version.start, end: version.end, recurrence: version.recurrence, seriesID: version.recurringEventID,
            originalStart: version.originalStart, isBusy: !transparent,
            privateProperties: version.properties("private"),
            sharedProperties: version.properties("shared"), version: version.etag, updated: version.updated)
    }
}

/// One push channel as the server sees it.
public struct GoogleChannelSnapshot: Hashable, Sendable {
    public var id: String
    public var resourceID: String
    public var account: String
    public var calendarID: String
    /// When it stops delivering (server clock).
    public var expiration: Timestamp
    /// Stopped by `channels.stop` or by deletion of its calendar.
    public var stopped: Bool
    /// Killed by the silent-death fault.
    public var diedSilently: Bool
}
