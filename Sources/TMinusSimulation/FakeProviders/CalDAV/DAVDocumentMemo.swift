import TMinusProviders

/// Remembers the document element of each `REPORT` body the fake parsed, by the body's bytes: a
/// client polling a quiet collection sends the same sync-collection or calendar-query body again
/// and again, and parsing XML is most of what answering it costs.
///
/// Exact by construction: ``DAVXMLReader/document(_:)`` is a pure function of the bytes, and the
/// memo answers only for bytes equal to ones it parsed (nil for bytes that did not parse, where the
/// fake answers 400 whatever the error). Forgetting (past ``capacity`` bodies it starts over)
/// changes nothing but the time taken.
struct DAVDocumentMemo: Sendable {
    /// How many bodies are kept before the memo starts over.
    let capacity: Int
    private var documents: [[UInt8]: DAVElement?] = [:]

    /// An empty memo keeping at most `capacity` bodies.
    init(capacity: Int = 512) { self.capacity = capacity }

    /// How many bodies are remembered now.
    var count: Int { documents.count }

    /// `try? DAVXMLReader.document(body)`, remembered.
    mutating func document(_ body: [UInt8]) -> DAVElement? {
        if let known = documents[body] { return known }
        let parsed = try? DAVXMLReader.document(body)
        if documents.count >= capacity { documents.removeAll(keepingCapacity: true) }
        documents[body] = .some(parsed)
        return parsed
    }
}
