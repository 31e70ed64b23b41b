import Foundation
import TMinusSimulation
import Testing

/// Every scenario file of the suite in `scenarios/` loads and validates (no run), so a broken
/// scenario fails CI in seconds instead of at the end of the suite.
struct ScenarioSuiteTests {
    /// The package's `scenarios/` directory, found from this file's path.
    static func suiteDirectory(filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios").path
    }

    @Test
    func everyScenarioInTheSuiteValidates() throws {
        let files = try ScenarioLoader.files(for: [Self.suiteDirectory()])
        let (scenarios, errors) = ScenarioLoader.loadAll(files)
        #expect(errors.isEmpty, "invalid scenario files:\n\(errors.map(\.description).joined(separator: "\n"))")
        #expect(scenarios.count == files.count)
        #expect(files.count >= 25, "the suite holds \(files.count) scenarios; it needs at least 25")
    }

    @Test
    func everyScenarioIsNamedForItsFileAndDescribed() throws {
        let files = try ScenarioLoader.files(for: [Self.suiteDirectory()])
        for file in files {
            let scenario = try ScenarioLoader.load(file: file)
            let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            #expect(scenario.name == base, "\(file): name '\(scenario.name)' differs from the file name")
            #expect(!scenario.description.isEmpty, "\(file) has no description")
        }
    }
}
