public import TMinusCore
import TMinusProviders

/// The invariant checker's view: the true state of every collection, whatever any client saw.
extension FakeCalDAVServer: FakeCalendarInspection {
    public func inspectionStamp() -> [FakeCalendarStamp] {
        state.withLock { state in
            FakeCalendarStamp.ordered(
                state.collections.values.map {
                    FakeCalendarStamp(
                        account: $0.owner, id: $0.path, title: $0.displayName ?? "-", isPrimary: false,
                        isDeleted: $0.deleted, logHead: $0.log.head)
                })
        }
    }

    public func inspectCalendars() -> [InspectedCalendar] {
        state.withLock { state in
            state.collections.values.sorted { ($0.owner, $0.path) < ($1.owner, $1.path) }.map { collection in
                InspectedCalendar(
                    account: collection.owner, id: collection.path, title: collection.displayName ?? collection.path,
                    isPrimary: false, isDeleted: collection.deleted,
                    events: collection.memberNames.flatMap { collection.resources[$0]!.inspection }
                        .sorted { $0.id < $1.id })
            }
        }
    }

    public func inspectChanges(after known: [String: InspectionPosition]) -> [InspectedCalendarChanges] {
        state.withLock { state in
            state.collections.values.sorted { ($0.owner, $0.path) < ($1.owner, $1.path) }.map { collection in
                // A collection made again at its path starts a new log under a higher epoch (the epoch
                // also moves when tokens are invalidated: the reader then reads the collection whole).
                InspectedCalendarChanges.logged(
                    account: collection.owner, id: collection.path, title: collection.displayName ?? collection.path,
                    isPrimary: false, isDeleted: collection.deleted, generation: collection.epoch, log: collection.log,
                    known: known[collection.path], allKeys: { collection.memberNames },
                    events: { collection.resources[$0]?.inspection ?? [] })
            }
        }
    }

    /// The stored text, ETag and resource name of the resource holding `uid`, or nil.
    public func inspectResource(calendarID: String, uid: String) -> InspectedCalDAVResource? {
        state.withLock { state in
            let path = CalDAVCalendarProvider.collectionPath(calendarID)
            guard let collection = state.collections[path], let name = collection.member(holding: uid),
                let resource = collection.resources[name]
            else { return nil }
            return InspectedCalDAVResource(
                name: name, etag: resource.etag, ics: resource.text, modified: resource.modified)
        }
    }

    /// The resource names of a calendar, sorted (empty when it does not exist).
    public func resourceNames(calendarID: String) -> [String] {
        state.withLock { $0.collections[CalDAVCalendarProvider.collectionPath(calendarID)]?.memberNames ?? [] }
    }

    /// Every PUT, DELETE and MKCALENDAR served, in order, refused ones included.
    public var writeLog: [CalDAVWriteRecord] { state.withLock { $0.writes } }

    /// Each VEVENT of a resource as an inspected event: masters by UID, overrides by
    /// `UID#RECURRENCE-ID` with their series and original start.
    static func inspected(calendar: ICalendarCalendar, etag: String, modified: Timestamp) -> [InspectedEvent] {
        let zones = calendar.timeZones
        guard let events = try? calendar.events() else { return [] }
        return events.map { event in
            let content = try? ICalendarMapping.content(of: event, timeZones: zones)
            let identity = event.recurrenceID.flatMap { CalDAVServerState.identityForm($0, zones) }
            var properties: [String: String] = [:]
            for property in event.component.properties where property.key.hasPrefix("X-") {
                properties[property.key] = property.text
            }
            let recurrence = event.component.properties.filter { ["RRULE", "RDATE", "EXDATE"].contains($0.key) }.map {
                ICalendarWriter.contentLine($0)
            }
            let status: InspectedEvent.Status =
                switch event.status {
                case .cancelled?: .cancelled
                case .tentative?: .tentative
                default: .confirmed
                }
            return InspectedEvent(
                id: CalDAVEventID.eventID(uid: event.uid, recurrenceID: identity), status: status, title: event.summary,
                start: content?.start, end: content?.end, recurrence: recurrence,
                seriesID: identity == nil ? nil : event.uid,
                originalStart: identity.map { CalDAVServerState.eventDateTime($0) }, isBusy: !event.isTransparent,
                privateProperties: properties, sharedProperties: [:], version: etag, updated: modified
            )
        }
    }
}

/// One stored resource as it truly is: for tests that check bytes the server keeps.
public struct InspectedCalDAVResource: Hashable, Sendable {
    /// The decoded resource name, e.g. `tminus-….ics`.
    public var name: String
    public var etag: String
    /// The stored (re-serialized) calendar data.
    public var ics: String
    /// Last modification, server clock.
    public var modified: Timestamp
}
