public import TMinusCore
public import TMinusProviders

/// Answers Graph's validation handshake for one notification URL, synchronously, the way our
/// webhook endpoint would (`POST {url}?validationToken=…` in, the reply out). Register one per
/// address on the fake (the adapter's pure `decodePush` is exactly such a function).
public typealias GraphValidationResponder = @Sendable (HTTPRequest) -> HTTPResponse

/// A lifecycle event the fake can send (M-LC).
public enum GraphLifecycleEvent: String, Hashable, Sendable, CaseIterable {
    /// The subscription or its token is about to expire: reauthorize or renew.
    case reauthorizationRequired
    /// The subscription was removed: create a new one, then resync.
    case subscriptionRemoved
    /// Notifications were lost: resync now.
    case missed
}

/// One subscription of the fake.
struct GraphSubscription: Sendable {
    let id: String
    let account: String
    /// The calendar whose events it covers, or nil for every calendar (`me/events`).
    let calendarID: String?
    let resource: String
    let changeTypes: Set<String>
    let notificationURL: String
    let lifecycleURL: String?
    let clientState: String?
    /// Whether it was created with `Prefer: IdType="ImmutableId"` (notifications then carry immutable ids).
    let immutableIDs: Bool
    var expiration: Timestamp
    var deleted = false
    var reauthorizationSent = false
}

/// One subscription as the server sees it.
public struct GraphSubscriptionSnapshot: Hashable, Sendable {
    public var id: String
    public var account: String
    public var resource: String
    public var expiration: Timestamp
    /// Deleted by the client, by expiry, or removed by the server.
    public var deleted: Bool
    /// Killed by the silent-death push fault.
    public var diedSilently: Bool
}
