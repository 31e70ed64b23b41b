import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusStore

/// The checks that read the providers' write log (every event write the fakes saw, in order, with
/// what the engine received back): C (no write repeats content the engine already saw accepted),
/// J (writes one change of one mirror causes stay within 1 + retries), K (`Retry-After` is honoured).
extension WorldChecker {
    /// C, J, K over the writes since the last check.
    func checkWrites(now: Timestamp) -> [WorldViolation] {
        let log = world.transport.takeWriteLog()
        let attempts = world.engine.writeAttempts
        return memory.withLock { memory in
            var found: [WorldViolation] = []
            for record in log {
                switch record.kind {
                case .engineRestart:
                    // What the old process knew of its writes is gone; it may repeat one in good faith.
                    memory.resources = [:]
                case .policyChange(let eventID):
                    // The mirror's edge changed detail or kind, so its projected hash changed: its
                    // rewrite is expected even where the payload's bytes stay the same.
                    for key in Self.resources(naming: eventID, in: memory) { memory.resources[key] = nil }
                case .humanChange(let eventID):
                    let touched = Self.resources(naming: eventID, in: memory)
                    if touched.isEmpty { memory.resources = [:] }
                    for key in touched { memory.resources[key] = nil }
                case .write:
                    found += check(record, attempts: attempts, memory: &memory)
                case .read:
                    found += checkRetryAfter(record, memory: &memory)
                }
            }
            return found
        }
    }

    /// The remembered resources whose path names the provider event `eventID` (as sent: Graph IDs
    /// end in `=`, which a path carries as `%3D`).
    private static func resources(naming eventID: String, in memory: CheckerMemory) -> [String] {
        let encoded = URLParts.percentEncode(eventID)
        return memory.resources.keys.filter { $0.contains(eventID) || $0.contains(encoded) }
    }

    /// K: the same request again (a write, or a read) before the `Retry-After` the engine
    /// received for it has passed.
    private func checkRetryAfter(_ record: ExchangeRecord, memory: inout CheckerMemory) -> [WorldViolation] {
        var found: [WorldViolation] = []
        if let notBefore = memory.notBefore[record.requestKey] {
            if record.sentAt < notBefore {
                let resource = "\(record.host)\(record.path)"
                found.append(
                    WorldViolation(
                        invariant: "K", at: record.sentAt,
                        message:
                            "\(record.method) \(resource) sent again \(notBefore.duration(since: record.sentAt)) "
                            + "before its Retry-After ended",
                        objects: [resource]))
            }
            memory.notBefore[record.requestKey] = nil
        }
        if let seconds = record.retryAfterSeconds, let status = record.deliveredStatus, status == 429 || status == 503 {
            memory.notBefore[record.requestKey] = record.endedAt.adding(.seconds(seconds))
        }
        return found
    }

    private func check(_ record: ExchangeRecord, attempts: Int, memory: inout CheckerMemory) -> [WorldViolation] {
        var found: [WorldViolation] = []
        let resource = "\(record.host)\(record.path)"
        memory.writes += 1
        found += checkRetryAfter(record, memory: &memory)
        guard record.method != "POST" else { return found }  // a create names no resource yet.
        var state = memory.resources[resource] ?? CheckerMemory.ResourceWrites()
        // C: rewriting what the engine already saw accepted, with nothing changed since.
        if record.method != "DELETE", state.lastAcknowledged == record.bodyDigest {
            found.append(
                WorldViolation(
                    invariant: "C", at: record.sentAt,
                    message: "\(record.method) \(resource) rewrote the content its last acknowledged write set",
                    objects: [resource]))
        }
        // J: writes for one change of one mirror — requests the provider applied (it accepted them,
        // whether or not its answer reached the engine). A refusal (412, 429, 5xx) wrote nothing,
        // even when a timeout hid it from the engine, and neither did a request that never reached
        // the provider (a reset connection, a timeout before it applied).
        if state.lastBody != record.bodyDigest {
            state.lastBody = record.bodyDigest
            state.attempts = 0
        }
        if record.providerApplied { state.attempts += 1 }
        memory.maxWritesPerChange = max(memory.maxWritesPerChange, state.attempts)
        if record.providerApplied && state.attempts == attempts + 1 {
            found.append(
                WorldViolation(
                    invariant: "J", at: record.sentAt,
                    message: "\(resource) written \(state.attempts) times for one change (bound: \(attempts) attempts)",
                    objects: [resource]))
        }
        if let status = record.deliveredStatus, (200..<300).contains(status) {
            state.lastAcknowledged = record.method == "DELETE" ? nil : record.bodyDigest
        } else if record.method == "DELETE", record.reachedProvider,
            record.deliveredStatus.map({ $0 == 404 || $0 == 410 }) ?? true
        {
            // A delete the provider may have applied (its answer lost), or answered "not there" (a
            // duplicate delivery's second copy, fuzz seed 50180): the resource is gone, and writing
            // the mirror again afterwards is a new write, not a repeat (C).
            state.lastAcknowledged = nil
        }
        memory.resources[resource] = state
        return found
    }

    /// L: every mirror row waiting for a write (PENDING, DELETING) still has a command that will
    /// perform it — in the outbox, the write queue (waiting, delayed or leased) or its dead letters.
    /// A message acknowledged before its effect was committed leaves a row waiting forever.
    func checkDurability(_ view: StoreView, now: Timestamp) async throws -> [WorldViolation] {
        guard !view.store.waiting.isEmpty else { return [] }
        let graph = try await world.engine.graph(of: world.userID)
        let outbox = try await graph.inspect { store throws(StoreError) in try store.outboxEntries() }
        var covered = try await world.engine.queuedMirrorKeys()
        for entry in outbox {
            covered.insert(MirrorKey(canonicalEventID: entry.command.canonicalEventID, targetAccountID: entry.command.targetAccountID))
        }
        let uncovered = view.store.waiting.sorted().filter {
            !covered.contains(MirrorKey(canonicalEventID: $0.canonicalEventID, targetAccountID: $0.targetAccountID))
        }.map { view.store.mirrors[$0]! }
        return uncovered.map { mirror in
            WorldViolation(
                invariant: "L", at: now,
                message:
                    "mirror of \(mirror.canonicalEventID) in \(mirror.targetAccountID) is \(mirror.state) "
                    + "but no queued command will write it (a message was lost)",
                objects: [mirror.canonicalEventID, mirror.targetAccountID])
        }
    }
}
