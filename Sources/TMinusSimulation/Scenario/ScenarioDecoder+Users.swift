import TMinusCore

/// `users[]`: people, their accounts and their policy graphs.
extension ScenarioDecoder {
    static let userKeys = ["id", "accounts", "policy"]
    static let accountKeys = ["id", "provider", "calendars", "timeZone", "linked"]
    static let policyKeys = ["default", "edges"]
    static let edgeKeys = ["from", "to", "detail", "kind"]

    mutating func users(_ node: Node) -> [ScenarioUser]? {
        guard let elements = array(node, of: "users") else { return nil }
        if elements.isEmpty { report(node.path, "expected at least one user", found: node.value) }
        var users: [ScenarioUser] = []
        var seen: Set<String> = []
        for element in elements {
            guard let user = user(element) else { continue }
            if !seen.insert(user.id).inserted {
                report(element.child("id"), "expected a user ID not used before", found: .string(user.id))
                continue
            }
            users.append(user)
        }
        return users
    }

    private mutating func user(_ node: Node) -> ScenarioUser? {
        guard let fields = object(node, keys: Self.userKeys, required: ["id", "accounts"]) else { return nil }
        let id = fields["id"].flatMap { identifier($0, what: "a user ID") }
        var accounts: [ScenarioAccount] = []
        if let accountsNode = fields["accounts"], let elements = array(accountsNode, of: "accounts") {
            if elements.isEmpty {
                report(accountsNode.path, "expected at least one account", found: accountsNode.value)
            }
            for element in elements {
                guard let account = account(element) else { continue }
                guard accountsByID[account.id] == nil else {
                    report(
                        element.child("id"), "expected an account ID not used before in the scenario",
                        found: .string(account.id))
                    continue
                }
                accountsByID[account.id] = account
                accountIDs.append(account.id)
                if let id { ownerByAccount[account.id] = id }
                accounts.append(account)
            }
        }
        let ids = accounts.map(\.id)
        let policy = fields["policy"].map { self.policy($0, accounts: ids) } ?? .allPairsBusy
        guard let id else { return nil }
        return ScenarioUser(id: id, accounts: accounts, policy: policy ?? .allPairsBusy)
    }

    private mutating func account(_ node: Node) -> ScenarioAccount? {
        guard let fields = object(node, keys: Self.accountKeys, required: ["id", "provider"]) else { return nil }
        let id = fields["id"].flatMap { identifier($0, what: "an account ID") }
        let provider = fields["provider"].flatMap {
            choice($0, among: ProviderKind.allCases.map(\.rawValue), what: "a provider") { ProviderKind(rawValue: $0) }
        }
        let calendars = fields["calendars"].map { integer($0, in: 1...20, what: "a number of calendars") } ?? 1
        let zone = fields["timeZone"].map { timeZone($0) } ?? "UTC"
        let linked = fields["linked"].map { boolean($0, what: "whether the account is linked at the start") } ?? true
        guard let id, let provider, let calendars, let zone, let linked else { return nil }
        return ScenarioAccount(id: id, provider: provider, calendars: Int(calendars), timeZone: zone, linked: linked)
    }

    private mutating func timeZone(_ node: Node) -> String? {
        guard case .string(let name) = node.value, let iana = TimeZoneNames.ianaName(for: name) else {
            report(node.path, "expected an IANA time zone like \"Europe/Berlin\" or \"UTC\"", found: node.value)
            return nil
        }
        return iana
    }

    /// A policy: a default name (`"all-pairs-busy"`), or `{"default": …, "edges": [...]}`.
    private mutating func policy(_ node: Node, accounts: [String]) -> ScenarioPolicy? {
        let defaults = ScenarioPolicy.Default.allCases.map(\.rawValue)
        if case .string = node.value {
            return choice(node, among: defaults, what: "a policy default") { ScenarioPolicy.Default(rawValue: $0) }
                .map { ScenarioPolicy(defaultRule: $0) }
        }
        let what = "a policy: a default like \"all-pairs-busy\", or {\"default\": …, \"edges\": [...]}"
        guard let fields = object(node, keys: Self.policyKeys, required: [], what: what) else { return nil }
        let defaultRule =
            fields["default"].map {
                choice($0, among: defaults, what: "a policy default") { ScenarioPolicy.Default(rawValue: $0) }
            } ?? ScenarioPolicy.Default.none
        var edges: [PolicyEdge] = []
        if let edgesNode = fields["edges"], let elements = array(edgesNode, of: "policy edges") {
            var pairs: Set<String> = []
            for element in elements {
                guard let edge = policyEdge(element, accounts: accounts) else { continue }
                guard pairs.insert(edge.fromAccountID + " " + edge.toAccountID).inserted else {
                    report(element.path, "expected one edge per (from, to) pair; this pair is listed twice")
                    continue
                }
                edges.append(edge)
            }
        }
        guard let defaultRule else { return nil }
        return ScenarioPolicy(defaultRule: defaultRule, edges: edges)
    }

    /// One edge `{"from", "to", "detail", "kind"}` between accounts of `accounts` (nil: any
    /// account of the scenario, for steps; the owner check is then the caller's). `extraKeys` are
    /// the other keys the enclosing object may have (a step's `at` and `action`).
    mutating func policyEdge(_ node: Node, accounts: [String]?, extraKeys: [String] = []) -> PolicyEdge? {
        guard let fields = object(node, keys: extraKeys + Self.edgeKeys, required: ["from", "to"]) else { return nil }
        let from = fields["from"].flatMap { accountReference($0, among: accounts) }
        let to = fields["to"].flatMap { accountReference($0, among: accounts) }
        let detail =
            fields["detail"].map {
                choice($0, among: DetailLevel.allCases.map(\.rawValue), what: "a detail level") {
                    DetailLevel(rawValue: $0)
                }
            } ?? .busy
        let kind =
            fields["kind"].map {
                choice($0, among: CalendarKind.allCases.map(\.rawValue), what: "a calendar kind") {
                    CalendarKind(rawValue: $0)
                }
            } ?? .busyOverlay
        guard let from, let to, let detail, let kind else { return nil }
        guard from != to else {
            report(fields.path("to"), "expected an account other than 'from' (no self-loops)", found: .string(to))
            return nil
        }
        return PolicyEdge(from: from, to: to, detail: detail, kind: kind)
    }

    /// An account ID that exists (among `accounts`, or among every account declared so far).
    mutating func accountReference(_ node: Node, among accounts: [String]? = nil) -> String? {
        let known = accounts ?? accountIDs
        guard case .string(let id) = node.value, known.contains(id) else {
            var suggestion: String?
            if case .string(let id) = node.value { suggestion = EditDistance.closest(to: id, among: known) }
            let scope = accounts == nil ? "declared in users" : "of this user"
            let list = known.isEmpty ? "none declared" : known.joined(separator: ", ")
            report(
                node.path, "expected the ID of an account \(scope) (\(list))", found: node.value, suggestion: suggestion
            )
            return nil
        }
        return id
    }
}
