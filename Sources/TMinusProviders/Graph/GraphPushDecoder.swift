import TMinusCore

/// Decodes what Graph POSTs to our notification URL (pure: no I/O, no clock).
///
/// - Validation handshake (M-WH): a POST with `?validationToken=…` is answered at once with
///   200, `text/plain`, and the URL-decoded token as the body; it carries no notification.
/// - Change notifications `{"value":[{subscriptionId, clientState, changeType, resource, …}]}`
///   become ``PushNotification/Signal/changed`` (basic notifications carry only ids: the
///   receiver runs a delta round, never trusts the payload).
/// - Lifecycle notifications (`lifecycleEvent`, M-LC): `reauthorizationRequired`,
///   `subscriptionRemoved`, `missed`; an unknown lifecycle event reads as `missed` (a spurious
///   resync is harmless, a lost one is not).
///
/// Every notification carries its `clientState` as ``PushNotification/verificationToken``; use
/// ``verified(_:clientState:)`` to drop spoofed ones (fault row 38). The reply is always 202 so
/// Graph neither retries nor flags the endpoint, even for rejected notifications.
public enum GraphPushDecoder: Sendable {
    /// Decodes one delivery.
    /// - Throws: ``ProviderError/malformedResponse(_:)`` when the body is not a notification
    ///   collection or an entry lacks `subscriptionId`.
    public static func decode(_ request: HTTPRequest) throws(ProviderError) -> PushDelivery {
        if let token = request.components?.queryValue("validationToken") {
            let reply = HTTPResponse(
                status: 200, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(token.utf8))
            return PushDelivery(notifications: [], reply: reply)
        }
        let notifications = try WirePayload.decode(request.body, provider: .microsoft, operation: "push") {
            json throws(WireDecodingError) in
            let collection = try WireReader(json, path: "")
            var decoded: [PushNotification] = []
            for (index, item) in try collection.array("value").enumerated() {
                decoded.append(try notification(try WireReader(item, path: "value[\(index)]")))
            }
            return decoded
        }
        return PushDelivery(notifications: notifications, reply: HTTPResponse(status: 202))
    }

    /// The notifications whose `clientState` equals the secret stored for their subscription
    /// (`clientState(subscriptionID)`, nil when the subscription is unknown), and how many were
    /// dropped as spoofed or unknown.
    public static func verified(
        _ delivery: PushDelivery, clientState: (String) -> ProviderSecret?
    ) -> (accepted: [PushNotification], rejected: Int) {
        var accepted: [PushNotification] = []
        for notification in delivery.notifications {
            guard let expected = clientState(notification.channelID), let echoed = notification.verificationToken,
                constantTimeEqual(Array(expected.revealed.utf8), Array(echoed.utf8))
            else { continue }
            accepted.append(notification)
        }
        return (accepted, delivery.notifications.count - accepted.count)
    }

    private static func notification(_ item: WireReader) throws(WireDecodingError) -> PushNotification {
        let subscription = try item.string("subscriptionId")
        let signal: PushNotification.Signal
        if let lifecycle = try item.optionalString("lifecycleEvent") {
            switch lifecycle {
            case "reauthorizationRequired": signal = .reauthorizationRequired
            case "subscriptionRemoved": signal = .subscriptionRemoved
            default: signal = .missed
            }
        } else {
            signal = .changed
        }
        return PushNotification(
            channelID: subscription, resourceID: try item.optionalString("resource"), signal: signal,
            verificationToken: try item.optionalString("clientState"), messageNumber: nil)
    }

    /// Compares two byte strings in time independent of where they differ.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
