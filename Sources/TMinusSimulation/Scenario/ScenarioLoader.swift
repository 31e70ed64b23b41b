import Foundation

/// Finds and loads scenario files: each argument is a `.json` file or a directory whose `*.json`
/// files (not recursive) are taken in sorted name order.
///
/// Loading never stops at the first bad file: every file is read and every problem collected, so
/// one command shows everything to fix. Scenario names must be unique across what was loaded.
public enum ScenarioLoader: Sendable {
    /// The scenario files `paths` stand for, in order: files as given, directories expanded.
    /// - Throws: ``ScenarioLoadError/unreadable(file:reason:)`` for a missing path,
    ///   ``ScenarioLoadError/emptyDirectory(directory:)`` for a directory without scenarios.
    public static func files(for paths: [String]) throws(ScenarioLoadError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable(file: path, reason: "no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw .unreadable(file: path, reason: "the directory cannot be listed")
            }
            let scenarios = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
            guard !scenarios.isEmpty else { throw .emptyDirectory(directory: path) }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            files.append(contentsOf: scenarios.map { prefix + $0 })
        }
        return files
    }

    /// Loads one file.
    /// - Throws: ``ScenarioLoadError`` naming the file.
    public static func load(file: String) throws(ScenarioLoadError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .unreadable(file: file, reason: "the file cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(file: file, reason: "the file is not UTF-8 text")
        }
        return try ScenarioDecoder.decode(text: text, file: file)
    }

    /// Loads every scenario `paths` stand for.
    /// - Returns: the scenarios in order, and every error (unreadable paths, invalid files,
    ///   duplicate names). Callers run nothing when `errors` is not empty.
    public static func loadAll(_ paths: [String]) -> (scenarios: [Scenario], errors: [ScenarioLoadError]) {
        var scenarios: [Scenario] = []
        var errors: [ScenarioLoadError] = []
        var files: [String] = []
        for path in paths {
            do {
                files += try Self.files(for: [path])
            } catch {
                errors.append(error)
            }
        }
        var fileByName: [String: String] = [:]
        for file in files {
            do {
                let scenario = try load(file: file)
                if let first = fileByName[scenario.name] {
                    errors.append(.duplicateName(name: scenario.name, files: [first, file]))
                    continue
                }
                fileByName[scenario.name] = file
                scenarios.append(scenario)
            } catch {
                errors.append(error)
            }
        }
        return (scenarios, errors)
    }
}
