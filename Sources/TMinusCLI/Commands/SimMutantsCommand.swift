import Foundation
import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusSimulation

/// `tminus sim mutants`: proves the world's invariant checker catches realistic bugs. For each
/// ``SeededDefect`` it switches the defect on, runs small worlds (Google + Microsoft + CalDAV,
/// a few simulated hours of humans creating, editing, deleting and tampering, with a fault mix
/// that exposes the defect) seed after seed until the checker reports a violation, and prints
/// which invariant caught it after how many seeds. It exits 1 if any defect survives.
///
/// The worlds run on a `ManualClock` through `WorldDriver`, without the simulator kernel: the
/// engine, the fakes and the checker are the same, and a run takes a fraction of a second.
/// The defects exist only in a binary built with `-DTMINUS_SEEDED_DEFECTS`; a normal build exits 2
/// and points at `scripts/mutants.sh`, which builds that binary and runs this command.
struct SimMutantsCommand: CLICommand {
    static let name = "mutants"
    static let abstract = "Check that every seeded defect is caught by the invariant checker."
    static let usage = "tminus sim mutants [--seeds N] [--defect NAME] [--cross-check]"
    static let discussion = """
        Needs a binary built with -DTMINUS_SEEDED_DEFECTS: run scripts/mutants.sh. For each \
        defect (or only --defect NAME) it runs up to N seeds (default 5) of a small three-provider \
        world and prints the invariant that caught the defect and the number of seeds it took. \
        A correct-engine control run comes first: if it fails, the results mean nothing. \
        With --cross-check every safety check also compares the checker's incremental views with \
        full reads of the stores and the fakes and judges everything besides what changed, and \
        steps judged unchanged are checked anyway; any difference fails the command. \
        Exit status 1 means a defect survived (or the control failed); 2 means this binary has no \
        seeded defects.
        """
    static let options: [OptionSpec] = [
        .option("--seeds", value: "N", help: "Seeds to try per defect before calling it a survivor (default 5)."),
        .option("--defect", value: "NAME", help: "Run only this defect (see docs/seeded-defects.md)."),
        .flag("--cross-check", help: "Compare the checker's incremental view with full reads at every check."),
    ]

    let seeds: Int
    let only: SeededDefect?
    let crossCheck: Bool

    init(parsed: ParsedArguments) throws(CommandLineError) {
        seeds = try parsed.int("--seeds", in: 1...10_000) ?? 5
        crossCheck = parsed.flag("--cross-check")
        if let name = parsed.string("--defect") {
            guard let defect = SeededDefect(rawValue: name) else {
                throw .invalid(
                    "unknown defect \(name); known: \(SeededDefect.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            only = defect
        } else {
            only = nil
        }
    }

    func run(_ io: CommandIO) -> ExitCode {
        guard Defects.isCompiledIn else {
            io.printError(
                "tminus: this binary has no seeded defects (a normal build never does); "
                    + "run scripts/mutants.sh, which builds one with -DTMINUS_SEEDED_DEFECTS and runs this command")
            return ExitCode(2)
        }
        for policy in MutantWorld.Policy.allCases {
            let control = BlockingRun.block { await MutantWorld.run(defect: nil, policy: policy, seed: 1, crossCheck: crossCheck) }
            io.print("control (no defect, \(policy.rawValue) policy, seed 1): \(control.summary)")
            guard control.caught.isEmpty else {
                io.printError(
                    "FAILED: the correct engine fails the mutant world (\(control.firstViolation ?? "")); "
                        + "fix that first")
                return .failure
            }
        }
        let defects = only.map { [$0] } ?? SeededDefect.allCases
        io.print("defect                               expected  caught-by  seeds  verdict")
        var survivors: [SeededDefect] = []
        var mismatches: [SeededDefect] = []
        for defect in defects {
            let (outcome, tried, lastRun) = hunt(defect)
            let caught = outcome?.caught.joined(separator: ",") ?? "-"
            let verdict: String
            if outcome?.caught.contains(MutantWorld.checkerMismatch) == true {
                verdict = "CHECKER MISMATCH"
                mismatches.append(defect)
            } else if let outcome, outcome.caught.contains(defect.expectedInvariant) {
                verdict = "killed"
            } else if outcome != nil {
                verdict = "killed (unexpected invariant)"
            } else {
                verdict = "SURVIVED"
                survivors.append(defect)
            }
            io.print(
                defect.rawValue.padding(toLength: 37, withPad: " ", startingAt: 0)
                    + defect.expectedInvariant.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + caught.padding(toLength: 11, withPad: " ", startingAt: 0)
                    + String(tried).padding(toLength: 7, withPad: " ", startingAt: 0) + verdict)
            if let first = outcome?.firstViolation { io.print("    first: \(first)") }
            if outcome == nil { io.print("    last run: \(lastRun.summary)") }
        }
        if !mismatches.isEmpty {
            io.printError(
                "FAILED: the checker's incremental view differed from a full read for "
                    + mismatches.map(\.rawValue).joined(separator: ", "))
            return .failure
        }
        if !survivors.isEmpty {
            let names = survivors.map(\.rawValue).joined(separator: ", ")
            io.printError("FAILED: \(survivors.count) defect(s) survived: \(names)")
            for survivor in survivors {
                io.printError("reproduce: tminus sim mutants --defect \(survivor.rawValue) --seeds \(seeds)")
            }
            return .failure
        }
        io.print("all \(defects.count) defect(s) killed")
        return .success
    }
}

extension SimMutantsCommand {
    /// Runs seed 1, 2, … of `defect`'s world until the checker reports its expected invariant (or
    /// the seeds run out). Returns the catching run (else the first run with any violation), the
    /// seeds tried, and the last run.
    func hunt(_ defect: SeededDefect) -> (MutantWorld.Outcome?, Int, MutantWorld.Outcome) {
        var firstCaught: MutantWorld.Outcome?
        var last = MutantWorld.Outcome(caught: [], firstViolation: nil, summary: "not run")
        for seed in 1...seeds {
            last = BlockingRun.block {
                await MutantWorld.run(
                    defect: defect, policy: MutantWorld.Policy(for: defect), seed: UInt64(seed), crossCheck: crossCheck)
            }
            if last.caught.contains(defect.expectedInvariant) || last.caught.contains(MutantWorld.checkerMismatch) {
                return (last, seed, last)
            }
            if firstCaught == nil, !last.caught.isEmpty { firstCaught = last }
        }
        return (firstCaught, seeds, last)
    }
}

/// One mutant world: a defect switched on, a three-provider world, a faulted phase and healing.
enum MutantWorld {
    /// What a run found: the invariants violated ("M" also when it never converged).
    struct Outcome: Sendable {
        var caught: [String]
        var firstViolation: String?
        var summary: String
    }

    /// The user's policy in a mutant world.
    enum Policy: String, CaseIterable, Sendable {
        /// The default: BUSY both ways between every pair, onto overlay calendars (never synced
        /// as origins).
        case busyOverlay = "busy-overlay"
        /// TITLE both ways between every pair, onto the primary calendars, which are synced: every
        /// mirror comes back to the engine as an echo it must recognise.
        case titlePrimary = "title-primary"

        /// Each account shows its titles to the next one (by ID, round the ring) on the primary,
        /// and only BUSY to the others on their overlays.
        case mixed = "mixed"

        /// BUSY onto overlays, and a third of the people's new events are created through T-Minus
        /// (flow B write-through), so the workload's edits reach fields `tminus` owns (invariant F).
        case writeThrough = "write-through"

        /// The policy that exposes `defect`: echo-handling bugs need mirrors in synced calendars,
        /// detail bugs need edges of different detail from one origin.
        init(for defect: SeededDefect) {
            switch defect {
            case .classifyByRecordedIDOnly, .everyEchoIsDrift: self = .titlePrimary
            case .widestDetailForAllTargets: self = .mixed
            case .silentFieldOverride: self = .writeThrough
            default: self = .busyOverlay
            }
        }

        func edges(_ accountIDs: [String]) -> [PolicyEdge] {
            let sorted = accountIDs.sorted()
            return PolicyEdge.allPairsBusy(sorted).map { edge in
                let from = sorted.firstIndex(of: edge.fromAccountID) ?? 0
                let next = sorted[(from + 1) % sorted.count]
                let titled = self == .titlePrimary || (self == .mixed && next == edge.toAccountID)
                guard titled else { return edge }
                return PolicyEdge(from: edge.fromAccountID, to: edge.toAccountID, detail: .title, kind: .trueMirror)
            }
        }
    }

    /// What ``Outcome/caught`` holds when the checker's cross-check failed (``CheckerViewMismatch``).
    static let checkerMismatch = "checker-mismatch"

    static func run(defect: SeededDefect?, policy: Policy, seed: UInt64, crossCheck: Bool = false) async -> Outcome {
        Defects.activate(DefectSwitch(active: defect))
        defer { Defects.activate(DefectSwitch()) }
        let simulationSeed = SimulationSeed(seed)
        let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400))
        do {
            let world = try await SyncWorld.build(
                seed: simulationSeed, clock: clock, trace: NullTraceSink(), accounts: [.google, .microsoft, .caldav])
            if policy != .busyOverlay && policy != .writeThrough {
                let edges = policy.edges(world.accounts.map(\.accountID))
                try await world.engine.setPolicyEdges(userID: world.userID, edges)
                _ = try await world.engine.drain()
            }
            var configuration = configuration(for: defect)
            if policy == .writeThrough { configuration.rates.throughTMinus = Ratio(1, 3) }
            configuration.crossCheck = crossCheck
            if let defect { configuration.stopAtFirstViolationOf = [defect.expectedInvariant] }
            let report = try await WorldDriver(world: world, seed: simulationSeed).run(configuration)
            var caught = Set(report.violations.map(\.invariant))
            if report.convergenceTime == nil && report.stoppedBy == nil { caught.insert("M") }
            let converged =
                report.stoppedBy.map { "stopped at the first \($0) after \(report.ticks) step(s)" }
                ?? report.convergenceTime.map { "converged after \($0)" } ?? "did not converge"
            return Outcome(
                caught: caught.sorted(), firstViolation: report.violations.first?.description,
                summary: "\(report.violations.count) violation(s), \(converged), \(report.messagesHandled) messages")
        } catch let mismatch as CheckerViewMismatch {
            return Outcome(caught: [checkerMismatch], firstViolation: "\(mismatch)", summary: "\(mismatch)")
        } catch {
            return Outcome(caught: ["error"], firstViolation: "\(error)", summary: "the world failed: \(error)")
        }
    }

    /// Six simulated hours with busy humans who tamper often, lost create responses and retries,
    /// then a 6-hour convergence window.
    /// A defect in error handling also gets provider 5xx answers (one call in eight).
    static func configuration(for defect: SeededDefect?) -> WorldRunConfiguration {
        var configuration = WorldRunConfiguration()
        if defect == .giveUpOnFailedWrites || defect == .ackBeforeCommit {
            configuration.providerFaults.serverErrors = [ScopedProviderFault(probability: Ratio(1, 8))]
        }
        if defect == .retryWithoutBackoff { configuration.providerFaults.rateLimits = [ScopedProviderFault(probability: Ratio(1, 8))] }
        configuration.duration = .seconds(6 * 3600)
        configuration.tick = .seconds(600)
        configuration.convergenceDeadline = .seconds(6 * 3600)
        configuration.rates.create = Ratio(1, 4)
        configuration.rates.edit = Ratio(1, 8)
        configuration.rates.delete = Ratio(1, 12)
        configuration.rates.tamperEdit = Ratio(1, 12)
        configuration.rates.tamperDelete = Ratio(1, 16)
        configuration.rates.foreignTagged = Ratio(1, 4)
        configuration.networkFaults = NetworkFaults(rules: [
            NetworkFaultRule(.timeoutAfterApply, probability: Ratio(1, 10))
        ])
        return configuration
    }
}
