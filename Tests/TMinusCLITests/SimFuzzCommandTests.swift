import Foundation
import TMinusCore
import TMinusSimulation
import Testing

@testable import TMinusCLI

/// `sim fuzz` in-process: strict arguments, which seeds run, the replay command, `--print`, and
/// the paths that need no simulation (missing executor, `--defect` without seeded defects).
struct SimFuzzCommandTests {
    private static func parsed(_ arguments: [String]) throws -> SimFuzzCommand {
        try SimFuzzCommand(parsed: ParsedArguments(specs: SimFuzzCommand.options, arguments: arguments))
    }

    private static func usageError(_ arguments: [String]) -> String? {
        let captured = CommandIO.captured()
        let status = TMinusCommandLine.run(arguments: ["sim", "fuzz"] + arguments, io: captured.io)
        return status == .usage ? captured.stderr.text : nil
    }

    @Test func refusesContradictoryOrMalformedArguments() {
        #expect(Self.usageError(["--seed", "3", "--seeds", "5"])?.contains("--seed runs one fuzz seed") == true)
        #expect(Self.usageError(["--print"])?.contains("give it with --seed N") == true)
        #expect(Self.usageError(["--seed", "0"])?.contains("fuzz seeds start at 1") == true)
        #expect(Self.usageError(["--shard", "3/2"])?.contains("invalid value '3/2' for '--shard'") == true)
        #expect(Self.usageError(["--seeds", "0"])?.contains("'--seeds'") == true)
        #expect(Self.usageError(["--time-budget", "soon"])?.contains("'--time-budget'") == true)
        #expect(Self.usageError(["--exclude", "delete-overlay"])?.contains("a step action (create-event") == true)
        #expect(Self.usageError(["--defect", "nope"])?.contains("a seeded defect: ") == true)
        #expect(Self.usageError(["--sedes", "3"])?.contains("--seeds") == true)
        #expect(Self.usageError(["--from-seed", "20", "--seeds", "10"])?.contains("past the last seed") == true)
        #expect(Self.usageError(["--from-seed", "101"])?.contains("past the last seed") == true)
        #expect(Self.usageError(["--seed", "3", "--from-seed", "2"])?.contains("--seed runs one fuzz seed") == true)
    }

    @Test func runsTheSeedsOfItsShardAndBudget() throws {
        #expect(Array(try Self.parsed([]).seeds) == Array(1...100))
        #expect(try Self.parsed([]).plannedRuns == 100)
        #expect(Array(try Self.parsed(["--seeds", "10", "--shard", "2/3"]).seeds) == [2, 5, 8])
        #expect(try Self.parsed(["--seeds", "10", "--shard", "2/3"]).plannedRuns == 3)
        let open = try Self.parsed(["--time-budget", "5m"])
        #expect(open.plannedRuns == nil && Array(open.seeds.prefix(3)) == [1, 2, 3])
        #expect(Array(try Self.parsed(["--seed", "42"]).seeds) == [42])
        let later = try Self.parsed(["--from-seed", "20001", "--seeds", "20010", "--shard", "2/3"])
        #expect(Array(later.seeds) == [20_003, 20_006, 20_009], "the seeds 2/3 holds in 1...20010")
        #expect(later.commandLine == "tminus sim fuzz --seeds 20010 --from-seed 20001 --shard 2/3")
        let timed = try Self.parsed(["--from-seed", "500", "--time-budget", "1m"])
        #expect(Array(timed.seeds.prefix(2)) == [500, 501])
    }

    @Test func lengthPicksTheSeedsWhoseRunsLastDaysOrHours() throws {
        let long = try Self.parsed(["--seeds", "200", "--length", "long"])
        let expected: [UInt64] = [32, 80, 102, 122, 132, 139, 141, 163, 174, 178, 191, 197, 198]
        #expect(Array(long.seeds) == expected)
        #expect(long.plannedRuns == expected.count)
        #expect(long.commandLine == "tminus sim fuzz --seeds 200 --length long")
        let generator = ScenarioGenerator()
        #expect(long.seeds.allSatisfy { generator.scenario(seed: $0).duration >= .seconds(2 * 86_400) })
        let short = try Self.parsed(["--seeds", "200", "--length", "short", "--shard", "1/2"])
        #expect(Array(short.seeds) == (UInt64(1)...200).filter { $0 % 2 == 1 && !expected.contains($0) })
        #expect(short.seeds.allSatisfy { generator.scenario(seed: $0).duration <= .seconds(36 * 3_600) })
        #expect(Self.usageError(["--length", "medium"])?.contains("short (runs of hours) or long (runs of days)") == true)
        #expect(Self.usageError(["--seed", "3", "--length", "long"])?.contains("--seed runs one fuzz seed") == true)
        #expect(
            long.headerLine(faultKinds: FaultKind.allCases)
                == "fuzz: seeds 1..200, long runs only; \(FaultKind.allCases.count) of \(FaultKind.allCases.count) fault kinds")
        #expect(
            short.headerLine(faultKinds: [.crash])
                == "fuzz: seeds 1..200, shard 1/2, short runs only; 1 of \(FaultKind.allCases.count) fault kinds")
    }

    @Test func namesTheExactCommandThatReplaysOneSeed() throws {
        let command = try Self.parsed(["--seeds", "50", "--exclude", "revoke-token", "--defect", "non-idempotent-create"])
        #expect(
            command.replayCommand(seed: 7)
                == "tminus sim fuzz --seed 7 --exclude revoke-token --defect non-idempotent-create")
        #expect(command.commandLine == "tminus sim fuzz --seeds 50 --exclude revoke-token --defect non-idempotent-create")
    }

    @Test func excludedActionsAndKindsLeaveTheGenerator() throws {
        let command = try Self.parsed(["--exclude", "crash", "--exclude", "revoke-token"])
        let generator = command.generator(for: WorldScenarioExecutor())
        #expect(!generator.faultKinds.contains(.crash) && generator.faultKinds.contains(.timeoutAfterApply))
        #expect(generator.excludedActions == ["revoke-token"])
    }

    @Test func printsTheScenarioOfOneSeedAsAFileSimRunAccepts() throws {
        let captured = CommandIO.captured()
        let status = try Self.parsed(["--seed", "9", "--print"]).run(captured.io, executor: WorldScenarioExecutor())
        #expect(status == .success)
        let scenario = try ScenarioDecoder.decode(text: captured.stdout.text, file: "fuzz-9.json")
        let expected = FuzzCampaign(executor: WorldScenarioExecutor()).scenario(seed: 9)
        #expect(scenario.name == "fuzz-9" && scenario.seed == 9)
        #expect(ScenarioEncoder.encode(scenario) == ScenarioEncoder.encode(expected))
    }

    @Test func explainsAMissingExecutorAndADefectThisBuildLacks() throws {
        let captured = CommandIO.captured()
        #expect(try Self.parsed(["--seeds", "1"]).run(captured.io, executor: nil) == .software)
        #expect(captured.stderr.text == "tminus: error: \(ScenarioExecutors.missingMessage)\n")
        guard !Defects.isCompiledIn else { return }
        let defect = CommandIO.captured()
        let status = try Self.parsed(["--defect", "non-idempotent-create"]).run(defect.io, executor: nil)
        #expect(status == ExitCode(2))
        #expect(defect.stderr.text.contains("scripts/mutants.sh"))
    }
}
