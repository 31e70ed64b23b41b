public import TMinusCore
import TMinusProviders

/// An in-process Microsoft Graph calendar API (and its identity-platform token endpoint) that
/// speaks the documented wire format, for the simulator and for adapter tests (providers.md §2).
///
/// It models mailboxes and their OAuth grants (refresh-token rotation, 90-day idle expiry,
/// revocation), calendars, events with change keys, immutable and REST ids (a move changes the
/// REST id only), single-value extended properties and categories, `transactionId` dedup,
/// recurring series expanded with TMinusCore's RFC 5545 engine from Graph's `patternedRecurrence`,
/// calendarView delta rounds paged with skip tokens and ended with delta links minted from a
/// per-calendar change log (expiring on a schedule, at random or on demand, with Graph's three
/// 410 answers), `@removed` entries including out-of-window noise, replays, empty pages and
/// replication lag, subscriptions with the synchronous validation handshake, expiry and lifecycle
/// events, notifications through a faulty delivery path, per-mailbox throttling (rate and
/// concurrency) with the real error bodies, injected 429/503/504 bursts, and its own (skewable)
/// clock stamping `createdDateTime`/`lastModifiedDateTime`/`Date`.
///
/// Determinism: every decision depends only on the request sequence, the injected clock and the
/// injected random stream (forked per concern at construction). Thread safety: all state sits
/// behind one lock, so each request, human action or inspection is atomic. Validation responders
/// run inside that lock and must not call back into the server.
///
/// Register it on a ``SimulatedTransport`` for both ``hosts``; drive people through
/// ``HumanCalendarActions``; check truth through ``FakeCalendarInspection``.
public final class FakeGraphServer: LockedFakeServer, Sendable {
    /// The hosts it answers: the Graph API and the identity platform.
    public static let hosts = [GraphServerState.apiHost, GraphServerState.tokenHost]
    /// The API base adapters use.
    public static let apiBase = "https://graph.microsoft.com/v1.0"
    /// The token endpoint (tenant `common`).
    public static let tokenURL = "https://login.microsoftonline.com/common/oauth2/v2.0/token"

    package let clock: any WallClock
    package let state: LockedBox<GraphServerState>
    /// The outgoing notifications (register receivers, pump deliveries, inspect counters).
    public let push: PushDispatcher

    /// Creates a server with no mailboxes.
    /// - Parameters:
    ///   - clock: the server's own clock; skew it to model a provider whose time differs from ours.
    ///   - random: the server's stream (e.g. `SimulationSeed.randomSource(.provider("graph"))`).
    ///   - trace: where injected faults, token rejections, subscription events and human actions go.
    ///   - configuration: the knobs; see ``FakeGraphConfiguration``.
    ///   - replicationClock: what eventual consistency is measured on (default: `clock`). A world
    ///     passes its true clock: replication lag is elapsed time, so a clock fault that steps the
    ///     server's wall clock back must not hide again a version it already published.
    public init(
        clock: any WallClock, random: RandomSource, trace: any TraceSink = NullTraceSink(),
        configuration: FakeGraphConfiguration = FakeGraphConfiguration(), replicationClock: (any WallClock)? = nil
    ) {
        self.clock = clock
        self.push = PushDispatcher(
            clock: clock, random: Xoshiro256StarStar(seed: random.next()), trace: trace, component: "graph",
            faults: configuration.pushFaults, retry: configuration.pushRetry)
        self.state = LockedBox(
            GraphServerState(
                configuration: configuration, random: random, push: push, trace: trace,
                replicationClock: replicationClock ?? clock))
    }

    /// Routes both ``hosts`` of `transport` to this server.
    public func register(on transport: SimulatedTransport) {
        for host in FakeGraphServer.hosts { transport.register(self, host: host) }
    }

    /// Adds a mailbox with its default calendar ("Calendar") and an OAuth grant.
    /// - Precondition: no mailbox with that address exists.
    public func addAccount(_ email: String) -> GraphGrant {
        let now = clock.now()
        return state.withLock { state in
            precondition(state.accounts[email] == nil, "mailbox \(email) already exists")
            let calendarID = state.createCalendar(owner: email, name: "Calendar", isDefault: true)
            let number = state.nextAccountNumber
            state.nextAccountNumber += 1
            state.accounts[email] = GraphAccountRecord(
                email: email, number: number, userID: GraphIdentifiers.guid(&state.streams.credentials),
                defaultCalendarID: calendarID)
            return state.grant(for: email, now: now)
        }
    }

    /// The current configuration.
    public var configuration: FakeGraphConfiguration { state.withLock { $0.configuration } }

    /// Changes the configuration (a scenario opening or closing a fault window).
    public func reconfigure(_ change: (inout FakeGraphConfiguration) -> Void) {
        let updated = state.withLock { state -> FakeGraphConfiguration in
            change(&state.configuration)
            let configuration = state.configuration
            if state.rateLimiter.limit != configuration.mailboxRequestsPerWindow
                || state.rateLimiter.window != configuration.mailboxRateWindow
            {
                state.rateLimiter = SlidingWindowRateLimiter(
                    limit: configuration.mailboxRequestsPerWindow, window: configuration.mailboxRateWindow)
            }
            return configuration
        }
        push.setFaults(updated.pushFaults)
    }
}

/// The OAuth grant of one fake mailbox: what the engine would hold after the consent flow.
public struct GraphGrant: Hashable, Sendable {
    public var account: String
    public var clientID: String
    public var clientSecret: String
    public var refreshToken: String
    public var accessToken: String
    public var accessTokenExpiresAt: Timestamp
    /// The mailbox's default calendar.
    public var defaultCalendarID: String
}

extension GraphServerState {
    /// A fresh access and refresh token for `account`.
    mutating func grant(for account: String, now: Timestamp) -> GraphGrant {
        GraphGrant(
            account: account, clientID: configuration.clientID, clientSecret: configuration.clientSecret,
            refreshToken: mintRefreshToken(for: account, now: now),
            accessToken: mintAccessToken(for: account, now: now),
            accessTokenExpiresAt: now.adding(configuration.accessTokenLifetime),
            defaultCalendarID: accounts[account]!.defaultCalendarID)
    }
}
