import TMinusCore

/// Parsers of Google Calendar v3 response bodies (pure). Every failure is
/// ``ProviderError/malformedResponse(_:)`` with the JSON path in its context.
public enum GoogleResponses: Sendable {
    /// One `events.list` page: its events and exactly one continuation.
    public struct EventsPage: Hashable, Sendable {
        public var records: [ProviderEventRecord]
        /// Present while more pages follow; an empty or short page with it is **not** the end.
        public var nextPageToken: String?
        /// Present on the last page only; the only token worth storing.
        public var nextSyncToken: String?
    }

    /// One `calendarList.list` page.
    public struct CalendarListPage: Hashable, Sendable {
        public var entries: [CalendarListEntry]
        public var nextPageToken: String?
    }

    /// A calendar list entry with both names (the overlay is recognised by its `summary`).
    public struct CalendarListEntry: Hashable, Sendable {
        public var calendar: ProviderCalendar
        /// The calendar's own name (`summary`); ``ProviderCalendar/name`` prefers the user's override.
        public var summary: String
    }

    /// Parses an `events.list` page of `calendarID`.
    public static func eventsPage(_ body: [UInt8], calendarID: String) throws(ProviderError) -> EventsPage {
        try WirePayload.decode(body, provider: .google, operation: "events.list", status: 200) {
            json throws(WireDecodingError) in
            let page = try WireReader(json, path: "")
            var records: [ProviderEventRecord] = []
            for (index, item) in try page.array("items").enumerated() {
                records.append(
                    try GoogleEventParser.record(from: item, calendarID: calendarID, path: "items[\(index)]"))
            }
            let nextPage = try page.optionalString("nextPageToken").flatMap { $0.isEmpty ? nil : $0 }
            let nextSync = try page.optionalString("nextSyncToken").flatMap { $0.isEmpty ? nil : $0 }
            guard nextPage != nil || nextSync != nil else {
                throw WireDecodingError(
                    path: "nextPageToken", expected: "nextPageToken or nextSyncToken", found: "neither")
            }
            // Both present breaks Google's contract; keep paging: only a last page's token counts.
            return EventsPage(
                records: records, nextPageToken: nextPage, nextSyncToken: nextPage == nil ? nextSync : nil)
        }
    }

    /// Parses one Event resource (get, insert, update responses).
    public static func event(_ body: [UInt8], calendarID: String, operation: String) throws(ProviderError)
        -> ProviderEventRecord
    {
        try WirePayload.decode(body, provider: .google, operation: operation, status: 200) {
            json throws(WireDecodingError) in
            try GoogleEventParser.record(from: json, calendarID: calendarID, path: "")
        }
    }

    /// Parses a `calendarList.list` page; deleted entries are skipped.
    public static func calendarListPage(_ body: [UInt8]) throws(ProviderError) -> CalendarListPage {
        try WirePayload.decode(body, provider: .google, operation: "calendarList.list", status: 200) {
            json throws(WireDecodingError) in
            let page = try WireReader(json, path: "")
            var entries: [CalendarListEntry] = []
            for (index, item) in try page.array("items").enumerated() {
                let entry = try WireReader(item, path: "items[\(index)]")
                if try entry.optionalBool("deleted") == true { continue }
                let summary = try entry.optionalString("summary") ?? ""
                let role = try accessRole(entry)
                let calendar = ProviderCalendar(
                    id: try entry.string("id"), name: try entry.optionalString("summaryOverride") ?? summary,
                    timeZone: try entry.optionalString("timeZone"),
                    isPrimary: try entry.optionalBool("primary") ?? false,
                    accessRole: role, version: try entry.optionalString("etag").map(ResourceVersion.init))
                entries.append(CalendarListEntry(calendar: calendar, summary: summary))
            }
            let next = try page.optionalString("nextPageToken").flatMap { $0.isEmpty ? nil : $0 }
            return CalendarListPage(entries: entries, nextPageToken: next)
        }
    }

    /// Parses the Calendar returned by `calendars.insert` (the creator owns it).
    public static func insertedCalendar(_ body: [UInt8]) throws(ProviderError) -> ProviderCalendar {
        try WirePayload.decode(body, provider: .google, operation: "calendars.insert", status: 200) {
            json throws(WireDecodingError) in
            let calendar = try WireReader(json, path: "")
            return ProviderCalendar(
                id: try calendar.string("id"), name: try calendar.optionalString("summary") ?? "",
                timeZone: try calendar.optionalString("timeZone"), isPrimary: false, accessRole: .owner,
                version: try calendar.optionalString("etag").map(ResourceVersion.init))
        }
    }

    /// Parses the Channel returned by `events.watch` (`expiration` in Unix ms, as a string or a number).
    public static func channel(_ body: [UInt8], calendarID: String) throws(ProviderError) -> PushChannel {
        try WirePayload.decode(body, provider: .google, operation: "events.watch", status: 200) {
            json throws(WireDecodingError) in
            let channel = try WireReader(json, path: "")
            let expiration = try channel.optionalInt("expiration")
            // A Timestamp holds Int64 nanoseconds: milliseconds beyond 2262 would overflow.
            if let expiration, !(0...Int64.max / 1_000_000).contains(expiration) {
                throw WireDecodingError(
                    path: "expiration", expected: "Unix milliseconds before the year 2262",
                    found: "an out-of-range integer")
            }
            return PushChannel(
                calendarID: calendarID, channelID: try channel.string("id"),
                resourceID: try channel.optionalString("resourceId"),
                expiresAt: expiration.map { Timestamp(millisecondsSinceEpoch: $0) })
        }
    }

    private static func accessRole(_ entry: WireReader) throws(WireDecodingError) -> ProviderCalendar.AccessRole {
        guard let raw = try entry.optionalString("accessRole") else { return .reader }
        guard let role = ProviderCalendar.AccessRole(rawValue: raw) else {
            throw WireDecodingError(
                path: entry.path(of: "accessRole"), expected: "freeBusyReader, reader, writer or owner",
                found: "another value")
        }
        return role
    }
}
