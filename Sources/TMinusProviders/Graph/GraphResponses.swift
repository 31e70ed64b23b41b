import TMinusCore

/// Parsers of Microsoft Graph response bodies (pure). Every failure is
/// ``ProviderError/malformedResponse(_:)`` with the JSON path in its context.
public enum GraphResponses: Sendable {
    /// One page of a collection: its items and the link to the next page, if any.
    public struct CalendarsPage: Hashable, Sendable {
        public var calendars: [ProviderCalendar]
        public var nextLink: String?
    }

    /// One page of a calendarView delta round: exactly one continuation.
    public struct DeltaPage: Hashable, Sendable {
        public var records: [ProviderEventRecord]
        /// Present while the round goes on; an empty page with it is **not** the end (M-DQO).
        public var nextLink: String?
        /// Present on the last page only: the cursor of the next round.
        public var deltaLink: String?
    }

    /// Parses a `/me/calendars` page.
    public static func calendarsPage(_ body: [UInt8]) throws(ProviderError) -> CalendarsPage {
        try WirePayload.decode(body, provider: .microsoft, operation: "calendars.list", status: 200) {
            json throws(WireDecodingError) in
            let page = try WireReader(json, path: "")
            var calendars: [ProviderCalendar] = []
            for (index, item) in try page.array("value").enumerated() {
                calendars.append(try calendar(try WireReader(item, path: "value[\(index)]")))
            }
            return CalendarsPage(calendars: calendars, nextLink: try link(page, "@odata.nextLink"))
        }
    }

    /// Parses the calendar returned by `POST /me/calendars` (201).
    public static func createdCalendar(_ body: [UInt8]) throws(ProviderError) -> ProviderCalendar {
        try WirePayload.decode(body, provider: .microsoft, operation: "calendars.create", status: 201) {
            json throws(WireDecodingError) in try calendar(try WireReader(json, path: ""))
        }
    }

    /// Parses one calendarView delta page of `calendarID`.
    public static func deltaPage(_ body: [UInt8], calendarID: String, propertyID: String) throws(ProviderError)
        -> DeltaPage
    {
        try WirePayload.decode(body, provider: .microsoft, operation: "calendarView.delta", status: 200) {
            json throws(WireDecodingError) in
            let page = try WireReader(json, path: "")
            let records = try events(page, calendarID: calendarID, propertyID: propertyID)
            let next = try link(page, "@odata.nextLink")
            let delta = try link(page, "@odata.deltaLink")
            guard next != nil || delta != nil else {
                throw WireDecodingError(
                    path: "@odata.nextLink", expected: "@odata.nextLink or @odata.deltaLink", found: "neither")
            }
            // Both present breaks the contract; keep paging: only a last page's deltaLink counts.
            return DeltaPage(records: records, nextLink: next, deltaLink: next == nil ? delta : nil)
        }
    }

    /// Parses a collection of events (a `$filter` search), ignoring paging beyond the first page.
    public static func eventList(_ body: [UInt8], calendarID: String, propertyID: String, operation: String)
        throws(ProviderError) -> [ProviderEventRecord]
    {
        try WirePayload.decode(body, provider: .microsoft, operation: operation, status: 200) {
            json throws(WireDecodingError) in
            try events(try WireReader(json, path: ""), calendarID: calendarID, propertyID: propertyID)
        }
    }

    /// Parses one event resource (GET, POST and PATCH answers).
    public static func event(
        _ body: [UInt8], calendarID: String, propertyID: String, operation: String, status: Int = 200
    ) throws(ProviderError) -> ProviderEventRecord {
        try WirePayload.decode(body, provider: .microsoft, operation: operation, status: status) {
            json throws(WireDecodingError) in
            try GraphEventParser.record(from: json, calendarID: calendarID, propertyID: propertyID, path: "")
        }
    }

    /// Parses the subscription returned by `POST` or `PATCH /subscriptions`.
    public static func subscription(_ body: [UInt8], calendarID: String, operation: String, status: Int)
        throws(ProviderError) -> PushChannel
    {
        try WirePayload.decode(body, provider: .microsoft, operation: operation, status: status) {
            json throws(WireDecodingError) in
            let subscription = try WireReader(json, path: "")
            return PushChannel(
                calendarID: calendarID, channelID: try subscription.string("id"),
                resourceID: try subscription.optionalString("resource"),
                expiresAt: try GraphDateTime.stamp(subscription, "expirationDateTime"))
        }
    }

    private static func events(_ page: WireReader, calendarID: String, propertyID: String) throws(WireDecodingError)
        -> [ProviderEventRecord]
    {
        var records: [ProviderEventRecord] = []
        for (index, item) in try page.array("value").enumerated() {
            records.append(
                try GraphEventParser.record(
                    from: item, calendarID: calendarID, propertyID: propertyID, path: "value[\(index)]"))
        }
        return records
    }

    /// A Graph calendar: `canEdit` decides writer (owner when it can also share), else reader;
    /// `isDefaultCalendar` marks the primary one. Graph calendars have no zone of their own.
    private static func calendar(_ entry: WireReader) throws(WireDecodingError) -> ProviderCalendar {
        let canEdit = try entry.optionalBool("canEdit") ?? false
        let canShare = try entry.optionalBool("canShare") ?? false
        let role: ProviderCalendar.AccessRole = canEdit ? (canShare ? .owner : .writer) : .reader
        return ProviderCalendar(
            id: try entry.string("id"), name: try entry.optionalString("name") ?? "", timeZone: nil,
            isPrimary: try entry.optionalBool("isDefaultCalendar") ?? false, accessRole: role,
            version: try entry.optionalString("changeKey").map(ResourceVersion.init))
    }

    private static func link(_ page: WireReader, _ key: String) throws(WireDecodingError) -> String? {
        try page.optionalString(key).flatMap { $0.isEmpty ? nil : $0 }
    }
}
