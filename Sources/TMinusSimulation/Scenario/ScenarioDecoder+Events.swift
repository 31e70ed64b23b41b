import TMinusCore

/// Event references and event times of `steps[]`.
extension ScenarioDecoder {
    /// The event a step's `event` label names; it must have been created by an earlier step (and be
    /// a recurring series when `recurring`).
    mutating func eventReference(_ fields: Fields, recurring: Bool = false) -> ScenarioEventSpec? {
        guard let node = fields["event"] else { return nil }
        guard case .string(let label) = node.value, let event = eventsByLabel[label] else {
            var suggestion: String?
            if case .string(let label) = node.value {
                suggestion = EditDistance.closest(to: label, among: eventLabels)
            }
            let known = eventLabels.isEmpty ? "none so far" : eventLabels.joined(separator: ", ")
            report(
                node.path, "expected the label of an event created by an earlier create-event step (\(known))",
                found: node.value, suggestion: suggestion)
            return nil
        }
        if recurring && event.recurrence == nil {
            report(node.path, "expected a recurring event (created with a 'recurrence')", found: node.value)
            return nil
        }
        return event
    }

    /// `occurrence`: a 0-based index into a series.
    mutating func occurrence(_ fields: Fields) -> Int? {
        fields["occurrence"].flatMap { integer($0, in: 0...10_000, what: "an occurrence index (0 is the first)") }
            .map { Int($0) }
    }

    /// An RRULE, with or without the `RRULE:` prefix; returned without it.
    mutating func recurrenceRule(_ node: Node) -> String? {
        guard case .string(let raw) = node.value else {
            report(node.path, "expected an RRULE like \"FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10\"", found: node.value)
            return nil
        }
        let rule = raw.hasPrefix("RRULE:") ? String(raw.dropFirst(6)) : raw
        do {
            _ = try RecurrenceRule(parsing: rule)
            return rule
        } catch {
            report(node.path, "expected a valid RRULE (\(error))", found: node.value)
            return nil
        }
    }

    /// Whether two accounts belong to the same user (a policy edge joins one user's accounts).
    mutating func sameUser(_ from: String, _ to: String, _ fields: Fields) -> Bool {
        guard ownerByAccount[from] == ownerByAccount[to] else {
            report(fields.path("to"), "expected an account of the same user as '\(from)'", found: .string(to))
            return false
        }
        guard from != to else {
            report(fields.path("to"), "expected an account other than 'from' (no self-loops)", found: .string(to))
            return false
        }
        return true
    }

    /// `start`, `end` and `length` of a create or edit step. A start without end or length keeps the
    /// existing length on an edit, and defaults to 30 minutes (timed) or 1 day (all-day) on a create.
    mutating func eventTimes(
        _ fields: Fields, zone: String, needsStart: Bool, existing: ScenarioEventSpec? = nil
    ) -> (start: EventDateTime?, end: EventDateTime?) {
        let start = fields["start"].flatMap { eventTime($0, zone: zone) }
        var end = fields["end"].flatMap { eventTime($0, zone: zone) }
        if fields["end"] != nil && fields["length"] != nil {
            report(fields.path("length"), "expected either 'end' or 'length', not both")
            return (nil, nil)
        }
        if (fields["start"] != nil && start == nil) || (fields["end"] != nil && end == nil) { return (nil, nil) }
        let base = start ?? existing?.start
        if let lengthNode = fields["length"] {
            guard let length = duration(lengthNode), let base else { return (nil, nil) }
            end = Self.adding(length, to: base)
            if end == nil {
                report(lengthNode.path, "expected whole days (like P2D) for an all-day event", found: lengthNode.value)
                return (nil, nil)
            }
        } else if end == nil, let start {
            if let existing {
                end = Self.adding(existing.end.instant.duration(since: existing.start.instant), to: start)
            } else {
                end = Self.adding(start.isAllDay ? .seconds(86_400) : .seconds(1_800), to: start)
            }
        }
        guard let first = base, let last = end ?? existing?.end else { return (start, end) }
        if first.isAllDay != last.isAllDay {
            report(fields.path(end == nil ? "start" : "end"), "expected start and end both dates or both date-times")
            return (nil, nil)
        }
        if last.instant <= first.instant {
            report(fields.path(fields["end"] != nil ? "end" : "start"), "expected the end to come after the start")
            return (nil, nil)
        }
        return (start, end)
    }

    /// A date (`2026-03-05`, all-day) or a date-time, local to `zone` unless it carries an offset.
    private mutating func eventTime(_ node: Node, zone: String) -> EventDateTime? {
        let expected =
            "expected a date like 2026-03-05 (all-day) or a date-time like 2026-03-05T09:00:00 (the account's zone) "
            + "or 2026-03-05T09:00:00-05:00"
        guard case .string(let text) = node.value else {
            report(node.path, expected, found: node.value)
            return nil
        }
        let isDate = text.utf8.count == 10
        guard
            let value = try? EventDateTime.parse(
                dateTime: isDate ? nil : text, date: isDate ? text : nil, timeZone: zone, field: node.path)
        else {
            report(node.path, expected, found: node.value)
            return nil
        }
        return value
    }

    /// `time + length`; nil when an all-day value gets a length that is not whole days.
    static func adding(_ length: Duration, to time: EventDateTime) -> EventDateTime? {
        switch time {
        case .timed(let instant, let zone):
            return .timed(instant.adding(length), timeZone: zone)
        case .allDay(let date):
            let day: Int64 = 86_400_000_000_000
            guard length.nanoseconds % day == 0 else { return nil }
            return .allDay(CalendarDate(daysSinceEpoch: date.daysSinceEpoch + length.nanoseconds / day))
        }
    }
}
