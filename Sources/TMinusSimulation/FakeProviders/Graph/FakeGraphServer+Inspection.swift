import TMinusCore
import TMinusProviders

/// The invariant checker's view: the true state, whatever any client saw.
extension FakeGraphServer: FakeCalendarInspection {
    public func inspectionStamp() -> [FakeCalendarStamp] {
        state.withLock { state in
            FakeCalendarStamp.ordered(
                state.calendars.values.map {
                    FakeCalendarStamp(
                        account: $0.owner, id: $0.id, title: $0.name, isPrimary: $0.isDefault,
                        isDeleted: $0.deleted, logHead: $0.log.head)
                })
        }
    }

    public func inspectCalendars() -> [InspectedCalendar] {
        state.withLock { state in
            state.calendars.values.sorted { ($0.owner, $0.id) < ($1.owner, $1.id) }.map { calendar in
                InspectedCalendar(
                    account: calendar.owner, id: calendar.id, title: calendar.name, isPrimary: calendar.isDefault,
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
                    account: calendar.owner, id: calendar.id, title: calendar.name, isPrimary: calendar.isDefault,
                    isDeleted: calendar.deleted, generation: 0, log: calendar.log, known: known[calendar.id],
                    allKeys: { calendar.events.keys.sorted() }, events: { calendar.events[$0].map { [$0.inspection] } ?? [] })
            }
        }
    }

    /// One stored item (single event, series master, exception) by immutable id, or nil.
    public func inspectEvent(calendarID: String, eventID: String) -> InspectedEvent? {
        state.withLock { state in
            state.calendars[calendarID]?.events[eventID]?.inspection
        }
    }

    /// The Graph-specific facts of one stored item: both ids, categories, transactionId, attendees.
    public func graphEvent(calendarID: String, eventID: String) -> GraphEventSnapshot? {
        state.withLock { state in
            guard let record = state.calendars[calendarID]?.events[eventID] else { return nil }
            let fields = record.current.fields
            return GraphEventSnapshot(
                immutableID: record.id, restID: record.mutableID, isDeleted: record.current.isDeleted,
                subject: fields.subject, body: fields.bodyContent, location: fields.location,
                categories: fields.categories, transactionID: record.transactionID,
                attendeeCount: fields.attendees.count,
                changeKey: record.current.changeKey)
        }
    }

    /// Every event write the API served, in order (including refused ones, with their status).
    public var writeLog: [GraphWriteRecord] { state.withLock { $0.writes } }

    /// API requests served, and how many lacked `Prefer: IdType="ImmutableId"`.
    public var requestCounts: (total: Int, withoutImmutableIDs: Int) {
        state.withLock { ($0.requestCount, $0.requestsWithoutImmutableIDs) }
    }

    /// Every subscription ever created, in creation order.
    public var subscriptions: [GraphSubscriptionSnapshot] {
        let all = state.withLock { state in state.subscriptions }
        return all.map {
            GraphSubscriptionSnapshot(
                id: $0.id, account: $0.account, resource: $0.resource, expiration: $0.expiration, deleted: $0.deleted,
                diedSilently: push.isDead(channel: $0.id))
        }
    }

    static func inspected(_ id: String, _ version: GraphEventVersion) -> InspectedEvent {
        let fields = version.fields
        var recurrence: [String] = []
        if let rule = try? fields.recurrence?.rule() { recurrence = [rule.propertyLine] }
        var properties: [String: String] = [:]
        for property in fields.properties { properties[property.id] = property.value }
        return InspectedEvent(
            id: id, status: version.isDeleted ? .cancelled : (fields.showAs == "tentative" ? .tentative : .confirmed),
            title: fields.subject, start: fields.start, end: fields.end, recurrence: recurrence,
            seriesID: version.seriesMasterID, originalStart: version.originalStart, isBusy: fields.showAs != "free",
            privateProperties: properties, sharedProperties: [:], version: version.changeKey,
            updated: version.lastModified)
    }
}

/// One stored Graph item with the facts the provider-neutral ``InspectedEvent`` does not carry.
public struct GraphEventSnapshot: Hashable, Sendable {
    public var immutableID: String
    /// The default (REST) id, which changes when the item moves to another calendar.
    public var restID: String
    public var isDeleted: Bool
    public var subject: String
    public var body: String
    public var location: String
    public var categories: [String]
    public var transactionID: String?
    public var attendeeCount: Int
    public var changeKey: String
}
