import Foundation
import Testing

/// `sim run`, `sim replay` and `golden` through the built binary: help, argument errors and
/// invalid scenario files, as a user or CI sees them.
struct SimRunEndToEndTests {
    @Test func helpDescribesRunReplayAndGolden() throws {
        let run = try TestBinary.run(["sim", "run", "--help"])
        #expect(run.status == 0)
        #expect(
            run.stdout.contains("USAGE: tminus sim run <scenario.json|dir>... [--seed N] [--seeds A..B] [--report DIR]")
        )
        #expect(run.stdout.contains("--no-wall-clock"))
        let replay = try TestBinary.run(["help", "sim", "replay"])
        #expect(replay.status == 0 && replay.stdout.contains("--until"))
        let golden = try TestBinary.run(["golden", "--help"])
        #expect(golden.status == 0)
        #expect(golden.stdout.contains("check") && golden.stdout.contains("record"))
        let sim = try TestBinary.run(["sim"])
        #expect(sim.stdout.contains("\n  run ") && sim.stdout.contains("\n  replay "))
    }

    @Test func argumentErrorsExitWithUsageStatus() throws {
        for arguments in [
            ["sim", "run"], ["sim", "run", "a.json", "--seeds", "5..1"], ["sim", "run", "a.json", "--seed", "x"],
            ["sim", "run", "a.json", "--sed", "1"], ["sim", "replay", "a.json"], ["golden", "chek"],
        ] {
            let result = try TestBinary.run(arguments)
            #expect(result.exitedNormally && result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("tminus: error: "), "\(arguments)")
        }
        let typo = try TestBinary.run(["sim", "run", "a.json", "--sed", "1"])
        #expect(typo.stderr.hasPrefix("tminus: error: unknown option '--sed'; did you mean '--seed'?"))
    }

    @Test func invalidScenarioExitsWithDataErrorNamingFileAndPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sim-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.json").path
        try """
        {"name": "bad", "description": "d", "duration": "P1D",
         "users": [{"id": "u", "accounts": [{"id": "a", "provider": "google"}]}],
         "faults": [{"kind": "latency", "latency": "PT1S"}, {"kind": "push-loss", "window": {"from": "6 hours"}}]}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        for arguments in [["sim", "run", file], ["sim", "replay", file, "--seed", "1"], ["golden", "check", file]] {
            let result = try TestBinary.run(arguments)
            #expect(result.status == 65, "\(arguments)")
            #expect(
                result.stderr.contains("\(file): faults[1].window.from: expected an offset from the start"),
                "\(arguments)")
            #expect(result.stderr.contains("found \"6 hours\""))
        }
        let missing = try TestBinary.run(["sim", "run", directory.appendingPathComponent("nope.json").path])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("nope.json: cannot read the scenario file: no such file or directory"))
    }
}
