import TMinusCore
import TMinusProviders

/// The notifications the fake sends (M-WH, M-OCN, M-LC): one basic change notification per
/// committed change to every live subscription covering the calendar, lifecycle events on expiry
/// approach and on demand, and silent deletion of expired subscriptions.
extension GraphServerState {
    /// Queues a change notification of `eventID` in `calendarID` on every subscription covering it.
    mutating func notifySubscriptions(calendarID: String, eventID: String, change: String, now: Timestamp) {
        guard let calendar = calendars[calendarID], let record = calendar.events[eventID] else { return }
        for index in subscriptions.indices {
            let subscription = subscriptions[index]
            guard !subscription.deleted, subscription.expiration > now, subscription.account == calendar.owner,
                subscription.calendarID == nil || subscription.calendarID == calendarID,
                subscription.changeTypes.contains(change)
            else { continue }
            let userID = accounts[calendar.owner]!.userID
            let id = subscription.immutableIDs ? record.id : record.mutableID
            let resource = "Users/\(userID)/Events/\(id)"
            var item: [String: JSONValue] = [
                "subscriptionId": .string(subscription.id),
                "subscriptionExpirationDateTime": .string(GraphDateTime.utcStamp(subscription.expiration)),
                "changeType": .string(change), "resource": .string(resource), "tenantId": .string(tenantID),
                "resourceData": [
                    "@odata.type": "#Microsoft.Graph.Event", "@odata.id": .string(resource),
                    "@odata.etag": .string("W/\"\(record.current.changeKey)\""), "id": .string(id),
                ],
            ]
            if let clientState = subscription.clientState { item["clientState"] = .string(clientState) }
            enqueue(["value": [.object(item)]], to: subscription.notificationURL, subscription: subscription.id)
        }
    }

    /// Deletes expired subscriptions silently and sends `reauthorizationRequired` to the ones
    /// about to expire (once per expiration).
    mutating func sweepSubscriptions(now: Timestamp) {
        for index in subscriptions.indices where !subscriptions[index].deleted {
            if subscriptions[index].expiration <= now {
                subscriptions[index].deleted = true
                trace.record(component: "graph", event: "subscription.expired \(subscriptions[index].id)")
                continue
            }
            guard let lead = configuration.reauthorizationLead, !subscriptions[index].reauthorizationSent,
                subscriptions[index].expiration <= now.adding(lead)
            else { continue }
            subscriptions[index].reauthorizationSent = true
            sendLifecycle(.reauthorizationRequired, subscription: index)
        }
    }

    /// Sends a lifecycle event to the subscription's lifecycle URL (none: nothing is sent, as
    /// Graph cannot tell the app); `subscriptionRemoved` also deletes the subscription.
    mutating func sendLifecycle(_ event: GraphLifecycleEvent, subscription index: Int) {
        let subscription = subscriptions[index]
        if event == .subscriptionRemoved { subscriptions[index].deleted = true }
        trace.record(component: "graph", event: "lifecycle.\(event.rawValue) \(subscription.id)")
        guard let url = subscription.lifecycleURL else { return }
        var item: [String: JSONValue] = [
            "subscriptionId": .string(subscription.id),
            "subscriptionExpirationDateTime": .string(GraphDateTime.utcStamp(subscription.expiration)),
            "tenantId": .string(tenantID), "lifecycleEvent": .string(event.rawValue),
        ]
        if let clientState = subscription.clientState { item["clientState"] = .string(clientState) }
        enqueue(["value": [.object(item)]], to: url, subscription: subscription.id)
    }

    private func enqueue(_ body: JSONValue, to url: String, subscription: String) {
        let request = HTTPRequest(
            method: "POST", url: url, headers: ["Content-Type": "application/json; charset=utf-8"],
            body: StableJSON.serializedBytes(body))
        push.enqueue(request, channel: subscription)
    }
}
