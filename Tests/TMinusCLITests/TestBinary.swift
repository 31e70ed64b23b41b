import Foundation
import TMinusTestSupport

/// Finds the `tminus` executable that `swift test` built and runs it as a subprocess, for
/// end-to-end tests (argument-parser's `AssertExecuteCommand`, without the package).
///
/// Lookup, first hit wins:
/// 1. the products directory of the running test bundle: every ancestor (up to four levels) of
///    the test runner's executable and of each loaded `.xctest` bundle (Linux runs
///    `<products>/<package>PackageTests.xctest` directly; macOS nests it as a bundle);
/// 2. otherwise the package's scratch directories found from `#filePath` (`.build*/debug`, with
///    or without a target-triple folder), newest binary first, so any `--scratch-path` under the
///    package root works.
///
/// Reuse it from any test in this target: `let result = try TestBinary.run(["version"])`.
enum TestBinary {
    /// What one run of the binary produced.
    struct Output: Sendable {
        /// Everything written to standard output, decoded as UTF-8.
        let stdout: String
        /// Everything written to standard error, decoded as UTF-8.
        let stderr: String
        /// The exit status, or the signal number if `exitedNormally` is false.
        let status: Int32
        /// False when the process died of a signal (a crash or a timeout kill).
        let exitedNormally: Bool
    }

    /// Failures of the harness itself (not of the program under test).
    enum Failure: Error, CustomStringConvertible {
        case notFound(searched: [String])
        case timedOut(arguments: [String], seconds: Int)

        var description: String {
            switch self {
            case .notFound(let searched):
                return "the tminus executable was not found; run 'swift build' first. Looked in: "
                    + searched.joined(separator: ", ")
            case .timedOut(let arguments, let seconds):
                return "tminus \(arguments.joined(separator: " ")) did not finish within \(seconds) s; it was killed"
            }
        }
    }

    /// The path of the built executable called `name`.
    /// - Throws: ``Failure/notFound(searched:)`` listing every directory that was searched.
    static func url(named name: String = "tminus", filePath: String = #filePath) throws -> URL {
        var searched: [String] = []
        for directory in productDirectoryCandidates() {
            searched.append(directory.path)
            let candidate = directory.appendingPathComponent(name)
            if isExecutableFile(candidate) { return candidate }
        }
        let scratch = scratchDirectoryCandidates(packageRoot: packageRoot(from: filePath), name: name)
        searched.append(contentsOf: scratch.searched)
        if let newest = scratch.found.max(by: { modificationDate($0) < modificationDate($1) }) {
            return newest
        }
        throw Failure.notFound(searched: searched)
    }

    /// Runs the built binary with `arguments` and collects its output (``ChildProcess``: not
    /// Foundation's `Process`, whose `run()` crashes now and then on Linux). Standard input is
    /// empty; the child inherits this process's environment and working directory.
    /// - Parameter timeoutSeconds: a hang guard, not a performance assertion; the child is killed
    ///   after it and ``Failure/timedOut(arguments:seconds:)`` is thrown.
    static func run(_ arguments: [String], timeoutSeconds: Int = 120) throws -> Output {
        let result = try ChildProcess.run(executable: try url().path, arguments: arguments, timeoutSeconds: timeoutSeconds)
        if result.timedOut { throw Failure.timedOut(arguments: arguments, seconds: timeoutSeconds) }
        return Output(
            stdout: String(decoding: result.stdout, as: UTF8.self),
            stderr: String(decoding: result.stderr, as: UTF8.self),
            status: result.status, exitedNormally: result.exitedNormally)
    }

    /// Ancestors of the test runner's executable and of loaded `.xctest` bundles.
    private static func productDirectoryCandidates() -> [URL] {
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        if let first = CommandLine.arguments.first, first.contains("/") {
            starts.append(URL(fileURLWithPath: first))
        }
        starts.append(contentsOf: Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" })
        var directories: [URL] = []
        for start in starts {
            var directory = start.resolvingSymlinksInPath()
            for _ in 0..<4 {
                directory = directory.deletingLastPathComponent()
                if !directories.contains(directory) { directories.append(directory) }
            }
        }
        return directories
    }

    /// `.build*/debug/<name>` and `.build*/<triple>/debug/<name>` under the package root.
    private static func scratchDirectoryCandidates(
        packageRoot: URL, name: String
    ) -> (found: [URL], searched: [String]) {
        let manager = FileManager.default
        let entries = (try? manager.contentsOfDirectory(atPath: packageRoot.path)) ?? []
        var found: [URL] = []
        var searched: [String] = []
        for entry in entries.sorted() where entry.hasPrefix(".build") {
            let scratch = packageRoot.appendingPathComponent(entry)
            let triples = ((try? manager.contentsOfDirectory(atPath: scratch.path)) ?? []).sorted()
            let configurations = [scratch.appendingPathComponent("debug")]
                + triples.map { scratch.appendingPathComponent($0).appendingPathComponent("debug") }
            for directory in configurations {
                searched.append(directory.path)
                let candidate = directory.appendingPathComponent(name)
                if isExecutableFile(candidate) { found.append(candidate) }
            }
        }
        return (found, searched)
    }

    /// The package root: three levels above `Tests/TMinusCLITests/TestBinary.swift`.
    private static func packageRoot(from filePath: String) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    private static func isExecutableFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }

    private static func modificationDate(_ url: URL) -> Date {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        return attributes?[.modificationDate] as? Date ?? .distantPast
    }
}
