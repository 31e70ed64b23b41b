/// The live progress line of long scenario runs on a terminal: runs done, failures, elapsed wall
/// time and rate, redrawn in place on standard error after each run.
///
/// Silent when standard output is not a terminal or with `--quiet`, so logs and CI output stay
/// clean. Call ``clear()`` before printing anything else to the terminal.
final class SimRunProgress {
    private let io: CommandIO
    private let enabled: Bool
    private let total: Int?
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var shown = false

    /// A progress line for `total` runs (nil: an open-ended campaign, shown as `[12]`).
    init(io: CommandIO, total: Int?, quiet: Bool) {
        self.io = io
        self.total = total
        self.enabled = io.isTerminal && !quiet
        self.started = clock.now
    }

    /// Redraws the line: `[12/40] 1 failed, 2 violations · 3.2s elapsed · 3.7 runs/s`.
    func update(done: Int, failed: Int, violations: Int) {
        let elapsed = clock.now - started
        let milliseconds = max(
            1, elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let rateTenths = Int64(done) * 10_000 / milliseconds
        let count = total.map { "\(done)/\($0)" } ?? String(done)
        show(
            "[\(count)] \(failed) failed, \(violations) violations · "
                + "\(SimScenarioSupport.seconds(elapsed)) elapsed · \(rateTenths / 10).\(rateTenths % 10) runs/s")
    }

    /// Redraws the line with `line` (what a long step, like shrinking, is doing).
    func show(_ line: String) {
        guard enabled else { return }
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
