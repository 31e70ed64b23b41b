import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// A server that counts the requests it applied and answers `{"applied": n}`, or refuses every
/// request with `refusal` (then applying nothing).
private final class CountingServer: FakeServer {
    private let count = LockedBox(0)
    let refusal: Int?

    init(refusal: Int? = nil) { self.refusal = refusal }

    var applied: Int { count.withLock { $0 } }

    func handle(_ request: HTTPRequest, at instant: Timestamp) -> HTTPResponse {
        if let refusal { return HTTPResponse(status: refusal, headers: [:], body: []) }
        let n = count.withLock { value -> Int in
            value += 1
            return value
        }
        return HTTPResponse(
            status: 200, headers: ["Content-Type": "application/json"], body: Array("{\"applied\":\(n)}".utf8))
    }
}

private struct TransportFixture {
    let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400))
    let trace = MemoryTraceSink()
    let server: CountingServer
    let transport: SimulatedTransport

    init(seed: UInt64 = 7, faults: NetworkFaults, refusal: Int? = nil) {
        server = CountingServer(refusal: refusal)
        transport = SimulatedTransport(clock: clock, random: RandomSource(seed: seed), trace: trace, faults: faults)
        transport.register(server, host: "api.example.com")
    }

    func send(_ path: String = "/v1/things?token=secret", method: String = "POST") async throws(TransportError)
        -> HTTPResponse
    {
        try await transport.send(
            HTTPRequest(method: method, url: "https://api.example.com\(path)", body: Array("{}".utf8)))
    }
}

private func only(_ fault: NetworkFault, timeout: Duration = .seconds(30)) -> NetworkFaults {
    NetworkFaults(
        latency: LatencyDistribution(minimum: .milliseconds(10), maximum: .milliseconds(10)), timeout: timeout,
        rules: [NetworkFaultRule(fault, probability: .always)])
}

@Suite struct SimulatedTransportTests {
    @Test func routesByHostAndTracesOneLineWithoutQueryOrBody() async throws {
        let fixture = TransportFixture(faults: NetworkFaults(latency: .exactly(.milliseconds(40))))
        let response = try await fixture.send()
        #expect(response.status == 200)
        #expect(fixture.server.applied == 1)
        #expect(fixture.trace.records == ["network POST api.example.com/v1/things 200 40000us"])
    }

    @Test func unknownHostIsAnInvalidRequestAndIsTraced() async {
        let fixture = TransportFixture(faults: .instant)
        await #expect(throws: TransportError.self) {
            _ = try await fixture.transport.send(HTTPRequest(method: "GET", url: "https://nowhere.example.com/x"))
        }
        #expect(fixture.trace.records == ["network GET nowhere.example.com/x - 0us"])
    }

    @Test func latencyIsSleptOnTheInjectedClockWithinTheDistribution() async throws {
        let distribution = LatencyDistribution(minimum: .milliseconds(20), maximum: .milliseconds(120))
        let fixture = TransportFixture(faults: NetworkFaults(latency: distribution))
        for _ in 0..<50 {
            let before = fixture.clock.now()
            _ = try await fixture.send()
            let elapsed = fixture.clock.now().duration(since: before)
            #expect(elapsed >= .milliseconds(20) && elapsed <= .milliseconds(120))
        }
        #expect(Set(fixture.trace.records).count > 10, "latencies vary with the seed")
    }

    @Test func timeoutBeforeApplyNeverReachesTheServer() async {
        let fixture = TransportFixture(faults: only(.timeoutBeforeApply, timeout: .seconds(30)))
        let before = fixture.clock.now()
        await #expect(throws: TransportError.timedOut) { _ = try await fixture.send() }
        #expect(fixture.server.applied == 0)
        #expect(fixture.clock.now().duration(since: before) == .seconds(30))
        #expect(
            fixture.trace.records == ["network POST api.example.com/v1/things - 30000000us fault=timeout-before-apply"])
    }

    @Test func timeoutAfterApplyLeavesTheServerChanged() async {
        let fixture = TransportFixture(faults: only(.timeoutAfterApply, timeout: .seconds(30)))
        await #expect(throws: TransportError.timedOut) { _ = try await fixture.send() }
        #expect(fixture.server.applied == 1, "the server applied the request although the client saw a timeout")
        #expect(fixture.trace.records.last?.hasSuffix("200 30000000us fault=timeout-after-apply") == true)
    }

    @Test func connectionResetNeverReachesTheServer() async {
        let fixture = TransportFixture(faults: only(.connectionReset))
        await #expect(throws: TransportError.connectionReset) { _ = try await fixture.send() }
        #expect(fixture.server.applied == 0)
    }

    @Test(arguments: [(NetworkFault.timeoutBeforeApply, false), (.timeoutAfterApply, true), (.connectionReset, false)])
    func theWriteLogSaysWhetherAnUnansweredWriteReachedTheProvider(fault: NetworkFault, reached: Bool) async {
        let fixture = TransportFixture(faults: only(fault, timeout: .seconds(30)))
        await #expect(throws: TransportError.self) { _ = try await fixture.send("/calendars/c/events") }
        let log = fixture.transport.takeWriteLog()
        #expect(log.count == 1)
        #expect(log.first?.deliveredStatus == nil, "no answer reached the engine")
        #expect(log.first?.reachedProvider == reached, "J counts only writes the provider applied")
        #expect(log.first?.providerStatus == (reached ? 200 : nil), "the provider's own answer, though the engine never saw it")
        #expect(log.first?.providerApplied == reached)
        #expect(fixture.server.applied == (reached ? 1 : 0))
    }

    @Test(arguments: [412, 429, 503])
    func aRefusalWhoseAnswerWasLostIsLoggedAsReachingTheProviderButNotApplied(status: Int) async {
        let fixture = TransportFixture(faults: only(.timeoutAfterApply, timeout: .seconds(30)), refusal: status)
        await #expect(throws: TransportError.timedOut) { _ = try await fixture.send("/calendars/c/events/e", method: "PUT") }
        let record = fixture.transport.takeWriteLog().first
        #expect(record?.deliveredStatus == nil && record?.reachedProvider == true)
        #expect(record?.providerStatus == status)
        #expect(record?.providerApplied == false, "J does not count a write the provider refused, answer lost or not")
    }

    @Test func duplicateDeliveryAppliesTwiceAndAnswersTheSecond() async throws {
        let fixture = TransportFixture(faults: only(.duplicateDelivery))
        let response = try await fixture.send()
        #expect(fixture.server.applied == 2)
        #expect(response.text == "{\"applied\":2}")
        #expect(fixture.trace.records.last?.hasSuffix("fault=duplicate-delivery") == true)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func truncatedBodyIsAStrictPrefix(seed: UInt64) async throws {
        let fixture = TransportFixture(seed: seed, faults: only(.truncatedBody))
        let response = try await fixture.send()
        let full = Array("{\"applied\":1}".utf8)
        #expect(response.body.count < full.count)
        #expect(Array(full.prefix(response.body.count)) == response.body)
        #expect((try? StableJSON.parse(response.text)) == nil, "a cut JSON body no longer parses")
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func malformedBodyNoLongerParses(seed: UInt64) async throws {
        let fixture = TransportFixture(seed: seed, faults: only(.malformedBody))
        let response = try await fixture.send()
        #expect(response.body.contains(BodyCorruption.poisonByte))
        #expect((try? StableJSON.parse(response.text)) == nil)
        #expect(fixture.server.applied == 1)
    }

    @Test func aRuleFiresOnlyInsideItsWindowAndForItsTarget() async throws {
        let start = Timestamp(secondsSinceEpoch: 1_772_438_400)
        let window = TimeWindow(from: start.adding(.seconds(60)), to: start.adding(.seconds(120)))
        let rule = NetworkFaultRule(
            .connectionReset, target: RequestPattern(host: "api.example.com", path: "/v1/things", method: "POST"),
            window: window, probability: .always)
        let fixture = TransportFixture(faults: NetworkFaults(latency: .instant, rules: [rule]))
        _ = try await fixture.send()  // before the window
        fixture.clock.advance(by: .seconds(60))
        _ = try await fixture.send("/v1/other")  // other path
        _ = try await fixture.send(method: "GET")  // other method
        await #expect(throws: TransportError.connectionReset) { _ = try await fixture.send() }
        fixture.clock.advance(by: .seconds(60))
        _ = try await fixture.send()  // after the window
        #expect(fixture.server.applied == 4)
    }

    @Test func aSlowRuleReplacesTheLatency() async throws {
        let slow = NetworkFaultRule(
            .slow, probability: .always, latency: LatencyDistribution(minimum: .seconds(5), maximum: .seconds(5)))
        let fixture = TransportFixture(faults: NetworkFaults(latency: .instant, rules: [slow]))
        _ = try await fixture.send()
        #expect(fixture.trace.records == ["network POST api.example.com/v1/things 200 5000000us fault=slow"])
    }

    @Test func theSameSeedGivesTheSameTraceAndADifferentSeedAnotherOne() async {
        func run(_ seed: UInt64) async -> [String] {
            let faults = NetworkFaults(
                latency: .typical, timeout: .seconds(10),
                rules: NetworkFault.allCases.filter { $0 != .slow }.map {
                    NetworkFaultRule($0, probability: Ratio(1, 12))
                })
            let fixture = TransportFixture(seed: seed, faults: faults)
            var outcomes: [String] = []
            for _ in 0..<200 {
                do {
                    outcomes.append(try await fixture.send().text)
                } catch {
                    outcomes.append("\(error)")
                }
            }
            return fixture.trace.records + outcomes + ["applied \(fixture.server.applied)"]
        }
        let first = await run(42)
        #expect(first == (await run(42)))
        #expect(first != (await run(43)))
        #expect(first.contains { $0.contains("fault=timeout-after-apply") })
    }

    @Test func statisticsCountExchangesResponsesAndFaults() async {
        let fixture = TransportFixture(faults: only(.timeoutAfterApply))
        _ = try? await fixture.send()
        fixture.transport.setFaults(.instant)
        _ = try? await fixture.send()
        let statistics = fixture.transport.statistics
        #expect(statistics.exchanges == 2)
        #expect(statistics.responses == 1)
        #expect(statistics.successes == 1)
        #expect(statistics.count(of: .timeoutAfterApply) == 1)
    }

    @Test(arguments: [
        ("/calendar/v3/calendars/*/events", "/calendar/v3/calendars/a%40b/events", true),
        ("/calendar/v3/calendars/*/events", "/calendar/v3/calendars/a/events/x", false),
        ("*/watch", "/calendar/v3/calendars/a/events/watch", true),
        ("/token", "/token", true),
        ("/token", "/tokens", false),
        ("*", "/anything/at/all", true),
        ("/a*b*c", "/aXXbYYc", true),
        ("/a*b*c", "/aXXbYY", false),
    ])
    func pathGlobsMatchStarsAcrossSlashes(pattern: String, path: String, expected: Bool) throws {
        let parts = try #require(URLParts("https://h.example.com\(path)"))
        #expect(RequestPattern(path: pattern).matches(method: "GET", parts: parts) == expected)
    }
}

extension LatencyDistribution {
    fileprivate static func exactly(_ duration: Duration) -> LatencyDistribution {
        LatencyDistribution(minimum: duration, maximum: duration)
    }
}
