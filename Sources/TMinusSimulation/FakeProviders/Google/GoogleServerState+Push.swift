import TMinusCore
import TMinusProviders

/// `events.watch`, `channels.stop` and the notifications a change sends (G-PUSH, G-WATCH §1.11).
extension GoogleServerState {
    /// `POST …/events/watch`: opens a channel; the `sync` message (number 1) is queued at once, so
    /// with a fast push path it can reach the receiver before the client has the watch response.
    mutating func watchEvents(calendarID: String, account: String, body: [UInt8], now: Timestamp) throws(GoogleAPIError)
        -> HTTPResponse
    {
        let id = try calendar(calendarID, account: account, needs: .reader)
        let object = try GoogleServerState.jsonObject(body)
        guard case .string(let channelID)? = object["id"], !channelID.isEmpty else {
            throw .required("id", message: "Required: id")
        }
        guard channelID.utf8.count <= 64, channelID.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .invalid("Invalid channel id.")
        }
        guard case .string(let type)? = object["type"], type == "web_hook" || type == "webhook" else {
            throw .invalid("Invalid channel type.")
        }
        guard case .string(let address)? = object["address"], address.lowercased().hasPrefix("https://"),
            URLParts(address) != nil
        else { throw .invalid("WebHook callback must be HTTPS: \(GoogleServerState.redacted(object["address"]))") }
        var token: String?
        if case .string(let text)? = object["token"] {
            guard text.utf8.count <= 256 else { throw .invalid("Channel token too long.") }
            token = text
        }
        guard !channels.contains(where: { $0.id == channelID && !$0.stopped && $0.expiration > now }) else {
            throw GoogleAPIError(
                status: 400, domain: "global", reason: "channelIdNotUnique",
                message: "Channel id \(channelID) not unique")
        }
        let expiration = try channelExpiration(object, now: now)
        let channel = GoogleChannel(
            id: channelID, resourceID: calendars[id]!.resourceID, account: account, calendarID: id, address: address,
            token: token, expiration: expiration)
        channels.append(channel)
        enqueueNotification(channelIndex: channels.count - 1, state: "sync")
        var response: [String: JSONValue] = [
            "kind": "api#channel", "id": .string(channelID), "resourceId": .string(channel.resourceID),
            "resourceUri": .string(GoogleServerState.resourceURI(id)),
            "expiration": .string(String(expiration.millisecondsSinceEpoch)),
        ]
        if let token { response["token"] = .string(token) }
        trace.record(component: "google", event: "channel.opened \(channelID) \(id)")
        return FakeHTTP.json(200, .object(response), date: now)
    }

    /// The more restrictive of the requested expiration, `params.ttl` (default 7 days) and the cap.
    private func channelExpiration(_ object: [String: JSONValue], now: Timestamp) throws(GoogleAPIError) -> Timestamp {
        var ttl = configuration.channelDefaultTTL
        if case .object(let params)? = object["params"], let value = params["ttl"] {
            let seconds: Int64?
            switch value {
            case .string(let text): seconds = Int64(text)
            case .int(let number): seconds = number
            default: seconds = nil
            }
            guard let seconds, seconds > 0 else { throw .invalid("Invalid ttl parameter.") }
            ttl = .seconds(seconds)
        }
        var expiration = now.adding(min(ttl, configuration.channelMaximumTTL))
        if let requested = object["expiration"] {
            let millis: Int64?
            switch requested {
            case .string(let text): millis = Int64(text)
            case .int(let number): millis = number
            default: millis = nil
            }
            guard let millis else { throw .invalid("Invalid expiration.") }
            expiration = min(expiration, Timestamp(millisecondsSinceEpoch: millis))
        }
        return expiration
    }

    /// `POST /channels/stop` with `{id, resourceId}`: only the account that opened it may stop it.
    mutating func stopChannel(account: String, body: [UInt8]) throws(GoogleAPIError) {
        let object = try GoogleServerState.jsonObject(body)
        guard case .string(let channelID)? = object["id"], case .string(let resourceID)? = object["resourceId"] else {
            throw .required("id", message: "Required: id, resourceId")
        }
        guard
            let index = channels.lastIndex(where: { $0.id == channelID && $0.resourceID == resourceID && !$0.stopped }),
            channels[index].account == account
        else { throw .notFound() }
        channels[index].stopped = true
        trace.record(component: "google", event: "channel.stopped \(channelID)")
    }

    /// Queues an `exists` message on every live channel watching `calendarID`.
    mutating func notifyChannels(of calendarID: String, now: Timestamp) {
        for index in channels.indices where channels[index].calendarID == calendarID {
            guard !channels[index].stopped, channels[index].expiration > now else { continue }
            // Message numbers increase but are not sequential (G-PUSH).
            channels[index].messageNumber += 1 + Int64(streams.channels.below(3))
            enqueueNotification(channelIndex: index, state: "exists")
        }
    }

    private func enqueueNotification(channelIndex: Int, state: String) {
        let channel = channels[channelIndex]
        var headers = HTTPHeaders([
            ("User-Agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)"),
            ("Content-Length", "0"),
            ("X-Goog-Channel-ID", channel.id),
            ("X-Goog-Channel-Expiration", HTTPDate.format(channel.expiration)),
            ("X-Goog-Message-Number", String(channel.messageNumber)),
            ("X-Goog-Resource-ID", channel.resourceID),
            ("X-Goog-Resource-State", state),
            ("X-Goog-Resource-URI", GoogleServerState.resourceURI(channel.calendarID)),
        ])
        if let token = channel.token { headers.add("X-Goog-Channel-Token", token) }
        push.enqueue(HTTPRequest(method: "POST", url: channel.address, headers: headers), channel: channel.id)
    }

    static func resourceURI(_ calendarID: String) -> String {
        URLParts.build(base: "https://www.googleapis.com/calendar/v3", segments: ["calendars", calendarID, "events"])
            + "?alt=json"
    }

    private static func redacted(_ value: JSONValue?) -> String {
        if case .string(let text)? = value { return String(text.prefix(8)) + "…" }
        return "(missing)"
    }
}
