import TMinusCore

/// The golden record of one scenario at its default seed (`golden/scenarios/<name>.txt`): the
/// trace digest plus a `key=value` summary, so that when the digest moves the diff also says what
/// moved (writes, calls, convergence, violations).
///
/// Text, one fact per line, in a fixed order; lines starting with `#` are comments. Deterministic:
/// no wall-clock values. ``differences(recorded:current:)`` compares two records key by key.
public enum GoldenSummary: Sendable {
    /// The golden file's text for a run.
    public static func render(_ result: ScenarioRunResult) -> String {
        var lines = [
            "# Golden record of scenario '\(result.scenario)' at its default seed.",
            "# 'tminus golden check' compares it; 'tminus golden record' rewrites it after an intended change.",
        ]
        for (key, value) in facts(result) { lines.append("\(key)=\(value)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The facts of a run, in file order.
    public static func facts(_ result: ScenarioRunResult) -> [(key: String, value: String)] {
        var facts: [(String, String)] = [
            ("scenario", result.scenario),
            ("seed", String(result.seed)),
            ("verdict", result.evaluation.verdict.rawValue),
            ("digest", result.digest),
            ("trace-lines", String(result.traceLines)),
            ("virtual-time", ISO8601Duration.format(result.virtualTime)),
        ]
        let failures = result.evaluation.failures.map { $0.invariant?.rawValue ?? $0.kind.rawValue }
        facts.append(("failures", failures.isEmpty ? "none" : failures.joined(separator: " ")))
        guard let outcome = result.outcome else {
            facts.append(("outcome", "none"))
            return facts
        }
        let violated = InvariantID.allCases.compactMap { id -> String? in
            let count = outcome.violations.filter { $0.invariant == id }.count
            return count > 0 ? "\(id.rawValue):\(count)" : nil
        }
        let counters = outcome.counters
        facts += [
            ("violations", violated.isEmpty ? "none" : violated.joined(separator: " ")),
            ("convergence", outcome.convergenceTime.map(ISO8601Duration.format) ?? "none"),
            ("provider-calls", byProvider(counters.providerCalls)),
            ("provider-errors", byProvider(counters.providerErrors)),
            ("writes", String(counters.writes)),
            ("user-changes", String(counters.userChanges)),
            ("max-writes-per-change", String(counters.maxWritesPerChange)),
            ("drift", "found:\(counters.driftFound) repaired:\(counters.driftRepaired)"),
            ("dead-letters", String(counters.deadLetters)),
            ("pushes", String(counters.pushesReceived)),
        ]
        return facts
    }

    private static func byProvider(_ counts: [String: Int]) -> String {
        counts.isEmpty ? "none" : counts.keys.sorted().map { "\($0):\(counts[$0] ?? 0)" }.joined(separator: " ")
    }

    /// The `key=value` facts of a golden file (comments and blank lines skipped; a line without `=`
    /// is kept whole as a key with an empty value, so a damaged file shows up as a difference).
    public static func parse(_ text: String) -> [(key: String, value: String)] {
        text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            let trimmed = line.trimmingCharacters(in: " \r\t")
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            guard let equals = trimmed.firstIndex(of: "=") else { return (String(trimmed), "") }
            return (String(trimmed[..<equals]), String(trimmed[trimmed.index(after: equals)...]))
        }
    }

    /// What moved between a recorded golden file and the current one: one line per changed, new or
    /// missing key (`digest: 2b7a… → 91c0…`), in the current file's order. Empty when equal.
    public static func differences(recorded: String, current: String) -> [String] {
        let old = parse(recorded)
        let new = parse(current)
        var lines: [String] = []
        for (key, value) in new {
            guard let previous = old.first(where: { $0.key == key }) else {
                lines.append("\(key): (absent) → \(value)")
                continue
            }
            if previous.value != value { lines.append("\(key): \(previous.value) → \(value)") }
        }
        for (key, value) in old where !new.contains(where: { $0.key == key }) {
            lines.append("\(key): \(value) → (absent)")
        }
        return lines
    }
}

extension Substring {
    /// The text without leading and trailing characters of `set`.
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return text
    }
}
