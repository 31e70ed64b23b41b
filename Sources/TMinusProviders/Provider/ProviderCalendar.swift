/// One calendar of an account as the provider lists it.
public struct ProviderCalendar: Hashable, Sendable {
    /// What the account may do with the calendar, from least to most.
    public enum AccessRole: String, CaseIterable, Comparable, Sendable {
        /// Sees free/busy only.
        case freeBusyReader
        /// Reads event details.
        case reader
        /// Creates and edits events.
        case writer
        /// Writer plus sharing and deletion of the calendar.
        case owner

        private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        public static func < (a: AccessRole, b: AccessRole) -> Bool { a.rank < b.rank }
    }

    /// The provider's calendar ID (Google calendar ID, Graph calendar ID, CalDAV collection href).
    public var id: String
    /// The name the user sees.
    public var name: String
    /// The calendar's IANA time zone, when the provider says.
    public var timeZone: String?
    /// True for the account's main calendar.
    public var isPrimary: Bool
    public var accessRole: AccessRole
    /// The calendar's own version, when the provider has one.
    public var version: ResourceVersion?

    /// Creates a calendar value.
    public init(
        id: String, name: String, timeZone: String? = nil, isPrimary: Bool = false, accessRole: AccessRole = .owner,
        version: ResourceVersion? = nil
    ) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.isPrimary = isPrimary
        self.accessRole = accessRole
        self.version = version
    }

    /// True when events can be written (writer or owner).
    public var isWritable: Bool { accessRole >= .writer }
}

/// The busy-overlay calendar after find-or-create, and whether this call created it.
public struct OverlayCalendar: Hashable, Sendable {
    /// The name T-Minus gives the overlay calendar it creates.
    public static let defaultName = "External Busy (T-Minus)"

    public var calendar: ProviderCalendar
    /// True when the calendar did not exist and was created now.
    public var created: Bool

    /// Creates a value.
    public init(calendar: ProviderCalendar, created: Bool) {
        self.calendar = calendar
        self.created = created
    }
}
