import TMinusCore
import TMinusQueues
public import TMinusProviders

extension Engine {
    /// The mirror (canonical event, target account) of every command the write queue still holds —
    /// waiting, delayed, leased or dead-lettered — for the simulator's durability check (L): a
    /// mirror row waiting for a write must have a command that will perform it. Reads only; leases
    /// nothing. SQLite reads the two fields from each payload (``DurableQueue/payloadFields(_:in:)``),
    /// so the check costs no payload decoding however many dead letters pile up; a payload without
    /// both fields as text names no mirror.
    public func queuedMirrorKeys() throws -> Set<MirrorKey> {
        var keys = Set<MirrorKey>()
        for fields in try queue.payloadFields(["canonical_event_id", "target_account_id"], in: .write) {
            guard let canonicalEventID = fields[0], let targetAccountID = fields[1] else { continue }
            keys.insert(MirrorKey(canonicalEventID: canonicalEventID, targetAccountID: targetAccountID))
        }
        return keys
    }

    /// Attempts a write command gets before it is dead-lettered (1 + its retries; invariant J's bound).
    public nonisolated var writeAttempts: Int { QueueConfiguration.write.maxAttempts }
}
