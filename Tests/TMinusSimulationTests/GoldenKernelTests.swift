import Foundation
import Testing

/// Compares `tminus sim kernel-check` digests with `golden/kernel/kernel-check.txt`.
///
/// A mismatch means the trace of the kernel-check workload changed: either the kernel, the
/// workload or the trace format changed on purpose (re-record, see docs/simulation-kernel.md), or
/// determinism broke (see "Debugging a determinism break" there). The failure message contains
/// the complete replacement file.
@Suite struct GoldenKernelTests {
    private struct Entry {
        let seed: String
        let order: String
        let digest: String
        var line: String { "seed=\(seed) order=\(order) digest=\(digest)" }
    }

    private static let header = [
        "# Trace digests of `tminus sim kernel-check --seed S --order O` (2000 requests, the default).",
        "# Re-record after an intended change: see docs/simulation-kernel.md, \"Golden digests\".",
    ]

    @Test func kernelCheckDigestsMatchTheGoldenFile() throws {
        let url = SimulatorBinary.packageRoot.appendingPathComponent("golden/kernel/kernel-check.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        let expected = try text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map(Self.parse)
        #expect(expected.count >= 3)
        var actual: [Entry] = []
        for entry in expected {
            let output = try SimulatorBinary.run(["sim", "kernel-check", "--seed", entry.seed, "--order", entry.order])
            #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
            actual.append(Entry(seed: entry.seed, order: entry.order, digest: output.value("digest") ?? "missing"))
        }
        let replacement = (Self.header + actual.map(\.line)).joined(separator: "\n")
        #expect(
            actual.map(\.digest) == expected.map(\.digest),
            "kernel-check digests changed; if intended, replace golden/kernel/kernel-check.txt with:\n\(replacement)\n")
    }

    private static func parse(_ line: Substring) throws -> Entry {
        var fields: [String: String] = [:]
        for word in line.split(separator: " ") {
            let parts = word.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        return Entry(
            seed: try #require(fields["seed"]), order: try #require(fields["order"]),
            digest: try #require(fields["digest"]))
    }
}
