import Foundation
import Testing

/// Real async code under the installed executors, tested by running `tminus sim kernel-check` as a
/// subprocess (the runtime capture cannot be installed inside `swift test`).
@Suite struct KernelCheckProcessTests {
    @Test(arguments: ["fifo", "seeded"])
    func sameSeedGivesTheSameDigestInOneProcessAndAcrossProcesses(order: String) throws {
        let arguments = ["sim", "kernel-check", "--seed", "42", "--order", order, "--runs", "2"]
        let first = try SimulatorBinary.run(arguments)
        let second = try SimulatorBinary.run(arguments)
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
        let digest = try #require(first.value("digest"))
        #expect(digest.count == 64)
        #expect(second.value("digest") == digest, "a new process must replay the same trace")
        #expect(first.stdout.contains("SEED=42"))
    }

    @Test func differentSeedsGiveDifferentInterleavingsOfTheSameWorkload() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kernel-check-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var traces: [[Substring]] = []
        var digests: [String] = []
        for seed in ["1", "2"] {
            let path = directory.appendingPathComponent("trace-\(seed).txt").path
            let output = try SimulatorBinary.run([
                "sim", "kernel-check", "--seed", seed, "--workload-seed", "7", "--requests", "400", "--trace", path,
            ])
            #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
            digests.append(try #require(output.value("digest")))
            let text = try String(contentsOfFile: path, encoding: .utf8)
            traces.append(text.split(separator: "\n").map { $0.drop { $0 != " " }.dropFirst() })  // drop the time
        }
        // Same requests, in the same order...
        func requests(_ lines: [Substring]) -> [Substring] {
            lines.filter {
                $0.hasPrefix("gateway read ") || $0.hasPrefix("gateway transfer ") || $0.hasPrefix("gateway fanout ")
            }
        }
        #expect(requests(traces[0]).count == 400)
        #expect(requests(traces[0]) == requests(traces[1]))
        // ...but they complete in a different order.
        func completions(_ lines: [Substring]) -> [Substring] {
            lines.filter { $0.hasPrefix("ledger apply ") || $0.hasPrefix("gateway fanout-done ") }
        }
        #expect(completions(traces[0]) != completions(traces[1]))
        #expect(digests[0] != digests[1])
    }

    @Test func anInjectedLeakFailsTheRunAndNamesTheLeak() throws {
        let output = try SimulatorBinary.run(["sim", "kernel-check", "--seed", "3", "--requests", "50", "--inject-leak"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("LEAK: 2 job(s) or record(s)"), "\(output.stderr)")
        #expect(
            output.stderr.contains("leak #1: trace record 'leak-injector resuming a continuation from a real thread'"),
            "\(output.stderr)")
        #expect(output.stderr.contains("leak #2: a task job"), "\(output.stderr)")
        #expect(output.stderr.contains("reproduce: tminus sim kernel-check --seed 3"), "\(output.stderr)")
    }

    @Test func theCaptureProbesPassAndAreTraced() throws {
        let directory = FileManager.default.temporaryDirectory
        let path = directory.appendingPathComponent("probe-\(ProcessInfo.processInfo.processIdentifier).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try SimulatorBinary.run(["sim", "kernel-check", "--seed", "5", "--requests", "20", "--trace", path])
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(" probe main-actor\n"))
        #expect(text.contains(" probe detached\n"))
        #expect(text.contains(" probe skewed-sleep=999001000ns\n"))
        // Task.sleep ran last, in virtual time: the run ends 500 ms (a little less under heavy
        // preemption, see probeTaskSleep) after the last line.
        let lastLine = try #require(text.split(separator: "\n").last)
        #expect(lastLine.contains(" kernel-check done "))
        let lastElapsed = try #require(Self.elapsedNanoseconds(ofLine: lastLine))
        let end = try #require(output.value("virtual").map { $0.replacingOccurrences(of: "s", with: "") })
        let endNanoseconds = try #require(Self.nanoseconds(fromSeconds: end))
        #expect((400_000_000...500_000_000).contains(endNanoseconds - lastElapsed), "end \(end), last line \(lastLine)")
        // A killed component's parked task vanishes; a task after the restart runs.
        #expect(text.contains(" probe-worker killed incarnation=0\n"))
        #expect(text.contains(" probe-worker task of incarnation 1 ran\n"))
        #expect(!text.contains("VANISHED TASK"))
    }

    @Test func aRootThatNeverFinishesIsReportedAsADeadlock() throws {
        let arguments = ["sim", "kernel-check", "--seed", "4", "--requests", "30", "--inject-deadlock"]
        let first = try SimulatorBinary.run(arguments)
        let second = try SimulatorBinary.run(arguments)
        #expect(first.status == 1)
        #expect(first.stderr.contains("DEADLOCK at +"), "\(first.stderr)")
        #expect(first.stderr.contains("reproduce: tminus sim kernel-check --seed 4"), "\(first.stderr)")
        #expect(first.stderr == second.stderr, "the deadlock report is deterministic")
    }

    @Test func aBadOrderIsAUsageError() throws {
        let output = try SimulatorBinary.run(["sim", "kernel-check", "--order", "random"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("fifo or seeded"))
    }

    /// Virtual nanoseconds since 2026-03-02T08:00:00Z of a trace line on that day.
    private static func elapsedNanoseconds(ofLine line: Substring) -> Int64? {
        guard line.hasPrefix("2026-03-02T"), let time = line.split(separator: " ").first else { return nil }
        let clock = time.dropFirst(11).dropLast()  // HH:MM:SS.nnnnnnnnn
        let parts = clock.split(separator: ":")
        guard parts.count == 3, let hours = Int64(parts[0]), let minutes = Int64(parts[1]),
            let seconds = nanoseconds(fromSeconds: String(parts[2]))
        else { return nil }
        return ((hours - 8) * 3_600 + minutes * 60) * 1_000_000_000 + seconds
    }

    /// `12.000000500` → 12000000500.
    private static func nanoseconds(fromSeconds text: String) -> Int64? {
        let parts = text.split(separator: ".")
        guard parts.count == 2, parts[1].count == 9, let whole = Int64(parts[0]), let fraction = Int64(parts[1]) else {
            return nil
        }
        return whole * 1_000_000_000 + fraction
    }
}
