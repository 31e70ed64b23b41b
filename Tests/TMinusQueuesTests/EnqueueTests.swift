import TMinusCore
import TMinusQueues
import TMinusSQLite
import Testing

struct EnqueueTests {
    @Test func enqueueFillsTheEnvelope() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let result = try queue.enqueue(workMessage("a", delay: .seconds(10)), now: fixture.now)
        guard case .enqueued(let message) = result else {
            Issue.record("expected a stored message, got \(result)")
            return
        }
        #expect(message.id.hasPrefix("msg_") && message.id.count == 30)
        #expect(message.queue == workQueue && message.type == MessageType("WORK"))
        #expect(message.traceID == "trace-a")
        #expect(message.enqueuedAt == testStart && message.visibleAt == testStart.adding(.seconds(10)))
        #expect(message.attempt == 0 && message.deliveryCount == 0 && message.lastError == nil)
        #expect(try queue.messages(in: workQueue) == [message], "what was stored reads back identically")
    }

    @Test func aMessageWithoutTraceIDIsTracedByItsOwnID() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let result = try queue.enqueue(
            OutgoingMessage(queue: .sync, type: .syncFull, payload: ["account_id": "acc_1", "reason": "onboarding"]),
            now: fixture.now)
        guard case .enqueued(let message) = result else {
            Issue.record("expected a stored message, got \(result)")
            return
        }
        #expect(message.traceID == message.id)
    }

    @Test func aDedupKeyEnqueuesOnceWithinTheWindowAndAgainAfterIt() throws {
        let fixture = QueueFixture()
        let connection = try Connection(path: ":memory:")
        try QueueSchema.migrator.migrate(connection)
        let queue = try DurableQueue(
            connection: connection, ids: fixture.ids, random: fixture.random, trace: fixture.trace,
            configurations: fixture.configurations, dedupWindow: .seconds(60))
        let first = try queue.enqueue(workMessage("a", dedupKey: "obx_1"), now: fixture.now)
        let again = try queue.enqueue(workMessage("a", dedupKey: "obx_1"), now: fixture.now.adding(.seconds(59)))
        #expect(again == .duplicate(dedupKey: "obx_1", existingMessageID: first.messageID))
        let otherQueue = try queue.enqueue(
            OutgoingMessage(queue: .write, type: .upsertMirror, payload: [:], dedupKey: "obx_1"), now: fixture.now)
        #expect(otherQueue.messageID != first.messageID, "dedup keys are per queue")
        let afterWindow = try queue.enqueue(workMessage("a", dedupKey: "obx_1"), now: fixture.now.adding(.seconds(60)))
        #expect(afterWindow.messageID != first.messageID)
        #expect(try queue.depth(of: workQueue) == 2)
        #expect(try queue.stats(for: workQueue, now: fixture.now).total(.duplicates) == 1)
    }

    @Test func aDedupKeyRepeatedInOneBatchKeepsTheFirstMessage() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let results = try queue.enqueue(
            [workMessage("a", dedupKey: "k"), workMessage("b", dedupKey: "k")], now: fixture.now)
        #expect(results[1] == .duplicate(dedupKey: "k", existingMessageID: results[0].messageID))
        #expect(try queue.messages(in: workQueue).compactMap(payloadKey) == ["a"])
    }

    @Test func anUnknownQueueIsRefusedAndNothingOfTheBatchIsStored() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let stray = OutgoingMessage(queue: QueueName("nowhere"), type: MessageType("X"), payload: nil)
        let error = #expect(throws: QueueError.self) { try queue.enqueue([workMessage("a"), stray], now: fixture.now) }
        guard case .unknownQueue(let name, let known)? = error else {
            Issue.record("expected unknownQueue, got \(String(describing: error))")
            return
        }
        #expect(name == QueueName("nowhere") && known == [.reconcile, .sync, workQueue, .write])
        #expect(error?.description.contains("add a QueueConfiguration") == true)
        #expect(try queue.depth(of: workQueue) == 0)
    }

    @Test func anEnqueueInsideTheProducersTransactionCommitsAndRollsBackWithIt() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let db = queue.connection
        try db.execute("CREATE TABLE producer_state (key TEXT PRIMARY KEY)")
        try db.inTransaction {
            try db.execute("INSERT INTO producer_state VALUES (?)", ["kept"])
            try queue.enqueue(workMessage("kept"), now: fixture.now)
        }
        #expect(throws: HandlerFailure.self) {
            try db.inTransaction {
                try db.execute("INSERT INTO producer_state VALUES (?)", ["undone"])
                try queue.enqueue([workMessage("undone")], now: fixture.now, in: db)
                throw HandlerFailure(reason: "the producer changed its mind")
            }
        }
        #expect(try db.query("SELECT key FROM producer_state").map { try $0.get("key", as: String.self) } == ["kept"])
        #expect(try queue.messages(in: workQueue).compactMap(payloadKey) == ["kept"])
    }

    @Test func enqueueingInAConnectionOutsideATransactionIsRefused() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let error = #expect(throws: QueueError.self) {
            try queue.enqueue([workMessage("a")], now: fixture.now, in: queue.connection)
        }
        guard case .notInTransaction? = error else {
            Issue.record("expected notInTransaction, got \(String(describing: error))")
            return
        }
        #expect(try queue.depth(of: workQueue) == 0)
    }

    @Test func theQueueTablesCanLiveInAStoresOwnMigrator() throws {
        let fixture = QueueFixture()
        var migrator = Migrator()
        migrator.register("0001-create-outbox") { db in try db.execute("CREATE TABLE outbox (id TEXT PRIMARY KEY)") }
        QueueSchema.register(in: &migrator)
        let connection = try Connection(path: ":memory:")
        try migrator.migrate(connection)
        #expect(try migrator.appliedIdentifiers(in: connection) == ["0001-create-outbox", "queues-0001-create-tables"])
        let queue = try DurableQueue(
            connection: connection, ids: fixture.ids, random: fixture.random, trace: fixture.trace,
            configurations: fixture.configurations)
        try queue.enqueue(workMessage("a"), now: fixture.now)
        #expect(try queue.depth(of: workQueue) == 1)
    }

    @Test func aDatabaseWithoutQueueTablesIsRefused() throws {
        let fixture = QueueFixture()
        let connection = try Connection(path: ":memory:")
        let error = #expect(throws: QueueError.self) {
            try DurableQueue(connection: connection, ids: fixture.ids, random: fixture.random, trace: fixture.trace)
        }
        guard case .schemaMissing? = error else {
            Issue.record("expected schemaMissing, got \(String(describing: error))")
            return
        }
    }

    @Test func mirrorCommandsTravelAsWriteMessagesAndReadBack() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let command = MirrorCommand.delete(
            DeleteMirror(
                canonicalEventID: "evt_1", targetAccountID: "acc_2", targetCalendarID: nil, providerEventID: "p9"))
        try queue.enqueue(.mirrorCommand(command, traceID: "t1"), now: fixture.now)
        let leased = try queue.receive(from: .write, now: fixture.now)
        #expect(leased.map(\.message.type) == [.deleteManagedMirror])
        #expect(try leased.first?.message.mirrorCommand() == command)
    }

    @Test func theTraceRecordsEnqueuesAndDuplicatesWithoutPayloads() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let stored = try queue.enqueue(workMessage("secret-title", dedupKey: "k"), now: fixture.now)
        try queue.enqueue(workMessage("secret-title", dedupKey: "k"), now: fixture.now)
        #expect(fixture.trace.records == [
            "queue enqueue work \(stored.messageID) WORK visible=2026-03-02T08:00:00.000Z",
            "queue duplicate work \(stored.messageID) WORK",
        ])
    }
}
