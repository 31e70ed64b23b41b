import TMinusCore

/// Reads a scenario file's text into a validated ``Scenario``, collecting every problem it finds
/// (not just the first) with its JSON path, what was expected and, for misspelt keys and names, the
/// closest allowed word.
///
/// Strict: unknown keys are errors, types are exact, numbers are integers (TMinusCore's
/// ``StableJSON`` parser), references (accounts, event labels, policy edges) must resolve, and
/// times must lie inside the run. Pure: no file access, no clock.
public struct ScenarioDecoder: Sendable {
    /// The top-level keys, in documentation order.
    public static let topLevelKeys = [
        "name", "description", "seed", "duration", "start", "users", "workload", "steps", "faults", "expect",
    ]

    /// Problems found so far.
    private(set) var issues: [ScenarioIssue] = []
    /// The scenario's start and fault-phase length, once read (steps and faults need them).
    var start = Scenario.defaultStart
    var duration: Duration?
    /// Accounts declared so far, by ID (looked up, never iterated).
    var accountsByID: [String: ScenarioAccount] = [:]
    /// Account IDs in file order (for suggestions).
    var accountIDs: [String] = []
    /// The owner of each account.
    var ownerByAccount: [String: String] = [:]
    /// Events created by steps so far, by label, and the labels in creation order.
    var eventsByLabel: [String: ScenarioEventSpec] = [:]
    var eventLabels: [String] = []

    init() {}

    /// Parses and validates one scenario.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the path to name in errors and to keep as ``Scenario/sourcePath``.
    /// - Throws: ``ScenarioLoadError/syntax(file:message:)`` for invalid JSON,
    ///   ``ScenarioLoadError/invalid(file:issues:)`` listing every format problem.
    public static func decode(text: String, file: String) throws(ScenarioLoadError) -> Scenario {
        let value: JSONValue
        do {
            value = try StableJSON.parse(text)
        } catch {
            throw .syntax(file: file, message: error.description)
        }
        var decoder = ScenarioDecoder()
        let scenario = decoder.scenario(Node(value: value, path: ""), file: file)
        if let scenario, decoder.issues.isEmpty { return scenario }
        throw .invalid(file: file, issues: decoder.issues)
    }

    /// The starts a world can run from: calendar providers count time from 1970 (Google's channel
    /// expirations are milliseconds since then), and the engine lists a year ahead of now, which
    /// must stay inside the years a ``Timestamp`` holds (to 2262).
    static let startRange =
        Timestamp(secondsSinceEpoch: 31_536_000)..<Timestamp(secondsSinceEpoch: 7_258_118_400)

    private mutating func scenario(_ root: Node, file: String) -> Scenario? {
        let keys = Self.topLevelKeys
        guard let fields = object(root, keys: keys, required: ["name", "description", "duration", "users"]) else {
            return nil
        }
        let name = fields["name"].flatMap { scenarioName($0) }
        let description = fields["description"].flatMap { text($0, expected: "a one-line description") }
        let seed = fields["seed"].flatMap { seedValue($0) } ?? 1
        duration = fields["duration"].flatMap { positiveDuration($0) }
        if let startNode = fields["start"], let instant = instant(startNode) {
            if Self.startRange.contains(instant) {
                start = instant
            } else {
                let expected = "expected a start from 1971 to 2199 (providers count time from 1970; the engine lists a year ahead)"
                report(startNode.path, expected, found: startNode.value)
            }
        }
        let users = fields["users"].flatMap { self.users($0) } ?? []
        let workload = fields["workload"].flatMap { self.workload($0) }
        let steps = fields["steps"].map { self.steps($0) } ?? []
        let faults = fields["faults"].map { self.faults($0) } ?? []
        let expect = fields["expect"].map { expectations($0) } ?? ScenarioExpectations()
        guard let name, let description, let duration else { return nil }
        return Scenario(
            name: name, description: description, seed: seed, duration: duration, start: start, users: users,
            workload: workload, steps: steps, faults: faults, expect: expect, sourcePath: file)
    }

    // MARK: - Nodes and objects

    /// A JSON value and its path in the document.
    struct Node {
        let value: JSONValue
        let path: String

        func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    }

    /// An object's members, checked against the keys its section allows.
    struct Fields {
        let node: Node
        let members: [String: JSONValue]

        subscript(key: String) -> Node? {
            members[key].map { Node(value: $0, path: node.child(key)) }
        }

        func path(_ key: String) -> String { node.child(key) }
    }

    /// Records a problem.
    mutating func report(_ path: String, _ expected: String, found: JSONValue? = nil, suggestion: String? = nil) {
        add(
            ScenarioIssue(
                path: path.isEmpty ? "(document)" : path, expected: expected, found: found.map(Self.render),
                suggestion: suggestion))
    }

    /// Records a problem once (a node may be checked by two readers, e.g. a step and its edge).
    mutating func add(_ issue: ScenarioIssue) {
        if !issues.contains(issue) { issues.append(issue) }
    }

    /// The members of an object node; reports a non-object, unknown keys (with the closest allowed
    /// one) and missing required keys, in sorted key order so messages are deterministic.
    mutating func object(_ node: Node, keys: [String], required: [String], what: String = "an object") -> Fields? {
        guard case .object(let members) = node.value else {
            report(node.path, "expected \(what)", found: node.value)
            return nil
        }
        for key in members.keys.sorted() where !keys.contains(key) {
            let allowed = keys.joined(separator: ", ")
            add(
                ScenarioIssue(
                    path: node.child(key), expected: "unknown key (allowed here: \(allowed))",
                    suggestion: EditDistance.closest(to: key, among: keys)))
        }
        for key in required where members[key] == nil {
            report(node.child(key), "required key is missing")
        }
        return Fields(node: node, members: members)
    }

    /// A short rendering of a value for "found …".
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .string(let text):
            let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
            return "\"\(shown)\""
        case .array(let elements): return elements.isEmpty ? "an empty array" : "an array"
        case .object: return "an object"
        }
    }
}
