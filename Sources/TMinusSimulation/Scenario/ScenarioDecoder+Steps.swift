import TMinusCore

/// `steps[]`: scripted actions. Steps are checked in time order (stable for equal offsets), so a
/// step can only refer to an event that a `create-event` step made at the same time or earlier.
extension ScenarioDecoder {
    static let eventFieldKeys = ["title", "start", "end", "description", "location"]

    /// The keys each action takes besides `at` and `action`, and which of them it requires.
    static func stepKeys(_ action: String) -> (allowed: [String], required: [String]) {
        switch action {
        case "create-event":
            return (
                ["event", "account", "calendar", "length", "recurrence"] + eventFieldKeys,
                ["event", "account", "start"]
            )
        case "create-through-tminus": return (["event", "account", "calendar", "length"] + eventFieldKeys, ["event", "account", "start"])
        case "edit-event", "edit-through-tminus": return (["event", "length"] + eventFieldKeys, ["event"])
        case "delete-event", "delete-through-tminus": return (["event"], ["event"])
        case "move-event": return (["event", "toCalendar"], ["event", "toCalendar"])
        case "edit-occurrence": return (["event", "occurrence", "length"] + eventFieldKeys, ["event", "occurrence"])
        case "cancel-occurrence": return (["event", "occurrence"], ["event", "occurrence"])
        case "edit-mirror", "delete-mirror": return (["event", "account"], ["event", "account"])
        case "set-policy-edge": return (edgeKeys, ["from", "to"])
        case "remove-policy-edge": return (["from", "to"], ["from", "to"])
        case "reconcile-now": return (["account"], [])
        case "lifecycle-notification": return (["account", "lifecycle"], ["account", "lifecycle"])
        default: return (["account"], ["account"])
        }
    }

    mutating func steps(_ node: Node) -> [ScenarioStep] {
        guard let elements = array(node, of: "steps") else { return [] }
        var timed: [(at: Duration, node: Node, index: Int)] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let members) = element.value else {
                report(element.path, "expected a step object {\"at\": …, \"action\": …}", found: element.value)
                continue
            }
            guard let atValue = members["at"] else {
                report(element.child("at"), "required key is missing")
                continue
            }
            guard let at = offset(Node(value: atValue, path: element.child("at")), upTo: duration) else { continue }
            timed.append((at, element, index))
        }
        timed.sort { ($0.at, $0.index) < ($1.at, $1.index) }
        return timed.compactMap { step($0.node, at: $0.at) }
    }

    private mutating func step(_ node: Node, at: Duration) -> ScenarioStep? {
        guard case .object(let members) = node.value else { return nil }
        guard let actionValue = members["action"] else {
            report(
                node.child("action"), "required key is missing; one of \(ScenarioAction.names.joined(separator: ", "))")
            return nil
        }
        let actionNode = Node(value: actionValue, path: node.child("action"))
        let names = ScenarioAction.names
        guard let name = choice(actionNode, among: names, what: "an action", { names.contains($0) ? $0 : nil }) else {
            return nil
        }
        let keys = Self.stepKeys(name)
        guard let fields = object(node, keys: ["at", "action"] + keys.allowed, required: keys.required) else {
            return nil
        }
        guard let action = action(name, fields: fields) else { return nil }
        return ScenarioStep(at: at, action: action)
    }

    private mutating func action(_ name: String, fields: Fields) -> ScenarioAction? {
        switch name {
        case "create-event": return createEvent(fields).map { .createEvent($0) }
        case "create-through-tminus": return createEvent(fields).map { .createThroughTMinus($0) }
        case "edit-event", "edit-occurrence", "edit-through-tminus": return editAction(name, fields: fields)
        case "delete-event": return eventReference(fields).map { .deleteEvent(event: $0.label) }
        case "delete-through-tminus": return eventReference(fields).map { .deleteThroughTMinus(event: $0.label) }
        case "move-event": return moveEvent(fields)
        case "cancel-occurrence":
            guard let event = eventReference(fields, recurring: true), let occurrence = occurrence(fields) else {
                return nil
            }
            return .cancelOccurrence(event: event.label, occurrence: occurrence)
        case "edit-mirror", "delete-mirror": return mirrorAction(name, fields: fields)
        case "set-policy-edge":
            guard let edge = policyEdge(fields.node, accounts: nil, extraKeys: ["at", "action"]),
                sameUser(edge.fromAccountID, edge.toAccountID, fields)
            else {
                return nil
            }
            return .setPolicyEdge(edge)
        case "remove-policy-edge":
            guard let from = fields["from"].flatMap({ accountReference($0) }),
                let to = fields["to"].flatMap({ accountReference($0) }), sameUser(from, to, fields)
            else { return nil }
            return .removePolicyEdge(from: from, to: to)
        case "reconcile-now":
            guard let node = fields["account"] else { return .reconcileNow(account: nil) }
            return accountReference(node).map { .reconcileNow(account: $0) }
        case "lifecycle-notification": return lifecycleNotification(fields)
        default:
            return accountAction(name, fields: fields)
        }
    }

    private mutating func accountAction(_ name: String, fields: Fields) -> ScenarioAction? {
        guard let account = fields["account"].flatMap({ accountReference($0) }) else { return nil }
        switch name {
        case "delete-overlay-calendar": return .deleteOverlayCalendar(account: account)
        case "link-account": return .linkAccount(account: account)
        case "unlink-account": return .unlinkAccount(account: account)
        case "revoke-token": return .revokeToken(account: account)
        default: return .reauthorize(account: account)
        }
    }

    private mutating func createEvent(_ fields: Fields) -> ScenarioEventSpec? {
        let label = fields["event"].flatMap { identifier($0, what: "an event label") }
        if let label, eventsByLabel[label] != nil {
            report(
                fields.path("event"), "expected a label not used by an earlier create-event step", found: .string(label)
            )
            return nil
        }
        guard let accountID = fields["account"].flatMap({ accountReference($0) }), let account = accountsByID[accountID]
        else {
            return nil
        }
        let calendar =
            fields["calendar"].map { integer($0, in: 0...Int64(account.calendars - 1), what: "a calendar index") } ?? 0
        let title = fields["title"].map { text($0, expected: "a title") } ?? label.map { "Event \($0)" }
        let times = eventTimes(fields, zone: account.timeZone, needsStart: true)
        let recurrence = fields["recurrence"].flatMap { recurrenceRule($0) }
        let description = fields["description"].flatMap { text($0, expected: "a description") }
        let location = fields["location"].flatMap { text($0, expected: "a location") }
        guard let label, let calendar, let title, let start = times.start, let end = times.end else { return nil }
        if fields["recurrence"] != nil && recurrence == nil { return nil }
        let spec = ScenarioEventSpec(
            label: label, account: accountID, calendar: Int(calendar), title: title, start: start, end: end,
            recurrence: recurrence, description: description, location: location)
        eventsByLabel[label] = spec
        eventLabels.append(label)
        return spec
    }

    private mutating func editAction(_ name: String, fields: Fields) -> ScenarioAction? {
        guard let event = eventReference(fields, recurring: name == "edit-occurrence") else { return nil }
        let zone = accountsByID[event.account]?.timeZone ?? "UTC"
        let times = eventTimes(fields, zone: zone, needsStart: false, existing: event)
        var changes = ScenarioEventChanges(start: times.start, end: times.end)
        changes.title = fields["title"].flatMap { text($0, expected: "a title") }
        changes.description = fields["description"].flatMap { text($0, expected: "a description") }
        changes.location = fields["location"].flatMap { text($0, expected: "a location") }
        if changes.isEmpty {
            report(fields.node.path, "expected at least one change: title, start, end, length, description or location")
            return nil
        }
        if name == "edit-event" { return .editEvent(event: event.label, changes: changes) }
        if name == "edit-through-tminus" { return .editThroughTMinus(event: event.label, changes: changes) }
        guard let occurrence = occurrence(fields) else { return nil }
        return .editOccurrence(event: event.label, occurrence: occurrence, changes: changes)
    }

    private mutating func moveEvent(_ fields: Fields) -> ScenarioAction? {
        guard let event = eventReference(fields), let account = accountsByID[event.account],
            let target = fields["toCalendar"].flatMap({
                integer($0, in: 0...Int64(account.calendars - 1), what: "a calendar index")
            })
        else { return nil }
        guard Int(target) != event.calendar else {
            report(
                fields.path("toCalendar"), "expected a calendar other than the event's current one (\(event.calendar))")
            return nil
        }
        eventsByLabel[event.label]?.calendar = Int(target)
        return .moveEvent(event: event.label, toCalendar: Int(target))
    }

    private mutating func lifecycleNotification(_ fields: Fields) -> ScenarioAction? {
        let names = GraphLifecycleEvent.allCases.map(\.rawValue)
        let event = fields["lifecycle"].flatMap {
            choice($0, among: names, what: "a Graph lifecycle event", { GraphLifecycleEvent(rawValue: $0) })
        }
        guard let accountNode = fields["account"], let account = accountReference(accountNode) else { return nil }
        guard accountsByID[account]?.provider == .microsoft else {
            report(
                accountNode.path, "expected a microsoft account (only Graph sends lifecycle notifications)",
                found: accountNode.value)
            return nil
        }
        return event.map { .lifecycleNotification(account: account, event: $0) }
    }

    private mutating func mirrorAction(_ name: String, fields: Fields) -> ScenarioAction? {
        guard let event = eventReference(fields), let accountNode = fields["account"],
            let account = accountReference(accountNode)
        else { return nil }
        guard account != event.account, ownerByAccount[account] == ownerByAccount[event.account] else {
            report(
                accountNode.path,
                "expected another account of the same user as '\(event.account)' (a mirror lives in a target account)",
                found: accountNode.value)
            return nil
        }
        return name == "edit-mirror"
            ? .editMirror(event: event.label, account: account) : .deleteMirror(event: event.label, account: account)
    }
}
