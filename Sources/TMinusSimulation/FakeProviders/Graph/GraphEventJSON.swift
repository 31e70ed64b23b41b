import TMinusCore
import TMinusProviders

/// How the fake renders events on the wire (M-EVT): the full resource in the requested zone,
/// body type and id form, the `@removed` entry of delta rounds, and generated occurrences.
enum GraphEventJSON {
    /// What is being rendered besides the stored version.
    struct Shape: Hashable, Sendable {
        /// The id in the requested form (an occurrence id for generated occurrences).
        var id: String
        /// `singleInstance`, `seriesMaster`, `occurrence` or `exception`.
        var type: String
        /// The series master's id in the requested form, for occurrences and exceptions.
        var seriesMasterID: String?
        var transactionID: String?
        /// The mailbox that owns the calendar (the organizer).
        var owner: String
        /// The expanded extended properties, or nil when not expanded (member omitted).
        var properties: [GraphExtendedProperty]?
        /// Delta entries carry `@odata.type`.
        var inDelta: Bool
    }

    /// The full resource.
    static func event(_ version: GraphEventVersion, shape: Shape, context: GraphRenderPreferences) -> JSONValue {
        let fields = version.fields
        var object: [String: JSONValue] = [
            "@odata.etag": .string("W/\"\(version.changeKey)\""), "id": .string(shape.id),
            "createdDateTime": .string(GraphDateTime.utcStamp(version.created)),
            "lastModifiedDateTime": .string(GraphDateTime.utcStamp(version.lastModified)),
            "changeKey": .string(version.changeKey), "categories": .array(fields.categories.map { .string($0) }),
            "transactionId": shape.transactionID.map { .string($0) } ?? .null,
            "originalStartTimeZone": .string(fields.startZone), "originalEndTimeZone": .string(fields.endZone),
            "iCalUId": .string(version.iCalUID), "uid": .string(version.iCalUID),
            "reminderMinutesBeforeStart": .int(fields.reminderMinutes), "isReminderOn": .bool(fields.isReminderOn),
            "hasAttachments": false, "subject": .string(fields.subject),
            "bodyPreview": .string(String(fields.bodyContent.prefix(255))), "importance": .string(fields.importance),
            "sensitivity": .string(fields.sensitivity), "isAllDay": .bool(fields.isAllDay), "isCancelled": false,
            "isOrganizer": true, "responseRequested": .bool(fields.responseRequested),
            "seriesMasterId": shape.seriesMasterID.map { .string($0) } ?? .null, "showAs": .string(fields.showAs),
            "type": .string(shape.type), "webLink": .string(webLink(shape.id)), "onlineMeetingUrl": .null,
            "isOnlineMeeting": false, "onlineMeetingProvider": "unknown",
            "allowNewTimeProposals": .bool(fields.allowNewTimeProposals), "isDraft": false, "hideAttendees": false,
            "responseStatus": ["response": "organizer", "time": "0001-01-01T00:00:00Z"],
            "body": body(fields, text: context.textBody), "start": dateTime(fields.start, context),
            "end": dateTime(fields.end, context), "location": location(fields.location),
            "locations": .array(
                fields.location.isEmpty ? [] : [location(fields.location)]),
            "recurrence": shape.type == "seriesMaster" ? (fields.recurrence.map { json($0.json) } ?? .null) : .null,
            "attendees": .array(fields.attendees.map(attendee)),
            "organizer": ["emailAddress": ["name": .string(shape.owner), "address": .string(shape.owner)]],
            "onlineMeeting": .null,
        ]
        if let original = version.originalStart {
            object["originalStart"] = .string(CivilTime.rfc3339(original.instant).replacingMillisecondsWithZ)
        }
        if shape.inDelta { object["@odata.type"] = "#microsoft.graph.event" }
        if let properties = shape.properties, !properties.isEmpty {
            object["singleValueExtendedProperties"] = .array(
                properties.map { ["id": .string($0.id), "value": .string($0.value)] })
        }
        return .object(object)
    }

    /// A delta removal: `{"@odata.type", "id", "@removed": {"reason": "deleted"}}` (M-DELTA).
    static func removed(id: String) -> JSONValue {
        ["@odata.type": "#microsoft.graph.event", "id": .string(id), "@removed": ["reason": "deleted"]]
    }

    /// `{dateTime, timeZone}` in the requested zone; all-day values at their midnight.
    static func dateTime(_ value: EventDateTime, _ context: GraphRenderPreferences) -> JSONValue {
        let text: String
        switch value {
        case .allDay(let date): text = GraphDateTime.midnight(date)
        case .timed(let instant, _):
            let offset = TimeZoneNames.offsetSeconds(of: context.renderZone, at: instant)
            text = GraphDateTime.wallClock(instant.adding(.seconds(offset)))
        }
        return ["dateTime": .string(text), "timeZone": .string(context.renderZoneName)]
    }

    /// Text when the client prefers it (tags stripped from stored HTML), else HTML as Outlook
    /// stores it (plain text wrapped in a document).
    private static func body(_ fields: GraphEventFields, text: Bool) -> JSONValue {
        let content = fields.bodyContent
        if text {
            return ["contentType": "text", "content": .string(fields.bodyType == "html" ? stripped(content) : content)]
        }
        if fields.bodyType == "html" || content.isEmpty { return ["contentType": "html", "content": .string(content)] }
        return [
            "contentType": "html",
            "content": .string("<html><head></head><body>" + escaped(content) + "</body></html>"),
        ]
    }

    private static func stripped(_ html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
            } else if character == ">" {
                inTag = false
            } else if !inTag {
                out.append(character)
            }
        }
        return out
    }

    private static func location(_ name: String) -> JSONValue {
        [
            "displayName": .string(name), "locationType": "default", "uniqueIdType": "unknown", "address": [:],
            "coordinates": [:],
        ]
    }

    private static func attendee(_ address: String) -> JSONValue {
        [
            "type": "required", "status": ["response": "none", "time": "0001-01-01T00:00:00Z"],
            "emailAddress": ["name": .string(address), "address": .string(address)],
        ]
    }

    private static func webLink(_ id: String) -> String {
        "https://outlook.office365.com/owa/?itemid=" + URLParts.percentEncode(id) + "&exvsurl=1&path=/calendar/item"
    }

    private static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A ``WireJSON`` value as TMinusCore's ``JSONValue`` (numbers are integers in our payloads).
    static func json(_ wire: WireJSON) -> JSONValue {
        switch wire {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let text): return .int(Int64(text) ?? 0)
        case .string(let text): return .string(text)
        case .array(let elements): return .array(elements.map(json))
        case .object(let members):
            var object: [String: JSONValue] = [:]
            for member in members { object[member.key] = json(member.value) }
            return .object(object)
        }
    }
}

extension String {
    /// `2026-03-02T09:00:00.000Z` → `2026-03-02T09:00:00Z` (Graph's DateTimeOffset form).
    var replacingMillisecondsWithZ: String { hasSuffix(".000Z") ? String(dropLast(5)) + "Z" : self }
}
