/// One calendar collection as discovery reads it (PROPFIND Depth 1 on the calendar home).
///
/// ``calendar`` is the provider-neutral view: its ID is the decoded collection path with a
/// trailing slash (what every other call takes as `calendarID`), its version the `getctag` (or the
/// sync-token when a server has no ctag), so a poller can skip a calendar whose tag did not move.
public struct CalDAVCollection: Hashable, Sendable {
    /// The decoded path, with a trailing slash, e.g. `/test/work/`.
    public var path: String
    public var displayName: String?
    /// `CS:getctag` exactly as sent (quoted on Radicale, bare on Xandikos).
    public var ctag: String?
    /// `DAV:sync-token` as sent.
    public var syncToken: String?
    /// `supported-calendar-component-set` names in upper case (empty: the server did not say).
    public var components: [String]
    public var accessRole: ProviderCalendar.AccessRole
    /// The IANA zone of `calendar-timezone`, when it names one.
    public var timeZone: String?

    /// Creates a value.
    public init(
        path: String, displayName: String?, ctag: String?, syncToken: String?, components: [String],
        accessRole: ProviderCalendar.AccessRole, timeZone: String?
    ) {
        self.path = path
        self.displayName = displayName
        self.ctag = ctag
        self.syncToken = syncToken
        self.components = components
        self.accessRole = accessRole
        self.timeZone = timeZone
    }

    /// True when the collection can hold events (no component set means any component).
    public var holdsEvents: Bool { components.isEmpty || components.contains("VEVENT") }

    /// The name shown: the display name, else the last path segment.
    public var name: String {
        if let displayName, !displayName.isEmpty { return displayName }
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The provider-neutral calendar (``ProviderCalendar/isPrimary`` is decided by the adapter).
    public func calendar(isPrimary: Bool) -> ProviderCalendar {
        ProviderCalendar(
            id: path, name: name, timeZone: timeZone, isPrimary: isPrimary, accessRole: accessRole,
            version: (ctag ?? syncToken).map(ResourceVersion.init))
    }

    /// Reads one `DAV:response` of a Depth 1 PROPFIND on the home; nil when it is not a calendar.
    public init?(response: DAVResponse) {
        guard let types = response.property(.resourceType)?.childNames, types.contains(.calendar) else { return nil }
        var path = response.path
        if !path.hasSuffix("/") { path += "/" }
        let components =
            response.property(.supportedCalendarComponentSet)?.children(.comp).compactMap {
                $0.attribute("name")?.uppercased()
            } ?? []
        self.init(
            path: path, displayName: response.property(.displayName)?.trimmedText,
            ctag: Self.nonEmpty(response.property(.getCTag)?.trimmedText),
            syncToken: Self.nonEmpty(response.property(.syncToken)?.trimmedText), components: components,
            accessRole: Self.role(response.property(CalDAVNames.currentUserPrivilegeSet)),
            timeZone: Self.zone(response.property(CalDAVNames.calendarTimezone)?.text))
    }

    private static func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }

    /// RFC 3744 privileges: `all` → owner; `write` / `write-content` / `bind` → writer; only reads
    /// → reader. A server that does not report privileges (Radicale's owner-only rights) → owner.
    static func role(_ set: DAVElement?) -> ProviderCalendar.AccessRole {
        guard let set else { return .owner }
        let granted = Set(set.children(CalDAVNames.privilege).flatMap { $0.children.map(\.name.local) })
        if granted.isEmpty { return .owner }
        if granted.contains("all") { return .owner }
        if !granted.isDisjoint(with: ["write", "write-content", "bind"]) { return .writer }
        if granted.contains("read") { return .reader }
        return .freeBusyReader
    }

    /// The IANA name of the first VTIMEZONE's TZID in a `calendar-timezone` value.
    static func zone(_ text: String?) -> String? {
        guard let text, !text.isEmpty, let calendar = try? ICalendarCalendar.parse(text) else { return nil }
        guard let tzid = calendar.component.components("VTIMEZONE").first?.property("TZID")?.value else { return nil }
        return ICalendarTimeZones.ianaLikeName(tzid)
    }
}
