import TMinusCore
import TMinusProviders

/// The rules for what a client may write into an event (M-EVT): which members are writable,
/// how a PATCH merges (members sent replace, others stay; extended properties are upserted by
/// id; `categories` and `attendees` replace whole), and what makes a body invalid.
enum GraphEventWrite {
    static let showAsValues: Set<String> = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"]
    static let sensitivityValues: Set<String> = ["normal", "personal", "private", "confidential"]
    static let maximumAttendees = 500

    /// The fields and `transactionId` of a create body.
    /// - Throws: 400 for a body that is not a JSON object, lacks start or end, or is invalid.
    static func created(_ body: [UInt8]) throws(GraphAPIError) -> (fields: GraphEventFields, transactionID: String?) {
        let object = try members(body)
        guard let start = object["start"], let end = object["end"] else {
            throw .invalidRequest("Your request can't be completed. The start and end of the event must be specified.")
        }
        let allDay = try flag(object["isAllDay"], "isAllDay") ?? false
        let first = try dateTime(start, field: "start", allDay: allDay)
        let last = try dateTime(end, field: "end", allDay: allDay)
        var fields = GraphEventFields(start: first.value, end: last.value, startZone: first.zone, endZone: last.zone)
        try apply(object, to: &fields)
        try checkTimes(fields)
        return (fields, try text(object["transactionId"], "transactionId"))
    }

    /// `base` with a PATCH body applied, and the `transactionId` the body names (if any).
    static func patched(_ body: [UInt8], base: GraphEventFields) throws(GraphAPIError)
        -> (fields: GraphEventFields, transactionID: String?)
    {
        let object = try members(body)
        var fields = base
        let allDay = try flag(object["isAllDay"], "isAllDay") ?? base.isAllDay
        if allDay != base.isAllDay, object["start"] == nil || object["end"] == nil {
            throw .invalidRequest("Your request can't be completed. Changing isAllDay requires both start and end.")
        }
        if let start = object["start"] {
            let parsed = try dateTime(start, field: "start", allDay: allDay)
            fields.start = parsed.value
            fields.startZone = parsed.zone
        }
        if let end = object["end"] {
            let parsed = try dateTime(end, field: "end", allDay: allDay)
            fields.end = parsed.value
            fields.endZone = parsed.zone
        }
        try apply(object, to: &fields)
        try checkTimes(fields)
        return (fields, try text(object["transactionId"], "transactionId"))
    }

    /// Every writable member except start/end/isAllDay/transactionId.
    private static func apply(_ object: [String: WireJSON], to fields: inout GraphEventFields) throws(GraphAPIError) {
        if let subject = try text(object["subject"], "subject") { fields.subject = subject }
        if case .object? = object["body"] {
            fields.bodyContent = try text(object["body"]?["content"], "body.content") ?? ""
            fields.bodyType = try text(object["body"]?["contentType"], "body.contentType")?.lowercased() ?? "text"
        }
        if case .object? = object["location"] {
            fields.location = try text(object["location"]?["displayName"], "location.displayName") ?? ""
        }
        if let showAs = try text(object["showAs"], "showAs") {
            guard showAsValues.contains(showAs) else { throw .badRequest("Invalid value for showAs.") }
            fields.showAs = showAs
        }
        if let sensitivity = try text(object["sensitivity"], "sensitivity") {
            guard sensitivityValues.contains(sensitivity) else { throw .badRequest("Invalid value for sensitivity.") }
            fields.sensitivity = sensitivity
        }
        if let categories = object["categories"] { fields.categories = try strings(categories, "categories") }
        if let properties = object["singleValueExtendedProperties"] { try upsert(properties, into: &fields) }
        if let recurrence = object["recurrence"] { fields.recurrence = try pattern(recurrence) }
        if let reminder = try flag(object["isReminderOn"], "isReminderOn") { fields.isReminderOn = reminder }
        if let flag = try flag(object["responseRequested"], "responseRequested") { fields.responseRequested = flag }
        if let flag = try flag(object["allowNewTimeProposals"], "allowNewTimeProposals") {
            fields.allowNewTimeProposals = flag
        }
        if let importance = try text(object["importance"], "importance") { fields.importance = importance }
        if let attendees = object["attendees"] { fields.attendees = try addresses(attendees) }
    }

    private static func members(_ body: [UInt8]) throws(GraphAPIError) -> [String: WireJSON] {
        guard !body.isEmpty else { throw .badRequest("Empty Payload. JSON content expected.") }
        guard let json = try? WireJSON.parse(body), case .object(let list) = json else {
            throw .badRequest(
                "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."
            )
        }
        var object: [String: WireJSON] = [:]
        for member in list { object[member.key] = member.value }
        return object
    }

    /// A `{dateTime, timeZone}` value: local time in a known zone; all-day values at midnight.
    private static func dateTime(_ value: WireJSON, field: String, allDay: Bool) throws(GraphAPIError)
        -> (value: EventDateTime, zone: String)
    {
        guard case .object = value, case .string(let text)? = value["dateTime"] else {
            throw .invalidRequest("Your request can't be completed. The \(field) of the event is invalid.")
        }
        let zone = (try self.text(value["timeZone"], "\(field).timeZone")).flatMap { $0.isEmpty ? nil : $0 } ?? "UTC"
        guard TimeZoneNames.ianaName(for: zone) != nil else { throw .timeZoneNotSupported(zone) }
        if allDay {
            let time = text.dropFirst(11).prefix(8)
            guard let date = CalendarDate(iso: text.prefix(10)), time == "00:00:00" || text.count == 10,
                text.dropFirst(19).allSatisfy({ $0 == "." || $0 == "0" })
            else {
                throw .invalidRequest(
                    "Your request can't be completed. If the event is an all-day event, start and end must be specified as midnight."
                )
            }
            return (.allDay(date), zone)
        }
        guard let parsed = try? EventDateTime.parse(dateTime: text, date: nil, timeZone: zone, field: field) else {
            throw .invalidRequest("Your request can't be completed. The \(field) of the event is invalid.")
        }
        return (parsed, zone)
    }

    private static func checkTimes(_ fields: GraphEventFields) throws(GraphAPIError) {
        if fields.isAllDay {
            guard fields.end.instant > fields.start.instant else {
                throw .invalidRequest("Your request can't be completed. An all-day event must last at least one day.")
            }
        } else if fields.end.instant < fields.start.instant {
            throw .invalidRequest("Your request can't be completed. The end of the event is before its start.")
        }
        if fields.attendees.count > maximumAttendees {
            throw .invalidRequest("Your request can't be completed. An event can have at most 500 attendees.")
        }
    }

    private static func upsert(_ value: WireJSON, into fields: inout GraphEventFields) throws(GraphAPIError) {
        guard case .array(let entries) = value else { throw .badRequest("Invalid singleValueExtendedProperties.") }
        for entry in entries {
            guard case .string(let id)? = entry["id"], !id.isEmpty, case .string(let stored)? = entry["value"] else {
                throw .badRequest("A single-value extended property needs an id and a value.")
            }
            fields.setProperty(id, stored)
        }
    }

    private static func pattern(_ value: WireJSON) throws(GraphAPIError) -> GraphRecurrencePattern? {
        if value == .null { return nil }
        guard let reader = try? WireReader(value, path: "recurrence"),
            let pattern = try? GraphRecurrencePattern(json: reader),
            (try? pattern.rule()) != nil
        else { throw .invalidRequest("Your request can't be completed. The recurrence pattern is invalid.") }
        return pattern
    }

    private static func addresses(_ value: WireJSON) throws(GraphAPIError) -> [String] {
        guard case .array(let entries) = value else { throw .badRequest("Invalid attendees.") }
        var result: [String] = []
        for entry in entries {
            guard case .string(let address)? = entry["emailAddress"]?["address"] else {
                throw .badRequest("An attendee needs an emailAddress.")
            }
            result.append(address)
        }
        return result
    }

    private static func text(_ value: WireJSON?, _ field: String) throws(GraphAPIError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw .badRequest("Invalid value for \(field): a string is expected.")
        }
    }

    private static func flag(_ value: WireJSON?, _ field: String) throws(GraphAPIError) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        default: throw .badRequest("Invalid value for \(field): a boolean is expected.")
        }
    }

    private static func strings(_ value: WireJSON, _ field: String) throws(GraphAPIError) -> [String] {
        guard case .array(let entries) = value else { throw .badRequest("Invalid value for \(field).") }
        var result: [String] = []
        for entry in entries {
            guard case .string(let text) = entry else { throw .badRequest("Invalid value for \(field).") }
            result.append(text)
        }
        return result
    }
}
