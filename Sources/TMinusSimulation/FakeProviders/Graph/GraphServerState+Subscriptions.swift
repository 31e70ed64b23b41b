import TMinusCore
import TMinusProviders

/// Subscriptions (M-SUB, M-WH, M-LC): create with the synchronous validation handshake, renew,
/// delete, reauthorize, the change notifications a commit sends, and expiry with lifecycle events.
extension GraphServerState {
    static let changeTypes: Set<String> = ["created", "updated", "deleted"]

    mutating func createSubscription(
        request: HTTPRequest, context: GraphRequestContext, account: String, now: Timestamp
    ) throws(GraphAPIError) -> HTTPResponse {
        guard let json = try? WireJSON.parse(request.body), case .object = json else {
            throw .badRequest("Empty Payload. JSON content expected.")
        }
        let types = Set(
            (json["changeType"].flatMap(GraphServerState.text) ?? "").split(separator: ",").map(String.init))
        guard !types.isEmpty, types.isSubset(of: GraphServerState.changeTypes) else {
            throw .subscriptionInvalid("Invalid 'changeType' attribute.")
        }
        guard let url = json["notificationUrl"].flatMap(GraphServerState.text), url.lowercased().hasPrefix("https://"),
            URLParts(url) != nil
        else { throw .subscriptionInvalid("The Notification Url must be an https url.") }
        let lifecycle = json["lifecycleNotificationUrl"].flatMap(GraphServerState.text)
        if let lifecycle, !lifecycle.lowercased().hasPrefix("https://") {
            throw .subscriptionInvalid("The lifecycle notification url must be an https url.")
        }
        guard let resource = json["resource"].flatMap(GraphServerState.text),
            let scope = try subscriptionScope(resource, account: account)
        else { throw .subscriptionInvalid("Invalid 'resource' attribute.") }
        let clientState = json["clientState"].flatMap(GraphServerState.text)
        if let clientState, clientState.count > 128 {
            throw .subscriptionInvalid("clientState must not be longer than 128 characters.")
        }
        let expiration = try subscriptionExpiration(json, now: now)
        guard
            subscriptions.filter({ $0.account == account && !$0.deleted }).count < configuration.subscriptionsPerMailbox
        else {
            throw GraphAPIError(
                status: 403, code: "ExtensionError",
                message: "The maximum number of subscriptions for this mailbox was reached.")
        }
        try validate(url, now: now)
        if let lifecycle, lifecycle != url { try validate(lifecycle, now: now) }
        let subscription = GraphSubscription(
            id: GraphIdentifiers.guid(&streams.subscriptions), account: account, calendarID: scope, resource: resource,
            changeTypes: types, notificationURL: url, lifecycleURL: lifecycle, clientState: clientState,
            immutableIDs: context.idForm == .immutable, expiration: expiration)
        subscriptions.append(subscription)
        trace.record(component: "graph", event: "subscription.created \(subscription.id)")
        return resourceResponse(201, subscriptionJSON(subscription), context: "subscriptions/$entity", now: now)
    }

    func getSubscription(_ id: String, account: String, now: Timestamp) throws(GraphAPIError) -> HTTPResponse {
        let index = try liveSubscription(id, account: account)
        return resourceResponse(200, subscriptionJSON(subscriptions[index]), context: "subscriptions/$entity", now: now)
    }

    mutating func renewSubscription(_ id: String, body: [UInt8], account: String, now: Timestamp) throws(GraphAPIError)
        -> HTTPResponse
    {
        let index = try liveSubscription(id, account: account)
        guard let json = try? WireJSON.parse(body), case .object = json else {
            throw .badRequest("Empty Payload. JSON content expected.")
        }
        subscriptions[index].expiration = try subscriptionExpiration(json, now: now)
        subscriptions[index].reauthorizationSent = false
        trace.record(component: "graph", event: "subscription.renewed \(id)")
        return resourceResponse(200, subscriptionJSON(subscriptions[index]), context: "subscriptions/$entity", now: now)
    }

    mutating func deleteSubscription(_ id: String, account: String, now: Timestamp) throws(GraphAPIError)
        -> HTTPResponse
    {
        let index = try liveSubscription(id, account: account)
        subscriptions[index].deleted = true
        trace.record(component: "graph", event: "subscription.deleted \(id)")
        return FakeHTTP.empty(204, date: now)
    }

    mutating func reauthorizeSubscription(_ id: String, account: String, now: Timestamp) throws(GraphAPIError)
        -> HTTPResponse
    {
        let index = try liveSubscription(id, account: account)
        subscriptions[index].reauthorizationSent = false
        return FakeHTTP.empty(200, date: now)
    }

    /// The index of a live subscription `account` created.
    /// - Throws: 404 `ResourceNotFound` when unknown, deleted, expired, or someone else's.
    func liveSubscription(_ id: String, account: String) throws(GraphAPIError) -> Int {
        guard let index = subscriptions.lastIndex(where: { $0.id == id && !$0.deleted }),
            subscriptions[index].account == account
        else { throw GraphAPIError(status: 404, code: "ResourceNotFound", message: "The object was not found.") }
        return index
    }

    /// The calendar a subscription resource covers (nil: every calendar of the mailbox).
    /// - Throws: 403 `ErrorAccessDenied` for another mailbox; returns nil wrapped for unknown shapes.
    private func subscriptionScope(_ resource: String, account: String) throws(GraphAPIError) -> String?? {
        var segments = resource.split(separator: "/").map(String.init)
        if segments.first?.lowercased() == "users", segments.count >= 2 {
            guard segments[1] == account || segments[1] == accounts[account]!.userID else { throw .accessDenied() }
            segments.removeFirst(2)
        } else if segments.first?.lowercased() == "me" {
            segments.removeFirst()
        } else {
            return nil
        }
        switch segments.count {
        case 1 where segments[0].lowercased() == "events": return .some(nil)
        case 2 where segments[0].lowercased() == "calendar" && segments[1].lowercased() == "events":
            return .some(defaultCalendar(of: account))
        case 3 where segments[0].lowercased() == "calendars" && segments[2].lowercased() == "events":
            return .some(try calendar(segments[1], account: account))
        default: return nil
        }
    }

    /// The requested `expirationDateTime`, within (0, maximum] from now (clamped when so configured).
    private func subscriptionExpiration(_ json: WireJSON, now: Timestamp) throws(GraphAPIError) -> Timestamp {
        guard let text = json["expirationDateTime"].flatMap(GraphServerState.text),
            let requested = try? EventDateTime.parse(
                dateTime: text, date: nil, timeZone: nil, field: "expirationDateTime"
            ).instant
        else { throw .subscriptionInvalid("expirationDateTime is required and must be a date-time.") }
        guard requested > now else { throw .subscriptionInvalid("Subscription expiration must be in the future.") }
        let cap = now.adding(configuration.subscriptionMaximumLifetime)
        guard requested <= cap else {
            guard configuration.clampSubscriptionExpiration else {
                let minutes = configuration.subscriptionMaximumLifetime.components.seconds / 60
                throw .subscriptionInvalid("Subscription expiration can only be \(minutes) minutes in the future.")
            }
            return cap
        }
        return requested
    }

    /// Graph's validation handshake against the registered responder of `url` (M-WH).
    private mutating func validate(_ url: String, now: Timestamp) throws(GraphAPIError) {
        let token =
            "Validation: Testing client application reachability for subscription Request-Id: "
            + GraphIdentifiers.guid(&streams.subscriptions)
        let separator = url.contains("?") ? "&" : "?"
        let request = HTTPRequest(
            method: "POST", url: url + separator + "validationToken=" + URLParts.percentEncode(token),
            headers: ["Content-Type": "text/plain; charset=utf-8"])
        if streams.subscriptions.chance(configuration.validationTimeoutChance) { throw .validationTimedOut() }
        guard let responder = validators[url] else { throw .validationFailed(mismatch: false) }
        let reply = responder(request)
        guard reply.status == 200 else { throw .validationFailed(mismatch: false) }
        guard reply.text == token, reply.headers["Content-Type"]?.lowercased().hasPrefix("text/plain") == true else {
            throw .validationFailed(mismatch: true)
        }
    }

    func subscriptionJSON(_ subscription: GraphSubscription) -> JSONValue {
        [
            "id": .string(subscription.id), "resource": .string(subscription.resource),
            "applicationId": .string(configuration.clientID),
            "changeType": .string(
                GraphServerState.changeTypes.sorted().filter(subscription.changeTypes.contains)
                    .joined(separator: ",")),
            "clientState": subscription.clientState.map { .string($0) } ?? .null,
            "notificationUrl": .string(subscription.notificationURL),
            "lifecycleNotificationUrl": subscription.lifecycleURL.map { .string($0) } ?? .null,
            "expirationDateTime": .string(GraphDateTime.utcStamp(subscription.expiration)),
            "creatorId": .string(accounts[subscription.account]!.userID), "includeResourceData": false,
            "latestSupportedTlsVersion": "v1_2", "encryptionCertificate": .null, "encryptionCertificateId": .null,
            "notificationQueryOptions": .null, "notificationUrlAppId": .null,
        ]
    }

    static func text(_ value: WireJSON) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }
}
