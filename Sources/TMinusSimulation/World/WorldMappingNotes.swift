/// What mapping a scenario onto a world configuration had to say: lines for the run's report, and
/// the faults it left out. A line alone is information (a widened target, series added so an
/// occurrence can be edited); ``skip(_:_:)`` also records that a fault of that kind acted on
/// nothing, which is what `WorldScenarioExecutor.injects(_:)` asks, so the fuzzer generates only
/// the kinds the world performs and never loses one to an informational line.
struct WorldMappingNotes: Sendable {
    /// The lines, in the order they were noted.
    private(set) var lines: [String] = []
    /// The kinds of the faults left out, in the order they were noted.
    private(set) var skippedFaults: [FaultKind] = []

    /// Notes `line`; the fault it concerns still acts.
    mutating func note(_ line: String) { lines.append(line) }

    /// Notes `line` about a fault of `kind` that was not injected or acts on nothing.
    mutating func skip(_ kind: FaultKind, _ line: String) {
        lines.append(line)
        skippedFaults.append(kind)
    }
}
