public import TMinusCore

/// Whether a provider can push change notifications, or must be polled.
public enum PushSupport: Hashable, Sendable {
    /// Webhook channels or subscriptions, renewed before they expire; `maximumLifetime` is the
    /// longest lifetime worth requesting (nil: the provider decides).
    case webhook(maximumLifetime: Duration?)
    /// No push: run incremental rounds on a schedule.
    case pollOnly
}

/// What the caller asks for when opening a push channel. Everything that must be unique or
/// time-based is chosen by the caller (seeded IDs, the injected clock), never by the adapter.
public struct PushChannelRequest: Hashable, Sendable {
    /// A new, unique channel ID (Google: ≤ 64 chars; UUID-like). Not reused across renewals.
    public var channelID: String
    /// The HTTPS URL that receives notifications.
    public var address: String
    /// A secret echoed in every notification (Google channel token, Graph `clientState`);
    /// notifications without it are rejected.
    public var verificationToken: ProviderSecret
    /// When the channel should expire (the provider may choose earlier).
    public var expiresAt: Timestamp?

    /// Creates a request.
    public init(channelID: String, address: String, verificationToken: ProviderSecret, expiresAt: Timestamp?) {
        self.channelID = channelID
        self.address = address
        self.verificationToken = verificationToken
        self.expiresAt = expiresAt
    }
}

/// An open push channel (Google notification channel, Graph subscription) for one calendar.
public struct PushChannel: Hashable, Sendable {
    public var calendarID: String
    /// The channel or subscription ID.
    public var channelID: String
    /// The provider's ID of the watched resource (Google `resourceId`, needed to stop it).
    public var resourceID: String?
    /// When the provider will stop delivering (server-computed); renew well before.
    public var expiresAt: Timestamp?

    /// Creates a value.
    public init(calendarID: String, channelID: String, resourceID: String?, expiresAt: Timestamp?) {
        self.calendarID = calendarID
        self.channelID = channelID
        self.resourceID = resourceID
        self.expiresAt = expiresAt
    }
}

/// The result of renewing a channel.
public struct PushRenewal: Hashable, Sendable {
    /// The channel to store from now on.
    public var channel: PushChannel
    /// True when the previous channel still runs (Google renews by opening a new channel): store
    /// the new one first, then stop the previous one. False when it was extended in place (Graph).
    public var previousStillActive: Bool

    /// Creates a value.
    public init(channel: PushChannel, previousStillActive: Bool) {
        self.channel = channel
        self.previousStillActive = previousStillActive
    }
}

/// One notification decoded from a push delivery. It only says *that* something changed; the
/// receiver enqueues an incremental round and never trusts a push for content.
public struct PushNotification: Hashable, Sendable {
    /// What the provider reported.
    public enum Signal: String, Hashable, Sendable {
        /// A new channel's handshake (Google `sync`): nothing changed; may race the watch
        /// response, so an unknown channel ID here is not an error.
        case channelOpened
        /// The watched collection changed: run an incremental round.
        case changed
        /// The watched resource no longer exists (Google `not_exists`): re-list calendars.
        case resourceRemoved
        /// Notifications were lost (Graph `missed`): run an incremental round now.
        case missed
        /// The subscription needs reauthorization or renewal soon (Graph lifecycle).
        case reauthorizationRequired
        /// The provider removed the subscription (Graph lifecycle): recreate it, then resync.
        case subscriptionRemoved
    }

    public var channelID: String
    public var resourceID: String?
    public var signal: Signal
    /// The echoed verification token; compare with the stored one and drop mismatches.
    public var verificationToken: String?
    /// The provider's message number, when sent (increasing but not sequential: no gap detector).
    public var messageNumber: Int64?

    /// Creates a value.
    public init(
        channelID: String, resourceID: String?, signal: Signal, verificationToken: String?, messageNumber: Int64?
    ) {
        self.channelID = channelID
        self.resourceID = resourceID
        self.signal = signal
        self.verificationToken = verificationToken
        self.messageNumber = messageNumber
    }
}

/// A decoded push delivery: the notifications it carries and the reply the receiver must send
/// at once (2xx fast; work is enqueued, never done inline).
public struct PushDelivery: Hashable, Sendable {
    public var notifications: [PushNotification]
    public var reply: HTTPResponse

    /// Creates a value.
    public init(notifications: [PushNotification], reply: HTTPResponse) {
        self.notifications = notifications
        self.reply = reply
    }
}
