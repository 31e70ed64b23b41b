/// An ``OpaqueTokenCodec`` that remembers the fields of the tokens it minted and opened, by their
/// exact text: a client polling a quiet calendar sends back the sync token or delta link the last
/// answer minted, and opening it (base64url, a keystream and a MAC of SHA-256) was most of what
/// answering such a poll cost.
///
/// Exact by construction: ``OpaqueTokenCodec/open(_:)`` is a pure function of the text, and the
/// memo answers only for texts equal to ones it minted or opened. A minted text is remembered only
/// when opening it gives back exactly the fields it was minted from (every text field fits the
/// payload's 2-byte length; see ``OpaqueTokenCodec/roundTrips(_:)``), so the remembered answer is
/// the one opening would give. Texts that do not open are not remembered. Forgetting (the memo
/// keeps two generations of at most ``capacity`` texts each) changes nothing but the time taken.
struct RememberingTokenCodec: Sendable {
    /// The codec that mints and opens what the memo does not know.
    let codec: OpaqueTokenCodec
    /// How many texts a generation holds before the older one is dropped.
    let capacity: Int
    private var recent: [String: [TokenField]] = [:]
    private var older: [String: [TokenField]] = [:]

    /// A memo in front of `codec`, keeping between `capacity` and twice as many texts.
    init(_ codec: OpaqueTokenCodec, capacity: Int = 512) {
        self.codec = codec
        self.capacity = capacity
    }

    /// How many texts are remembered now.
    var count: Int { recent.count + older.count }

    /// `codec.mint(fields)`, remembering the text's fields.
    mutating func mint(_ fields: [TokenField]) -> String {
        let token = codec.mint(fields)
        if OpaqueTokenCodec.roundTrips(fields) { remember(token, fields) }
        return token
    }

    /// `codec.open(token)`, answered from memory for a text minted or opened before.
    mutating func open(_ token: String) -> [TokenField]? {
        if let known = recent[token] ?? older[token] { return known }
        guard let fields = codec.open(token) else { return nil }
        remember(token, fields)
        return fields
    }

    private mutating func remember(_ token: String, _ fields: [TokenField]) {
        if recent.count >= capacity {
            older = recent
            recent = [:]
        }
        recent[token] = fields
    }
}
