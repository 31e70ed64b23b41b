import TMinusProviders

/// The Calendar API v3 endpoints the fake serves, parsed from method and path.
enum GoogleRoute: Sendable {
    case listCalendarList
    case getCalendarListEntry(calendarID: String)
    case insertCalendar
    case getCalendar(calendarID: String)
    case deleteCalendar(calendarID: String)
    case listEvents(calendarID: String)
    case insertEvent(calendarID: String)
    case getEvent(calendarID: String, eventID: String)
    case updateEvent(calendarID: String, eventID: String)
    case patchEvent(calendarID: String, eventID: String)
    case deleteEvent(calendarID: String, eventID: String)
    case moveEvent(calendarID: String, eventID: String)
    case watchEvents(calendarID: String)
    case stopChannel

    /// The route of `method` on `parts`, or nil (answered with 404 `notFound`).
    init?(method: String, parts: URLParts) {
        let segments = parts.pathSegments
        guard segments.count >= 3, segments[0] == "calendar", segments[1] == "v3" else { return nil }
        let rest = Array(segments.dropFirst(2))
        let method = method.uppercased()
        switch (method, rest.count) {
        case ("GET", 3) where rest[0] == "users" && rest[1] == "me" && rest[2] == "calendarList":
            self = .listCalendarList
        case ("GET", 4) where rest[0] == "users" && rest[1] == "me" && rest[2] == "calendarList":
            self = .getCalendarListEntry(calendarID: rest[3])
        case ("POST", 2) where rest == ["channels", "stop"]:
            self = .stopChannel
        case (_, _) where rest.first == "calendars":
            guard let route = GoogleRoute.calendarRoute(method, Array(rest.dropFirst())) else { return nil }
            self = route
        default:
            return nil
        }
    }

    private static func calendarRoute(_ method: String, _ rest: [String]) -> GoogleRoute? {
        switch (method, rest.count) {
        case ("POST", 0): return .insertCalendar
        case ("GET", 1): return .getCalendar(calendarID: rest[0])
        case ("DELETE", 1): return .deleteCalendar(calendarID: rest[0])
        default: break
        }
        guard rest.count >= 2, rest[1] == "events" else { return nil }
        let calendarID = rest[0]
        switch (method, rest.count) {
        case ("GET", 2): return .listEvents(calendarID: calendarID)
        case ("POST", 2): return .insertEvent(calendarID: calendarID)
        case ("POST", 3) where rest[2] == "watch": return .watchEvents(calendarID: calendarID)
        case ("GET", 3): return .getEvent(calendarID: calendarID, eventID: rest[2])
        case ("PUT", 3): return .updateEvent(calendarID: calendarID, eventID: rest[2])
        case ("PATCH", 3): return .patchEvent(calendarID: calendarID, eventID: rest[2])
        case ("DELETE", 3): return .deleteEvent(calendarID: calendarID, eventID: rest[2])
        case ("POST", 4) where rest[3] == "move": return .moveEvent(calendarID: calendarID, eventID: rest[2])
        default: return nil
        }
    }

    /// What an event write targets, for the write log.
    struct WriteTarget: Sendable {
        var operation: String
        var calendarID: String
        /// Nil for an insert (the id is read from the answer).
        var eventID: String?
    }

    /// The event write this route performs, or nil for reads and calendar-level calls.
    var writeTarget: WriteTarget? {
        switch self {
        case .insertEvent(let calendarID): return WriteTarget(operation: "insert", calendarID: calendarID, eventID: nil)
        case .updateEvent(let calendarID, let eventID):
            return WriteTarget(operation: "update", calendarID: calendarID, eventID: eventID)
        case .patchEvent(let calendarID, let eventID):
            return WriteTarget(operation: "patch", calendarID: calendarID, eventID: eventID)
        case .deleteEvent(let calendarID, let eventID):
            return WriteTarget(operation: "delete", calendarID: calendarID, eventID: eventID)
        case .moveEvent(let calendarID, let eventID):
            return WriteTarget(operation: "move", calendarID: calendarID, eventID: eventID)
        default: return nil
        }
    }
}
