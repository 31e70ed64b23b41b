import TMinusCore
import TMinusEngine
import TMinusQueues
import TMinusStore
import Testing

struct OutboxRelayWiringTests {
    @Test func userGraphOutboxDrainsIntoTheWriteQueueOnceEvenWhenRelayedTwice() throws {
        let environment = Environment.deterministic(seed: 4)
        let store = try UserGraphStore(userID: "usr_1", path: ":memory:", environment: environment)
        try store.linkAccount("acc_a", provider: .google)
        try store.linkAccount("acc_b", provider: .caldav)
        let start = environment.clock.now()
        let content = EventContent(title: "x", start: .timed(start, timeZone: nil), end: .timed(start.adding(.seconds(600)), timeZone: nil))
        _ = try store.applyProviderDeltas(accountID: "acc_a", [
            ProviderEventDelta(kind: .created, providerEventID: "e1", calendarID: "primary", content: content),
        ])
        let entries = try store.outboxEntries()
        #expect(entries.count == 1)
        let queue = try DurableQueue(path: ":memory:", environment: environment)
        // Relay once, then pretend the outbox delete was lost (crash) and relay the same rows again.
        for entry in entries {
            var message = entry.outgoingMessage
            message.dedupKey = entry.outboxID
            _ = try queue.enqueue(message, now: start)
        }
        _ = try OutboxRelay().drain(from: store, to: queue, now: start)
        #expect(try store.outboxEntries().isEmpty)
        let leased = try queue.receive(from: .write, now: start, maxMessages: 10)
        #expect(leased.count == 1)
        let command = try #require(try leased.first?.message.mirrorCommand())
        #expect(command == entries[0].command)
    }
}
