import TMinusCore
import Testing

@testable import TMinusCLI

struct CommandRunnerTests {
    @Test func runsAValidCommandAndReturnsItsExitCode() {
        let ok = FixtureTree.run(["sim", "run", "a.json", "--seed", "3"])
        #expect(ok.status == .success)
        #expect(ok.stdout == "ran a.json seed=3\n")
        #expect(ok.stderr.isEmpty)
        #expect(FixtureTree.run(["sim", "run", "failing.json"]).status == .failure)
    }

    @Test func letsCommandsWriteToStandardError() {
        let result = FixtureTree.run(["copy", "a", "b", "--mode", "m"])
        #expect(result.stderr == "copying a\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func reportsUsageErrorsWithMessageUsageAndHelpPointerAndExit64() {
        let result = FixtureTree.run(["sim", "run", "a.json", "--sed", "1"])
        #expect(result.status == .usage)
        #expect(result.status.rawValue == 64)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                tminus: error: unknown option '--sed'; did you mean '--seed'?
                usage: \(RunFixture.usage)
                see 'tminus help sim run' for more

                """)
    }

    @Test func reportsValidationFailuresAsUsageErrorsWithoutRunning() {
        let result = FixtureTree.run(["sim", "run", "a.json", "--seed", "1", "--seeds", "1..5"])
        #expect(result.status == .usage)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("tminus: error: give either --seed or --seeds, not both\n"))
    }

    @Test func reportsUnknownCommandsAgainstTheGroupUsage() {
        let result = FixtureTree.run(["sim", "rnu"])
        #expect(result.status == .usage)
        #expect(
            result.stderr == """
                tminus: error: unknown command 'rnu' for 'tminus sim'; did you mean 'run'?
                usage: tminus sim <command>
                see 'tminus help sim' for more

                """)
    }

    @Test func printsHelpToStandardOutputAndExitsZero() {
        let result = FixtureTree.run(["sim", "run", "--help"])
        #expect(result.status == .success)
        #expect(result.stdout.hasPrefix("OVERVIEW: Run scenarios (fixture).\n"))
        #expect(result.stderr.isEmpty)
    }

    @Test func printsTheVersionMessage() {
        let result = FixtureTree.run(["--version"])
        #expect(result.status == .success)
        #expect(result.stdout == "tminus 9.9.9\n")
    }

    @Test func neverFailsOnArbitraryWords() {
        let words = ["sim", "run", "--seed", "-q", "--", "x", "--report=", "-", "-h", "bench", "=", "--=", "-5", "é"]
        var random = Xoshiro256StarStar(seed: 0x5eed)
        for _ in 0..<2_000 {
            let count = Int(random.below(6))
            let line = (0..<count).map { _ in words[Int(random.below(UInt64(words.count)))] }
            let result = FixtureTree.run(line)
            let expected: Set<Int32> = [0, 1, 64]
            #expect(expected.contains(result.status.rawValue), "line \(line)")
            if result.status == .usage {
                #expect(result.stderr.hasPrefix("tminus: error: "), "line \(line)")
            }
        }
    }
}
