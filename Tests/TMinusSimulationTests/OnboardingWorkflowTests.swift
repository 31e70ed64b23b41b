import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusSimulation
import TMinusStore
import Testing

/// Flow C as a durable workflow: a third account is linked into a running world (a Google and a
/// Microsoft account with events); the process dies at an onboarding step, restarts from its
/// files, and the queued workflow resumes where it stopped. It must end fully onboarded with no
/// duplicate mirror; a scope that fails for good leaves the others working and is reported.
struct OnboardingWorkflowTests {
    struct Outcome {
        var status: AccountStatus
        var mirrorsWanted: Set<String>
        var mirrorsHeld: [String]
        var originsImported: Int
        var violations: [WorldViolation]
        var crashes: [CrashPoint: Int]
    }

    /// Runs the world for two hours, then links a late Google account holding two events of its own
    /// (and `extraScopes`) with `rules` armed, and drives the engine (restarting it after each
    /// crash) until nothing is left to do.
    static func onboard(
        _ label: String, seed: UInt64, rules: [HandlerCrashRule], extraScopes: [String]? = nil
    ) async throws -> Outcome {
        try await FileBackedWorld.with(named: "onboarding-\(label)", seed: seed, accounts: [.google, .microsoft]) { world in
            var configuration = WorldRunConfiguration()
            configuration.duration = .seconds(2 * 3600)
            configuration.rates.create = Ratio(1, 2)
            _ = try await WorldDriver(world: world, seed: SimulationSeed(seed)).run(configuration)
            let host = world.host(for: .google)!
            var (late, link) = host.addAccount(login: "late@google.example", timeZone: "UTC")
            link.scopes = extraScopes
            let start = world.clock.now().adding(.seconds(86_400))
            for hour in [9, 14] {
                let begin = start.adding(.seconds(Int64(hour) * 3600))
                _ = try host.humans.humanCreateEvent(
                    account: late.login, calendarID: late.primaryCalendarID,
                    HumanEventDraft(
                        title: "Late \(hour)", start: .timed(begin, timeZone: "UTC"),
                        end: .timed(begin.adding(.seconds(1800)), timeZone: "UTC")))
            }
            world.crashes.arm(rules)
            let before = Set(try await world.engine.status(userID: world.userID).map(\.accountID))
            do {
                _ = try await world.engine.linkAccount(userID: world.userID, link)
            } catch {
                guard error.isProcessCrash else { throw error }
            }
            for round in 0..<400 {
                if world.crashes.isDown != nil { try await world.restartEngine() }
                do {
                    _ = try await world.engine.drain()
                } catch {
                    guard error.isProcessCrash else { throw error }
                    continue
                }
                if round % 6 == 0 { _ = await world.engine.cronTick() }
                guard let next = try await world.engine.nextMessageAt() else { break }
                try await world.clock.sleep(for: max(.seconds(1), next.duration(since: world.clock.now())))
            }
            if world.crashes.isDown != nil { try await world.restartEngine() }
            world.crashes.disarm()
            let statuses = try await world.engine.status(userID: world.userID)
            guard let status = statuses.first(where: { !before.contains($0.accountID) }) else {
                Issue.record("no new account among \(statuses.map(\.accountID)) before \(before)")
                throw CancellationError()
            }
            late.accountID = status.accountID
            let graph = try await world.engine.graph(of: world.userID)
            let events = try await graph.inspect { store throws(StoreError) in try store.allEvents() }
            let wanted = Set(events.filter { $0.isProjectable && $0.originAccountID != late.accountID }.map(\.id))
            let held = world.managedEvents(of: late).compactMap { _, event -> String? in
                guard case .managedMirror(let markers?) = EventClassifier.classify(
                    late.markers(of: event), isRecordedMirror: false)
                else { return nil }
                return markers.canonicalEventID
            }
            let checker = WorldChecker(world: world)
            return Outcome(
                status: status, mirrorsWanted: wanted, mirrorsHeld: held,
                originsImported: events.filter { $0.originAccountID == late.accountID && !$0.isDeleted }.count,
                violations: try await checker.checkSafety() + checker.checkConvergence(),
                crashes: world.crashes.fired)
        }
    }

    static let steps = CrashPoint.allCases.filter { $0.consumer == "onboarding" }
    static let cases: [(CrashPoint, UInt64)] = steps.flatMap { step -> [(CrashPoint, UInt64)] in [(step, 1), (step, 2), (step, 3)] }

    @Test(arguments: cases)
    func aCrashAtAnyOnboardingStepResumesToAFullyOnboardedAccount(step: CrashPoint, seed: UInt64) async throws {
        let outcome = try await Self.onboard(
            step.rawValue, seed: seed, rules: [HandlerCrashRule(points: [step], probability: .always, once: true)])
        #expect(outcome.crashes[step] == 1, "\(step.rawValue) never fired")
        #expect(outcome.status.onboarding.complete, "\(step.rawValue) seed \(seed): \(outcome.status.onboarding)")
        #expect(outcome.status.onboarding.failures.isEmpty)
        #expect(outcome.mirrorsHeld.count == Set(outcome.mirrorsHeld).count, "a duplicate mirror (D)")
        #expect(Set(outcome.mirrorsHeld) == outcome.mirrorsWanted, "existing events projected into the new account")
        #expect(outcome.originsImported == 2, "the new account's own events were synced")
        #expect(outcome.violations.isEmpty, "\(step.rawValue) seed \(seed): \(outcome.violations.prefix(3))")
    }

    @Test func aScopeThatFailsForGoodLeavesTheOthersWorkingAndIsReported() async throws {
        let outcome = try await Self.onboard("failing-scope", seed: 5, rules: [], extraScopes: ["no-such-calendar"])
        #expect(!outcome.status.onboarding.complete)
        #expect(outcome.status.onboarding.failures.keys.sorted() == ["sync:no-such-calendar"])
        #expect(outcome.originsImported == 2, "the primary scope synced")
        #expect(Set(outcome.mirrorsHeld) == outcome.mirrorsWanted, "projection into the account went on")
        #expect(outcome.violations.isEmpty, "\(outcome.violations.prefix(3))")
    }
}
