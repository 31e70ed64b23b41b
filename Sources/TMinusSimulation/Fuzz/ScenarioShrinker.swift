import TMinusCore

/// Shrinks a failing scenario to a smaller one that still fails the same way: greedy
/// delta-debugging passes (drop the workload, remove chunks of faults and of steps, remove
/// accounts, shorten the fault phase and the fault windows, simplify events, calendars, policy
/// edges and fault parameters), each accepting the first smaller candidate that still fails and
/// starting again from it, until a whole round finds nothing to remove (a fixpoint) or the budget
/// of attempts is spent.
///
/// Guarantees:
/// - every candidate it tries, and the scenario it returns, is valid: it is checked by encoding it
///   and decoding the text with ``ScenarioDecoder``, and the decoded value is what gets tried, so
///   the shrunk scenario written to a file is exactly the one that was seen to fail;
/// - it only accepts a candidate smaller than the current scenario (``ShrinkSize``), so it ends;
/// - it is deterministic when `stillFails` is: candidates come in a fixed order, and a candidate
///   already tried (by its encoded text) is never run twice.
///
/// `stillFails` is the oracle: `tminus sim fuzz` runs the candidate with the failing seed and
/// checks that the same invariant is violated (``FuzzFailureSignature``); tests inject their own.
public struct ScenarioShrinker: Sendable {
    /// The most candidates it runs through `stillFails`.
    public var maximumAttempts: Int

    /// Creates a shrinker.
    public init(maximumAttempts: Int = 150) {
        self.maximumAttempts = maximumAttempts
    }

    /// The result of shrinking.
    public struct Result: Sendable {
        /// The smallest failing scenario found (the input when nothing smaller failed).
        public var scenario: Scenario
        /// Candidates run through the oracle.
        public var attempts: Int
        /// Candidates accepted (each one smaller than the last).
        public var accepted: Int
        /// True when it stopped because the budget ran out rather than at a fixpoint.
        public var budgetExhausted: Bool
    }

    /// Shrinks `scenario`, which must fail (`stillFails(scenario)` is not checked again here).
    public func shrink(_ scenario: Scenario, stillFails: (Scenario) -> Bool) -> Result {
        var current = scenario
        var tried: Set<String> = [ScenarioEncoder.encode(scenario)]
        var result = Result(scenario: scenario, attempts: 0, accepted: 0, budgetExhausted: false)
        var progressed = true
        while progressed {
            progressed = false
            for pass in ShrinkPass.allCases {
                while let next = firstFailing(
                    pass.candidates(of: current), than: current, tried: &tried, result: &result, stillFails: stillFails)
                {
                    current = next
                    result.scenario = next
                    result.accepted += 1
                    progressed = true
                }
                if result.budgetExhausted { return result }
            }
        }
        return result
    }

    /// The first candidate that is valid, smaller than `current`, not tried before, and still
    /// fails; nil when none is (or the budget ran out).
    private func firstFailing(
        _ candidates: [Scenario], than current: Scenario, tried: inout Set<String>, result: inout Result,
        stillFails: (Scenario) -> Bool
    ) -> Scenario? {
        let size = ShrinkSize(current)
        for candidate in candidates {
            let pruned = ScenarioPruning.pruned(candidate)
            let text = ScenarioEncoder.encode(pruned)
            guard tried.insert(text).inserted,
                var valid = try? ScenarioDecoder.decode(text: text, file: pruned.sourcePath ?? "\(pruned.name).json"),
                ShrinkSize(valid) < size
            else { continue }
            valid.sourcePath = current.sourcePath
            guard result.attempts < maximumAttempts else {
                result.budgetExhausted = true
                return nil
            }
            result.attempts += 1
            if stillFails(valid) { return valid }
        }
        return nil
    }
}

/// How big a scenario is, compared lexicographically in the order a person reading it cares
/// about: accounts, then steps and faults, then the workload, the fault phase, the fault windows,
/// and last the details (extra calendars, explicit edges, recurrences, optional fields).
struct ShrinkSize: Comparable {
    let parts: [Int64]

    init(_ scenario: Scenario) {
        let accounts = Int64(scenario.accounts.count + scenario.users.count)
        let items = Int64(scenario.steps.count + scenario.faults.count)
        var workload: Int64 = 0
        if let load = scenario.workload {
            let events = load.eventsPerAccountPerDay
            workload = 1 + Int64(events.numerator) * 1_000_000 / Int64(events.denominator)
            let rates = [
                load.mirrorEditsPerAccountPerDay, load.mirrorDeletionsPerAccountPerDay,
                load.overlayDeletionsPerAccountPerDay,
            ]
            workload += Int64(rates.filter { !$0.isZero }.count)
            let shares = [
                load.allDayShare, load.multiDayShare, load.recurringShare, load.editShare, load.deleteShare,
                load.exceptionShare,
            ]
            workload += Int64(shares.filter { $0.numerator != 0 }.count)
        }
        let minutes = scenario.duration.nanoseconds / 60_000_000_000
        let windows = scenario.faults.reduce(Int64(0)) { total, fault in
            guard case .window(let from, let to) = fault.timing else { return total }
            return total + (to - from).nanoseconds / 60_000_000_000
        }
        parts = [accounts, items, workload, minutes, windows, Self.details(scenario)]
    }

    /// Extra calendars, explicit policy edges, recurrences, optional event fields, fault target
    /// fields and optional fault parameters.
    private static func details(_ scenario: Scenario) -> Int64 {
        var count = scenario.accounts.reduce(0) { $0 + $1.calendars - 1 }
        count += scenario.users.reduce(0) { $0 + $1.policy.edges.count }
        for step in scenario.steps {
            guard case .createEvent(let spec) = step.action else { continue }
            count += [spec.recurrence, spec.description, spec.location].compactMap(\.self).count
        }
        for fault in scenario.faults {
            let parameters = fault.parameters
            count += [parameters.retryAfter != nil, parameters.status != nil, parameters.crashSite != nil]
                .filter(\.self).count
            let target = fault.target
            count += [target.provider != nil, target.account != nil, target.component != nil].filter(\.self).count
        }
        return Int64(count)
    }

    static func < (a: ShrinkSize, b: ShrinkSize) -> Bool { a.parts.lexicographicallyPrecedes(b.parts) }
}
