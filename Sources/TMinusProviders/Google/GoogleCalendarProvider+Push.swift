import TMinusCore

extension GoogleCalendarProvider {
    public func watch(calendarID: String, request: PushChannelRequest) async throws(ProviderError) -> PushChannel {
        let response = try await exchange.send("events.watch") { credential in
            GoogleRequests.watchEvents(configuration, calendarID: calendarID, request: request, credential: credential)
        }
        return try GoogleResponses.channel(response.body, calendarID: calendarID)
    }

    /// Google channels cannot be extended: a new channel (new ID) is opened and the previous one
    /// keeps running until the caller, having stored the new one, stops it (an overlap, as
    /// Google recommends).
    public func renewWatch(_ channel: PushChannel, request: PushChannelRequest) async throws(ProviderError)
        -> PushRenewal
    {
        guard request.channelID != channel.channelID else {
            throw .invalidRequest(
                ProviderErrorContext(
                    provider: .google, operation: "events.watch", detail: "a renewal needs a new channel ID"))
        }
        return PushRenewal(
            channel: try await watch(calendarID: channel.calendarID, request: request), previousStillActive: true)
    }

    /// `channels.stop`; a channel Google no longer knows (404) counts as stopped.
    public func stopWatch(_ channel: PushChannel) async throws(ProviderError) {
        guard let resourceID = channel.resourceID else {
            throw .invalidRequest(
                ProviderErrorContext(
                    provider: .google, operation: "channels.stop", detail: "the channel has no resourceId"))
        }
        do {
            _ = try await exchange.send("channels.stop") { credential in
                GoogleRequests.stopChannel(
                    configuration, channelID: channel.channelID, resourceID: resourceID, credential: credential)
            }
        } catch .notFound {
            return
        }
    }

    public func decodePush(_ request: HTTPRequest) throws(ProviderError) -> PushDelivery {
        try GooglePushDecoder.decode(request)
    }
}
