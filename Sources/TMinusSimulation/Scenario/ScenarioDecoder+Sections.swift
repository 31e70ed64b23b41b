import TMinusCore

/// `workload` and `expect`.
extension ScenarioDecoder {
    mutating func workload(_ node: Node) -> ScenarioWorkload? {
        guard let fields = object(node, keys: ScenarioWorkload.keys, required: []) else { return nil }
        var workload = ScenarioWorkload()
        if let rate = fields["eventsPerAccountPerDay"].flatMap({ rate($0) }) { workload.eventsPerAccountPerDay = rate }
        let shares: [(String, WritableKeyPath<ScenarioWorkload, Ratio>)] = [
            ("allDayShare", \.allDayShare), ("multiDayShare", \.multiDayShare), ("recurringShare", \.recurringShare),
            ("editShare", \.editShare), ("deleteShare", \.deleteShare), ("exceptionShare", \.exceptionShare),
            ("throughTMinusShare", \.throughTMinusShare),
        ]
        for (key, path) in shares {
            if let ratio = fields[key].flatMap({ probability($0) }) { workload[keyPath: path] = ratio }
        }
        let rates: [(String, WritableKeyPath<ScenarioWorkload, ScenarioRate>)] = [
            ("mirrorEditsPerAccountPerDay", \.mirrorEditsPerAccountPerDay),
            ("mirrorDeletionsPerAccountPerDay", \.mirrorDeletionsPerAccountPerDay),
            ("overlayDeletionsPerAccountPerDay", \.overlayDeletionsPerAccountPerDay),
        ]
        for (key, path) in rates {
            if let rate = fields[key].flatMap({ rate($0) }) { workload[keyPath: path] = rate }
        }
        if !RatioText.sumIsAtMostOne([workload.allDayShare, workload.multiDayShare, workload.recurringShare]) {
            report(
                fields.path("recurringShare"),
                "expected allDayShare + multiDayShare + recurringShare to be at most 1 (the shapes are exclusive)")
        }
        return workload
    }

    mutating func expectations(_ node: Node) -> ScenarioExpectations {
        var expect = ScenarioExpectations()
        guard let fields = object(node, keys: ScenarioExpectations.keys, required: []) else { return expect }
        if let node = fields["invariants"], let list = invariantList(node) { expect.invariants = list }
        if let deadline = fields["convergenceDeadline"].flatMap({ duration($0) }) {
            expect.convergenceDeadline = deadline
        }
        let bounds: [(String, WritableKeyPath<ScenarioExpectations, Int?>, String)] = [
            ("maxWritesPerChange", \.maxWritesPerChange, "a bound on writes per change"),
            ("maxProviderCalls", \.maxProviderCalls, "a bound on provider API calls"),
            ("maxDeadLetters", \.maxDeadLetters, "a bound on dead-lettered messages"),
        ]
        for (key, path, what) in bounds {
            if let bound = fields[key].flatMap({ integer($0, in: 0...1_000_000_000, what: what) }) {
                expect[keyPath: path] = Int(bound)
            }
        }
        expect.mustFire = fields["mustFire"].flatMap { invariant($0) }
        expect.defect = fields["defect"].flatMap { identifier($0, what: "a seeded-defect name") }
        if expect.mustFire != nil, fields["invariants"] != nil {
            report(
                fields.path("mustFire"), "expected either 'mustFire' (a seeded-defect demo) or 'invariants', not both")
        }
        if expect.defect != nil, expect.mustFire == nil {
            report(
                fields.path("defect"),
                "expected 'mustFire' too: a seeded defect must name the invariant that catches it")
        }
        return expect
    }

    /// `"all"` or an array of invariant letters, without repeats; returned sorted.
    private mutating func invariantList(_ node: Node) -> [InvariantID]? {
        if case .string("all") = node.value { return InvariantID.allCases }
        if case .string = node.value {
            report(node.path, "expected \"all\" or an array of invariant IDs like [\"A\", \"D\"]", found: node.value)
            return nil
        }
        guard let elements = array(node, of: "invariant IDs (A to N), or \"all\"") else { return nil }
        var found: [InvariantID] = []
        for element in elements {
            guard let id = invariant(element) else { continue }
            if found.contains(id) {
                report(element.path, "expected each invariant once", found: element.value)
            } else {
                found.append(id)
            }
        }
        return found.sorted()
    }

    private mutating func invariant(_ node: Node) -> InvariantID? {
        choice(node, among: InvariantID.allCases.map(\.rawValue), what: "an invariant ID") { InvariantID(rawValue: $0) }
    }
}
