import Foundation
import TMinusCore
import TMinusQueues
import TMinusSQLite

/// The instant every test clock starts at: 2026-03-02T08:00:00Z.
let testStart = Timestamp(secondsSinceEpoch: 1_772_438_400)

/// A queue named `work` with small, round numbers so schedules are easy to state in tests.
let workQueue = QueueName("work")

/// The `work` queue's configuration; tests override single fields.
func workConfiguration(
    batchSize: Int = 3, visibilityTimeout: Duration = .seconds(30), maxAttempts: Int = 3,
    backoff: BackoffPolicy = BackoffPolicy(base: .seconds(1), cap: .seconds(8), jitter: Ratio(1, 4)),
    concurrencyLimit: Int = 2, pollInterval: Duration = .seconds(5)
) -> QueueConfiguration {
    QueueConfiguration(
        name: workQueue, batchSize: batchSize, visibilityTimeout: visibilityTimeout, maxAttempts: maxAttempts,
        backoff: backoff, concurrencyLimit: concurrencyLimit, pollInterval: pollInterval)
}

/// Everything a queue test needs: a manual clock, ids and jitter from fixed seeds, a recording trace.
struct QueueFixture {
    let clock: ManualClock
    let ids: IDGenerator
    let random: RandomSource
    let trace: MemoryTraceSink
    let configurations: [QueueConfiguration]

    init(
        seed: UInt64 = 1,
        configurations: [QueueConfiguration] = [workConfiguration()] + QueueConfiguration.seedDefaults
    ) {
        clock = ManualClock(start: testStart)
        ids = IDGenerator(clock: clock, random: RandomSource(seed: seed))
        random = RandomSource(seed: seed &+ 1000)
        trace = MemoryTraceSink()
        self.configurations = configurations
    }

    var now: Timestamp { clock.now() }

    /// Opens (creating and migrating) the queue database at `path`.
    func open(_ path: String = ":memory:") throws -> DurableQueue {
        let connection = try Connection(path: path)
        try QueueSchema.migrator.migrate(connection)
        return try DurableQueue(
            connection: connection, ids: ids, random: random, trace: trace, configurations: configurations)
    }
}

/// A `work` message whose payload names `key`.
func workMessage(_ key: String, dedupKey: String? = nil, delay: Duration = .zero) -> OutgoingMessage {
    OutgoingMessage(
        queue: workQueue, type: MessageType("WORK"), payload: ["key": .string(key)], traceID: "trace-\(key)",
        dedupKey: dedupKey, delay: delay)
}

/// The `key` field of a `work` message's payload.
func payloadKey(_ message: QueueMessage) -> String? {
    guard case .object(let fields) = message.payload, case .string(let key)? = fields["key"] else { return nil }
    return key
}

/// A fresh, empty directory named after the test, this process and a counter, removed afterwards.
func withTemporaryDirectory<T>(testName: String = #function, _ body: (URL) throws -> T) throws -> T {
    let directory = try makeTemporaryDirectory(testName)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// The async form of ``withTemporaryDirectory(testName:_:)``.
func withTemporaryDirectory<T>(testName: String = #function, _ body: (URL) async throws -> T) async throws -> T {
    let directory = try makeTemporaryDirectory(testName)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// Numbers the temporary directories of this process, so parallel tests never share one.
private let directoryCounter = LockedBox(0)

private func makeTemporaryDirectory(_ testName: String) throws -> URL {
    let number = directoryCounter.withLock { count in
        count += 1
        return count
    }
    let safeName = String(testName.map { $0.isLetter || $0.isNumber ? $0 : "-" }) + "-\(number)"
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("tminus-queues-tests", isDirectory: true)
        .appendingPathComponent("\(safeName)-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
    try? FileManager.default.removeItem(at: directory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// An error a test handler throws on purpose.
struct HandlerFailure: Error, CustomStringConvertible {
    var reason: String
    var description: String { "handler failed: \(reason)" }
}
