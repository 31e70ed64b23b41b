import TMinusProviders

/// Which calendar a path names: a calendar id, the default calendar (`/me/calendar`, `/me/events`
/// for collections), or any calendar of the mailbox (`/me/events/{id}` for one item).
enum GraphCalendarReference: Hashable, Sendable {
    case id(String)
    case defaultCalendar
    case anyCalendar
}

/// The Graph v1.0 endpoints the fake serves, parsed from method and path.
enum GraphRoute: Hashable, Sendable {
    case listCalendars
    case createCalendar
    case getCalendar(String)
    case deleteCalendar(String)
    case listEvents(GraphCalendarReference)
    case createEvent(GraphCalendarReference)
    case getEvent(GraphCalendarReference, String)
    case updateEvent(GraphCalendarReference, String)
    case deleteEvent(GraphCalendarReference, String)
    case delta(GraphCalendarReference)
    case createSubscription
    case getSubscription(String)
    case renewSubscription(String)
    case deleteSubscription(String)
    case reauthorizeSubscription(String)

    /// The route of `method` on `parts`, or nil (answered with 400 `BadRequest` for an unknown segment).
    /// `mailbox` receives the `users/{id}` segment when the path names a user instead of `me`.
    init?(method: String, parts: URLParts, mailbox: inout String?) {
        let segments = parts.pathSegments
        guard segments.first == "v1.0", segments.count >= 2 else { return nil }
        var rest = Array(segments.dropFirst())
        let method = method.uppercased()
        if rest[0] == "subscriptions" {
            guard let route = GraphRoute.subscriptionRoute(method, Array(rest.dropFirst())) else { return nil }
            self = route
            return
        }
        if rest[0] == "users", rest.count >= 2 {
            mailbox = rest[1]
            rest = Array(rest.dropFirst(2))
        } else if rest[0] == "me" {
            rest = Array(rest.dropFirst())
        } else {
            return nil
        }
        guard let route = GraphRoute.mailboxRoute(method, rest) else { return nil }
        self = route
    }

    private static func subscriptionRoute(_ method: String, _ rest: [String]) -> GraphRoute? {
        switch (method, rest.count) {
        case ("POST", 0): return .createSubscription
        case ("GET", 1): return .getSubscription(rest[0])
        case ("PATCH", 1): return .renewSubscription(rest[0])
        case ("DELETE", 1): return .deleteSubscription(rest[0])
        case ("POST", 2) where rest[1] == "reauthorize": return .reauthorizeSubscription(rest[0])
        default: return nil
        }
    }

    private static func mailboxRoute(_ method: String, _ rest: [String]) -> GraphRoute? {
        guard let head = rest.first else { return nil }
        switch head {
        case "calendars":
            switch (method, rest.count) {
            case ("GET", 1): return .listCalendars
            case ("POST", 1): return .createCalendar
            case ("GET", 2): return .getCalendar(rest[1])
            case ("DELETE", 2): return .deleteCalendar(rest[1])
            default: return rest.count >= 3 ? calendarRoute(method, .id(rest[1]), Array(rest.dropFirst(2))) : nil
            }
        case "calendar": return calendarRoute(method, .defaultCalendar, Array(rest.dropFirst()))
        case "events":
            if rest.count == 1 { return calendarRoute(method, .defaultCalendar, rest) }
            return calendarRoute(method, .anyCalendar, rest)
        case "calendarView", "calendarview": return calendarRoute(method, .defaultCalendar, rest)
        default: return nil
        }
    }

    /// `events`, `events/{id}` or `calendarView/delta` below a calendar.
    private static func calendarRoute(_ method: String, _ calendar: GraphCalendarReference, _ rest: [String])
        -> GraphRoute?
    {
        switch (method, rest.count) {
        case ("GET", 1) where rest[0] == "events": return .listEvents(calendar)
        case ("POST", 1) where rest[0] == "events": return .createEvent(calendar)
        case ("GET", 2) where rest[0] == "events": return .getEvent(calendar, rest[1])
        case ("PATCH", 2) where rest[0] == "events": return .updateEvent(calendar, rest[1])
        case ("DELETE", 2) where rest[0] == "events": return .deleteEvent(calendar, rest[1])
        case ("GET", 2) where rest[0].lowercased() == "calendarview" && (rest[1] == "delta" || rest[1] == "delta()"):
            return .delta(calendar)
        default: return nil
        }
    }

    /// The event write this route performs (`create`, `update`, `delete`), or nil.
    var writeOperation: String? {
        switch self {
        case .createEvent: return "create"
        case .updateEvent: return "update"
        case .deleteEvent: return "delete"
        default: return nil
        }
    }
}
