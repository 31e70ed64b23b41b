import TMinusCore

extension ScenarioEncoder {
    /// Writes `steps[]` entries.
    enum StepEncoder {
        static func step(_ step: ScenarioStep) -> ScenarioJSONText {
            var members: [(key: String, value: ScenarioJSONText)] = [
                ("at", .string(ISO8601Duration.format(step.at))), ("action", .string(step.action.name)),
            ]
            members += fields(step.action)
            return .object(members)
        }

        private static func fields(_ action: ScenarioAction) -> [(key: String, value: ScenarioJSONText)] {
            switch action {
            case .createEvent(let spec), .createThroughTMinus(let spec):
                var fields: [(key: String, value: ScenarioJSONText)] = [
                    ("event", .string(spec.label)), ("account", .string(spec.account)),
                ]
                if spec.calendar != 0 { fields.append(("calendar", .int(Int64(spec.calendar)))) }
                fields += [
                    ("title", .string(spec.title)), ("start", .string(ScenarioEncoder.eventTime(spec.start))),
                    ("end", .string(ScenarioEncoder.eventTime(spec.end))),
                ]
                if let recurrence = spec.recurrence { fields.append(("recurrence", .string(recurrence))) }
                if let description = spec.description { fields.append(("description", .string(description))) }
                if let location = spec.location { fields.append(("location", .string(location))) }
                return fields
            case .editEvent(let event, let changes), .editThroughTMinus(let event, let changes):
                return [("event", .string(event))] + Self.changes(changes)
            case .deleteEvent(let event), .deleteThroughTMinus(let event):
                return [("event", .string(event))]
            case .moveEvent(let event, let toCalendar):
                return [("event", .string(event)), ("toCalendar", .int(Int64(toCalendar)))]
            case .editOccurrence(let event, let occurrence, let changes):
                return [("event", .string(event)), ("occurrence", .int(Int64(occurrence)))] + Self.changes(changes)
            case .cancelOccurrence(let event, let occurrence):
                return [("event", .string(event)), ("occurrence", .int(Int64(occurrence)))]
            case .editMirror(let event, let account), .deleteMirror(let event, let account):
                return [("event", .string(event)), ("account", .string(account))]
            case .setPolicyEdge(let edge):
                return ScenarioEncoder.edgeFields(edge)
            case .removePolicyEdge(let from, let to):
                return [("from", .string(from)), ("to", .string(to))]
            case .deleteOverlayCalendar(let account), .linkAccount(let account), .unlinkAccount(let account),
                .revokeToken(let account), .reauthorize(let account):
                return [("account", .string(account))]
            case .reconcileNow(let account):
                return account.map { [("account", .string($0))] } ?? []
            case .lifecycleNotification(let account, let event):
                return [("account", .string(account)), ("lifecycle", .string(event.rawValue))]
            }
        }

        private static func changes(_ changes: ScenarioEventChanges) -> [(key: String, value: ScenarioJSONText)] {
            var fields: [(key: String, value: ScenarioJSONText)] = []
            if let title = changes.title { fields.append(("title", .string(title))) }
            if let start = changes.start { fields.append(("start", .string(ScenarioEncoder.eventTime(start)))) }
            if let end = changes.end { fields.append(("end", .string(ScenarioEncoder.eventTime(end)))) }
            if let description = changes.description { fields.append(("description", .string(description))) }
            if let location = changes.location { fields.append(("location", .string(location))) }
            return fields
        }
    }

    /// A date (`2026-03-05`) for an all-day value; a date-time with its zone's offset at that
    /// instant (`2026-03-05T09:00:00-05:00`, exact and readable) for a timed one.
    static func eventTime(_ time: EventDateTime) -> String {
        switch time {
        case .allDay(let date):
            return CivilTime.isoDate(days: date.daysSinceEpoch)
        case .timed(let instant, let zone):
            let offset = zone.map { TimeZoneNames.offsetSeconds(of: $0, at: instant) } ?? 0
            let local = instantText(instant.adding(.seconds(offset)))
            guard offset != 0 else { return local }
            let magnitude = offset.magnitude
            let hours = padded(Int64(magnitude / 3_600), 2)
            let minutes = padded(Int64(magnitude % 3_600 / 60), 2)
            return String(local.dropLast()) + (offset < 0 ? "-" : "+") + hours + ":" + minutes
        }
    }

    /// `value` in decimal with leading zeros up to `width` digits (`07`).
    static func padded(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
