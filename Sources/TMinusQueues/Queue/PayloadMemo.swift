import TMinusCore

/// The payloads a ``DurableQueue`` serialized when it stored messages, by message ID, so that
/// leasing one of them takes the value instead of parsing the stored text again (a write
/// command's payload costs about 18,000 instructions to parse).
///
/// Exact: a ``JSONValue`` holds no floating-point number, so parsing the text serialized from a
/// value gives that value back bit for bit (every string the same Unicode scalars, so the same
/// UTF-8; every integer the same integer; an object's keys are unique, as in the value). A
/// remembered value is used only when the stored text is, byte for byte, the text serialized from
/// it, so a payload changed in the database behind the queue's back is parsed as before.
///
/// Bounded: an entry is forgotten when its message is acknowledged, and all of them at once when
/// ``capacity`` is reached (a later lease parses, as it would without the memo). An entry of a
/// message whose enqueue was rolled back, or that was dead-lettered, waits for that; the first is
/// never looked up (IDs are never reused), the second is right again if the dead letter is replayed.
struct PayloadMemo {
    /// Entries kept before the memo starts over.
    static let capacity = 4_096

    private var entries: [String: (text: String, payload: JSONValue)] = [:]

    /// Remembers that message `id` was stored with `text`, serialized from `payload`.
    mutating func remember(id: String, text: String, payload: JSONValue) {
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[id] = (text, payload)
    }

    /// The value message `id` was stored from, when `text` is byte for byte what it was stored as.
    func payload(id: String, text: String) -> JSONValue? {
        guard let entry = entries[id], entry.text.hasSameUTF8(as: text) else { return nil }
        return entry.payload
    }

    /// Forgets message `id` (it left the live queue).
    mutating func forget(id: String) {
        entries.removeValue(forKey: id)
    }

    /// How many entries are kept (for tests).
    var count: Int { entries.count }
}
