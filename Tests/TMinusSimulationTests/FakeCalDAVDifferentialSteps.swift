import Foundation
import TMinusCore
import TMinusProviders
import TMinusSimulation

/// The step groups of ``CalDAVDifferentialScript``.
extension CalDAVDifferentialScript {
    static let calendarType = [("Content-Type", "text/calendar; charset=utf-8")]

    /// Our mirror: create, adopt on retry, read, update with the current and a stale ETag.
    static func mirrorSteps(
        _ provider: CalDAVCalendarProvider, calendar: String, mirror: inout EventAddress, log: inout DifferentialLog
    ) async {
        var version: ResourceVersion?
        await log.step("create") { () async throws(ProviderError) in
            let outcome = try await provider.createEvent(
                in: calendar, projection: CalDAVSamples.projection(), key: CalDAVSamples.key)
            mirror = outcome.event.address
            version = outcome.event.version
            let strong = version.map { $0.rawValue.hasPrefix("\"") } ?? false
            return "\(outcome.disposition.rawValue) strongETag=\(strong)"
        }
        await log.step("create again") { () async throws(ProviderError) in
            let again = try await provider.createEvent(
                in: calendar, projection: CalDAVSamples.projection(), key: CalDAVSamples.key)
            return "\(again.disposition.rawValue) sameVersion=\(again.event.version == version)"
        }
        await log.step("read") { [mirror] () async throws(ProviderError) in
            let record = try await provider.event(at: mirror)
            let managed =
                EventClassifier.classify(record.delta.markers, isRecordedMirror: false)
                == .managedMirror(CalDAVSamples.markers)
            let start = record.delta.content.map { $0.start.instant.description } ?? "-"
            return "title=\(record.delta.content?.title ?? "-") start=\(start) managed=\(managed)"
        }
        let stale = version
        await log.step("update") { [mirror] () async throws(ProviderError) in
            let written = try await provider.updateEvent(
                at: mirror, projection: CalDAVSamples.projection(summary: "Busy, updated"),
                precondition: stale.map { .ifMatch($0) } ?? .none)
            return "versionChanged=\(written.version != stale)"
        }
        await log.step("update stale") { [mirror] () async throws(ProviderError) in
            _ = try await provider.updateEvent(
                at: mirror, projection: CalDAVSamples.projection(), precondition: stale.map { .ifMatch($0) } ?? .none)
            return "accepted"
        }
    }

    /// Another client's writes (raw HTTP), the syncs that see them, and a sync with a bad token.
    static func rawClientSteps(
        _ target: CalDAVTarget, calendar: String, cursor: inout SyncCursor, log: inout DifferentialLog
    )
        async
    {
        let provider = target.provider
        let lunch = FakeCalDAVAdapterTests.plainEvent(uid: "lunch-1@example.org")
        let created = await target.raw(
            "PUT", calendar + "lunch.ics", body: lunch, headers: calendarType + [("If-None-Match", "*")])
        let etag = created?.headers["ETag"]
        log.note("raw put", "\(created?.status ?? 0) etag=\(etag != nil)")
        let again = await target.raw(
            "PUT", calendar + "lunch.ics", body: lunch, headers: calendarType + [("If-None-Match", "*")])
        log.note("raw put again", "\(again?.status ?? 0)")
        let identical = await target.raw("PUT", calendar + "lunch.ics", body: lunch, headers: calendarType)
        log.note("raw identical put", "\(identical?.status ?? 0) sameETag=\(identical?.headers["ETag"] == etag)")
        await log.step("changes") { () async throws(ProviderError) in try await changes(provider, calendar, &cursor) }
        let copy = await target.raw("PUT", calendar + "lunch-copy.ics", body: lunch, headers: calendarType)
        let conditions = CalDAVErrorMapper.conditions(in: copy?.body ?? []).map(\.name.local)
        log.note("uid conflict", "\(copy?.status ?? 0) \(conditions.joined(separator: ","))")
        let staleDelete = await target.raw("DELETE", calendar + "lunch.ics", headers: [("If-Match", "\"0123\"")])
        log.note("raw delete stale", "\(staleDelete?.status ?? 0)")
        let delete = await target.raw("DELETE", calendar + "lunch.ics", headers: [("If-Match", etag ?? "*")])
        log.note("raw delete", "\(delete?.status ?? 0)")
        await log.step("changes") { () async throws(ProviderError) in try await changes(provider, calendar, &cursor) }
        await log.step("invalid token") { [cursor] () async throws(ProviderError) in
            guard var stored = CalDAVCursor(cursor) else { return "no cursor" }
            stored.syncToken = "http://radicale.org/ns/sync/" + String(repeating: "0", count: 64)
            _ = try await provider.changes(calendarID: calendar, since: stored.cursor)
            return "accepted"
        }
    }

    /// A recurring series with an override and an EXDATE, then one more EXDATE.
    static func recurrenceSteps(
        _ target: CalDAVTarget, calendar: String, cursor: inout SyncCursor, log: inout DifferentialLog
    )
        async
    {
        let provider = target.provider
        _ = await target.raw("PUT", calendar + "weekly.ics", body: CalDAVSamples.weeklySeries, headers: calendarType)
        var records: [ProviderEventRecord] = []
        await log.step("recurring") { () async throws(ProviderError) in
            let listing = try await provider.changes(calendarID: calendar, since: cursor)
            cursor = listing.cursor
            records = listing.records
            let suffixes = records.map(\.delta.providerEventID).filter { $0.hasPrefix("weekly-1@example.org#") }
                .map { String($0.dropFirst("weekly-1@example.org#".count)) }.sorted()
            return "ids=[" + suffixes.joined(separator: ",") + "]"
        }
        let moved = records.first { $0.delta.providerEventID.hasSuffix("#20260317T080000Z") }
        log.note(
            "override",
            "title=\(moved?.delta.content?.title ?? "-") start=\(moved?.delta.content?.start.instant.description ?? "-") "
                + "original=\(moved?.instance?.originalStart.instant.description ?? "-")")
        let excluded = CalDAVSamples.weeklySeries.replacingOccurrences(
            of: "EXDATE;TZID=Europe/Berlin:20260324T090000\r\n",
            with: "EXDATE;TZID=Europe/Berlin:20260324T090000\r\nEXDATE;TZID=Europe/Berlin:20260310T090000\r\n")
        _ = await target.raw("PUT", calendar + "weekly.ics", body: excluded, headers: calendarType)
        await log.step("exdate") { () async throws(ProviderError) in
            let listing = try await provider.changes(calendarID: calendar, since: cursor)
            cursor = listing.cursor
            let deletions = listing.records.filter(\.isDeletion).map(\.delta.providerEventID).sorted()
            return "deletions=[\(deletions.joined(separator: ","))] upserts=\(listing.records.count - deletions.count)"
        }
    }

    /// Unicode, escapes and folding through the server, and Radicale's unescaped-comma truncation.
    static func unicodeSteps(_ target: CalDAVTarget, calendar: String, log: inout DifferentialLog) async {
        let provider = target.provider
        let markers = ManagedMarkers(canonicalEventID: "evt_unicode", originAccountID: "acc_origin")
        var projection = CalDAVSamples.projection(hour: 30, summary: unicodeTitle, description: unicodeDescription)
        projection.markers = markers
        var uid = ""
        await log.step("unicode") { () async throws(ProviderError) in
            let created = try await provider.createEvent(
                in: calendar, projection: projection,
                key: MirrorKey(canonicalEventID: markers.canonicalEventID, targetAccountID: "acc_target"))
            uid = created.event.address.eventID
            let read = try await provider.event(at: created.event.address)
            let listing = try await provider.fullListing(calendarID: calendar, window: window)
            let listed = listing.records.first { $0.delta.providerEventID == uid }?.delta.content?.title
            return "titleSame=\(read.delta.content?.title == unicodeTitle) "
                + "descriptionSame=\(read.delta.content?.description == unicodeDescription) listedSame=\(listed == unicodeTitle)"
        }
        let stored = await target.raw("GET", calendar + CalDAVEventID.resourceName(forUID: uid))
        let lines = (stored?.body ?? []).split(separator: 0x0A).map { $0.last == 0x0D ? $0.count - 1 : $0.count }
        log.note("unicode stored", "linesWithin75Octets=\(!lines.isEmpty && lines.allSatisfy { $0 <= 75 })")
        let comma = FakeCalDAVAdapterTests.plainEvent(uid: "comma-1@example.org", summary: "U, unescaped; text")
        _ = await target.raw("PUT", calendar + "comma.ics", body: comma, headers: calendarType)
        let back = await target.raw("GET", calendar + "comma.ics")
        let summary = (try? ICalendarCalendar.parse(back?.body ?? []).events().first?.summary) ?? nil
        log.note("unescaped comma", "stored summary=\(summary ?? "-")")
    }

    /// Conditional deletes of our mirror, and an update of what is gone.
    static func deleteSteps(_ provider: CalDAVCalendarProvider, mirror: EventAddress, log: inout DifferentialLog) async
    {
        let current = try? await provider.event(at: mirror).version
        await log.step("delete stale") { () async throws(ProviderError) in
            "\(try await provider.deleteEvent(at: mirror, precondition: .ifMatch(ResourceVersion("\"0123\""))).rawValue)"
        }
        await log.step("delete") { () async throws(ProviderError) in
            "\(try await provider.deleteEvent(at: mirror, precondition: current.map { .ifMatch($0) } ?? .none).rawValue)"
        }
        await log.step("delete again") { () async throws(ProviderError) in
            "\(try await provider.deleteEvent(at: mirror, precondition: .none).rawValue)"
        }
        await log.step("update missing") { () async throws(ProviderError) in
            _ = try await provider.updateEvent(at: mirror, projection: CalDAVSamples.projection(), precondition: .none)
            return "accepted"
        }
    }

    /// One incremental round, as `upserts=[…] deletions=[…]` (sorted IDs).
    static func changes(_ provider: CalDAVCalendarProvider, _ calendar: String, _ cursor: inout SyncCursor)
        async throws(ProviderError) -> String
    {
        let listing = try await provider.changes(calendarID: calendar, since: cursor)
        cursor = listing.cursor
        let upserts = listing.records.filter { !$0.isDeletion }.map(\.delta.providerEventID).sorted()
        let deletions = listing.records.filter(\.isDeletion).map(\.delta.providerEventID).sorted()
        return "upserts=[\(upserts.joined(separator: ","))] deletions=[\(deletions.joined(separator: ","))]"
    }
}
