import Foundation
import TMinusCore
import TMinusQueues
import TMinusSQLite

/// A producer, a consumer and one queue database file, driven step by step by a seeded workload
/// that can kill the process at any step. Only the file survives a crash: held leases and
/// everything else in memory are lost, exactly as when a real process dies.
///
/// The producer writes its own state row (`produced`) and the message in one transaction. The
/// consumer records each message's effect idempotently (``IdempotentEffect``) and acknowledges
/// only after the effect committed.
final class CrashWorld {
    /// Rare paths a run went through; a sweep asserts each was reached by some seed.
    enum Mark: String, CaseIterable, Comparable {
        case crashMidEnqueue, crashMidEffect, crashBetweenEffectAndAck, redeliveryAfterExpiredLease
        case retry, deadLetter, replay, staleLease

        static func < (lhs: Mark, rhs: Mark) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private struct Held {
        var leased: LeasedMessage
        var effectDone = false
    }

    let path: String
    let seed: UInt64
    private var workload: Xoshiro256StarStar
    let clock = ManualClock(start: testStart)
    private let ids: IDGenerator
    private let jitter: RandomSource
    private(set) var queue: DurableQueue
    private var held: [Held] = []
    private var nextKey = 0
    var marks: Set<Mark> = []
    /// Every step taken, for the failure message.
    private(set) var steps: [String] = []

    private static let configuration = workConfiguration(
        batchSize: 3, visibilityTimeout: .seconds(30), maxAttempts: 3,
        backoff: BackoffPolicy(base: .seconds(1), cap: .seconds(8), jitter: Ratio(1, 2)))

    init(path: String, seed: UInt64) throws {
        self.path = path
        self.seed = seed
        workload = Xoshiro256StarStar(seed: seed)
        let root = RandomSource(seed: seed ^ 0x5EED)
        ids = IDGenerator(clock: clock, random: root.fork())
        jitter = root.fork()
        queue = try Self.open(path: path, clock: clock, ids: ids, jitter: jitter)
    }

    private static func open(path: String, clock: ManualClock, ids: IDGenerator, jitter: RandomSource) throws
        -> DurableQueue
    {
        let db = try Connection(path: path)
        // A simulated crash kills the process, not the machine: the OS keeps what was written, so
        // the test may skip fsync. abandonForCrashTest still forces recovery from the WAL.
        try db.execute("PRAGMA synchronous = OFF")
        var migrator = Migrator()
        migrator.register("test-0001-producer-and-effects") { db in
            try db.execute("CREATE TABLE produced (key TEXT PRIMARY KEY)")
            try IdempotentEffect.createTables(db)
        }
        QueueSchema.register(in: &migrator)
        try migrator.migrate(db)
        return try DurableQueue(
            connection: db, ids: ids, random: jitter, trace: NullTraceSink(), configurations: [configuration])
    }

    private var db: Connection { queue.connection }

    /// Runs `count` random steps; after every crash it reopens the file and checks nothing was lost.
    func runRandomWorkload(steps count: Int) throws {
        for _ in 0..<count {
            switch workload.below(100) {
            case 0..<25: try produce()
            case 25..<45: try receive()
            case 45..<63: try applyEffect()
            case 63..<78: try acknowledge()
            case 78..<83: try fail()
            case 83..<95: advanceClock()
            default: try crash(during: "idle")
            }
        }
    }

    private func produce() throws {
        let key = "k\(nextKey)"
        nextKey += 1
        let message = workMessage(key, dedupKey: key)
        if workload.chance(Ratio(1, 8)) {
            try db.execute("BEGIN IMMEDIATE")
            try db.execute("INSERT INTO produced (key) VALUES (?)", [.text(key)])
            try queue.enqueue([message], now: clock.now(), in: db)
            marks.insert(.crashMidEnqueue)
            try crash(during: "produce \(key)")
            return
        }
        try db.inTransaction {
            try db.execute("INSERT INTO produced (key) VALUES (?)", [.text(key)])
            try queue.enqueue([message], now: clock.now(), in: db)
        }
        steps.append("produce \(key)")
    }

    private func receive() throws {
        let leased = try queue.receive(from: workQueue, now: clock.now(), maxMessages: Int(workload.int(in: 1...3)))
        for item in leased where item.message.lastError?.hasPrefix("lease of attempt") == true {
            marks.insert(.redeliveryAfterExpiredLease)
        }
        held += leased.map { Held(leased: $0) }
        steps.append("receive \(leased.map(\.message.effectKey))")
    }

    private func applyEffect() throws {
        guard let index = pick(where: { !$0.effectDone }) else { return }
        let message = held[index].leased.message
        if workload.chance(Ratio(1, 8)) {
            try db.execute("BEGIN IMMEDIATE")
            try db.execute(
                "INSERT OR IGNORE INTO effects (key, message_id) VALUES (?, ?)",
                [.text(message.effectKey), .text(message.id)])
            marks.insert(.crashMidEffect)
            try crash(during: "effect \(message.effectKey)")
            return
        }
        try IdempotentEffect.apply(message, in: db)
        held[index].effectDone = true
        steps.append("effect \(message.effectKey)")
    }

    private func acknowledge() throws {
        guard let index = pick(where: \.effectDone) else { return }
        let item = held.remove(at: index)
        let outcome = try queue.ack(item.leased.lease)
        if outcome == .leaseLost { marks.insert(.staleLease) }
        steps.append("ack \(item.leased.message.effectKey) \(outcome)")
    }

    private func fail() throws {
        guard let index = pick(where: { !$0.effectDone }) else { return }
        let item = held.remove(at: index)
        let outcome = try queue.retry(item.leased.lease, now: clock.now(), error: "injected failure")
        switch outcome {
        case .retryScheduled: marks.insert(.retry)
        case .deadLettered: marks.insert(.deadLetter)
        case .leaseLost: marks.insert(.staleLease)
        default: break
        }
        steps.append("fail \(item.leased.message.effectKey) \(outcome)")
    }

    private func advanceClock() {
        let seconds = workload.int(in: 1...40)
        clock.advance(by: .seconds(seconds))
        steps.append("advance \(seconds)s")
    }

    /// Kills the process: the connection is abandoned mid-whatever and memory is lost.
    func crash(during what: String) throws {
        if held.contains(where: \.effectDone) { marks.insert(.crashBetweenEffectAndAck) }
        steps.append("crash during \(what)")
        queue.abandonForCrashTest()
        held = []
        queue = try Self.open(path: path, clock: clock, ids: ids, jitter: jitter)
        try checkNothingLost()
    }

    private func pick(where include: (Held) -> Bool) -> Int? {
        let candidates = held.indices.filter { include(held[$0]) }
        guard !candidates.isEmpty else { return nil }
        return candidates[Int(workload.below(UInt64(candidates.count)))]
    }
}
