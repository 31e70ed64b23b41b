import TMinusCore
import TMinusQueues
import Testing

/// ``DurableQueue/depths(for:)`` reads with one counting statement per queue what the sampler
/// used to take from whole ``QueueStats``; after every operation of seeded workloads both reads
/// must agree, for every queue (an unused one included).
struct QueueDepthTests {
    @Test(arguments: UInt64(1)...12)
    func depthsEqualTheSameNumbersOfWholeStatsAfterEveryOperation(seed: UInt64) throws {
        let fixture = QueueFixture(configurations: [workConfiguration(maxAttempts: 2)] + QueueConfiguration.seedDefaults)
        let queue = try fixture.open()
        let random = RandomSource(seed: seed)
        let queues = [workQueue, .sync, QueueName("unused")]
        var now = fixture.now
        var leases: [MessageLease] = []
        for step in 0..<160 {
            switch random.below(7) {
            case 0, 1:
                let delay = Duration.seconds(Int64(random.below(3)) * 30)
                try queue.enqueue(workMessage("m\(step)", dedupKey: "k\(random.below(40))", delay: delay), now: now)
            case 2:
                let sync = OutgoingMessage(queue: .sync, type: MessageType("SYNC"), payload: [:], traceID: "t\(step)")
                try queue.enqueue(sync, now: now)
            case 3:
                let from = random.chance(Ratio(2, 3)) ? workQueue : QueueName.sync
                let count = Int(random.below(3)) + 1
                leases += try queue.receive(from: from, now: now, maxMessages: count).map(\.lease)
            case 4 where !leases.isEmpty:
                let lease = leases.remove(at: Int(random.below(UInt64(leases.count))))
                switch random.below(4) {
                case 0: try queue.ack(lease)
                case 1: try queue.retry(lease, now: now, error: "boom")
                case 2: try queue.deadLetter(lease, now: now, error: "never")
                default: try queue.release(lease, now: now)
                }
            default:
                now = now.adding(.seconds(Int64(random.below(90))))
            }
            let whole = try queue.stats(for: queues, now: now).map(QueueDepth.init)
            #expect(try queue.depths(for: queues) == whole, "seed \(seed), step \(step)")
        }
        let last = try queue.depths(for: queues)
        #expect(last[0].delivered > 0 || last[0].depth > 0, "seed \(seed): the workload did something")
        #expect(last[2] == QueueDepth(queue: QueueName("unused"), depth: 0, deadLettered: 0, delivered: 0))
    }
}
