/// A PROPFIND request body (RFC 4918 §9.1): the properties to read, or `allprop`.
///
/// Build it on the client (``xml``) and read it in a fake server (``parse(_:)``).
public struct DAVPropfind: Hashable, Sendable {
    /// The requested properties; empty means `<allprop/>`.
    public var properties: [DAVName]

    /// Creates a request for `properties`.
    public init(properties: [DAVName]) { self.properties = properties }

    /// Discovery step 1 (on the server root or a well-known URL): who am I.
    public static let currentUserPrincipal = DAVPropfind(properties: [.currentUserPrincipal])
    /// Discovery step 2 (on the principal): where are my calendars.
    public static let calendarHome = DAVPropfind(properties: [.calendarHomeSet, .displayName])
    /// Discovery step 3 (Depth 1 on the home) and the per-poll check (Depth 0 on a calendar).
    public static let calendarCollection = DAVPropfind(properties: [
        .resourceType, .displayName, .getCTag, .syncToken, .getETag, .supportedCalendarComponentSet,
    ])
    /// Members of a calendar with their ETags (Depth 1): the ctag fallback when sync is unsupported.
    public static let memberETags = DAVPropfind(properties: [.resourceType, .getETag, .getContentType])

    /// The body as an element.
    public var element: DAVElement {
        if properties.isEmpty { return DAVElement(.propfind, children: [DAVElement(.allprop)]) }
        return DAVElement(.propfind, children: [DAVElement(.prop, children: properties.map { DAVElement($0) })])
    }

    /// The body as an XML document.
    public var xml: [UInt8] { DAVXMLWriter.bytes(element) }

    /// Reads a PROPFIND body; an empty body means allprop (RFC 4918 §9.1).
    public static func parse(_ bytes: [UInt8]) throws(WebDAVError) -> DAVPropfind {
        guard bytes.contains(where: { $0 > 0x20 }) else { return DAVPropfind(properties: []) }
        let root = try DAVXMLReader.document(bytes, expecting: .propfind)
        return DAVPropfind(properties: root.child(.prop)?.childNames ?? [])
    }
}
