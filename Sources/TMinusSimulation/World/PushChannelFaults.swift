public import TMinusCore
import TMinusEngine
import TMinusProviders

/// Faults of the push path itself, injected by the world on the fakes' live channels (Google
/// watch channels, Graph subscriptions; CalDAV has no push, so nothing happens there):
///
/// - `dead-channel`: a channel silently stops delivering while the provider still calls it open.
///   The engine's cron must replace any channel silent for 12 h; polling and reconcile catch the
///   changes meanwhile.
/// - `channel-expiry`: a channel expires without a renewal (the provider ended it earlier than
///   the engine expected). Renewal finds it gone and opens a new one; polling covers the gap.
/// - `forged-notification`: someone posts to our webhook a notification that names a real channel
///   with a wrong channel token / `clientState`. It must be refused and counted and cause no work
///   on any account; the world checks the engine's push counters right away.
public enum PushChannelFault: String, Hashable, Sendable, CaseIterable {
    case deadChannel = "dead-channel"
    case channelExpiry = "channel-expiry"
    case forgedNotification = "forged-notification"
}

/// Which channels a push-channel fault hits: those of one provider and/or one account (by its
/// login at the fake); nil fields mean "any".
public struct PushChannelTarget: Hashable, Sendable, CustomStringConvertible {
    public var provider: ProviderKind?
    public var login: String?

    /// Creates a target; by default every channel.
    public init(provider: ProviderKind? = nil, login: String? = nil) {
        self.provider = provider
        self.login = login
    }

    /// Every channel of every provider.
    public static let any = PushChannelTarget()

    public var description: String {
        let parts = [provider?.rawValue, login].compactMap { $0 }
        return parts.isEmpty ? "any" : parts.joined(separator: " ")
    }
}

/// A live push channel at a fake, as the world sees it.
package struct LiveChannel: Hashable, Sendable {
    package var provider: ProviderKind
    package var id: String
}

extension SyncWorld {
    /// Every channel `target` names that is live at its fake now, sorted by provider and ID: open,
    /// not expired and not already dead.
    package func liveChannels(_ target: PushChannelTarget) -> [LiveChannel] {
        let now = clock.now()
        var live: [LiveChannel] = []
        func wanted(_ login: String) -> Bool { target.login == nil || target.login == login }
        for host in hosts where target.provider == nil || host.kind == target.provider {
            if let google = host as? GoogleHost {
                live += google.server.channels.filter {
                    !$0.stopped && $0.expiration > now && !$0.diedSilently && wanted($0.account)
                }.map { LiveChannel(provider: .google, id: $0.id) }
            } else if let graph = host as? GraphHost {
                live += graph.server.subscriptions.filter {
                    !$0.deleted && $0.expiration > now && !$0.diedSilently && wanted($0.account)
                }.map { LiveChannel(provider: .microsoft, id: $0.id) }
            }
        }
        return live.sorted { ($0.provider.rawValue, $0.id) < ($1.provider.rawValue, $1.id) }
    }

    /// Applies one push-channel fault to every live channel `target` names and returns the
    /// violations it found on the spot (only forged notifications are checked immediately).
    package func inject(_ fault: PushChannelFault, at target: PushChannelTarget = .any) async -> [WorldViolation] {
        let channels = liveChannels(target)
        var violations: [WorldViolation] = []
        for channel in channels {
            switch fault {
            case .deadChannel:
                if let google = host(for: .google) as? GoogleHost, channel.provider == .google {
                    google.server.killChannel(channel.id)
                } else if let graph = host(for: .microsoft) as? GraphHost, channel.provider == .microsoft {
                    graph.server.killSubscriptionDeliveries(channel.id)
                }
            case .channelExpiry:
                if let google = host(for: .google) as? GoogleHost, channel.provider == .google {
                    google.server.expireChannel(channel.id)
                } else if let graph = host(for: .microsoft) as? GraphHost, channel.provider == .microsoft {
                    graph.server.expireSubscription(channel.id)
                }
            case .forgedNotification:
                if let violation = await forge(channel) { violations.append(violation) }
            }
            trace.record(component: "fault", event: "\(fault.rawValue) \(channel.provider.rawValue) \(channel.id)")
        }
        return violations
    }

    /// Has Graph send a lifecycle event to every live subscription of `account` (a Microsoft
    /// account); returns how many were sent.
    package func sendLifecycle(_ event: GraphLifecycleEvent, to account: WorldAccount) -> Int {
        guard account.provider == .microsoft, let graph = host(for: .microsoft) as? GraphHost else { return 0 }
        let channels = liveChannels(PushChannelTarget(provider: .microsoft, login: account.login))
        return channels.filter { graph.server.fireLifecycleEvent(event, subscriptionID: $0.id) }.count
    }

    /// Posts a forged notification for `channel` to the engine's webhook and checks that it was
    /// refused and counted (as forged, or as naming a channel the engine no longer has), and that
    /// nothing was accepted (so no work was queued).
    private func forge(_ channel: LiveChannel) async -> WorldViolation? {
        let before = await engine.pushStatistics
        let reply = await engine.receivePush(from: channel.provider, Self.forgedRequest(for: channel))
        let after = await engine.pushStatistics
        let expectedStatus = channel.provider == .google ? 200 : 202
        var problems: [String] = []
        if after.accepted != before.accepted { problems.append("accepted") }
        // A channel the engine already forgot (its account's grant was revoked, so it could not stop
        // the channel at the provider) is refused as unknown: the same refusal, counted elsewhere.
        let refused = (after.forged - before.forged) + (after.unknownChannel - before.unknownChannel)
        if refused != 1 { problems.append("not counted as forged or unknown") }
        if reply.status != expectedStatus { problems.append("answered \(reply.status), not \(expectedStatus)") }
        guard !problems.isEmpty else { return nil }
        return WorldViolation(
            invariant: "J", at: clock.now(),
            message: "forged notification for channel \(channel.id) was \(problems.joined(separator: ", "))")
    }

    /// A notification naming a real channel with a token / clientState that is not its own.
    static func forgedRequest(for channel: LiveChannel) -> HTTPRequest {
        switch channel.provider {
        case .microsoft:
            let item: JSONValue = [
                "subscriptionId": .string(channel.id), "clientState": "forged-client-state",
                "changeType": "updated", "resource": "Users/someone-else/Events/forged",
            ]
            return HTTPRequest(
                method: "POST", url: Engine.webhookBase + "/webhook/microsoft",
                headers: ["Content-Type": "application/json; charset=utf-8"],
                body: StableJSON.serializedBytes(["value": [item]]))
        default:
            let headers = HTTPHeaders([
                ("X-Goog-Channel-ID", channel.id), ("X-Goog-Channel-Token", "forged-channel-token"),
                ("X-Goog-Resource-State", "exists"), ("X-Goog-Message-Number", "999999"),
            ])
            return HTTPRequest(method: "POST", url: Engine.webhookBase + "/webhook/google", headers: headers)
        }
    }
}
