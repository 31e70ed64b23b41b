public import TMinusCore
import TMinusSQLite

/// A provider account as the registry knows it.
public struct RegisteredAccount: Hashable, Sendable {
    /// Whether the account can be synced.
    public enum Status: String, CaseIterable, Sendable {
        /// Working.
        case active
        /// Its refresh token was refused (`invalid_grant`): the user must relink.
        case error
        /// Unlinked by the user.
        case revoked
    }

    public var accountID: String
    public var userID: String
    public var provider: ProviderKind
    public var subject: String
    public var email: String?
    public var status: Status

    static func decode(_ row: Row) throws -> RegisteredAccount {
        RegisteredAccount(
            accountID: try row.get("account_id"), userID: try row.get("user_id"),
            provider: try ProviderKind.parse(try row.get("provider"), field: "accounts.provider"),
            subject: try row.get("provider_subject"), email: try row.optional("email"),
            status: try Status.parse(try row.get("status"), field: "accounts.status"))
    }
}

/// Routing of one push channel (Google) or subscription (Graph) to the calendar it watches.
public struct ChannelRoute: Hashable, Sendable {
    public var channelID: String
    public var accountID: String
    public var providerCalendarID: String
    /// The secret the provider echoes back (channel token / clientState); a push without it is forged.
    public var token: String
    public var expiresAt: Timestamp

    /// Creates a route.
    public init(channelID: String, accountID: String, providerCalendarID: String, token: String, expiresAt: Timestamp) {
        self.channelID = channelID
        self.accountID = accountID
        self.providerCalendarID = providerCalendarID
        self.token = token
        self.expiresAt = expiresAt
    }

    static func decode(_ row: Row) throws -> ChannelRoute {
        ChannelRoute(
            channelID: try row.get("channel_id"), accountID: try row.get("account_id"),
            providerCalendarID: try row.get("provider_calendar_id"), token: try row.get("token"),
            expiresAt: Timestamp(nanosecondsSinceEpoch: try row.get("expires_at")))
    }
}
