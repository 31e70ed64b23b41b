/// The live progress line of long scenario runs on a terminal: runs done, failures, elapsed wall
/// time and rate, redrawn in place on standard error after each run.
///
/// Silent when standard output is not a terminal or with `--quiet`, so logs and CI output stay
/// clean. Call ``clear()`` before printing anything else to the terminal.
final class SimRunProgress {
    private let io: CommandIO
    private let enabled: Bool
    private let total: Int
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var shown = false

    init(io: CommandIO, total: Int, quiet: Bool) {
        self.io = io
        self.total = total
        self.enabled = io.isTerminal && !quiet
        self.started = clock.now
    }

    /// Redraws the line: `[12/40] 1 failed · 3.2s elapsed · 3.7 runs/s`.
    func update(done: Int, failed: Int, violations: Int) {
        guard enabled else { return }
        let elapsed = clock.now - started
        let milliseconds = max(
            1, elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let rateTenths = Int64(done) * 10_000 / milliseconds
        let line =
            "[\(done)/\(total)] \(failed) failed, \(violations) violations · "
            + "\(SimScenarioSupport.seconds(elapsed)) elapsed · \(rateTenths / 10).\(rateTenths % 10) runs/s"
        io.stdout.flush()
        io.stderr.write("\r\u{1B}[K" + line)
        shown = true
    }

    /// Erases the line.
    func clear() {
        guard enabled, shown else { return }
        io.stderr.write("\r\u{1B}[K")
        shown = false
    }
}
