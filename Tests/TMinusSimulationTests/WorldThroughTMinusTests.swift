import Foundation
import TMinusCore
import Testing

/// The person's changes through T-Minus (flow B) whose answers were lost: what the provider shows
/// is theirs, whatever the engine reported, for creates as for edits and deletes (the built binary
/// runs the scenario; see ``SimulatorBinary``).
struct WorldThroughTMinusTests {
    /// The verdict and notes of the first run of `scenarios/<name>.json`.
    private static func run(_ name: String) throws -> (verdict: JSONValue?, notes: [JSONValue]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tminus-through-\(ProcessInfo.processInfo.processIdentifier)-\(name)", isDirectory: true)
        try? FileManager.default.removeItem(at: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = SimulatorBinary.packageRoot.appendingPathComponent("scenarios/\(name).json").path
        _ = try SimulatorBinary.run(["sim", "run", file, "--report", directory.path, "--no-wall-clock"])
        let json = try String(contentsOf: directory.appendingPathComponent("summary.json"), encoding: .utf8)
        guard case .object(let root) = try StableJSON.parse(json), case .array(let runs)? = root["runs"],
            case .object(let run)? = runs.first
        else { return (nil, []) }
        guard case .array(let notes)? = run["notes"] else { return (run["verdict"], []) }
        return (run["verdict"], notes)
    }

    @Test func aCreateAppliedWithItsAnswerLostIsRecordedAndCanBeEditedLater() throws {
        let (verdict, notes) = try Self.run("a-create-through-tminus-applied-without-an-answer-is-the-persons")
        #expect(verdict == .string("pass"))
        // Without asking the provider, the create counts as not done and the later edit of "e1"
        // has nothing to change: both steps are then noted as not performed.
        let steps = notes.filter { note in
            if case .string(let text) = note { text.contains("step '") || text.contains("through T-Minus") } else { true }
        }
        #expect(steps.isEmpty, "\(steps)")
    }
}
