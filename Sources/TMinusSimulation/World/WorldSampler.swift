import TMinusCore
import TMinusEngine
import TMinusQueues
import TMinusSQLite
import TMinusStore

/// Samples what the report plots over virtual time while a world runs: queue depths, provider
/// calls and errors by provider, drift found and repaired, engine writes and user changes.
///
/// Deterministic: a sample reads only the world's state (the engine's queues and journal, the
/// simulated transport's counters) at a virtual instant the driver chooses, never a real clock.
/// The driver samples once per step of the faulted phase and once per step of the convergence
/// window, so two runs of the same seed give the same series. Each sample reads only the journal
/// entries appended since the previous one, so sampling costs little however long the run.
///
/// Definitions (also in `docs/scenarios.md`):
/// - queue depth: live messages (ready, delayed or leased) per engine queue, and dead letters;
/// - provider calls / errors: cumulative exchanges with each provider's hosts, and of those the
///   ones that ended without a 2xx response (error status or transport fault);
/// - drift found: cumulative mirrors the engine found edited by a human (`drift_corrected`
///   journal entries); repaired: of those, the ones whose mirror is ACTIVE again (rewritten);
/// - writes: cumulative write commands the engine handled (write-queue deliveries); user changes:
///   cumulative origin creates, edits and deletes the engine journaled from a provider.
struct WorldSampler: Sendable {
    private var recorder = SeriesRecorder()
    private var lastJournalSequence: Int64 = 0
    /// Drifted mirrors (`canonical target`) not yet rewritten, with how many findings they carry.
    private var outstandingDrift: [String: Int] = [:]
    /// The user graph and its change stamp at the last journal read: while they are the same, no
    /// journal entry was appended and no mirror changed, so the journal part of a sample is the last one's.
    private var journalState: GraphState?
    /// The latest totals, for the run's counters.
    private(set) var counters = ScenarioCounters()
    /// When true (cross-check mode), every reused depth is compared with a fresh read of the
    /// whole statistics.
    var verifiesReuse = false

    /// Provider names by lower-case host name.
    private let providerByHost: [String: String]
    /// The hosts the transport has counted so far, grouped by provider; the last sums per provider.
    private var hosts = HostsByProvider()
    private var lastCalls: [Int] = []
    private var lastErrors: [Int] = []

    /// A sampler for `world`.
    init(world: SyncWorld) {
        var names: [String: String] = [:]
        for host in world.hosts {
            for name in host.serverHosts { names[name] = host.kind.rawValue }
        }
        providerByHost = names
    }

    /// Records one sample of every series at `offset` from the run's start.
    mutating func sample(_ world: SyncWorld, at offset: Duration) async throws {
        let engine = world.engine
        recorder.beginSample()
        var deadLetters = 0
        for depth in try await queueDepths(of: engine) {
            add(.queueDepths, depth.queue.rawValue, at: offset, Int64(depth.depth))
            deadLetters += depth.deadLettered
            if depth.queue == .write { counters.writes = depth.delivered }
        }
        add(.queueDepths, "dead letters", at: offset, Int64(deadLetters))
        counters.deadLetters = deadLetters
        sampleNetwork(world.transport.statistics, at: offset)
        try await sampleJournal(world, at: offset)
        add(.writesPerChange, "engine writes", at: offset, Int64(counters.writes))
        add(.writesPerChange, "user changes", at: offset, Int64(counters.userChanges))
        counters.pushesReceived = await engine.pushStatistics.accepted
    }

    /// The engine's queue depths now (the queue's own tally while it can vouch for it). In
    /// cross-check mode a difference from the same numbers of freshly read ``QueueStats`` is a
    /// ``CheckerViewMismatch``.
    private func queueDepths(of engine: Engine) async throws -> [QueueDepth] {
        let depths = try await engine.queueDepths()
        if verifiesReuse {
            let fresh = try await engine.queueStats().map(QueueDepth.init)
            guard fresh == depths else {
                throw CheckerViewMismatch(what: "queue depths tallied for the sampler are \(depths), a read gives \(fresh)")
            }
        }
        return depths
    }

    /// The series, plot by plot (``PlotKind`` order), labels sorted within a plot.
    var series: [TimeSeries] { recorder.series }

    private mutating func add(_ plot: PlotKind, _ label: String, at offset: Duration, _ value: Int64) {
        recorder.add(plot, label, at: offset, value)
    }

    private mutating func sampleNetwork(_ statistics: NetworkStatistics, at offset: Duration) {
        var calls = Array(repeating: 0, count: hosts.providers.count)
        var errors = calls
        if !hosts.tally(statistics, calls: &calls, errors: &errors) {
            hosts = HostsByProvider(statistics.byHost.keys, providerByHost: providerByHost)
            calls = Array(repeating: 0, count: hosts.providers.count)
            errors = calls
            _ = hosts.tally(statistics, calls: &calls, errors: &errors)
        }
        for (index, provider) in hosts.providers.enumerated() {
            add(.providerCalls, provider, at: offset, Int64(calls[index]))
            add(.providerErrors, provider, at: offset, Int64(errors[index]))
        }
        if calls != lastCalls || errors != lastErrors || counters.providerCalls.count != calls.count {
            counters.providerCalls = Dictionary(uniqueKeysWithValues: zip(hosts.providers, calls))
            counters.providerErrors = Dictionary(uniqueKeysWithValues: zip(hosts.providers, errors))
            (lastCalls, lastErrors) = (calls, errors)
        }
    }

    private mutating func sampleJournal(_ world: SyncWorld, at offset: Duration) async throws {
        let graph = try await world.engine.graph(of: world.userID)
        let after = lastJournalSequence
        let unchanged = journalState.flatMap { $0.graph === graph ? $0.changes : nil }
        let verify = verifiesReuse
        let (changes, entries) = try await graph.inspect { store throws(StoreError) in
            let changes = store.connection.changeStamp
            if let unchanged, changes == unchanged, !verify { return (changes, nil as [JournalEntry]?) }
            return (changes, try store.journalEntries(after: after))
        }
        journalState = changes.map { GraphState(graph: graph, changes: $0) }
        if let entries {
            let repairedBefore = counters.driftRepaired
            try await readJournal(entries, graph: graph)
            if verify, let unchanged, changes == unchanged, !entries.isEmpty || counters.driftRepaired != repairedBefore {
                throw CheckerViewMismatch(
                    what: "the sampler would have skipped the journal at an unchanged change stamp, a read finds "
                        + "\(entries.count) entries and \(counters.driftRepaired - repairedBefore) repaired mirrors")
            }
        }
        add(.drift, "found", at: offset, Int64(counters.driftFound))
        add(.drift, "repaired", at: offset, Int64(counters.driftRepaired))
    }

    /// Counts journal `entries` (appended since the last read), then the drifted mirrors that are
    /// active again.
    private mutating func readJournal(_ entries: [JournalEntry], graph: UserGraph) async throws {
        for entry in entries {
            lastJournalSequence = max(lastJournalSequence, entry.sequence)
            switch entry.changeType {
            case .created, .updated, .deleted, .restored:
                if entry.actor.hasPrefix("provider:") { counters.userChanges += 1 }
            case .driftCorrected:
                guard let canonical = entry.canonicalEventID, let target = Self.targetAccount(of: entry) else { continue }
                counters.driftFound += 1
                outstandingDrift["\(canonical) \(target)", default: 0] += 1
            default: break
            }
        }
        for key in outstandingDrift.keys.sorted() {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let mirror = try await graph.mirror(canonicalEventID: parts[0], targetAccountID: parts[1])
            guard mirror?.state == .active else { continue }
            counters.driftRepaired += outstandingDrift.removeValue(forKey: key) ?? 0
        }
    }

    private static func targetAccount(of entry: JournalEntry) -> String? {
        guard case .object(let patch)? = try? StableJSON.parse(entry.patch),
            case .string(let target)? = patch["target_account_id"]
        else { return nil }
        return target
    }
}

/// A user graph and its connection's change stamp at a read (weak: an engine restart opens a new
/// graph, and a released one reads as nil, never as another at the same address).
private struct GraphState: Sendable {
    weak var graph: UserGraph?
    var changes: ChangeStamp
}
