import TMinusCore
import TMinusEngine
import TMinusSimulation
import TMinusStore
import Testing

/// The `token-revocation` fault: a grant revoked mid-run puts exactly that account in `error`
/// (the user must relink); no origin is touched (G) and the other accounts converge (M).
struct TokenRevocationFaultTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func aRevokedGrantStopsOnlyItsAccount(seed: UInt64) async throws {
        try await FileBackedWorld.with(named: "revocation", seed: seed, accounts: [.google, .microsoft, .caldav]) {
            world in
            var configuration = WorldRunConfiguration()
            configuration.duration = .seconds(8 * 3600)
            configuration.tick = .seconds(600)
            configuration.rates.create = Ratio(1, 4)
            configuration.tokenRevocations = [
                TokenRevocation(at: world.clock.now().adding(.seconds(3 * 3600)), accountIndex: 1)
            ]
            let report = try await WorldDriver(world: world, seed: SimulationSeed(seed)).run(configuration)
            let revoked = world.accounts[1].accountID
            #expect(report.tokensRevoked == [revoked])
            #expect(report.violations.isEmpty, "seed \(seed): \(report.violations.prefix(3))")
            #expect(report.convergenceTime != nil, "seed \(seed): the other accounts did not converge")
            let statuses = try await world.engine.status(userID: world.userID)
            #expect(statuses.first { $0.accountID == revoked }?.registryStatus == .error)
            #expect(statuses.filter { $0.accountID != revoked }.allSatisfy { $0.registryStatus == .active })
        }
    }
}
