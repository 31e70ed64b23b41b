import TMinusCore

/// Readers for single values: each reports what it expected at the node's path and returns nil
/// when the value does not fit.
extension ScenarioDecoder {
    /// A non-empty string.
    mutating func text(_ node: Node, expected: String) -> String? {
        guard case .string(let text) = node.value, !text.isEmpty else {
            report(node.path, "expected \(expected) (a non-empty string)", found: node.value)
            return nil
        }
        return text
    }

    /// A scenario or user/account/event ID: lowercase letters, digits and dashes, starting with a
    /// letter or digit, at most 64 characters.
    mutating func identifier(_ node: Node, what: String) -> String? {
        guard case .string(let text) = node.value, Self.isIdentifier(text) else {
            report(
                node.path, "expected \(what): lowercase letters, digits and dashes, at most 64 characters, like \"work-google\"",
                found: node.value)
            return nil
        }
        return text
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 64, first != UInt8(ascii: "-") else { return false }
        return text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-")
        }
    }

    /// The scenario's name (an identifier; golden files are named after it).
    mutating func scenarioName(_ node: Node) -> String? {
        identifier(node, what: "a scenario name")
    }

    /// A seed: a non-negative integer.
    mutating func seedValue(_ node: Node) -> UInt64? {
        guard case .int(let number) = node.value, number >= 0 else {
            report(node.path, "expected a seed, a non-negative integer like 42", found: node.value)
            return nil
        }
        return UInt64(number)
    }

    /// An integer in `bounds`.
    mutating func integer(_ node: Node, in bounds: ClosedRange<Int64>, what: String) -> Int64? {
        guard case .int(let number) = node.value, bounds.contains(number) else {
            report(
                node.path, "expected \(what), an integer from \(bounds.lowerBound) to \(bounds.upperBound)",
                found: node.value)
            return nil
        }
        return number
    }

    /// `true` or `false`.
    mutating func boolean(_ node: Node, what: String) -> Bool? {
        guard case .bool(let flag) = node.value else {
            report(node.path, "expected \(what): true or false", found: node.value)
            return nil
        }
        return flag
    }

    /// One of `names`, converted with `make`; suggests the closest name for a typo.
    mutating func choice<Value>(
        _ node: Node, among names: [String], what: String, _ make: (String) -> Value?
    ) -> Value? {
        if case .string(let text) = node.value, let value = make(text) { return value }
        var suggestion: String?
        if case .string(let text) = node.value { suggestion = EditDistance.closest(to: text, among: names) }
        // A long list is noise when the suggestion already names the likely word.
        let list = suggestion != nil && names.count > 8 ? "" : ": one of \(names.joined(separator: ", "))"
        report(node.path, "expected \(what)\(list)", found: node.value, suggestion: suggestion)
        return nil
    }

    /// An array's elements as nodes `path[i]`.
    mutating func array(_ node: Node, of what: String) -> [Node]? {
        guard case .array(let elements) = node.value else {
            report(node.path, "expected an array of \(what)", found: node.value)
            return nil
        }
        return elements.enumerated().map { Node(value: $1, path: "\(node.path)[\($0)]") }
    }

    /// An ISO 8601 duration, positive unless `allowZero`, signed when `signed`.
    mutating func duration(_ node: Node, signed: Bool = false, allowZero: Bool = false) -> Duration? {
        let expected = signed ? ISO8601Duration.signedExpectation : ISO8601Duration.expectation
        guard case .string(let text) = node.value, let duration = ISO8601Duration.parse(text, allowNegative: signed)
        else {
            report(node.path, "expected \(expected)" + Self.monthHint(node.value), found: node.value)
            return nil
        }
        if !signed && !allowZero && duration <= .zero {
            report(node.path, "expected a duration longer than zero", found: node.value)
            return nil
        }
        return duration
    }

    /// A positive duration (the scenario's length, the convergence deadline).
    mutating func positiveDuration(_ node: Node) -> Duration? { duration(node) }

    private static func monthHint(_ value: JSONValue) -> String {
        guard case .string(let text) = value, text.hasPrefix("P") else { return "" }
        let datePart = text.split(separator: "T", maxSplits: 1).first ?? ""
        return datePart.contains("Y") || datePart.contains("M")
            ? " (years and months vary in length: use days, like P30D)" : ""
    }

    /// An RFC 3339 instant with a zone or `Z`, like `2026-03-02T08:00:00Z`.
    mutating func instant(_ node: Node) -> Timestamp? {
        let expected = "an RFC 3339 time with a zone, like 2026-03-02T08:00:00Z or 2026-03-02T09:00:00+01:00"
        guard case .string(let text) = node.value, Self.hasZone(text),
            case .timed(let instant, _)? = try? EventDateTime.parse(dateTime: text, date: nil, timeZone: nil, field: "")
        else {
            report(node.path, "expected \(expected)", found: node.value)
            return nil
        }
        return instant
    }

    static func hasZone(_ text: String) -> Bool {
        if text.hasSuffix("Z") || text.hasSuffix("z") { return true }
        let tail = text.suffix(6)
        return tail.count == 6 && (tail.first == "+" || tail.first == "-") && tail.dropFirst(3).first == ":"
    }

    /// A time inside the run: an ISO 8601 offset from the start (`PT6H`) or an RFC 3339 instant
    /// with a zone. `upTo` is the latest allowed offset (inclusive).
    mutating func offset(_ node: Node, upTo limit: Duration?) -> Duration? {
        guard case .string(let text) = node.value else {
            report(node.path, "expected \(Self.offsetExpectation)", found: node.value)
            return nil
        }
        let offset: Duration
        if let relative = ISO8601Duration.parse(text) {
            offset = relative
        } else if Self.hasZone(text),
            case .timed(let instant, _)? = try? EventDateTime.parse(dateTime: text, date: nil, timeZone: nil, field: "")
        {
            offset = instant.duration(since: start)
        } else {
            report(node.path, "expected \(Self.offsetExpectation)", found: node.value)
            return nil
        }
        guard offset >= .zero else {
            report(node.path, "expected a time at or after the scenario's start \(start)", found: node.value)
            return nil
        }
        if let limit, offset > limit {
            report(
                node.path, "expected a time within the scenario's duration \(ISO8601Duration.format(limit))",
                found: node.value)
            return nil
        }
        return offset
    }

    static let offsetExpectation =
        "an offset from the start like PT6H or P2DT9H, or an RFC 3339 time like 2026-03-03T14:00:00Z"

    /// A probability ratio string.
    mutating func probability(_ node: Node) -> Ratio? {
        guard case .string(let text) = node.value, let ratio = RatioText.probability(text) else {
            report(node.path, "expected \(RatioText.probabilityExpectation)", found: node.value)
            return nil
        }
        return ratio
    }

    /// A rate per day: a whole number or a fraction string, at most
    /// ``ScenarioWorkload/maximumRatePerDay``.
    mutating func rate(_ node: Node) -> ScenarioRate? {
        var rate: ScenarioRate?
        switch node.value {
        case .int(let number) where number >= 0 && UInt64(number) <= RatioText.maximumTerm:
            rate = ScenarioRate(UInt64(number))
        case .string(let text):
            if let (numerator, denominator) = RatioText.fraction(text) { rate = ScenarioRate(numerator, per: denominator) }
        default:
            break
        }
        guard let rate else {
            report(node.path, "expected \(RatioText.rateExpectation)", found: node.value)
            return nil
        }
        let most = ScenarioWorkload.maximumRatePerDay
        guard rate.numerator <= most * rate.denominator else {  // terms are at most RatioText.maximumTerm
            report(node.path, "expected at most \(most) a day (the world acts for an account once a 5-minute tick)", found: node.value)
            return nil
        }
        return rate
    }

    /// A delay range: one duration (exactly that), or `{"min": …, "max": …}` with min ≤ max.
    mutating func delayRange(_ node: Node) -> DelayRange? {
        if case .string = node.value {
            return duration(node, allowZero: true).map { DelayRange.exactly($0) }
        }
        let what = "a duration like PT5S, or an object {\"min\": \"PT1S\", \"max\": \"PT30S\"}"
        guard let fields = object(node, keys: ["min", "max"], required: ["min", "max"], what: what) else { return nil }
        guard let minimum = fields["min"].flatMap({ duration($0, allowZero: true) }),
            let maximum = fields["max"].flatMap({ duration($0, allowZero: true) })
        else { return nil }
        guard minimum <= maximum else {
            report(
                fields.path("max"), "expected a maximum at least the minimum \(ISO8601Duration.format(minimum))",
                found: fields["max"]?.value)
            return nil
        }
        return DelayRange(minimum, maximum)
    }
}
