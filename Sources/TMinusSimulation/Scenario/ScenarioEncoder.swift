import TMinusCore

/// Writes a ``Scenario`` as the text of a scenario file (`docs/scenarios.md`), the inverse of
/// ``ScenarioDecoder``: for every scenario the decoder accepts, decoding the encoded text gives the
/// same scenario back (except ``Scenario/sourcePath``, which is where a file was read from).
///
/// Members appear in the documentation's order, defaults are left out (an account's `calendars: 1`,
/// a fault's `probability: "1/1"`), times are offsets from the start (`P1DT2H`), and event times
/// are written in the account's zone with their offset (`2026-03-05T09:00:00-05:00`), which is
/// exact even across DST changes. Pure and deterministic: equal scenarios give equal text.
///
/// A seed above 2^63 − 1 cannot be written (JSON integers here are 64-bit signed); the encoder
/// writes its low 63 bits, and ``isExact(_:)`` tells whether a scenario round-trips.
public enum ScenarioEncoder: Sendable {
    /// The scenario file's text.
    public static func encode(_ scenario: Scenario) -> String {
        document(scenario).rendered
    }

    /// Whether ``encode(_:)`` keeps everything of `scenario` that a file can hold.
    public static func isExact(_ scenario: Scenario) -> Bool { scenario.seed <= UInt64(Int64.max) }

    /// The scenario as an ordered JSON document.
    public static func document(_ scenario: Scenario) -> ScenarioJSONText {
        var members: [(key: String, value: ScenarioJSONText)] = [
            ("name", .string(scenario.name)),
            ("description", .string(scenario.description)),
            ("seed", .int(Int64(scenario.seed & UInt64(Int64.max)))),
            ("duration", .string(ISO8601Duration.format(scenario.duration))),
            ("start", .string(instantText(scenario.start))),
            ("users", .array(scenario.users.map(user))),
        ]
        if let workload = scenario.workload { members.append(("workload", self.workload(workload))) }
        if !scenario.steps.isEmpty { members.append(("steps", .array(scenario.steps.map(StepEncoder.step)))) }
        if !scenario.faults.isEmpty { members.append(("faults", .array(scenario.faults.map(fault)))) }
        let expect = expectations(scenario.expect)
        if case .object(let fields) = expect, !fields.isEmpty { members.append(("expect", expect)) }
        return .object(members)
    }

    /// An RFC 3339 instant in UTC, without a fraction when it has none (`2026-03-02T08:00:00Z`).
    static func instantText(_ instant: Timestamp) -> String {
        let text = CivilTime.rfc3339(instant)
        let nanoseconds = instant.nanosecondsSinceEpoch % 1_000_000_000
        guard nanoseconds != 0 else { return text.replacingSuffix(".000Z", with: "Z") }
        var digits = String(nanoseconds < 0 ? nanoseconds + 1_000_000_000 : nanoseconds)
        digits = String(repeating: "0", count: 9 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return String(text.prefix(19)) + "." + digits + "Z"
    }

    private static func user(_ user: ScenarioUser) -> ScenarioJSONText {
        let accounts = user.accounts.map { account -> ScenarioJSONText in
            var fields: [(key: String, value: ScenarioJSONText)] = [
                ("id", .string(account.id)), ("provider", .string(account.provider.rawValue)),
            ]
            if account.calendars != 1 { fields.append(("calendars", .int(Int64(account.calendars)))) }
            if account.timeZone != "UTC" { fields.append(("timeZone", .string(account.timeZone))) }
            if !account.linked { fields.append(("linked", .scalar(.bool(false)))) }
            return .object(fields)
        }
        var members: [(key: String, value: ScenarioJSONText)] = [
            ("id", .string(user.id)), ("accounts", .array(accounts)),
        ]
        let policy = user.policy
        if policy.edges.isEmpty {
            if policy.defaultRule != .allPairsBusy { members.append(("policy", .string(policy.defaultRule.rawValue))) }
        } else {
            members.append(
                (
                    "policy",
                    .object([
                        ("default", .string(policy.defaultRule.rawValue)),
                        ("edges", .array(policy.edges.map { .object(edgeFields($0)) })),
                    ])
                ))
        }
        return .object(members)
    }

    /// `from`, `to`, and `detail` and `kind` unless they are the defaults (BUSY onto the overlay).
    static func edgeFields(_ edge: PolicyEdge) -> [(key: String, value: ScenarioJSONText)] {
        var fields: [(key: String, value: ScenarioJSONText)] = [
            ("from", .string(edge.fromAccountID)), ("to", .string(edge.toAccountID)),
        ]
        if edge.detail != .busy { fields.append(("detail", .string(edge.detail.rawValue))) }
        if edge.kind != .busyOverlay { fields.append(("kind", .string(edge.kind.rawValue))) }
        return fields
    }

    private static func workload(_ workload: ScenarioWorkload) -> ScenarioJSONText {
        let defaults = ScenarioWorkload()
        var members: [(key: String, value: ScenarioJSONText)] = []
        func rate(_ key: String, _ path: KeyPath<ScenarioWorkload, ScenarioRate>) {
            let value = workload[keyPath: path]
            guard value != defaults[keyPath: path] else { return }
            members.append(
                (
                    key,
                    value.denominator == 1
                        ? .int(Int64(value.numerator)) : .string("\(value.numerator)/\(value.denominator)")
                ))
        }
        func share(_ key: String, _ path: KeyPath<ScenarioWorkload, Ratio>) {
            let value = workload[keyPath: path]
            if value != defaults[keyPath: path] { members.append((key, .string(ratioText(value)))) }
        }
        rate("eventsPerAccountPerDay", \.eventsPerAccountPerDay)
        share("allDayShare", \.allDayShare)
        share("multiDayShare", \.multiDayShare)
        share("recurringShare", \.recurringShare)
        share("editShare", \.editShare)
        share("deleteShare", \.deleteShare)
        share("exceptionShare", \.exceptionShare)
        share("throughTMinusShare", \.throughTMinusShare)
        rate("mirrorEditsPerAccountPerDay", \.mirrorEditsPerAccountPerDay)
        rate("mirrorDeletionsPerAccountPerDay", \.mirrorDeletionsPerAccountPerDay)
        rate("overlayDeletionsPerAccountPerDay", \.overlayDeletionsPerAccountPerDay)
        return .object(members)
    }

    /// `"1/20"`.
    static func ratioText(_ ratio: Ratio) -> String { "\(ratio.numerator)/\(ratio.denominator)" }

    private static func expectations(_ expect: ScenarioExpectations) -> ScenarioJSONText {
        var members: [(key: String, value: ScenarioJSONText)] = []
        if expect.mustFire == nil, expect.invariants != InvariantID.allCases {
            members.append(("invariants", .array(expect.invariants.map { .string($0.rawValue) })))
        }
        if expect.convergenceDeadline != ScenarioExpectations().convergenceDeadline {
            members.append(("convergenceDeadline", .string(ISO8601Duration.format(expect.convergenceDeadline))))
        }
        let bounds: [(String, Int?)] = [
            ("maxWritesPerChange", expect.maxWritesPerChange), ("maxProviderCalls", expect.maxProviderCalls),
            ("maxDeadLetters", expect.maxDeadLetters),
        ]
        for (key, bound) in bounds {
            if let bound { members.append((key, .int(Int64(bound)))) }
        }
        if let mustFire = expect.mustFire { members.append(("mustFire", .string(mustFire.rawValue))) }
        if let defect = expect.defect { members.append(("defect", .string(defect))) }
        return .object(members)
    }

    private static func fault(_ fault: ScenarioFault) -> ScenarioJSONText {
        var members: [(key: String, value: ScenarioJSONText)] = [("kind", .string(fault.kind.description))]
        var target: [(key: String, value: ScenarioJSONText)] = []
        if let provider = fault.target.provider { target.append(("provider", .string(provider.rawValue))) }
        if let account = fault.target.account { target.append(("account", .string(account))) }
        if let component = fault.target.component { target.append(("component", .string(component.rawValue))) }
        if !target.isEmpty { members.append(("target", .object(target))) }
        switch fault.timing {
        case .window(let from, let to):
            members.append(
                (
                    "window",
                    .object([
                        ("from", .string(ISO8601Duration.format(from))), ("to", .string(ISO8601Duration.format(to))),
                    ])
                ))
            if fault.probability != .always { members.append(("probability", .string(ratioText(fault.probability)))) }
        case .at(let offset):
            members.append(("at", .string(ISO8601Duration.format(offset))))
        }
        let parameters = fault.parameters
        if let latency = parameters.latency { members.append(("latency", delayRange(latency))) }
        if let delay = parameters.delay { members.append(("delay", delayRange(delay))) }
        if let retryAfter = parameters.retryAfter { members.append(("retryAfter", delayRange(retryAfter))) }
        if let status = parameters.status { members.append(("status", .int(Int64(status)))) }
        if let offset = parameters.offset { members.append(("offset", .string(ISO8601Duration.format(offset)))) }
        if let drift = parameters.driftPartsPerMillion { members.append(("driftPPM", .int(drift))) }
        if let by = parameters.by { members.append(("by", .string(ISO8601Duration.format(by)))) }
        if let site = parameters.crashSite { members.append(("where", .string(site.rawValue))) }
        return .object(members)
    }

    private static func delayRange(_ range: DelayRange) -> ScenarioJSONText {
        if range.minimum == range.maximum { return .string(ISO8601Duration.format(range.minimum)) }
        return .object([
            ("min", .string(ISO8601Duration.format(range.minimum))),
            ("max", .string(ISO8601Duration.format(range.maximum))),
        ])
    }
}

extension String {
    /// The text with `suffix` replaced by `replacement` when it ends with it.
    fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
