import Foundation
import TMinusTestSupport

/// Runs the built `tminus` executable as a subprocess: the only way to test real async capture,
/// because the executor factory is process-global and cannot be installed inside `swift test`.
///
/// The lookup follows `Tests/TMinusCLITests/TestBinary.swift`: the directories around the running
/// test bundle first (that is where `swift test --scratch-path X` puts `tminus`), then every
/// `.build*/debug` under the package root.
enum SimulatorBinary {
    struct Output: Sendable {
        let stdout: String
        let stderr: String
        let status: Int32

        /// The value after `key=` on the last line that has it, e.g. `digest`.
        func value(_ key: String) -> String? {
            for line in stdout.split(separator: "\n").reversed() {
                for word in line.split(separator: " ") where word.hasPrefix(key + "=") {
                    return String(word.dropFirst(key.count + 1))
                }
            }
            return nil
        }
    }

    struct NotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "tminus was not built; run swift build first. Looked in: \(searched.joined(separator: ", "))"
        }
    }

    /// Runs the binary with `arguments` (``ChildProcess``: not Foundation's `Process`, whose
    /// `run()` crashes now and then on Linux) and collects its output.
    static func run(_ arguments: [String], timeoutSeconds: Int = 300) throws -> Output {
        let result = try ChildProcess.run(
            executable: try executable().path, arguments: arguments, timeoutSeconds: timeoutSeconds)
        return Output(
            stdout: String(decoding: result.stdout, as: UTF8.self),
            stderr: String(decoding: result.stderr, as: UTF8.self),
            status: result.status)
    }

    /// The package root, from this file's path.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    private static func executable() throws -> URL {
        var searched: [String] = []
        var starts = Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        if let main = Bundle.main.executableURL { starts.append(main) }
        if let first = CommandLine.arguments.first, first.contains("/") { starts.append(URL(fileURLWithPath: first)) }
        for start in starts {
            var directory = start.resolvingSymlinksInPath()
            for _ in 0..<4 {
                directory = directory.deletingLastPathComponent()
                let candidate = directory.appendingPathComponent("tminus")
                searched.append(directory.path)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot.path)) ?? []
        for entry in entries.sorted() where entry.hasPrefix(".build") {
            let candidate = packageRoot.appendingPathComponent(entry).appendingPathComponent("debug/tminus")
            searched.append(candidate.path)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw NotFound(searched: searched)
    }
}
