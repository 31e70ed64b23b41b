/// The four facts every mirror we write carries, whatever the provider (invariant A):
/// it is ours (`tminus`), it is a managed copy (`managed`), which canonical event it projects,
/// and which account that event originates from.
///
/// An origin the user created in a provider account through T-Minus (a write-through, flow B)
/// carries the same facts with `managed` false: it classifies as foreign-managed, so it is an
/// origin like any human's event (a human may edit it), and the canonical ID lets the engine
/// recognise it when the create's response was lost.
public struct ManagedMarkers: Hashable, Sendable {
    /// What the tagged provider event is to us.
    public enum Role: Hashable, Sendable {
        /// A mirror we manage (`managed=true`).
        case mirror
        /// An origin created through T-Minus in its provider account (`managed=false`).
        case writeThroughOrigin
    }

    public var canonicalEventID: String
    public var originAccountID: String
    public var role: Role

    /// Creates markers for a projection of `canonicalEventID` (or, with `role`, for its write-through origin).
    public init(canonicalEventID: String, originAccountID: String, role: Role = .mirror) {
        self.canonicalEventID = canonicalEventID
        self.originAccountID = originAccountID
        self.role = role
    }

    /// The `managed` marker's value: `true` for mirrors, `false` for write-through origins.
    public var managedValue: String { role == .mirror ? "true" : "false" }

    /// The categories a Graph event of ours carries: our category on mirrors, none on origins.
    public var microsoftCategories: [String] { role == .mirror ? [Self.microsoftCategory] : [] }

    /// Google private extended-property keys.
    public enum GoogleKey: Sendable {
        public static let tminus = "tminus"
        public static let managed = "managed"
        public static let canonicalEventID = "canonical_event_id"
        public static let originAccountID = "origin_account_id"
    }

    /// The Graph category used as a fallback marker, since some Graph payloads drop extensions.
    public static let microsoftCategory = "T-Minus Managed"

    /// CalDAV `X-` property names.
    public enum CalDAVProperty: Sendable {
        public static let managed = "X-TMINUS-MANAGED"
        public static let canonicalEventID = "X-TMINUS-CANONICAL-ID"
        public static let originAccountID = "X-TMINUS-ORIGIN-ACCOUNT"
    }

    /// The marker evidence a projection written to `provider` carries (what the wire layer encodes).
    public func evidence(for provider: ProviderKind) -> MarkerEvidence {
        switch provider {
        case .google:
            return .google(privateProperties: [
                GoogleKey.tminus: "true", GoogleKey.managed: managedValue,
                GoogleKey.canonicalEventID: canonicalEventID, GoogleKey.originAccountID: originAccountID,
            ])
        case .microsoft:
            return .microsoft(extendedPropertyValue: microsoftPropertyValue, categories: microsoftCategories)
        case .caldav:
            return .caldav(properties: [
                CalDAVProperty.managed: managedValue, CalDAVProperty.canonicalEventID: canonicalEventID,
                CalDAVProperty.originAccountID: originAccountID,
            ])
        }
    }

    /// The value of our single-value extended property on Graph:
    /// `tminus=true;managed=true;canonical_event_id=<evt>;origin_account_id=<acc>` (`managed=false` on origins).
    public var microsoftPropertyValue: String {
        "tminus=true;managed=\(managedValue);canonical_event_id=\(canonicalEventID);origin_account_id=\(originAccountID)"
    }
}

/// Our markers as found on a provider event, in each provider's own extension mechanism.
public enum MarkerEvidence: Hashable, Sendable {
    /// No extension data of ours was present (or the provider dropped it).
    case none
    /// Google `extendedProperties.private`.
    case google(privateProperties: [String: String])
    /// Graph: the value of our single-value extended property (nil if absent) and the categories.
    case microsoft(extendedPropertyValue: String?, categories: [String])
    /// CalDAV: the event's `X-TMINUS-*` properties by name.
    case caldav(properties: [String: String])
}
