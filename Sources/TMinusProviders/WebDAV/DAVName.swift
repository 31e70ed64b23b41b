/// A namespaced XML element name (`{DAV:}getetag`), the unit WebDAV properties are named by.
///
/// Prefixes are irrelevant (Radicale writes `<getetag>` in a default namespace, Xandikos
/// `<ns0:getetag>`): two names are equal when namespace URI and local name are.
public struct DAVName: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The namespace URI, e.g. `DAV:`.
    public var namespace: String
    /// The local name, e.g. `getetag`.
    public var local: String

    /// Creates a name.
    public init(_ namespace: String, _ local: String) {
        self.namespace = namespace
        self.local = local
    }

    /// `{namespace}local`, Clark notation.
    public var description: String { "{\(namespace)}\(local)" }

    public static func < (a: DAVName, b: DAVName) -> Bool {
        (a.namespace, a.local) < (b.namespace, b.local)
    }

    /// `DAV:` (RFC 4918).
    public static let davNamespace = "DAV:"
    /// CalDAV (RFC 4791).
    public static let calDAVNamespace = "urn:ietf:params:xml:ns:caldav"
    /// Apple's calendar-server extensions (`getctag`).
    public static let calendarServerNamespace = "http://calendarserver.org/ns/"

    /// A name in `DAV:`.
    public static func dav(_ local: String) -> DAVName { DAVName(davNamespace, local) }
    /// A name in the CalDAV namespace.
    public static func calDAV(_ local: String) -> DAVName { DAVName(calDAVNamespace, local) }

    // Properties.
    public static let currentUserPrincipal = dav("current-user-principal")
    public static let calendarHomeSet = calDAV("calendar-home-set")
    public static let displayName = dav("displayname")
    public static let resourceType = dav("resourcetype")
    public static let getETag = dav("getetag")
    public static let getContentType = dav("getcontenttype")
    public static let syncToken = dav("sync-token")
    public static let getCTag = DAVName(calendarServerNamespace, "getctag")
    public static let supportedCalendarComponentSet = calDAV("supported-calendar-component-set")
    public static let supportedReportSet = dav("supported-report-set")
    public static let calendarData = calDAV("calendar-data")

    // Resource types.
    public static let collection = dav("collection")
    public static let calendar = calDAV("calendar")
    public static let principal = dav("principal")

    // Structure.
    public static let multistatus = dav("multistatus")
    public static let response = dav("response")
    public static let href = dav("href")
    public static let status = dav("status")
    public static let propstat = dav("propstat")
    public static let prop = dav("prop")
    public static let error = dav("error")
    public static let responseDescription = dav("responsedescription")
    public static let propfind = dav("propfind")
    public static let allprop = dav("allprop")
    public static let syncCollection = dav("sync-collection")
    public static let syncLevel = dav("sync-level")
    public static let limit = dav("limit")
    public static let nresults = dav("nresults")
    public static let calendarMultiget = calDAV("calendar-multiget")
    public static let calendarQuery = calDAV("calendar-query")
    public static let filter = calDAV("filter")
    public static let compFilter = calDAV("comp-filter")
    public static let timeRange = calDAV("time-range")
    public static let comp = calDAV("comp")
    public static let mkcalendar = calDAV("mkcalendar")
    public static let set = dav("set")

    // Preconditions and postconditions.
    public static let validSyncToken = dav("valid-sync-token")
    public static let noUIDConflict = calDAV("no-uid-conflict")
    public static let numberOfMatchesWithinLimits = dav("number-of-matches-within-limits")
}
