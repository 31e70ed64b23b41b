/// A `207 Multi-Status` body (RFC 4918 §13, RFC 6578 §3): per-member responses and, for
/// sync-collection, the new sync token. Reads what servers send and writes what a fake server
/// answers, so the client and the fake share one model.
///
/// Member order and the position of `sync-token` (first on Radicale, last on Xandikos) are not
/// meaningful; hrefs are kept raw, ``DAVResponse/path`` gives the normalised form to compare.
public struct DAVMultistatus: Hashable, Sendable {
    public var responses: [DAVResponse]
    /// `DAV:sync-token` of a sync-collection answer.
    public var syncToken: String?
    public var responseDescription: String?

    /// Creates a body.
    public init(responses: [DAVResponse], syncToken: String? = nil, responseDescription: String? = nil) {
        self.responses = responses
        self.syncToken = syncToken
        self.responseDescription = responseDescription
    }

    /// Reads a multistatus document.
    /// - Throws: ``WebDAVError`` for malformed XML, another root, a response without href or a bad status line.
    public static func parse(_ bytes: [UInt8]) throws(WebDAVError) -> DAVMultistatus {
        let root = try DAVXMLReader.document(bytes, expecting: .multistatus)
        var result = DAVMultistatus(responses: [])
        for child in root.children {
            switch child.name {
            case .response: result.responses.append(try DAVResponse(element: child))
            case .syncToken: result.syncToken = child.trimmedText
            case .responseDescription: result.responseDescription = child.trimmedText
            default: continue
            }
        }
        return result
    }

    /// The member responses, without the response for `collection` itself (iCloud lists the
    /// collection among sync changes; a 507 truncation marker is also a response on the collection).
    public func members(excludingCollection collection: String) -> [DAVResponse] {
        let own = DAVHref.normalize(collection)
        return responses.filter { DAVHref.normalize($0.href, relativeTo: collection) != own }
    }

    /// True when the server truncated a sync-collection answer (RFC 6578 §3.6): a response with
    /// status 507 — the client applies the partial result and asks again with the new token.
    public var isTruncated: Bool { responses.contains { $0.status == 507 } }

    /// The body as an element (sync-token last, as RFC 6578's examples show).
    public var element: DAVElement {
        var children = responses.map(\.element)
        if let syncToken { children.append(DAVElement(.syncToken, text: syncToken)) }
        if let responseDescription { children.append(DAVElement(.responseDescription, text: responseDescription)) }
        return DAVElement(.multistatus, children: children)
    }

    /// The body as an XML document.
    public var xml: [UInt8] { DAVXMLWriter.bytes(element) }
}

/// One `DAV:response` of a multistatus: an href with either one status (`404` for a deleted
/// member in sync-collection, or a missing href in multiget) or property results per status.
public struct DAVResponse: Hashable, Sendable {
    /// The href as sent (may be percent-encoded, path-only or a full URL).
    public var href: String
    /// Further hrefs sharing the same status (RFC 4918 allows several; rare).
    public var additionalHrefs: [String]
    /// The response-level status, when present (no propstat then).
    public var status: Int?
    public var propstats: [DAVPropstat]
    public var error: DAVErrorBody?
    public var responseDescription: String?

    /// Creates a response.
    public init(
        href: String, status: Int? = nil, propstats: [DAVPropstat] = [], error: DAVErrorBody? = nil,
        responseDescription: String? = nil, additionalHrefs: [String] = []
    ) {
        self.href = href
        self.status = status
        self.propstats = propstats
        self.error = error
        self.responseDescription = responseDescription
        self.additionalHrefs = additionalHrefs
    }

    init(element: DAVElement) throws(WebDAVError) {
        let hrefs = element.hrefs
        guard let first = hrefs.first else { throw .missingElement(parent: .response, element: .href) }
        href = first
        additionalHrefs = Array(hrefs.dropFirst())
        status = try element.child(.status).map { child throws(WebDAVError) in try DAVStatus.code(child.trimmedText) }
        propstats = []
        for child in element.children(.propstat) { propstats.append(try DAVPropstat(element: child)) }
        error = element.child(.error).map(DAVErrorBody.init(element:))
        responseDescription = element.child(.responseDescription)?.trimmedText
    }

    /// The decoded absolute path of ``href`` (see ``DAVHref/normalize(_:relativeTo:)``).
    public var path: String { DAVHref.normalize(href) }

    /// True when the member is gone (sync-collection removal, multiget of a missing href).
    public var isNotFound: Bool { status == 404 }

    /// A property the server returned with status 200.
    public func property(_ name: DAVName) -> DAVElement? {
        for propstat in propstats where propstat.status == 200 {
            if let found = propstat.properties.first(where: { $0.name == name }) { return found }
        }
        return nil
    }

    /// The properties the server reported with a non-200 status (e.g. Xandikos's 404 `calendar-data`
    /// in sync-collection, which means "fetch the bodies with calendar-multiget").
    public var unavailableProperties: [DAVName] {
        propstats.filter { $0.status != 200 }.flatMap { $0.properties.map(\.name) }
    }

    /// `DAV:getetag`, quotes kept (strong ETags are compared as sent).
    public var etag: String? { property(.getETag)?.trimmedText }

    /// `CALDAV:calendar-data`, as text.
    public var calendarData: String? { property(.calendarData)?.text }

    var element: DAVElement {
        var children = ([href] + additionalHrefs).map { DAVElement(.href, text: $0) }
        if let status { children.append(DAVElement(.status, text: DAVStatus.line(status))) }
        children += propstats.map(\.element)
        if let error { children.append(error.element) }
        if let responseDescription { children.append(DAVElement(.responseDescription, text: responseDescription)) }
        return DAVElement(.response, children: children)
    }
}

/// One `DAV:propstat`: properties sharing a status.
public struct DAVPropstat: Hashable, Sendable {
    public var status: Int
    /// The property elements inside `DAV:prop` (empty elements for names without a value).
    public var properties: [DAVElement]

    /// Creates a propstat.
    public init(status: Int, properties: [DAVElement]) {
        self.status = status
        self.properties = properties
    }

    init(element: DAVElement) throws(WebDAVError) {
        guard let statusElement = element.child(.status) else {
            throw .missingElement(parent: .propstat, element: .status)
        }
        status = try DAVStatus.code(statusElement.trimmedText)
        properties = element.child(.prop)?.children ?? []
    }

    var element: DAVElement {
        DAVElement(
            .propstat,
            children: [DAVElement(.prop, children: properties), DAVElement(.status, text: DAVStatus.line(status))])
    }
}
