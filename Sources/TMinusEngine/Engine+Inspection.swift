public import TMinusCore
import TMinusQueues

extension Engine {
    /// Every mirror command the write queue still holds — waiting, delayed, leased or
    /// dead-lettered — for the simulator's durability check (L): a mirror row waiting for a write
    /// must have a command that will perform it. Reads only; leases nothing.
    public func queuedMirrorCommands() throws -> [MirrorCommand] {
        let live = try queue.messages(in: .write).map(\.payload)
        let dead = try queue.deadLetters(in: .write).map(\.message.payload)
        return (live + dead).compactMap { try? MirrorCommand(json: $0) }
    }

    /// Attempts a write command gets before it is dead-lettered (1 + its retries; invariant J's bound).
    public nonisolated var writeAttempts: Int { QueueConfiguration.write.maxAttempts }
}
