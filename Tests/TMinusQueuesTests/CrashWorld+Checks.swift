import TMinusCore
import TMinusQueues
import TMinusSQLite

/// A broken promise found by ``CrashWorld``, with the seed and steps that lead to it.
struct CrashWorldViolation: Error, CustomStringConvertible {
    var seed: UInt64
    var what: String
    var steps: [String]

    var description: String {
        "seed \(seed): \(what)\nlast steps:\n  " + steps.suffix(25).joined(separator: "\n  ")
    }
}

extension CrashWorld {
    /// Invariant L after a crash: every committed produce is either still queued (live or dead
    /// letter) or has its effect recorded; no effect exists for a message never produced.
    func checkNothingLost() throws {
        let lost = try queue.connection.query(
            """
            SELECT key FROM produced
            WHERE key NOT IN (SELECT key FROM effects)
              AND key NOT IN (SELECT dedup_key FROM queue_messages WHERE dedup_key IS NOT NULL)
              AND key NOT IN (SELECT dedup_key FROM queue_dead_letters WHERE dedup_key IS NOT NULL)
            ORDER BY key
            """
        ).map { try $0.get("key", as: String.self) }
        guard lost.isEmpty else { throw violation("messages lost: \(lost)") }
        let phantom = try queue.connection.query(
            "SELECT key FROM effects WHERE key NOT IN (SELECT key FROM produced) ORDER BY key"
        ).map { try $0.get("key", as: String.self) }
        guard phantom.isEmpty else { throw violation("effects of messages never produced: \(phantom)") }
    }

    /// Restarts once more, then runs without faults: replays dead letters and consumes until the
    /// queue and its dead-letter queue are empty.
    func drainWithoutFaults(maxRounds: Int = 1_000) throws {
        try crash(during: "restart before the fault-free drain")
        for _ in 0..<maxRounds {
            if try !queue.replayDeadLetters(from: workQueue, now: clock.now()).isEmpty { marks.insert(.replay) }
            let leased = try queue.receive(from: workQueue, now: clock.now(), maxMessages: 10)
            if leased.isEmpty {
                if let next = try queue.nextVisibleAt(in: workQueue, after: clock.now()) {
                    clock.set(next)
                    continue
                }
                // A receive may just have dead-lettered leases that expired on their last attempt.
                guard try queue.deadLetters(in: workQueue, limit: 1).isEmpty else { continue }
                return
            }
            for item in leased {
                try IdempotentEffect.apply(item.message, in: queue.connection)
                let outcome = try queue.ack(item.lease)
                guard outcome == .acknowledged else {
                    throw violation("fault-free ack of \(item.lease) gave \(outcome)")
                }
            }
        }
        throw violation("the queue did not drain in \(maxRounds) rounds")
    }

    /// At the end: each produced message's effect ran at least once and is recorded exactly once,
    /// every message was enqueued exactly once, and nothing is left in the queue.
    func checkFinal() throws {
        let db = queue.connection
        let produced = try db.query("SELECT key FROM produced ORDER BY key").map { try $0.get("key", as: String.self) }
        let recorded = try IdempotentEffect.recorded(in: db)
        guard produced == recorded else {
            throw violation("effects \(recorded) differ from produced \(produced)")
        }
        for key in produced where try IdempotentEffect.executions(of: key, in: db) < 1 {
            throw violation("effect of \(key) recorded but never executed")
        }
        let stats = try queue.stats(for: workQueue, now: clock.now())
        guard stats.depth == 0, stats.deadLettered == 0 else { throw violation("queue not empty: \(stats)") }
        guard stats.total(.enqueued) == produced.count, stats.total(.acknowledged) == produced.count else {
            throw violation(
                "enqueued \(stats.total(.enqueued)), acknowledged \(stats.total(.acknowledged)), "
                    + "produced \(produced.count)")
        }
    }

    func violation(_ what: String) -> CrashWorldViolation {
        CrashWorldViolation(seed: seed, what: what, steps: steps)
    }
}
