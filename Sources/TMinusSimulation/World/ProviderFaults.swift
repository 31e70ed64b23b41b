public import TMinusCore

/// Provider-side faults a world run injects in its faulted phase, expressed once and mapped onto
/// each fake's own rule types (so a scenario says "5xx bursts", not "Google backendError").
public struct ProviderFaults: Hashable, Sendable {
    /// API requests answered with a server error (Google 500 backendError / 503, Graph 503/504,
    /// CalDAV 503/500; a fault's `status` picks one), each fault in its own window and providers.
    public var serverErrors: [ScopedProviderFault] = []
    /// API requests answered 429 (Google 403 when a fault's `status` says so) with a `Retry-After`
    /// drawn from the fault's `retryAfter` (default 7 s).
    public var rateLimits: [ScopedProviderFault] = []
    /// Push notifications lost.
    public var pushLoss: [ScopedProviderFault] = []
    /// Push notifications duplicated.
    public var pushDuplication: [ScopedProviderFault] = []
    /// Push notifications delayed by a draw from the fault's `delay` (every one in its window).
    public var pushDelays: [ScopedProviderFault] = []
    /// Push notifications held back (by the fault's `delay`, default 30 s) so later ones overtake them.
    public var pushReorders: [ScopedProviderFault] = []
    /// Chance per tick that every access token of every account is expired at the provider (401s).
    public var accessTokenExpiry = Ratio.never
    /// 412 answers to event writes, as after a concurrent edit (`precondition-failure`).
    public var preconditionFailures: [ScopedProviderFault] = []
    /// Writes that stay invisible to listings for a while (`eventual-consistency`).
    public var eventualConsistency: [ScopedProviderFault] = []
    /// Short, empty and replayed pages, and humans changing a calendar between page fetches
    /// (`pagination-change`).
    public var paginationChanges: [ScopedProviderFault] = []

    /// No faults.
    public init() {}

    /// True when nothing is injected.
    public var isEmpty: Bool { self == ProviderFaults() }
}

extension FakeProviderHost {
    /// Applies (or with `.init()`, clears) provider faults on this fake.
    func apply(_ faults: ProviderFaults) {
        let push = faults.pushFaults(for: kind)
        if let google = self as? GoogleHost {
            google.server.reconfigure {
                $0.faults = faults.serverRules(for: kind)
                $0.pushFaults = push
            }
        } else if let graph = self as? GraphHost {
            graph.server.reconfigure {
                $0.faults = faults.serverRules(for: kind)
                $0.pushFaults = push
            }
        } else if let caldav = self as? CalDAVHost {
            caldav.server.reconfigure { $0.faults = faults.serverRules(for: kind) }
        }
    }

    /// Spends the rest of today's request quota where the provider has a daily quota (Google:
    /// 403 `quotaExceeded` until its midnight); Graph and CalDAV publish none, so nothing happens.
    func exhaustDailyQuota() {
        if let google = self as? GoogleHost { google.server.exhaustDailyQuota() }
    }

    /// Expires every access token this fake issued (401 on the next call; the engine refreshes once).
    func expireAccessTokens(of accounts: [WorldAccount]) {
        for account in accounts where account.provider == kind {
            if let google = self as? GoogleHost { google.server.expireAccessTokens(account: account.login) }
            if let graph = self as? GraphHost { graph.server.expireAccessTokens(account: account.login) }
        }
    }
}
