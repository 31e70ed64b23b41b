import Foundation
import TMinusCore
import TMinusQueues
import TMinusSQLite
import Testing

/// A consumer's effect, recorded idempotently in the same database file as the queue: one row per
/// effect key (what "exactly once" means) and a count of how often the effect ran.
enum IdempotentEffect {
    static func createTables(_ db: Connection) throws {
        try db.execute(
            """
            CREATE TABLE IF NOT EXISTS effects (key TEXT PRIMARY KEY, message_id TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS executions (key TEXT PRIMARY KEY, count INTEGER NOT NULL);
            """)
    }

    /// Applies the effect of `message` in one transaction.
    static func apply(_ message: QueueMessage, in db: Connection) throws {
        try db.inTransaction {
            try db.execute(
                "INSERT OR IGNORE INTO effects (key, message_id) VALUES (?, ?)",
                [.text(message.effectKey), .text(message.id)])
            try db.execute(
                "INSERT INTO executions (key, count) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET count = count + 1",
                [.text(message.effectKey)])
        }
    }

    static func recorded(in db: Connection) throws -> [String] {
        try db.query("SELECT key FROM effects ORDER BY key").map { try $0.get("key") }
    }

    static func executions(of key: String, in db: Connection) throws -> Int {
        try db.scalar("SELECT count FROM executions WHERE key = ?", [.text(key)], as: Int.self) ?? 0
    }
}

struct CrashRecoveryTests {
    @Test func committedMessagesSurviveAnAbandonedConnection() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("queues.sqlite").path
            let fixture = QueueFixture()
            let queue = try fixture.open(path)
            try queue.enqueue((1...4).map { workMessage("m\($0)") }, now: fixture.now)
            queue.abandonForCrashTest()
            let reopened = try fixture.open(path)
            #expect(try reopened.messages(in: workQueue).compactMap(payloadKey) == ["m1", "m2", "m3", "m4"])
        }
    }

    @Test func anEnqueueInterruptedBeforeItsCommitLeavesNothing() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("queues.sqlite").path
            let fixture = QueueFixture()
            let queue = try fixture.open(path)
            try queue.enqueue(workMessage("committed"), now: fixture.now)
            try queue.connection.execute("BEGIN IMMEDIATE")
            try queue.enqueue([workMessage("in flight")], now: fixture.now, in: queue.connection)
            queue.abandonForCrashTest()
            let reopened = try fixture.open(path)
            #expect(try reopened.messages(in: workQueue).compactMap(payloadKey) == ["committed"])
        }
    }

    @Test func aCrashBetweenEffectAndAckRedeliversAndTheEffectStaysSingle() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("queues.sqlite").path
            let fixture = QueueFixture()
            let queue = try fixture.open(path)
            try IdempotentEffect.createTables(queue.connection)
            try queue.enqueue(workMessage("a", dedupKey: "obx_a"), now: fixture.now)
            let first = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
            try IdempotentEffect.apply(first.message, in: queue.connection)
            queue.abandonForCrashTest()

            let restarted = try fixture.open(path)
            #expect(try restarted.receive(from: workQueue, now: testStart.adding(.seconds(29))).isEmpty,
                "the dead consumer's lease still hides the message")
            let again = try #require(try restarted.receive(from: workQueue, now: testStart.adding(.seconds(30))).first)
            #expect(again.message.id == first.message.id && again.message.attempt == 2)
            try IdempotentEffect.apply(again.message, in: restarted.connection)
            #expect(try restarted.ack(again.lease) == .acknowledged)
            #expect(try IdempotentEffect.recorded(in: restarted.connection) == ["obx_a"])
            #expect(try IdempotentEffect.executions(of: "obx_a", in: restarted.connection) == 2)
            #expect(try restarted.depth(of: workQueue) == 0)
        }
    }

    @Test func aCrashAfterTheAckCommitsDoesNotRedeliver() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("queues.sqlite").path
            let fixture = QueueFixture()
            let queue = try fixture.open(path)
            try queue.enqueue(workMessage("a"), now: fixture.now)
            let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
            try queue.ack(leased.lease)
            queue.abandonForCrashTest()
            let restarted = try fixture.open(path)
            #expect(try restarted.receive(from: workQueue, now: testStart.adding(.seconds(3600))).isEmpty)
        }
    }

    @Test func retriesAndDeadLettersSurviveACrash() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("queues.sqlite").path
            let fixture = QueueFixture()
            let queue = try fixture.open(path)
            try queue.enqueue([workMessage("retry"), workMessage("dead")], now: fixture.now)
            let leased = try queue.receive(from: workQueue, now: fixture.now)
            let retry = try queue.retry(leased[0].lease, now: fixture.now, error: "503", retryAfter: .seconds(10))
            try queue.deadLetter(leased[1].lease, now: fixture.now, error: "bad")
            queue.abandonForCrashTest()
            let restarted = try fixture.open(path)
            #expect(retry == .retryScheduled(at: testStart.adding(.seconds(10))))
            #expect(try restarted.nextVisibleAt(in: workQueue, after: fixture.now) == testStart.adding(.seconds(10)))
            #expect(try restarted.deadLetters(in: workQueue).map(\.error) == ["bad"])
        }
    }

    @Test func theEnvironmentInitializerCreatesTheFileAndReopensIt() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("queues.sqlite").path
            let environment = Environment.deterministic(seed: 3)
            let queue = try DurableQueue(path: path, environment: environment)
            #expect(queue.queueNames == [.reconcile, .sync, .write])
            try queue.enqueue(OutgoingMessage(queue: .reconcile, type: .reconcileAccount, payload: [:]), now: testStart)
            queue.abandonForCrashTest()
            let reopened = try DurableQueue(path: path, environment: environment)
            #expect(try reopened.depth(of: .reconcile) == 1)
            #expect(try reopened.configuration(for: .write).batchSize == 25)
        }
    }
}
