import Foundation
import TMinusCore
import TMinusSimulation

/// `tminus sim kernel-check`: runs the synthetic kernel-check workload in the deterministic
/// simulator and prints its trace digest, so tests and people can check that a seed replays
/// exactly, in one process and across processes.
///
/// It also probes the constructs the simulator must capture (`Task.sleep` in virtual time,
/// `@MainActor`, `Task.detached`), and `--inject-leak` deliberately resumes a continuation from a
/// real thread to prove the leak detector reports it (exit 1, message names the leak).
struct SimKernelCheckCommand: CLICommand {
    static let name = "kernel-check"
    static let abstract = "Run the simulator's synthetic workload and print its trace digest."
    static let usage =
        "tminus sim kernel-check [--seed N] [--order fifo|seeded] [--requests N] [--runs N] [--workload-seed N] "
        + "[--inject-leak] [--trace FILE]"
    static let discussion = """
        Runs actors, tasks, async let, task groups, timeouts and skewed-clock sleeps on the \
        simulator thread in virtual time and prints SEED=, the trace digest, the job count and the \
        virtual time. The same seed must print the same digest in every run and every process.

        With --runs N the workload runs N times in this process and the command fails if the \
        digests differ. Exit status 1 means a leak, a deadlock, a failed probe or nondeterminism.
        """
    static let options: [OptionSpec] = [
        .option("--seed", value: "N", help: "The seed (decimal, or a 40-hex commit hash); random when absent."),
        .option("--order", value: "fifo|seeded", help: "How ready jobs are chosen (default fifo)."),
        .option("--requests", value: "N", help: "Requests in the workload (default 2000)."),
        .option("--runs", value: "N", help: "Run the workload N times in this process and compare digests (default 1)."),
        .option("--workload-seed", value: "N", help: "Pin the requests to this seed; --seed then varies only latencies and order."),
        .flag("--inject-leak", help: "Resume a continuation from a real thread; the run must fail as a leak."),
        .option("--trace", value: "FILE", help: "Write the first run's full trace to FILE."),
    ]

    let seed: UInt64
    let order: JobOrder
    let requests: Int
    let runs: Int
    let injectLeak: Bool
    let tracePath: String?
    let workloadSeed: UInt64?

    init(parsed: ParsedArguments) throws(CommandLineError) {
        var system = SystemRandomNumberGenerator()
        seed = try parsed.seed("--seed") ?? system.next()
        workloadSeed = try parsed.seed("--workload-seed")
        order = try parsed.convert("--order", expected: "fifo or seeded") { JobOrder(rawValue: $0) } ?? .fifo
        requests = try parsed.int("--requests", in: 1...10_000_000) ?? 2_000
        runs = try parsed.int("--runs", in: 1...100) ?? 1
        injectLeak = parsed.flag("--inject-leak")
        tracePath = parsed.string("--trace")
    }

    func run(_ io: CommandIO) -> ExitCode {
        SimulationRuntime.installIfNeeded()
        io.print("SEED=\(seed)")
        let pinned = workloadSeed.map { " workload-seed=\($0)" } ?? ""
        io.print("order=\(order) requests=\(requests) runs=\(runs)\(pinned)\(injectLeak ? " inject-leak" : "")")
        var firstDigest: String?
        for index in 1...runs {
            guard let report = runOnce(index: index, io: io) else { return .failure }
            io.print(
                "run \(index): digest=\(report.digest.hex) lines=\(report.traceLines) jobs=\(report.statistics.jobsRun) "
                    + "timers=\(report.statistics.timersFired) virtual=\(Self.seconds(report.elapsed))s")
            if let failure = report.failure {
                return fail(failure.description, recent: report.recentTrace, io: io)
            }
            if let firstDigest, firstDigest != report.digest.hex {
                return fail(
                    "NONDETERMINISM: run \(index) digest \(report.digest.hex) differs from run 1 digest \(firstDigest)",
                    recent: report.recentTrace, io: io)
            }
            firstDigest = firstDigest ?? report.digest.hex
        }
        io.print("digest=\(firstDigest ?? "")")
        return .success
    }

    /// One simulation of the workload plus the capture probes; nil when the trace file failed.
    private func runOnce(index: Int, io: CommandIO) -> SimulationReport? {
        var capture: TraceFileWriter?
        if index == 1, let tracePath {
            do {
                capture = try TraceFileWriter(path: tracePath)
            } catch {
                io.printError("tminus: error: \(error)")
                return nil
            }
        }
        let simulator = Simulator(seed: SimulationSeed(seed), order: order, traceCapture: capture)
        var options = KernelCheckWorkload.Options()
        options.requests = requests
        options.workloadSeed = workloadSeed.map(SimulationSeed.init)
        let workload = KernelCheckWorkload(simulator: simulator, options: options)
        let injectLeak = self.injectLeak
        let report = simulator.run { [simulator] in
            let summary = try await workload.run()
            try await Self.probeCapture(simulator)
            if injectLeak { await LeakInjector.resumeFromRealThread(simulator.scheduler) }
            simulator.trace.record(component: "kernel-check", event: "done transfers=\(summary.transfers)")
        }
        do {
            try simulator.trace.finish()
        } catch {
            io.printError("tminus: error: \(error)")
            return nil
        }
        return report
    }

    /// Checks that `Task.sleep`, a skewed `SimClock` sleep, `@MainActor` and `Task.detached` run on
    /// the simulator in virtual time; any escape shows up as a leak or a probe failure.
    private static func probeCapture(_ simulator: Simulator) async throws {
        let scheduler = simulator.scheduler
        let before = scheduler.elapsedNanoseconds
        try await Task.sleep(for: .milliseconds(5))
        let slept = scheduler.elapsedNanoseconds - before
        guard slept == 5_000_000 else { throw ProbeFailure(what: "Task.sleep(5ms) took \(slept)ns of virtual time") }
        let fast = SimClock(scheduler: scheduler, component: "probe", driftPartsPerMillion: 1_000)
        let sleepStart = scheduler.elapsedNanoseconds
        try await fast.sleep(for: .seconds(1))
        let skewed = scheduler.elapsedNanoseconds - sleepStart
        guard skewed == 999_001_000 else { throw ProbeFailure(what: "1 s on a +1000 ppm clock took \(skewed)ns") }
        await MainActor.run { simulator.trace.record(component: "probe", event: "main-actor") }
        await Task.detached { simulator.trace.record(component: "probe", event: "detached") }.value
        simulator.trace.record(component: "probe", event: "task.sleep virtual=\(slept)ns skewed-sleep=\(skewed)ns")
    }

    private func fail(_ message: String, recent: [String], io: CommandIO) -> ExitCode {
        io.printError("FAILED: \(message)")
        if !recent.isEmpty {
            io.printError("last trace lines:")
            for line in recent.suffix(10) { io.printError("  \(line)") }
        }
        var command = "tminus sim kernel-check --seed \(seed) --order \(order) --requests \(requests)"
        if let workloadSeed { command += " --workload-seed \(workloadSeed)" }
        if runs > 1 { command += " --runs \(runs)" }
        if injectLeak { command += " --inject-leak" }
        io.printError("reproduce: \(command)")
        return .failure
    }

    private static func seconds(_ duration: Duration) -> String {
        let nanoseconds = duration.nanoseconds
        let fraction = String(nanoseconds % 1_000_000_000)
        return "\(nanoseconds / 1_000_000_000).\(String(repeating: "0", count: 9 - fraction.count))\(fraction)"
    }

    private struct ProbeFailure: Error, CustomStringConvertible {
        let what: String
        var description: String { "capture probe failed: \(what)" }
    }
}

/// Test-only leak: a continuation resumed from a real `Thread`, which the simulator must report.
///
/// The handshake makes the leak certain rather than timing-dependent: the thread waits until the
/// task has suspended (a queued action opens the gate after the continuation body returned), and
/// that action blocks until the thread has resumed it, so the foreign enqueue is in the leak
/// inbox before the simulator looks for more work.
private enum LeakInjector {
    static func resumeFromRealThread(_ scheduler: SimScheduler) async {
        let gate = Gate()
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            let thread = Thread {
                Thread.current.name = "leak-injector"  // names the thread for the leak note
                gate.wait(for: .opened)
                continuation.resume()
                gate.set(.resumed)
            }
            thread.start()
            scheduler.execute("leak-injection-handshake") {
                gate.set(.opened)
                gate.wait(for: .resumed)
            }
        }
    }

    private final class Gate: @unchecked Sendable {
        enum Stage: Int { case closed, opened, resumed }
        private let condition = NSCondition()
        private var stage = Stage.closed

        func set(_ next: Stage) {
            condition.lock()
            stage = next
            condition.broadcast()
            condition.unlock()
        }

        func wait(for wanted: Stage) {
            condition.lock()
            while stage.rawValue < wanted.rawValue { condition.wait() }
            condition.unlock()
        }
    }
}
