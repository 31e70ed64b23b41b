public import TMinusCore
public import TMinusProviders

/// An in-process CalDAV server (RFC 4791 + RFC 6578) that speaks the wire format of the recorded
/// Radicale 3.9.0 and Xandikos 0.4.10 exchanges (`caldav-servers.md`), for the simulator, the
/// adapter tests and the differential suite against a real Radicale.
///
/// It models accounts (principal and calendar home), calendar collections with `getctag` and
/// `sync-token`, calendar object resources with strong content ETags (re-serialized on PUT, as
/// both servers do), a per-collection change log from which sync tokens are minted (expiring by
/// age, on a schedule, at random or on demand), UID uniqueness per collection
/// (`no-uid-conflict`), `If-Match` / `If-None-Match` preconditions (412), calendar-query with
/// time-range over expanded recurrences and UID text-match, calendar-multiget, MKCALENDAR, the
/// dialect differences (``CalDAVDialect``), rate limiting with 429/503 and `Retry-After`, injected
/// 5xx bursts, and the applicable rows of the fault catalogue (40–51) through
/// ``FakeCalDAVConfiguration``. Its own clock (skew it freely) stamps `Date` headers, token ages
/// and the DTSTAMP/LAST-MODIFIED of what people write through ``HumanCalendarActions``.
///
/// Determinism: every decision depends only on the request sequence, the injected clock and the
/// injected random stream. Thread safety: all state sits behind one lock.
public final class FakeCalDAVServer: LockedFakeServer, Sendable {
    package let clock: any WallClock
    package let state: LockedBox<CalDAVServerState>

    /// Creates a server with no accounts.
    /// - Parameters:
    ///   - clock: the server's own clock.
    ///   - random: the server's stream (e.g. `SimulationSeed.randomSource(.provider("caldav"))`).
    ///   - trace: where faults, throttling, token invalidations and human actions go.
    ///   - configuration: the knobs, the dialect first; see ``FakeCalDAVConfiguration``.
    public init(
        clock: any WallClock, random: RandomSource, trace: any TraceSink = NullTraceSink(),
        configuration: FakeCalDAVConfiguration = FakeCalDAVConfiguration()
    ) {
        self.clock = clock
        state = LockedBox(CalDAVServerState(configuration: configuration, random: random, trace: trace))
    }

    /// Routes the configured host of `transport` to this server.
    public func register(on transport: SimulatedTransport) {
        transport.register(self, host: configuration.host)
    }

    /// The current configuration.
    public var configuration: FakeCalDAVConfiguration { state.withLock { $0.configuration } }

    /// Changes the configuration (a scenario opening or closing a fault window). The dialect
    /// should not change once accounts exist.
    public func reconfigure(_ change: (inout FakeCalDAVConfiguration) -> Void) {
        state.withLock { state in
            change(&state.configuration)
            let limit = state.configuration.requestsPerMinute
            if state.limiter?.limit != limit {
                state.limiter = limit.map { SlidingWindowRateLimiter(limit: $0, window: .seconds(60)) }
            }
        }
    }

    /// Adds an account with its principal and home, and creates `calendars` (display names) in the
    /// home. Returns where the account lives.
    /// - Precondition: no account `user` exists, and `user` is a plain path segment.
    @discardableResult
    public func addAccount(user: String, password: String, calendars: [String] = []) -> CalDAVAccountInfo {
        precondition(!user.isEmpty && !user.contains("/"), "a CalDAV user must be one path segment")
        let now = clock.now()
        return state.withLock { state in
            precondition(state.accounts[user] == nil, "account \(user) exists")
            let account = CalDAVAccountRecord(
                user: user, password: password, principal: "/\(user)/", home: state.dialect.home(of: user))
            state.accounts[user] = account
            state.accountOrder.append(user)
            var paths: [String] = []
            for name in calendars {
                let path = account.home + CalDAVServerState.slug(name, taken: state.collections) + "/"
                state.createCollection(path, owner: user, displayName: name, components: ["VEVENT"], now: now)
                paths.append(path)
            }
            return CalDAVAccountInfo(
                user: user, password: password, serverURL: state.configuration.origin + "/",
                principalPath: account.principal, homePath: account.home, calendarPaths: paths)
        }
    }
}

/// Where a fake account lives: what the adapter's ``CalDAVConfiguration`` and credential need.
public struct CalDAVAccountInfo: Hashable, Sendable {
    public var user: String
    public var password: String
    /// The server entry URL (`https://caldav.example.test/`).
    public var serverURL: String
    public var principalPath: String
    public var homePath: String
    /// The calendars created with the account, in order.
    public var calendarPaths: [String]

    /// The Basic credential of the account.
    public var credential: ProviderCredential { .basic(user: user, password: ProviderSecret(password)) }
}
