/// A `DAV:sync-collection` REPORT body (RFC 6578 §3.2): the client's last token (nil for the
/// initial sync), the sync level and the properties to return per changed member.
///
/// The writer never emits `DAV:limit`: Xandikos honours it without marking the truncation, so a
/// client that sends it silently loses members. The reader still reports a limit a client sent
/// (``limit``), so a fake server can act like Radicale (ignore it) or Xandikos (obey it).
public struct DAVSyncCollection: Hashable, Sendable {
    /// The token from the previous answer; nil or empty starts an initial sync.
    public var syncToken: String?
    /// `1` (members only) or `infinite`.
    public var syncLevel: String
    public var properties: [DAVName]
    /// `DAV:limit/DAV:nresults` as received (never written).
    public var limit: Int?

    /// Creates a body.
    public init(syncToken: String?, properties: [DAVName] = [.getETag], syncLevel: String = "1", limit: Int? = nil) {
        self.syncToken = syncToken
        self.properties = properties
        self.syncLevel = syncLevel
        self.limit = limit
    }

    /// True for an initial sync (no token).
    public var isInitial: Bool { (syncToken ?? "").isEmpty }

    /// The body as an element (without `DAV:limit`).
    public var element: DAVElement {
        DAVElement(
            .syncCollection,
            children: [
                DAVElement(.syncToken, text: syncToken ?? ""),
                DAVElement(.syncLevel, text: syncLevel),
                DAVElement(.prop, children: properties.map { DAVElement($0) }),
            ])
    }

    /// The body as an XML document.
    public var xml: [UInt8] { DAVXMLWriter.bytes(element) }

    /// Reads a sync-collection body.
    public static func parse(_ bytes: [UInt8]) throws(WebDAVError) -> DAVSyncCollection {
        try parse(root: DAVXMLReader.document(bytes))
    }

    /// Reads a sync-collection body already parsed into its document element (the same answers
    /// and errors as ``parse(_:)`` of its bytes).
    public static func parse(root: DAVElement) throws(WebDAVError) -> DAVSyncCollection {
        guard root.name == .syncCollection else { throw .unexpectedRoot(expected: .syncCollection, found: root.name) }
        guard let token = root.child(.syncToken) else {
            throw .missingElement(parent: .syncCollection, element: .syncToken)
        }
        guard let level = root.child(.syncLevel) else {
            throw .missingElement(parent: .syncCollection, element: .syncLevel)
        }
        guard let prop = root.child(.prop) else { throw .missingElement(parent: .syncCollection, element: .prop) }
        var limit: Int?
        if let nresults = root.child(.limit)?.child(.nresults) {
            guard let value = Int(nresults.trimmedText), value > 0 else {
                throw .invalidValue(element: .nresults, value: nresults.trimmedText, expected: "a positive integer")
            }
            limit = value
        }
        let text = token.trimmedText
        return DAVSyncCollection(
            syncToken: text.isEmpty ? nil : text, properties: prop.childNames, syncLevel: level.trimmedText,
            limit: limit)
    }
}
