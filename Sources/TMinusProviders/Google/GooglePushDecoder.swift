import TMinusCore

/// Decodes Google push notifications (pure).
///
/// A delivery is an HTTPS POST with an empty body and `X-Goog-*` headers: `X-Goog-Channel-ID`,
/// `X-Goog-Resource-ID`, `X-Goog-Resource-State` (`sync` on a new channel, `exists` on any change,
/// `not_exists`), `X-Goog-Message-Number`, and, when set, `X-Goog-Channel-Token`. The reply is
/// always an immediate 200 (Google retries only 5xx answers; the work is enqueued elsewhere).
public enum GooglePushDecoder: Sendable {
    /// Decodes one delivery. An unknown resource state is read as `changed` (a spurious
    /// incremental round is harmless; a missed one is not).
    /// - Throws: ``ProviderError/malformedResponse(_:)`` when the channel ID or state is missing.
    public static func decode(_ request: HTTPRequest) throws(ProviderError) -> PushDelivery {
        let headers = request.headers
        guard let channelID = headers["X-Goog-Channel-ID"], !channelID.isEmpty else {
            throw malformed("X-Goog-Channel-ID is missing")
        }
        guard let state = headers["X-Goog-Resource-State"]?.trimmingSpaces, !state.isEmpty else {
            throw malformed("X-Goog-Resource-State is missing")
        }
        let signal: PushNotification.Signal =
            switch state {
            case "sync": .channelOpened
            case "not_exists": .resourceRemoved
            default: .changed
            }
        let notification = PushNotification(
            channelID: channelID, resourceID: headers["X-Goog-Resource-ID"]?.trimmingSpaces, signal: signal,
            verificationToken: headers["X-Goog-Channel-Token"],
            messageNumber: headers["X-Goog-Message-Number"].flatMap { Int64($0) })
        return PushDelivery(notifications: [notification], reply: HTTPResponse(status: 200))
    }

    private static func malformed(_ detail: String) -> ProviderError {
        .malformedResponse(ProviderErrorContext(provider: .google, operation: "push", detail: detail))
    }
}
