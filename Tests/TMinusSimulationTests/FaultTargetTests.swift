@testable import TMinusSimulation
import TMinusCore
import Testing

/// A scenario fault's `target` and window reach only what they name: a provider's hosts and fake,
/// each fault in its own window, with its own status and `Retry-After`.
struct FaultTargetTests {
    static let scenario = """
        {"name": "targets", "description": "targets", "seed": 1, "duration": "P1D", "start": "2026-03-02T08:00:00Z",
         "users": [{"id": "u", "accounts": [
            {"id": "g", "provider": "google"}, {"id": "m1", "provider": "microsoft"},
            {"id": "m2", "provider": "microsoft"}, {"id": "c", "provider": "caldav"}]}],
         "faults": [
            {"kind": "truncated-body", "target": {"provider": "caldav"}, "window": {"from": "PT1H", "to": "PT2H"}},
            {"kind": "server-errors", "target": {"provider": "google"}, "window": {"from": "PT3H", "to": "PT4H"},
             "status": 503, "probability": "1/2"},
            {"kind": "rate-limit", "target": {"account": "m1"}, "window": {"from": "PT5H", "to": "PT6H"},
             "retryAfter": {"min": "PT20S", "max": "PT40S"}},
            {"kind": "push-loss", "window": {"from": "PT1H", "to": "PT2H"}, "probability": "1/3"},
            {"kind": "push-loss", "target": {"provider": "google"}, "window": {"from": "PT7H", "to": "PT8H"}}
         ]}
        """

    static func configuration() throws -> (WorldRunConfiguration, [String]) {
        let scenario = try ScenarioDecoder.decode(text: Self.scenario, file: "targets.json")
        var notes = WorldMappingNotes()
        let configuration = WorldScenarioExecutor().configuration(for: scenario, notes: &notes)
        return (configuration, notes.lines)
    }

    @Test func aNetworkFaultOnOneProviderHitsOnlyThatProvidersHosts() throws {
        let (configuration, _) = try Self.configuration()
        let hosts = configuration.networkFaults.rules.map { $0.target.host }
        #expect(hosts == ProviderKind.fakeHosts(.caldav).map { Optional($0) })
        #expect(!hosts.contains(nil), "no rule for every host")
    }

    @Test func serverFaultsKeepTheirOwnWindowsProvidersStatusAndRetryAfter() throws {
        let (configuration, _) = try Self.configuration()
        let faults = configuration.providerFaults
        #expect(faults.serverErrors.map(\.providers) == [[.google]])
        #expect(faults.rateLimits.map(\.providers) == [[.microsoft]])
        #expect(faults.serverErrors[0].window != faults.rateLimits[0].window, "each fault keeps its own window")
        let google: [ServerFaultRule<GoogleServerFault>] = faults.serverRules(for: .google)
        #expect(google.map(\.fault) == [.serviceUnavailable], "status 503 picks Google's 503")
        let graph: [ServerFaultRule<GraphServerFault>] = faults.serverRules(for: .microsoft)
        #expect(graph.map(\.fault) == [.tooManyRequests])
        #expect(graph.first?.retryAfter == DelayRange(.seconds(20), .seconds(40)))
        let caldav: [ServerFaultRule<CalDAVServerFault>] = faults.serverRules(for: .caldav)
        #expect(caldav.isEmpty)
    }

    @Test func pushFaultsInSeveralWindowsAreSetTickByTick() throws {
        let (configuration, _) = try Self.configuration()
        let faults = configuration.providerFaults
        #expect(faults.pushFaults(for: .caldav).loss == Ratio(1, 3), "one window: the fake's own")
        #expect(faults.pushFaults(for: .google) == .none, "two windows: set per tick")
        #expect(faults.hasWindowedKnobs)
        let start = try #require(configuration.providerFaults.pushLoss.first?.window.from)
        let inSecond = start.adding(.seconds(6 * 3600 + 60))
        #expect(faults.activePushFaults(for: .google, at: inSecond)?.loss == .always)
        #expect(faults.activePushFaults(for: .google, at: start.adding(.seconds(2 * 3600 + 60)))?.loss == .never)
    }

    @Test func anAccountTargetOnAProviderWithSeveralAccountsIsNotedAsProviderWide() throws {
        let (_, notes) = try Self.configuration()
        #expect(notes.contains { $0.contains("rate-limit targets m1") && $0.contains("m1, m2") })
    }
}
