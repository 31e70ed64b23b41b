public import TMinusCore

extension GraphCalendarProvider {
    /// `POST /subscriptions` for the calendar's events. The caller's ``PushChannelRequest/channelID``
    /// is not sent (Graph assigns the subscription id, which becomes the channel id); the address
    /// receives both change and lifecycle notifications and must answer the validation handshake
    /// (``decodePush(_:)`` builds that answer). The expiration is the caller's, capped at
    /// ``GraphConfiguration/subscriptionLifetime`` less ``GraphConfiguration/subscriptionClockMargin``
    /// from now.
    public func watch(calendarID: String, request: PushChannelRequest) async throws(ProviderError) -> PushChannel {
        let expiresAt = try expiration(for: request, operation: "subscriptions.create")
        let response = try await exchange.send("subscriptions.create") { credential in
            GraphRequests.createSubscription(
                configuration, calendarID: calendarID, request: request, expiresAt: expiresAt, credential: credential)
        }
        return try GraphResponses.subscription(
            response.body, calendarID: calendarID, operation: "subscriptions.create", status: response.status)
    }

    /// Extends the subscription in place (`PATCH`, ``PushRenewal/previousStillActive`` false).
    /// One Graph already deleted (expired unrenewed, or removed: 404) is created anew.
    public func renewWatch(_ channel: PushChannel, request: PushChannelRequest) async throws(ProviderError)
        -> PushRenewal
    {
        let expiresAt = try expiration(for: request, operation: "subscriptions.renew")
        do {
            let response = try await exchange.send("subscriptions.renew") { credential in
                GraphRequests.renewSubscription(
                    configuration, subscriptionID: channel.channelID, expiresAt: expiresAt, credential: credential)
            }
            let renewed = try GraphResponses.subscription(
                response.body, calendarID: channel.calendarID, operation: "subscriptions.renew", status: 200)
            return PushRenewal(channel: renewed, previousStillActive: false)
        } catch .notFound {
            let created = try await watch(calendarID: channel.calendarID, request: request)
            return PushRenewal(channel: created, previousStillActive: false)
        }
    }

    /// `DELETE /subscriptions/{id}`; one Graph no longer knows (404) counts as stopped.
    public func stopWatch(_ channel: PushChannel) async throws(ProviderError) {
        do {
            _ = try await exchange.send("subscriptions.delete") { credential in
                GraphRequests.deleteSubscription(
                    configuration, subscriptionID: channel.channelID, credential: credential)
            }
        } catch .notFound {
            return
        }
    }

    public func decodePush(_ request: HTTPRequest) throws(ProviderError) -> PushDelivery {
        try GraphPushDecoder.decode(request)
    }

    /// True once `channel` has reached half of the configured lifetime before its expiry (or has
    /// no known expiry): the moment to renew, safe under both documented caps (providers.md §6.1).
    public func renewalDue(_ channel: PushChannel, now: Timestamp) -> Bool {
        guard let expiresAt = channel.expiresAt else { return true }
        let half = Duration.nanoseconds(configuration.subscriptionLifetime.nanoseconds / 2)
        return now >= expiresAt.adding(.zero - half)
    }

    /// The caller's expiration capped at the configured lifetime from now, less the clock margin
    /// (Graph measures the cap on its own clock, which may be behind ours); never in the past.
    private func expiration(for request: PushChannelRequest, operation: String) throws(ProviderError) -> Timestamp {
        let now = clock.now()
        let cap = now.adding(configuration.subscriptionLifetime - configuration.subscriptionClockMargin)
        let wanted = min(request.expiresAt ?? cap, cap)
        guard wanted > now else {
            throw .invalidRequest(
                ProviderErrorContext(
                    provider: .microsoft, operation: operation, detail: "the requested expiration is not in the future")
            )
        }
        return wanted
    }
}
