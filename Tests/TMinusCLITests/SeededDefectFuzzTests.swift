#if TMINUS_SEEDED_DEFECTS
    import Foundation
    import TMinusCore
    import TMinusSimulation
    import Testing

    /// The fuzzer's acceptance test (issue 8): with a seeded defect compiled in and switched on, a
    /// fuzz run finds it, shrinks the failing scenario to one of at most 10 steps, and that file, run
    /// on its own by `tminus sim run`, still fails with the same invariant.
    ///
    /// Only in a build with the defects:
    /// `swift test --scratch-path .build-mutants -Xswiftc -DTMINUS_SEEDED_DEFECTS --filter SeededDefectFuzzTests`
    /// (`scripts/fuzz-acceptance.sh`; CI runs it).
    struct SeededDefectFuzzTests {
        @Test(.timeLimit(.minutes(20)))
        func aFuzzRunFindsASeededDefectAndShrinksItToAScenarioOfAtMostTenSteps() throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-defect-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let fuzz = try TestBinary.run(
                [
                    "sim", "fuzz", "--defect", "non-idempotent-create", "--seeds", "60", "--stop-on-failure",
                    "--report", directory.path, "--quiet", "--no-wall-clock",
                ], timeoutSeconds: 1_100)
            #expect(fuzz.exitedNormally && fuzz.status == 1, "\(fuzz.stdout)\n\(fuzz.stderr)")
            #expect(fuzz.stderr.contains("FAILED invariant D (idempotency)"))
            let line = try #require(fuzz.stdout.split(separator: "\n").first { $0.contains("shrunk scenario: ") })
            let path = try #require(line.split(separator: " ").first { $0.hasSuffix("-shrunk.json") }).description
            #expect(line.contains("it fails with invariant D"))

            let shrunk = try ScenarioLoader.load(file: path)
            #expect(shrunk.steps.count <= 10, "\(ScenarioEncoder.encode(shrunk))")
            #expect(shrunk.expect.mustFire == .d && shrunk.expect.defect == "non-idempotent-create")
            let original = try ScenarioLoader.load(file: path.replacingOccurrences(of: "-shrunk.json", with: ".json"))
            #expect(shrunk.accounts.count <= original.accounts.count)
            #expect(shrunk.steps.count + shrunk.faults.count < original.steps.count + original.faults.count)

            // The file alone reproduces it: `sim run` switches the defect on from `expect.defect`, and
            // the run passes exactly when D fires (`mustFire`).
            let rerun = try TestBinary.run(
                ["sim", "run", path, "--report", directory.appendingPathComponent("rerun").path, "--quiet"],
                timeoutSeconds: 300)
            #expect(rerun.exitedNormally && rerun.status == 0, "\(rerun.stdout)\n\(rerun.stderr)")
            #expect(rerun.stdout.contains("PASSED: 1 run of 1 scenario"))
        }
    
        /// `tminus sim mutants` (issue 8's acceptance): every seeded defect is killed, each by a
        /// checker finding, and the correct engine passes the control worlds first. A defect whose
        /// writes never settle (`every-echo-is-drift`) ends at its first violation instead of running
        /// its loop through the whole world.
        @Test(.timeLimit(.minutes(10)))
        func simMutantsKillsEverySeededDefect() throws {
            let mutants = try TestBinary.run(["sim", "mutants"], timeoutSeconds: 540)
            #expect(mutants.exitedNormally && mutants.status == 0, "\(mutants.stdout)\n\(mutants.stderr)")
            #expect(mutants.stdout.contains("all \(SeededDefect.allCases.count) defect(s) killed"), "\(mutants.stdout)")
            for defect in SeededDefect.allCases {
                let row = mutants.stdout.split(separator: "\n").first { $0.hasPrefix(defect.rawValue + " ") }
                #expect(row?.hasSuffix(" killed") == true, "\(defect.rawValue): \(row ?? "no row")")
            }
        }
    }
#endif
