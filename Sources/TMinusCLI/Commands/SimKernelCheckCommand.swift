import Foundation
import TMinusCore
import TMinusSimulation

/// `tminus sim kernel-check`: runs the synthetic kernel-check workload in the deterministic
/// simulator and prints its trace digest, so tests and people can check that a seed replays
/// exactly, in one process and across processes.
///
/// It also probes the constructs the simulator must capture (`Task.sleep` in virtual time, a
/// skewed clock, `@MainActor`, `Task.detached`, killing and restarting a component). Two test-only
/// flags prove the failure paths: `--inject-leak` resumes a continuation from a real thread (the
/// leak detector must report it) and `--inject-deadlock` awaits a continuation nobody resumes (the
/// run must end as a deterministic deadlock). Both exit 1 with a message naming the problem.
struct SimKernelCheckCommand: CLICommand {
    static let name = "kernel-check"
    static let abstract = "Run the simulator's synthetic workload and print its trace digest."
    static let usage =
        "tminus sim kernel-check [--seed N] [--order fifo|seeded] [--requests N] [--runs N] [--workload-seed N] "
        + "[--inject-leak | --inject-deadlock] [--trace FILE]"
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
        .option(
            "--runs", value: "N", help: "Run the workload N times in this process and compare digests (default 1)."),
        .option(
            "--workload-seed", value: "N",
            help: "Pin the requests to this seed; --seed then varies only latencies and order."),
        .flag("--inject-leak", help: "Resume a continuation from a real thread; the run must fail as a leak."),
        .flag("--inject-deadlock", help: "Await a continuation nobody resumes; the run must fail as a deadlock."),
        .option("--trace", value: "FILE", help: "Write the first run's full trace to FILE."),
    ]

    let seed: UInt64
    let order: JobOrder
    let requests: Int
    let runs: Int
    let injection: Injection
    let tracePath: String?
    let workloadSeed: UInt64?

    init(parsed: ParsedArguments) throws(CommandLineError) {
        var system = SystemRandomNumberGenerator()
        seed = try parsed.seed("--seed") ?? system.next()
        workloadSeed = try parsed.seed("--workload-seed")
        order = try parsed.convert("--order", expected: "fifo or seeded") { JobOrder(rawValue: $0) } ?? .fifo
        requests = try parsed.int("--requests", in: 1...10_000_000) ?? 2_000
        runs = try parsed.int("--runs", in: 1...100) ?? 1
        switch (parsed.flag("--inject-leak"), parsed.flag("--inject-deadlock")) {
        case (true, true): throw .invalid("give --inject-leak or --inject-deadlock, not both")
        case (true, false): injection = .leak
        case (false, true): injection = .deadlock
        case (false, false): injection = .none
        }
        tracePath = parsed.string("--trace")
    }

    func run(_ io: CommandIO) -> ExitCode {
        SimulationRuntime.installIfNeeded()
        io.print("SEED=\(seed)")
        let pinned = workloadSeed.map { " workload-seed=\($0)" } ?? ""
        let injected = injection.argument.map { " " + $0 } ?? ""
        io.print("order=\(order) requests=\(requests) runs=\(runs)\(pinned)\(injected)")
        var firstDigest: String?
        for index in 1...runs {
            guard let report = runOnce(index: index, io: io) else { return .failure }
            io.print(
                "run \(index): digest=\(report.digest.hex) lines=\(report.traceLines) "
                    + "jobs=\(report.statistics.jobsRun) timers=\(report.statistics.timersFired) "
                    + "virtual=\(Self.seconds(report.elapsed))s")
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
        let injection = self.injection
        let report = simulator.run { [simulator] in
            let summary = try await workload.run()
            try await Self.probeCapture(simulator)
            try await Self.probeComponentCrash(simulator)
            switch injection {
            case .none: break
            case .leak: await LeakInjector.resumeFromRealThread(simulator)
            case .deadlock: await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }
            }
            simulator.trace.record(component: "kernel-check", event: "done transfers=\(summary.transfers)")
            try await Self.probeTaskSleep(simulator)  // last, and records nothing: see its comment
        }
        do {
            try simulator.trace.finish()
        } catch {
            io.printError("tminus: error: \(error)")
            return nil
        }
        return report
    }

    /// Checks that a skewed `SimClock` sleep, `@MainActor` and `Task.detached` run on the simulator
    /// in virtual time; any escape shows up as a leak or a probe failure.
    private static func probeCapture(_ simulator: Simulator) async throws {
        let scheduler = simulator.scheduler
        let fast = SimClock(scheduler: scheduler, component: "probe", driftPartsPerMillion: 1_000)
        let sleepStart = scheduler.elapsedNanoseconds
        try await fast.sleep(for: .seconds(1))
        let skewed = scheduler.elapsedNanoseconds - sleepStart
        guard skewed == 999_001_000 else { throw ProbeFailure(what: "1 s on a +1000 ppm clock took \(skewed)ns") }
        await MainActor.run { simulator.trace.record(component: "probe", event: "main-actor") }
        await Task.detached { simulator.trace.record(component: "probe", event: "detached") }.value
        simulator.trace.record(component: "probe", event: "skewed-sleep=\(skewed)ns")
    }

    /// Checks that `Task.sleep` (a real-clock deadline) runs in virtual time. The runtime hands the
    /// simulator an absolute `ContinuousClock` instant, which it maps to a virtual delay rounded up
    /// to 1 ms; if this thread is preempted between the caller reading the clock and the enqueue,
    /// the delay comes out short by the whole milliseconds of the preemption (on a loaded 2-core
    /// machine over 5 ms happens). So the probe sleeps 500 ms and accepts 400–500 ms (a wrong
    /// capture gives 0, or the real delay with no virtual time at all), and runs last with nothing
    /// recorded after it, keeping the digest independent of machine load.
    private static func probeTaskSleep(_ simulator: Simulator) async throws {
        let before = simulator.scheduler.elapsedNanoseconds
        try await Task.sleep(for: .milliseconds(500))
        let slept = simulator.scheduler.elapsedNanoseconds - before
        guard (400_000_000...500_000_000).contains(slept) else {
            throw ProbeFailure(what: "Task.sleep(500ms) took \(slept)ns of virtual time")
        }
    }

    /// Kills a component whose task is parked on its clock: the task must vanish (never resume,
    /// not even with a cancellation error), and a task spawned after the restart must run.
    private static func probeComponentCrash(_ simulator: Simulator) async throws {
        let worker = simulator.makeComponent("probe-worker")
        let trace = simulator.trace
        worker.spawn("sleeper") {
            do {
                try await worker.clock.sleep(for: .seconds(1))
                trace.record(component: "probe-worker", event: "VANISHED TASK WOKE")
            } catch {
                trace.record(component: "probe-worker", event: "VANISHED TASK SAW \(error)")
            }
        }
        let probeClock = SimClock(scheduler: simulator.scheduler, component: "probe")
        try await probeClock.sleep(for: .milliseconds(1))  // let the sleeper park
        worker.kill()
        try await probeClock.sleep(for: .seconds(2))  // past the sleeper's wake-up time
        worker.restart()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            worker.spawn("after-restart") {
                trace.record(component: "probe-worker", event: "task of incarnation \(worker.incarnation) ran")
                done.resume()
            }
        }
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
        if let argument = injection.argument { command += " " + argument }
        io.printError("reproduce: \(command)")
        return .failure
    }

    private static func seconds(_ duration: Duration) -> String {
        let nanoseconds = duration.nanoseconds
        let fraction = String(nanoseconds % 1_000_000_000)
        return "\(nanoseconds / 1_000_000_000).\(String(repeating: "0", count: 9 - fraction.count))\(fraction)"
    }

    /// Which failure to provoke on purpose (test-only flags).
    enum Injection: Sendable {
        case none, leak, deadlock

        var argument: String? {
            switch self {
            case .none: nil
            case .leak: "--inject-leak"
            case .deadlock: "--inject-deadlock"
            }
        }
    }

    private struct ProbeFailure: Error, CustomStringConvertible {
        let what: String
        var description: String { "capture probe failed: \(what)" }
    }
}

/// Test-only leak: a continuation resumed from a real `Thread`, which the simulator must report.
/// The thread first records a trace line, itself a leak, so the report names the injector.
///
/// The handshake makes the leak certain rather than timing-dependent: the thread waits until the
/// task has suspended (a queued action opens the gate after the continuation body returned), and
/// that action blocks until the thread has resumed it, so the foreign enqueue is in the leak
/// inbox before the simulator looks for more work.
private enum LeakInjector {
    static func resumeFromRealThread(_ simulator: Simulator) async {
        let gate = Gate()
        let scheduler = simulator.scheduler
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            let thread = Thread {
                gate.wait(for: .opened)
                // Two leaks, in this order: a trace record naming the injector, then the resume.
                simulator.trace.record(component: "leak-injector", event: "resuming a continuation from a real thread")
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
