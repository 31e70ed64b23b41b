/// A `DAV:error` body (RFC 4918 §16): the preconditions or postconditions a request violated.
///
/// Servers send it with 403/409/412 (`valid-sync-token` on Radicale is 403, on Xandikos 412;
/// `no-uid-conflict` 409 vs 412) and inside a 507 sync response. Decide on the condition, not on
/// the status code alone.
public struct DAVErrorBody: Hashable, Sendable {
    /// One violated condition.
    public enum Condition: Hashable, Sendable {
        /// RFC 6578: the sync token is unknown, expired or from another collection — start a full sync.
        case validSyncToken
        /// RFC 4791 §5.3.2.1: the UID is already used by the resource at `href` (when the server says).
        case noUIDConflict(href: String?)
        /// RFC 6578 §3.6: results were truncated (or a limit could not be honoured).
        case numberOfMatchesWithinLimits
        /// Any other condition, by name.
        case other(DAVName)

        /// The element name of the condition.
        public var name: DAVName {
            switch self {
            case .validSyncToken: return .validSyncToken
            case .noUIDConflict: return .noUIDConflict
            case .numberOfMatchesWithinLimits: return .numberOfMatchesWithinLimits
            case .other(let name): return name
            }
        }
    }

    public var conditions: [Condition]
    /// `DAV:responsedescription`, when the server adds one (Xandikos does).
    public var responseDescription: String?

    /// Creates a body.
    public init(conditions: [Condition], responseDescription: String? = nil) {
        self.conditions = conditions
        self.responseDescription = responseDescription
    }

    /// Whether `condition`'s kind is among the conditions (the href of `noUIDConflict` is ignored).
    public func contains(_ name: DAVName) -> Bool { conditions.contains { $0.name == name } }

    /// Reads a `DAV:error` document.
    public static func parse(_ bytes: [UInt8]) throws(WebDAVError) -> DAVErrorBody {
        try DAVErrorBody(element: DAVXMLReader.document(bytes, expecting: .error))
    }

    /// Reads a `DAV:error` element (also found inside a multistatus response).
    public init(element: DAVElement) {
        conditions = []
        responseDescription = nil
        for child in element.children {
            switch child.name {
            case .responseDescription: responseDescription = child.trimmedText
            case .validSyncToken: conditions.append(.validSyncToken)
            case .noUIDConflict: conditions.append(.noUIDConflict(href: child.hrefs.first))
            case .numberOfMatchesWithinLimits: conditions.append(.numberOfMatchesWithinLimits)
            default: conditions.append(.other(child.name))
            }
        }
    }

    /// The body as an element.
    public var element: DAVElement {
        var children = conditions.map { condition -> DAVElement in
            if case .noUIDConflict(let href?) = condition {
                return DAVElement(.noUIDConflict, children: [DAVElement(.href, text: DAVHref.encode(path: href))])
            }
            return DAVElement(condition.name)
        }
        if let responseDescription { children.append(DAVElement(.responseDescription, text: responseDescription)) }
        return DAVElement(.error, children: children)
    }

    /// The body as an XML document.
    public var xml: [UInt8] { DAVXMLWriter.bytes(element) }
}
