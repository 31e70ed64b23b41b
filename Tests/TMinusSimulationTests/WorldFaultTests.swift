import Foundation
import TMinusCore
import TMinusEngine
import TMinusSimulation
import Testing

/// Issue 7's acceptance in the simulator: a user with a Google, a Microsoft and a CalDAV account,
/// humans creating, editing, deleting and tampering, under each fault kind alone and under a mix,
/// several seeds each: no duplicate mirror, no loop, no origin changed by T-Minus, no privacy
/// leak, and after faults stop everything converges — checked against the fakes' true state.
struct WorldFaultTests {
    enum Kind: String, CaseIterable, Sendable {
        case timeoutBeforeApply, timeoutAfterApply, connectionReset, truncatedBody, malformedBody, duplicateDelivery
        case serverErrors, rateLimits, pushLoss, pushDuplication, accessTokenExpiry, staleCursors, engineCrashes, mixed
        case deadChannels, channelExpiry, forgedNotifications, overlayDeletions

        func apply(to configuration: inout WorldRunConfiguration) {
            let network: [NetworkFault] = [
                .timeoutBeforeApply, .timeoutAfterApply, .connectionReset, .truncatedBody, .malformedBody, .duplicateDelivery,
            ]
            switch self {
            case .timeoutBeforeApply: configuration.networkFaults = Self.network(.timeoutBeforeApply)
            case .timeoutAfterApply: configuration.networkFaults = Self.network(.timeoutAfterApply)
            case .connectionReset: configuration.networkFaults = Self.network(.connectionReset)
            case .truncatedBody: configuration.networkFaults = Self.network(.truncatedBody)
            case .malformedBody: configuration.networkFaults = Self.network(.malformedBody)
            case .duplicateDelivery: configuration.networkFaults = Self.network(.duplicateDelivery)
            case .serverErrors: configuration.providerFaults.serverErrors = [ScopedProviderFault(probability: Ratio(1, 10))]
            case .rateLimits: configuration.providerFaults.rateLimits = [ScopedProviderFault(probability: Ratio(1, 10))]
            case .pushLoss: configuration.providerFaults.pushLoss = [ScopedProviderFault(probability: Ratio(1, 2))]
            case .pushDuplication: configuration.providerFaults.pushDuplication = [ScopedProviderFault(probability: Ratio(1, 2))]
            case .accessTokenExpiry: configuration.providerFaults.accessTokenExpiry = Ratio(1, 6)
            case .staleCursors: configuration.cursorInvalidation = Ratio(1, 10)
            case .engineCrashes: configuration.engineRestart = Ratio(1, 8)
            case .deadChannels: configuration.timedFaults = [Self.push(.deadChannel)]
            case .channelExpiry: configuration.timedFaults = [Self.push(.channelExpiry)]
            case .forgedNotifications: configuration.timedFaults = [Self.push(.forgedNotification)]
            case .overlayDeletions:
                configuration.timedFaults = [TimedWorldFault(.overlayDeletion(login: nil), window: .always, probability: Ratio(1, 24))]
            case .mixed:
                configuration.networkFaults = NetworkFaults(rules: network.map { NetworkFaultRule($0, probability: Ratio(1, 60)) })
                configuration.providerFaults.serverErrors = [ScopedProviderFault(probability: Ratio(1, 30))]
                configuration.providerFaults.rateLimits = [ScopedProviderFault(probability: Ratio(1, 30))]
                configuration.providerFaults.pushLoss = [ScopedProviderFault(probability: Ratio(1, 4))]
                configuration.providerFaults.accessTokenExpiry = Ratio(1, 20)
                configuration.cursorInvalidation = Ratio(1, 30)
                configuration.engineRestart = Ratio(1, 20)
            }
        }

        var networkFault: NetworkFault? {
            switch self {
            case .timeoutBeforeApply: return .timeoutBeforeApply
            case .timeoutAfterApply: return .timeoutAfterApply
            case .connectionReset: return .connectionReset
            case .truncatedBody: return .truncatedBody
            case .malformedBody: return .malformedBody
            case .duplicateDelivery: return .duplicateDelivery
            default: return nil
            }
        }

        static func push(_ fault: PushChannelFault) -> TimedWorldFault {
            TimedWorldFault(.push(fault, .any), window: .always, probability: Ratio(1, 12))
        }

        static func network(_ fault: NetworkFault) -> NetworkFaults {
            NetworkFaults(rules: [NetworkFaultRule(fault, probability: Ratio(1, 12))])
        }
    }

    static let cases: [(Kind, UInt64)] = Kind.allCases.flatMap { kind -> [(Kind, UInt64)] in [(kind, 101), (kind, 202)] }

    @Test(arguments: cases)
    func everyFaultKindConvergesWithoutViolatingSafety(kind: Kind, seed: UInt64) async throws {
        let report = try await FileBackedWorld.run(
            named: kind.rawValue, seed: seed, accounts: [.google, .microsoft, .caldav], kind.apply(to:))
        #expect(report.violations.isEmpty, "\(kind) seed \(seed): \(report.violations.prefix(5))")
        #expect(report.convergenceTime != nil, "\(kind) seed \(seed) did not converge")
        #expect(report.mirrorsAtEnd.values.allSatisfy { $0 > 0 }, "\(kind) seed \(seed): \(report.mirrorsAtEnd)")
        if kind == .engineCrashes { #expect(report.engineRestarts > 0) }
        if let fault = kind.networkFault { #expect(report.network.count(of: fault) > 0, "\(kind) never fired") }
        #expect(report.network.exchanges > 50)
    }
}
