import Foundation
import TMinusSQLite

/// A fresh private in-memory database (one per test).
func makeMemoryConnection() throws -> Connection {
    try Connection(path: ":memory:")
}

/// Runs `body` with a fresh empty directory under the system temporary directory, named after the test
/// and this process so parallel tests and concurrent runs never share files, and removes it afterwards.
func withTemporaryDirectory<T>(testName: String = #function, _ body: (URL) throws -> T) throws -> T {
    let safeName = String(testName.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("tminus-sqlite-tests", isDirectory: true)
        .appendingPathComponent("\(safeName)-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
    try? FileManager.default.removeItem(at: directory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// An error thrown by test bodies, distinguishable from any SQLite error.
struct BodyError: Error, Equatable {
    var marker: Int
}

/// SplitMix64: a tiny seeded generator so property tests replay exactly from their seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The seeds every property test sweeps.
let propertySeeds: [UInt64] = [1, 2, 3, 42, 0xDEAD_BEEF, 0x5EED_0000_0000_0001]

/// Text that looks like user data; no error may ever contain it.
let secretUserText = "Dinner with Zoë at Café Ünïcødé 🎉 secret-7f3a91"
