import TMinusCore

extension NetworkFaultRule {
    /// The rule limited to the hosts of `providers` (their API and token hosts), one rule per
    /// host in a fixed order; empty `providers`: the rule itself, for every host. This is how a
    /// scenario fault's `provider` or `account` target reaches the transport, which sees hosts.
    func scoped(to providers: [ProviderKind]) -> [NetworkFaultRule] {
        guard !providers.isEmpty else { return [self] }
        return providers.flatMap(ProviderKind.fakeHosts).map { host in
            var rule = self
            rule.target.host = host
            return rule
        }
    }
}

extension ProviderKind {
    /// The host names the world's fake of this provider answers on (lower-case), as its host's
    /// `serverHosts` lists them.
    static func fakeHosts(_ kind: ProviderKind) -> [String] {
        switch kind {
        case .google: FakeGoogleServer.hosts.map { $0.lowercased() }
        case .microsoft: FakeGraphServer.hosts.map { $0.lowercased() }
        case .caldav: [FakeCalDAVConfiguration().host.lowercased()]
        }
    }
}
