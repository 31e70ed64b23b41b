public import TMinusCore
import TMinusProviders

/// An in-process Google Calendar API v3 (and its OAuth token endpoint) that speaks the documented
/// wire format, for the simulator and for adapter tests (providers.md §1).
///
/// It models accounts and their OAuth grants, calendars (primary and secondary) with a calendar
/// list, events with etags, a per-calendar change log from which opaque page and sync tokens are
/// minted, `singleEvents` expansion through an injected ``RecurrenceExpanding``, deleted entries in
/// their minimal shape, sync-token invalidation (on a schedule, at random, on demand), Google's
/// silent extended-property limits, client-supplied ids with 409 on reuse, `If-Match`/412, push
/// channels with a faulty delivery path, per-user/per-project rate limits and a daily quota,
/// injected 5xx bursts, eventual consistency of `list`, and its own (skewable) clock stamping
/// `created`/`updated`/`Date`.
///
/// Determinism: every decision depends only on the request sequence, the injected clock and the
/// injected random stream (forked per concern at construction). Thread safety: all state sits
/// behind one lock, so each request, human action or inspection is atomic.
///
/// Register it on a ``SimulatedTransport`` for both ``hosts``; drive people through
/// ``HumanCalendarActions``; check truth through ``FakeCalendarInspection``.
public final class FakeGoogleServer: LockedFakeServer, Sendable {
    /// The hosts it answers: the Calendar API and the OAuth token endpoint.
    public static let hosts = [GoogleServerState.apiHost, GoogleServerState.tokenHost]
    /// The Calendar API base URL adapters use.
    public static let apiBase = "https://www.googleapis.com/calendar/v3"
    /// The OAuth token endpoint.
    public static let tokenURL = "https://oauth2.googleapis.com/token"

    package let clock: any WallClock
    package let state: LockedBox<GoogleServerState>
    /// The outgoing push notifications (register receivers, pump deliveries, inspect counters).
    public let push: PushDispatcher

    /// Creates a server with no accounts.
    /// - Parameters:
    ///   - clock: the server's own clock; skew it to model a provider whose time differs from ours.
    ///   - random: the server's stream (e.g. `SimulationSeed.randomSource(.provider("google"))`).
    ///   - trace: where injected faults, token rejections, channel events and human actions go.
    ///   - configuration: the knobs; see ``FakeGoogleConfiguration``.
    ///   - replicationClock: what eventual consistency is measured on (default: `clock`). A world
    ///     passes its true clock: replication lag is elapsed time, so a clock fault that steps the
    ///     server's wall clock back must not hide again a version it already published.
    public init(
        clock: any WallClock, random: RandomSource, trace: any TraceSink = NullTraceSink(),
        configuration: FakeGoogleConfiguration = FakeGoogleConfiguration(), replicationClock: (any WallClock)? = nil
    ) {
        self.clock = clock
        let pushStream = Xoshiro256StarStar(seed: random.next())
        self.push = PushDispatcher(
            clock: clock, random: pushStream, trace: trace, component: "google", faults: configuration.pushFaults,
            retry: configuration.pushRetry)
        self.state = LockedBox(
            GoogleServerState(
                configuration: configuration, random: random, push: push, trace: trace,
                replicationClock: replicationClock ?? clock))
    }

    /// Routes both ``hosts`` of `transport` to this server.
    public func register(on transport: SimulatedTransport) {
        for host in FakeGoogleServer.hosts { transport.register(self, host: host) }
    }

    /// Adds an account with its primary calendar (whose id is the email) and an OAuth grant.
    /// - Precondition: no account with that email exists.
    public func addAccount(_ email: String, timeZone: String = "UTC") -> GoogleGrant {
        let now = clock.now()
        return state.withLock { state in
            let refreshToken = state.addAccount(email: email, timeZone: timeZone, now: now)
            let accessToken = state.mintAccessToken(for: email, now: now)
            return GoogleGrant(
                account: email, clientID: state.configuration.clientID, clientSecret: state.configuration.clientSecret,
                refreshToken: refreshToken, accessToken: accessToken,
                accessTokenExpiresAt: now.adding(state.configuration.accessTokenLifetime))
        }
    }

    /// The current configuration.
    public var configuration: FakeGoogleConfiguration { state.withLock { $0.configuration } }

    /// Changes the configuration (a scenario opening or closing a fault window).
    public func reconfigure(_ change: (inout FakeGoogleConfiguration) -> Void) {
        let updated = state.withLock { state -> FakeGoogleConfiguration in
            change(&state.configuration)
            let configuration = state.configuration
            if state.userLimiter.limit != configuration.userRequestsPerMinute {
                state.userLimiter = SlidingWindowRateLimiter(
                    limit: configuration.userRequestsPerMinute, window: .seconds(60))
            }
            if state.projectLimiter.limit != configuration.projectRequestsPerMinute {
                state.projectLimiter = SlidingWindowRateLimiter(
                    limit: configuration.projectRequestsPerMinute, window: .seconds(60))
            }
            if state.dailyQuota.limit != configuration.projectRequestsPerDay {
                state.dailyQuota = DailyQuota(limit: configuration.projectRequestsPerDay)
            }
            return configuration
        }
        push.setFaults(updated.pushFaults)
    }
}

/// The OAuth grant of one fake account: what the engine would hold after the consent flow.
public struct GoogleGrant: Hashable, Sendable {
    public var account: String
    public var clientID: String
    public var clientSecret: String
    public var refreshToken: String
    public var accessToken: String
    public var accessTokenExpiresAt: Timestamp
}
