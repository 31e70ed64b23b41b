public import TMinusCore

/// One person in a scenario: the provider accounts they link and the policy graph between them.
public struct ScenarioUser: Hashable, Sendable {
    /// The user's ID, unique in the scenario (e.g. `alice`).
    public var id: String
    /// The accounts, in file order.
    public var accounts: [ScenarioAccount]
    /// Which account projects into which, and how.
    public var policy: ScenarioPolicy

    /// Creates a user.
    public init(id: String, accounts: [ScenarioAccount], policy: ScenarioPolicy = .allPairsBusy) {
        self.id = id
        self.accounts = accounts
        self.policy = policy
    }

    /// The policy's edges resolved against this user's accounts, sorted (from, to).
    public var policyEdges: [PolicyEdge] { policy.edges(for: accounts.map(\.id)) }
}

/// One provider account of a scenario user.
public struct ScenarioAccount: Hashable, Sendable {
    /// The account's ID, unique in the scenario; steps and fault targets refer to it.
    public var id: String
    /// Which fake provider hosts it.
    public var provider: ProviderKind
    /// How many calendars the human uses in it (at least 1; the first is the primary).
    public var calendars: Int
    /// The account's IANA time zone (the workload's working hours follow it).
    public var timeZone: String
    /// Whether it is linked when the run starts (false: a `link-account` step links it later).
    public var linked: Bool

    /// Creates an account.
    public init(id: String, provider: ProviderKind, calendars: Int = 1, timeZone: String = "UTC", linked: Bool = true) {
        self.id = id
        self.provider = provider
        self.calendars = calendars
        self.timeZone = timeZone
        self.linked = linked
    }
}

/// A user's policy graph: a default rule for every ordered pair of accounts, plus explicit edges
/// that add to it or replace the default's edge for their pair.
public struct ScenarioPolicy: Hashable, Sendable {
    /// The default for every ordered pair of the user's accounts.
    public enum Default: String, Hashable, Sendable, CaseIterable {
        /// No edge unless listed.
        case none
        /// Every ordered pair, BUSY onto the overlay calendar (the seed's default).
        case allPairsBusy = "all-pairs-busy"
        /// Every ordered pair, TITLE onto the overlay calendar.
        case allPairsTitle = "all-pairs-title"
        /// Every ordered pair, FULL onto the overlay calendar.
        case allPairsFull = "all-pairs-full"

        var detail: DetailLevel? {
            switch self {
            case .none: nil
            case .allPairsBusy: .busy
            case .allPairsTitle: .title
            case .allPairsFull: .full
            }
        }
    }

    /// The default rule.
    public var defaultRule: Default
    /// Edges listed explicitly (each replaces the default's edge for its pair).
    public var edges: [PolicyEdge]

    /// Creates a policy.
    public init(defaultRule: Default, edges: [PolicyEdge] = []) {
        self.defaultRule = defaultRule
        self.edges = edges
    }

    /// All pairs, BUSY, overlay.
    public static let allPairsBusy = ScenarioPolicy(defaultRule: .allPairsBusy)

    /// The edges for `accounts`: the default's pairs with explicit edges replacing theirs, sorted.
    public func edges(for accounts: [String]) -> [PolicyEdge] {
        var byPair: [String: PolicyEdge] = [:]
        if let detail = defaultRule.detail {
            for edge in PolicyEdge.allPairsBusy(accounts) {
                byPair[Self.key(edge)] = PolicyEdge(from: edge.fromAccountID, to: edge.toAccountID, detail: detail)
            }
        }
        for edge in edges { byPair[Self.key(edge)] = edge }
        return byPair.values.sorted()
    }

    private static func key(_ edge: PolicyEdge) -> String { edge.fromAccountID + "\u{0}" + edge.toAccountID }
}
