import TMinusCore

/// `faults[]`: each entry is checked against its kind's catalogue entry (timing, targets,
/// parameters), and its times against the run.
extension ScenarioDecoder {
    /// The keys a fault of `kind` takes.
    static func faultKeys(_ kind: FaultKind) -> [String] {
        var keys = ["kind", "target"]
        switch kind.timing {
        case .window: keys += ["window", "probability"]
        case .instant: keys += ["at"]
        case .windowOrInstant: keys += ["window", "probability", "at"]
        }
        return keys + kind.parameters.map(\.rawValue)
    }

    mutating func faults(_ node: Node) -> [ScenarioFault] {
        guard let elements = array(node, of: "faults") else { return [] }
        return elements.compactMap { fault($0) }
    }

    private mutating func fault(_ node: Node) -> ScenarioFault? {
        guard case .object(let members) = node.value else {
            report(node.path, "expected a fault object {\"kind\": …}", found: node.value)
            return nil
        }
        guard let kindValue = members["kind"] else {
            report(node.child("kind"), "required key is missing; one of \(FaultKind.names.joined(separator: ", "))")
            return nil
        }
        guard
            let kind = choice(
                Node(value: kindValue, path: node.child("kind")), among: FaultKind.names, what: "a fault kind",
                {
                    FaultKind(name: $0)
                })
        else { return nil }
        let required = kind.timing == .instant ? ["at"] : []
        guard
            let fields = object(
                node, keys: Self.faultKeys(kind), required: required + kind.requiredParameters.map(\.rawValue))
        else { return nil }
        let target = faultTarget(fields, kind: kind)
        let timing = faultTiming(fields)
        let probability = fields["probability"].map { self.probability($0) } ?? .always
        let parameters = faultParameters(fields, kind: kind)
        guard let target, let timing, let probability, let parameters else { return nil }
        return ScenarioFault(
            kind: kind, target: target, timing: timing, probability: probability, parameters: parameters)
    }

    private mutating func faultTiming(_ fields: Fields) -> ScenarioFault.Timing? {
        let end = duration ?? .zero
        if let atNode = fields["at"] {
            if fields["window"] != nil || fields["probability"] != nil {
                report(atNode.path, "expected either 'at' (once) or 'window'/'probability', not both")
                return nil
            }
            guard let at = offset(atNode, upTo: duration) else { return nil }
            if duration != nil && at >= end {
                report(
                    atNode.path, "expected a time before the end of the fault phase \(ISO8601Duration.format(end))",
                    found: atNode.value)
                return nil
            }
            return .at(at)
        }
        guard let windowNode = fields["window"] else { return .window(from: .zero, to: end) }
        let what = "a window {\"from\": \"PT1H\", \"to\": \"P2D\"} (both optional: the whole run)"
        guard let window = object(windowNode, keys: ["from", "to"], required: [], what: what) else { return nil }
        let from = window["from"].map { offset($0, upTo: duration) } ?? .zero
        let to = window["to"].map { offset($0, upTo: duration) } ?? end
        guard let from, let to else { return nil }
        guard from < to else {
            report(window.path(window["to"] != nil ? "to" : "from"), "expected 'from' to come before 'to'")
            return nil
        }
        return .window(from: from, to: to)
    }

    private mutating func faultTarget(_ fields: Fields, kind: FaultKind) -> FaultTarget? {
        let allowed = kind.targets.map(\.rawValue)
        let required = kind.requiredTargets.map(\.rawValue)
        guard let node = fields["target"] else {
            if !required.isEmpty {
                report(
                    fields.path("target"),
                    "required key is missing; '\(kind)' needs a \(required.joined(separator: " and "))")
            }
            return required.isEmpty ? .any : nil
        }
        let what = "a target object with \(allowed.joined(separator: ", ")) (each optional unless required)"
        guard let target = object(node, keys: allowed, required: required, what: what) else { return nil }
        var result = FaultTarget()
        var valid = true
        if let providerNode = target["provider"] {
            result.provider = usedProvider(providerNode)
            valid = valid && result.provider != nil
        }
        if let accountNode = target["account"] {
            result.account = accountReference(accountNode)
            valid = valid && result.account != nil
        }
        if let componentNode = target["component"] {
            result.component = choice(
                componentNode, among: ScenarioComponent.allCases.map(\.rawValue), what: "a component"
            ) {
                ScenarioComponent(rawValue: $0)
            }
            valid = valid && result.component != nil
            if let component = result.component, !kind.allowedComponents.contains(component) {
                let names = kind.allowedComponents.map(\.rawValue).joined(separator: ", ")
                report(
                    target.path("component"), "expected a component that consumes a queue: one of \(names)",
                    found: componentNode.value)
                valid = false
            }
        }
        if let provider = result.provider, let account = result.account, accountsByID[account]?.provider != provider {
            report(
                target.path("account"),
                "expected an account of provider '\(provider.rawValue)' (or drop one of the two)",
                found: .string(account))
            return nil
        }
        return valid ? result : nil
    }

    /// A provider that some account of the scenario uses.
    private mutating func usedProvider(_ node: Node) -> ProviderKind? {
        let used = ProviderKind.allCases.filter { provider in
            accountIDs.contains { accountsByID[$0]?.provider == provider }
        }
        let names = used.map(\.rawValue)
        return choice(
            node, among: names.isEmpty ? ProviderKind.allCases.map(\.rawValue) : names,
            what: "a provider some account uses"
        ) {
            guard let provider = ProviderKind(rawValue: $0), used.contains(provider) else { return nil }
            return provider
        }
    }

    private mutating func faultParameters(_ fields: Fields, kind: FaultKind) -> FaultParameters? {
        var parameters = FaultParameters()
        var valid = true
        func check<Value>(_ value: Value?, present: Bool) -> Value? {
            if present && value == nil { valid = false }
            return value
        }
        parameters.latency = check(fields["latency"].flatMap { delayRange($0) }, present: fields["latency"] != nil)
        parameters.delay = check(fields["delay"].flatMap { delayRange($0) }, present: fields["delay"] != nil)
        parameters.retryAfter = check(
            fields["retryAfter"].flatMap { delayRange($0) }, present: fields["retryAfter"] != nil)
        parameters.offset = check(
            fields["offset"].flatMap { duration($0, signed: true) }, present: fields["offset"] != nil)
        parameters.by = check(fields["by"].flatMap { nonZeroSigned($0) }, present: fields["by"] != nil)
        parameters.driftPartsPerMillion = check(
            fields["driftPPM"].flatMap {
                integer($0, in: -100_000...100_000, what: "a clock drift in parts per million")
            },
            present: fields["driftPPM"] != nil)
        if let siteNode = fields["where"] {
            parameters.crashSite = choice(
                siteNode, among: CrashSite.allCases.map(\.rawValue), what: "where the crash strikes"
            ) {
                CrashSite(rawValue: $0)
            }
            valid = valid && parameters.crashSite != nil
        }
        if let statusNode = fields["status"] {
            let allowed = kind.allowedStatuses.map(Int64.init)
            if case .int(let status) = statusNode.value, allowed.contains(status) {
                parameters.status = Int(status)
            } else {
                report(
                    statusNode.path,
                    "expected one of the statuses \(kind.allowedStatuses.map(String.init).joined(separator: ", "))",
                    found: statusNode.value)
                valid = false
            }
        }
        if !kind.requiresOneOf.isEmpty, !kind.requiresOneOf.contains(where: { fields[$0.rawValue] != nil }) {
            let names = kind.requiresOneOf.map(\.rawValue).joined(separator: " or ")
            report(fields.node.path, "expected '\(kind)' to set at least one of \(names)")
            valid = false
        }
        return valid ? parameters : nil
    }

    private mutating func nonZeroSigned(_ node: Node) -> Duration? {
        guard let value = duration(node, signed: true) else { return nil }
        if value == .zero {
            report(node.path, "expected a non-zero clock step like PT5M or -PT1H", found: node.value)
            return nil
        }
        return value
    }
}
