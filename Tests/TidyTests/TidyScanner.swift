import Foundation

/// The tidy rules (style rule 13, TigerBeetle's `tidy.zig`): banned escape hatches in the
/// deterministic targets, plus line length, file length and leftover `FIXME`s everywhere.
enum TidyScanner {
    /// One banned construct and what to use instead.
    struct Rule: Sendable {
        /// Text matched in code (comments and string literals are ignored).
        let pattern: String
        /// Whether the character before the match must not be part of an identifier.
        let needsWordStart: Bool
        /// The replacement printed in the failure.
        let instead: String

        init(_ pattern: String, wordStart: Bool = true, instead: String) {
            self.pattern = pattern
            self.needsWordStart = wordStart
            self.instead = instead
        }
    }

    /// One finding, printed as `path:line: message`.
    struct Violation: Sendable, CustomStringConvertible, Equatable {
        let path: String
        let line: Int
        let message: String
        var description: String { "\(path):\(line): \(message)" }
    }

    /// Targets whose code must be deterministic: no real time, randomness, threads or I/O
    /// side channels. TMinusLive, TMinusCLI and tminus may use them.
    static let deterministicTargets = [
        "TMinusCore", "TMinusStore", "TMinusQueues", "TMinusEngine", "TMinusSimulation", "TMinusSQLite",
    ]

    static let rules: [Rule] = [
        Rule("Date()", instead: "read the injected clock: env.clock.now() (a WallClock)"),
        Rule("UUID()", instead: "make IDs with env.ids (IDGenerator, seeded ULIDs)"),
        Rule(
            ".random(", wordStart: false,
            instead: "draw from the injected RandomSource (env.random) or a SimulationSeed stream"),
        Rule("SystemRandomNumberGenerator", instead: "use the injected RandomSource (env.random)"),
        Rule("arc4random", instead: "use the injected RandomSource (env.random)"),
        Rule("ContinuousClock", instead: "use the injected WallClock (SimClock in simulation)"),
        Rule("SuspendingClock", instead: "use the injected WallClock (SimClock in simulation)"),
        Rule("Task.sleep", instead: "wait with env.clock.sleep(for:), which the simulator runs in virtual time"),
        Rule("DispatchQueue", instead: "use actors and async functions; the simulator cannot capture Dispatch"),
        Rule("Thread.", instead: "use tasks and actors; real threads escape the simulator (leaks)"),
        Rule(
            "ProcessInfo.processInfo.environment",
            instead: "pass configuration in explicitly (options, Environment), never from process variables"),
        Rule("print(", instead: "record to env.trace (a TraceSink) or return text to the CLI layer"),
    ]

    static let maximumLineLength = 140
    static let maximumFileLines = 800
    /// A file longer than ``maximumFileLines`` must carry this in its first 10 lines, followed by
    /// the reason, e.g. `// tidy: long-file because the generated table must stay in one place`.
    static let longFileMarker = "tidy: long-file because "

    /// Banned constructs in one file's text.
    static func bannedAPIViolations(path: String, text: String) -> [Violation] {
        var found: [Violation] = []
        for (offset, code) in SwiftCodeMask.codeLines(of: text).enumerated() {
            for rule in rules where contains(code, rule) {
                let message = "\(rule.pattern) is banned here; \(rule.instead)"
                found.append(Violation(path: path, line: offset + 1, message: message))
            }
        }
        return found
    }

    /// Over-long lines, over-long files without a stated reason, and `FIXME`s.
    static func layoutViolations(path: String, text: String) -> [Violation] {
        var found: [Violation] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() {
            if line.count > maximumLineLength {
                found.append(Violation(
                    path: path, line: offset + 1,
                    message: "line is \(line.count) characters; wrap it to at most \(maximumLineLength)"))
            }
            if line.contains("FIXME") {
                found.append(Violation(path: path, line: offset + 1, message: "leftover FIXME; fix it or file an issue"))
            }
        }
        let lineCount = text.hasSuffix("\n") ? lines.count - 1 : lines.count
        if lineCount > maximumFileLines, !lines.prefix(10).contains(where: { $0.contains(longFileMarker) }) {
            found.append(Violation(
                path: path, line: 1,
                message: "file has \(lineCount) lines (limit \(maximumFileLines)); split it, or say why in its first "
                    + "10 lines with '// \(longFileMarker)…'"))
        }
        return found
    }

    private static func contains(_ code: String, _ rule: Rule) -> Bool {
        var searchStart = code.startIndex
        while let range = code.range(of: rule.pattern, range: searchStart..<code.endIndex) {
            if !rule.needsWordStart || range.lowerBound == code.startIndex { return true }
            let before = code[code.index(before: range.lowerBound)]
            if !(before.isLetter || before.isNumber || before == "_") { return true }
            searchStart = range.upperBound
        }
        return false
    }

    /// Every `.swift` file under `Sources/<target>`, sorted, with paths relative to the package.
    static func swiftFiles(packageRoot: URL, targets: [String]) -> [(path: String, text: String)] {
        var files: [(String, String)] = []
        for target in targets {
            let base = packageRoot.appendingPathComponent("Sources").appendingPathComponent(target)
                .resolvingSymlinksInPath()
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".swift") {
                let url = base.appendingPathComponent(relative)
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                files.append(("Sources/\(target)/\(relative)", text))
            }
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// Every target folder under `Sources/`.
    static func allTargets(packageRoot: URL) -> [String] {
        let sources = packageRoot.appendingPathComponent("Sources").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? []).sorted()
    }
}
