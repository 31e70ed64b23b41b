import Foundation
import Testing

/// The tidy test: fails when deterministic code uses the real clock, real randomness, `UUID()`,
/// Dispatch, threads, process variables or `print`, and when any source file has an over-long
/// line, is over-long without saying why, or keeps a `FIXME`. Each failure names the file, the
/// line and what to use instead.
@Suite struct TidyTests {
    /// The package root: three levels above `Tests/TidyTests/TidyTests.swift`.
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func deterministicTargetsUseNoEscapeHatches() {
        let files = TidyScanner.swiftFiles(packageRoot: Self.packageRoot, targets: TidyScanner.deterministicTargets)
        #expect(files.count > 10, "the scan found almost no sources under \(Self.packageRoot.path)/Sources")
        let violations = files.flatMap { TidyScanner.bannedAPIViolations(path: $0.path, text: $0.text) }
        #expect(violations.isEmpty, Comment(rawValue: "\n" + violations.map(\.description).joined(separator: "\n")))
    }

    @Test func sourcesKeepLineAndFileLimitsAndNoFIXME() {
        let files = TidyScanner.swiftFiles(
            packageRoot: Self.packageRoot, targets: TidyScanner.allTargets(packageRoot: Self.packageRoot))
        #expect(files.count > 10, "the scan found almost no sources under \(Self.packageRoot.path)/Sources")
        let violations = files.flatMap { TidyScanner.layoutViolations(path: $0.path, text: $0.text) }
        #expect(violations.isEmpty, Comment(rawValue: "\n" + violations.map(\.description).joined(separator: "\n")))
    }

    @Test func scannerCatchesEveryPlantedBannedAPI() {
        let planted = """
            let now = Date()
            let id = UUID()
            let roll = Int.random(in: 0...6)
            var generator = SystemRandomNumberGenerator()
            let r = arc4random()
            let c = ContinuousClock()
            let s = SuspendingClock()
            try await Task.sleep(for: .seconds(1))
            DispatchQueue.global().async {}
            Thread.sleep(forTimeInterval: 1)
            let home = ProcessInfo.processInfo.environment["HOME"]
            print("hello")
            let text = "now: \\(Date())"
            """
        let found = TidyScanner.bannedAPIViolations(path: "Planted.swift", text: planted)
        #expect(found.map(\.line) == Array(1...13))
        #expect(Set(found.map { $0.message.components(separatedBy: " is banned").first ?? "" }).count == 12)
        #expect(found.allSatisfy { $0.message.contains("; ") }, "every message suggests a replacement")
        #expect(found[0].description.hasPrefix("Planted.swift:1: Date() is banned here; read the injected clock"))
    }

    @Test func scannerIgnoresCommentsStringsAndLookalikes() {
        let clean = #"""
            // Date() in a line comment, and print( too
            /* Task.sleep in a block comment /* nested Thread. */ still comment */
            /// Never call `UUID()` here.
            let message = "do not call Date() or print(x)"
            let raw = #"DispatchQueue \(not interpolated)"#
            let block = """
                ContinuousClock in a multi-line string
                """
            let identity = ThreadIdentity.current()
            let updated = lastUpdateDate()
            io.printError("x")
            let friendly = blueprint(1)
            """#
        let found = TidyScanner.bannedAPIViolations(path: "Clean.swift", text: clean)
        #expect(found.isEmpty, "\(found)")
    }

    @Test func layoutRulesCatchLongLinesLongFilesAndFIXME() {
        let longLine = String(repeating: "x", count: 141)
        let fixme = "let a = 1 // " + "FIX" + "ME: later"
        let text = (["ok", longLine, fixme] + Array(repeating: "line", count: 800)).joined(separator: "\n") + "\n"
        let found = TidyScanner.layoutViolations(path: "Long.swift", text: text)
        #expect(found.map(\.line) == [2, 3, 1])
        let explained = "// " + TidyScanner.longFileMarker + "it is a generated table\n"
            + Array(repeating: "line", count: 801).joined(separator: "\n")
        #expect(TidyScanner.layoutViolations(path: "Table.swift", text: explained).isEmpty)
        let exactly140 = String(repeating: "y", count: 140)
        #expect(TidyScanner.layoutViolations(path: "Edge.swift", text: exactly140).isEmpty)
    }
}
