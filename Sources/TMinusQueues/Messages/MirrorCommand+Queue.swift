public import TMinusCore

extension OutgoingMessage {
    /// A write-queue message carrying `command` (payload: ``MirrorCommand/json``; type
    /// `UPSERT_MIRROR` or `DELETE_MANAGED_MIRROR`). The command's idempotency key travels in the
    /// payload; it is not the dedup key, because the same command may be needed again later.
    public static func mirrorCommand(
        _ command: MirrorCommand, traceID: String? = nil, queue: QueueName = .write
    ) -> OutgoingMessage {
        OutgoingMessage(queue: queue, type: command.messageType, payload: command.json, traceID: traceID)
    }
}

extension MirrorCommand {
    /// The queue message type that carries this command.
    public var messageType: MessageType {
        switch self {
        case .upsert: return .upsertMirror
        case .delete: return .deleteManagedMirror
        }
    }
}

extension QueueMessage {
    /// The mirror command in the payload of an `UPSERT_MIRROR` or `DELETE_MANAGED_MIRROR` message.
    /// - Throws: ``ModelError`` naming the malformed field (dead-letter such a message: it can
    ///   never succeed).
    public func mirrorCommand() throws(ModelError) -> MirrorCommand {
        try MirrorCommand(json: payload)
    }
}
