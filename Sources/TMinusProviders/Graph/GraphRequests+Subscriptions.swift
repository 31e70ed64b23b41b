import TMinusCore

extension GraphRequests {
    /// The subscription resource of one calendar's events (engine rule 7: one per calendar).
    public static func subscriptionResource(calendarID: String) -> String { "me/calendars/\(calendarID)/events" }

    /// `POST /subscriptions` for created/updated/deleted events of a calendar, with `clientState`
    /// and the same URL for change and lifecycle notifications (the lifecycle URL can only be set
    /// at creation, M-LC).
    static func createSubscription(
        _ config: GraphConfiguration, calendarID: String, request: PushChannelRequest, expiresAt: Timestamp,
        credential: ProviderCredential
    ) -> HTTPRequest {
        let body = WireJSON.object([
            WireMember("changeType", .string("created,updated,deleted")),
            WireMember("notificationUrl", .string(request.address)),
            WireMember("lifecycleNotificationUrl", .string(request.address)),
            WireMember("resource", .string(subscriptionResource(calendarID: calendarID))),
            WireMember("expirationDateTime", .string(GraphDateTime.utcStamp(expiresAt))),
            WireMember("clientState", .string(request.verificationToken.revealed)),
            WireMember("latestSupportedTlsVersion", .string("v1_2")),
        ])
        return HTTPRequest(
            method: "POST", url: url(config, ["subscriptions"]), headers: headers(credential, json: true),
            body: body.serialized)
    }

    /// `PATCH /subscriptions/{id}` extending the expiration.
    static func renewSubscription(
        _ config: GraphConfiguration, subscriptionID: String, expiresAt: Timestamp, credential: ProviderCredential
    ) -> HTTPRequest {
        let body = WireJSON.object([WireMember("expirationDateTime", .string(GraphDateTime.utcStamp(expiresAt)))])
        return HTTPRequest(
            method: "PATCH", url: url(config, ["subscriptions", subscriptionID]),
            headers: headers(credential, json: true), body: body.serialized)
    }

    /// `DELETE /subscriptions/{id}`.
    static func deleteSubscription(_ config: GraphConfiguration, subscriptionID: String, credential: ProviderCredential)
        -> HTTPRequest
    {
        HTTPRequest(
            method: "DELETE", url: url(config, ["subscriptions", subscriptionID]), headers: headers(credential))
    }
}
