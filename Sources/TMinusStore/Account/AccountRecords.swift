public import TMinusCore

/// OAuth tokens (or a CalDAV app password as the refresh secret) of one account.
public struct AccountTokens: Hashable, Sendable {
    public var accessToken: Secret
    public var accessTokenExpiresAt: Timestamp
    /// Never leaves the account's unit; stored before it is used when the provider rotates it.
    public var refreshToken: Secret
    public var scopes: [String]

    /// Creates a token set.
    public init(accessToken: Secret, accessTokenExpiresAt: Timestamp, refreshToken: Secret, scopes: [String]) {
        self.accessToken = accessToken
        self.accessTokenExpiresAt = accessTokenExpiresAt
        self.refreshToken = refreshToken
        self.scopes = scopes
    }
}

/// One provider calendar of an account that T-Minus reads from or writes to.
public struct CalendarScope: Hashable, Sendable {
    /// What the calendar is to us.
    public enum Role: String, CaseIterable, Sendable {
        /// The account's primary calendar.
        case primary
        /// Another calendar the user chose to sync.
        case secondary
        /// The "External Busy (T-Minus)" overlay calendar we created.
        case overlay
    }

    public var providerCalendarID: String
    public var role: Role
    /// Read (origin events are synced from it).
    public var syncEnabled: Bool

    /// Creates a scope.
    public init(providerCalendarID: String, role: Role, syncEnabled: Bool = true) {
        self.providerCalendarID = providerCalendarID
        self.role = role
        self.syncEnabled = syncEnabled
    }
}

/// The push watch (Google channel / Graph subscription) of one scoped calendar.
public struct CalendarWatch: Hashable, Sendable {
    /// Lifecycle of a watch.
    public enum State: String, CaseIterable, Sendable {
        case active, renewing, stopped, failed
    }

    public var providerCalendarID: String
    public var channelID: String
    public var resourceID: String?
    public var token: String
    public var expiresAt: Timestamp
    public var state: State
    /// When a push last arrived: a watch silent for 12 h is renewed (engine flow E).
    public var lastNotificationAt: Timestamp?

    /// Creates a watch record.
    public init(
        providerCalendarID: String, channelID: String, resourceID: String?, token: String, expiresAt: Timestamp,
        state: State = .active, lastNotificationAt: Timestamp? = nil
    ) {
        self.providerCalendarID = providerCalendarID
        self.channelID = channelID
        self.resourceID = resourceID
        self.token = token
        self.expiresAt = expiresAt
        self.state = state
        self.lastNotificationAt = lastNotificationAt
    }
}

/// Sync health of an account, shown in status and used by cron.
public struct SyncHealth: Hashable, Sendable {
    public var lastSyncAt: Timestamp?
    public var lastSuccessAt: Timestamp?
    public var consecutiveErrors: Int
    /// A short, data-free description of the last error.
    public var lastError: String?
}

/// How a sync attempt ended, as recorded in the account's ``SyncHealth``.
public enum SyncOutcome: Hashable, Sendable {
    /// The sync completed: the error count resets.
    case succeeded
    /// The sync failed or refused to act; `error` is a short, data-free description.
    case failed(String)
}
