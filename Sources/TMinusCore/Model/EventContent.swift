/// The user-visible fields of an event: what an origin provider says and what projection reads.
///
/// Attendees, organizer and conference data are deliberately absent: they are never stored or
/// projected (privacy, invariant H), so no code path can leak them into a mirror.
public struct EventContent: Hashable, Sendable {
    public var title: String?
    public var description: String?
    public var location: String?
    public var start: EventDateTime
    public var end: EventDateTime
    public var status: EventStatus
    public var visibility: EventVisibility
    public var transparency: EventTransparency
    /// The series rule (RRULE), kept for reference; instances are separate canonical events.
    public var recurrenceRule: String?

    /// Creates content; defaults describe a plain confirmed, opaque, default-visibility event.
    public init(
        title: String?, description: String? = nil, location: String? = nil,
        start: EventDateTime, end: EventDateTime, status: EventStatus = .confirmed,
        visibility: EventVisibility = .default, transparency: EventTransparency = .opaque,
        recurrenceRule: String? = nil
    ) {
        self.title = title
        self.description = description
        self.location = location
        self.start = start
        self.end = end
        self.status = status
        self.visibility = visibility
        self.transparency = transparency
        self.recurrenceRule = recurrenceRule
    }

    /// Checks the content is usable: an end not before the start, all-day with all-day.
    /// - Throws: ``ModelError`` naming the offending field.
    public func validate(field prefix: String) throws(ModelError) {
        if start.isAllDay != end.isAllDay {
            throw .invalidField(
                field: prefix + ".end", value: end.description, expected: "the same kind (all-day or timed) as start")
        }
        if end.instant < start.instant {
            throw .invalidField(field: prefix + ".end", value: end.description, expected: "an end not before start")
        }
    }

    /// The tracked fields whose values differ between `self` and `other`, in a fixed order.
    public func changedFields(comparedTo other: EventContent) -> [EventField] {
        EventField.allCases.filter { value(of: $0) != other.value(of: $0) }
    }

    /// A comparable rendering of one field (instants compared as instants, zones kept).
    public func value(of field: EventField) -> String? {
        switch field {
        case .title: return title
        case .description: return description
        case .location: return location
        case .start: return start.description
        case .end: return end.description
        case .status: return status.rawValue
        case .visibility: return visibility.rawValue
        case .transparency: return transparency.rawValue
        case .recurrenceRule: return recurrenceRule
        }
    }
}

/// The mutable canonical fields that carry an authority marker (invariant F).
public enum EventField: String, CaseIterable, Sendable, Comparable {
    case title, description, location, start, end, status, visibility, transparency
    case recurrenceRule = "recurrence_rule"

    public static func < (a: EventField, b: EventField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
