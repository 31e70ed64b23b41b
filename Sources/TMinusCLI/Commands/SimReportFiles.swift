import Foundation
import TMinusSimulation

/// Writes the three reports of a `sim run` into one directory (created if needed):
/// `summary.json`, `junit.xml` and `index.html`. Each file is written whole (atomically), so a
/// reader never sees half a report.
enum SimReportFiles {
    /// The file names, in the order they are listed.
    static let names = ["summary.json", "junit.xml", "index.html"]

    /// A report could not be written.
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot write report '\(path)': \(reason); check that the directory is writable" }
    }

    /// Writes the reports and returns their paths.
    /// - Throws: ``WriteError`` naming the file.
    static func write(_ results: [ScenarioRunResult], options: ReportOptions, directory: String) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: directory, reason: "the directory cannot be created")
        }
        let texts = [
            JSONSummaryReport.render(results, options: options),
            JUnitReport.render(results, options: options),
            HTMLReport.render(results, options: options),
        ]
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var paths: [String] = []
        for (name, text) in zip(names, texts) {
            let path = prefix + name
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw WriteError(path: path, reason: error.localizedDescription)
            }
            paths.append(path)
        }
        return paths
    }
}
