public import TMinusCore
public import TMinusProviders

/// The simulation's ``HTTPTransport``: routes each request by host to an in-process
/// ``FakeServer``, in virtual time, through the fault layer configured by ``NetworkFaults``.
///
/// Guarantees:
/// - Time passes only through the injected clock (`sleep(for:)` of the drawn latency), so under
///   the simulator an exchange costs virtual time and no wall time.
/// - Every random choice comes from the one network stream given at construction; the same seed
///   and request sequence give the same latencies, faults, responses and trace.
/// - Each exchange becomes exactly one trace line (component `network`):
///   `METHOD host/path STATUS LATENCYus[ fault=NAME]` (path without query; `-` as status when no
///   response arrived). Bodies, headers, tokens and titles never reach the trace.
/// - A server sees the request zero, one or two times exactly as the fault says (see
///   ``NetworkFault/reachesServer``); a lost response still leaves the server changed.
public final class SimulatedTransport: HTTPTransport {
    private struct State: Sendable {
        var servers: [String: any FakeServer] = [:]
        var faults: NetworkFaults
        var statistics = NetworkStatistics()
        var writeLog: [ExchangeRecord] = []
        /// Resources (method, host, path) whose last read was answered with `Retry-After`: their
        /// next read goes to the write log too, so the checker can hold it to K.
        var throttledReads: Set<String> = []
    }

    private let clock: any WallClock
    private let random: RandomSource
    private let trace: any TraceSink
    private let state: LockedBox<State>

    /// Creates a transport.
    /// - Parameters:
    ///   - clock: the network's clock; latencies and timeouts are slept on it.
    ///   - random: the network's own stream (fork it from the run's seed, e.g. `StreamName.network`).
    ///   - trace: where each exchange is recorded.
    ///   - faults: the fault layer's initial configuration.
    public init(clock: any WallClock, random: RandomSource, trace: any TraceSink, faults: NetworkFaults = .none) {
        self.clock = clock
        self.random = random
        self.trace = trace
        self.state = LockedBox(State(faults: faults))
    }

    /// Routes requests for `host` (case-insensitive) to `server`, replacing any earlier route.
    public func register(_ server: any FakeServer, host: String) {
        state.withLock { $0.servers[host.lowercased()] = server }
    }

    /// Replaces the fault configuration (a scenario heals the network for its liveness phase).
    public func setFaults(_ faults: NetworkFaults) {
        state.withLock { $0.faults = faults }
    }

    /// The current fault configuration.
    public var faults: NetworkFaults { state.withLock { $0.faults } }

    /// Takes the write log kept since the last call (event writes, humans' changes, engine restarts,
    /// in order): the world checker's view of every write the providers saw.
    public func takeWriteLog() -> [ExchangeRecord] {
        state.withLock { state in
            defer { state.writeLog = [] }
            return state.writeLog
        }
    }

    /// True when writes were logged since the last ``takeWriteLog()`` (the log is not taken).
    public var hasWriteLog: Bool { state.withLock { !$0.writeLog.isEmpty } }

    /// Notes a human's change to the provider event (or calendar) `eventID` in the write log (the
    /// checker then expects the engine to correct it: a rewrite is not redundant).
    public func noteHumanChange(eventID: String) {
        let now = clock.now()
        state.withLock { $0.writeLog.append(ExchangeRecord(kind: .humanChange(eventID: eventID), sentAt: now, endedAt: now)) }
    }

    /// Notes in the write log that a policy change re-derives the mirror `eventID` (the checker
    /// then expects its rewrite: a changed detail level or kind changes its projected hash).
    public func notePolicyChange(eventID: String) {
        let now = clock.now()
        state.withLock { $0.writeLog.append(ExchangeRecord(kind: .policyChange(eventID: eventID), sentAt: now, endedAt: now)) }
    }

    /// Notes an engine restart in the write log.
    public func noteEngineRestart() {
        let now = clock.now()
        state.withLock { $0.writeLog.append(ExchangeRecord(kind: .engineRestart, sentAt: now, endedAt: now)) }
    }

    /// Counters of exchanges and faults so far.
    public var statistics: NetworkStatistics { state.withLock { $0.statistics } }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        guard let parts = request.components else {
            throw .invalidRequest("'\(request.method) …' has no absolute http(s) URL; build it with URLParts.build")
        }
        let start = clock.now()
        let routed = state.withLock { state -> (server: (any FakeServer)?, plan: ExchangePlan) in
            let plan = ExchangePlan.plan(request, parts: parts, at: start, faults: state.faults, random: random)
            return (state.servers[parts.host.lowercased()], plan)
        }
        guard let server = routed.server else {
            record(request, parts: parts, status: nil, latency: .zero, fault: nil)
            throw .invalidRequest("no fake server is registered for host \(parts.host); register one on the transport")
        }
        return try await exchange(request, parts: parts, server: server, plan: routed.plan)
    }

    private func exchange(
        _ request: HTTPRequest, parts: URLParts, server: any FakeServer, plan: ExchangePlan
    ) async throws(TransportError) -> HTTPResponse {
        let timeout = state.withLock { $0.faults.timeout }
        switch plan.fault {
        case .connectionReset?:
            try await pause(plan.requestLeg)
            record(request, parts: parts, status: nil, latency: plan.requestLeg, fault: .connectionReset)
            throw .connectionReset
        case .timeoutBeforeApply?:
            try await pause(timeout)
            record(request, parts: parts, status: nil, latency: timeout, fault: .timeoutBeforeApply)
            throw .timedOut
        case .timeoutAfterApply?:
            try await pause(plan.requestLeg)
            let lost = server.handle(request, parts: parts, at: clock.now())
            let rest = timeout > plan.requestLeg ? timeout - plan.requestLeg : .zero
            try await pause(rest)
            record(
                request, parts: parts, status: lost.status, latency: plan.requestLeg + rest, fault: .timeoutAfterApply)
            throw .timedOut
        case .duplicateDelivery?:
            try await pause(plan.requestLeg)
            _ = server.handle(request, parts: parts, at: clock.now())
            let second = server.handle(request, parts: parts, at: clock.now())
            try await pause(plan.responseLeg)
            record(
                request, parts: parts, status: second.status, latency: plan.latency, fault: .duplicateDelivery,
                response: second)
            return second
        case .truncatedBody?, .malformedBody?, .slow?, nil:
            try await pause(plan.requestLeg)
            var response = server.handle(request, parts: parts, at: clock.now())
            try await pause(plan.responseLeg)
            if plan.fault == .truncatedBody {
                response.body = BodyCorruption.truncate(response.body, draw: plan.bodyPositionDraw)
            } else if plan.fault == .malformedBody {
                response.body = BodyCorruption.malform(response.body, draw: plan.bodyPositionDraw)
            }
            record(
                request, parts: parts, status: response.status, latency: plan.latency, fault: plan.fault,
                response: response)
            return response
        }
    }

    /// Logs a read the checker must hold to K: one answered with `Retry-After`, or the next read
    /// of a resource whose last read was (only these, so reads cost the checks nothing otherwise).
    private func logIfThrottled(
        _ request: HTTPRequest, host: String, path: String, retryAfter: Int64?,
        makeEntry: (ExchangeRecord.Kind) -> ExchangeRecord
    ) {
        let resource = "\(request.headers["Authorization"] ?? "") \(request.method) \(host)\(path)"
        let throttled = retryAfter != nil
        let wasThrottled = state.withLock { $0.throttledReads.contains(resource) }
        guard throttled || wasThrottled else { return }
        let entry = makeEntry(.read)
        state.withLock {
            if throttled { $0.throttledReads.insert(resource) } else { $0.throttledReads.remove(resource) }
            $0.writeLog.append(entry)
        }
    }

    private func pause(_ duration: Duration) async throws(TransportError) {
        guard duration > .zero else { return }
        do {
            try await clock.sleep(for: duration)
        } catch {
            throw .cancelled
        }
    }

    private func record(
        _ request: HTTPRequest, parts: URLParts, status: Int?, latency: Duration, fault: NetworkFault?,
        response: HTTPResponse? = nil
    ) {
        let write = ExchangeRecord.isEventWrite(method: request.method, path: parts.path)
        let host = parts.host.lowercased()
        // A corrupted body is a failure to the engine: it retries, so the request was not delivered.
        let intact = fault != .truncatedBody && fault != .malformedBody
        let delivered = intact ? response : nil
        let seconds = delivered?.headers["Retry-After"].flatMap { Int64($0) }
        let makeEntry = { (kind: ExchangeRecord.Kind) in
            let end = self.clock.now()
            let server = self.state.withLock { $0.servers[host] }
            return ExchangeRecord(
                kind: kind, method: request.method, host: host, path: parts.path,
                bodyDigest: ExchangeRecord.digest(request.body), sentAt: end.adding(.zero - latency), endedAt: end,
                deliveredStatus: delivered?.status, retryAfterSeconds: seconds, providerStatus: status,
                principal: server?.principal(of: request) ?? request.headers["Authorization"] ?? "")
        }
        let entry: ExchangeRecord? = write ? makeEntry(.write) : nil
        state.withLock {
            $0.statistics.count(status: status, fault: fault, host: host)
            if let entry { $0.writeLog.append(entry) }
        }
        if !write { logIfThrottled(request, host: host, path: parts.path, retryAfter: seconds, makeEntry: makeEntry) }
        let statusText = status.map(String.init) ?? "-"
        var line = "\(request.method) \(parts.host)\(parts.path) \(statusText) \(latency.nanoseconds / 1_000)us"
        if let fault { line += " fault=\(fault)" }
        trace.record(component: "network", event: line)
    }
}
