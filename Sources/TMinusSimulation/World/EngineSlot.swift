import TMinusCore
import TMinusEngine

/// The engine "process" of a world: replaceable, to model a crash and restart. A new incarnation
/// opens the same storage (the disk) with a fresh random stream and no memory of the last one.
final class EngineSlot: Sendable {
    private let current: LockedBox<(engine: Engine, restarts: Int)>
    let seed: SimulationSeed
    let clock: any WallClock
    let trace: any TraceSink
    let storage: EngineStorage
    let factory: ProviderFactory
    let crashes: HandlerCrashes
    let delivery: LostAcknowledgements

    init(
        seed: SimulationSeed, clock: any WallClock, trace: any TraceSink, storage: EngineStorage,
        factory: @escaping ProviderFactory, crashes: HandlerCrashes, delivery: LostAcknowledgements
    )
        throws
    {
        self.seed = seed
        self.clock = clock
        self.trace = trace
        self.storage = storage
        self.factory = factory
        self.crashes = crashes
        self.delivery = delivery
        current = LockedBox(
            (
                try Self.start(
                    0, seed: seed, clock: clock, trace: trace, storage: storage, factory: factory, crashes: crashes,
                    delivery: delivery),
                0
            ))
    }

    var engine: Engine { current.withLock { $0.engine } }
    var restarts: Int { current.withLock { $0.restarts } }

    /// Replaces the engine with a new incarnation on the same storage (alive again if it crashed).
    /// The old incarnation's connections are abandoned first, as the killed process's would be, so the
    /// new one can open the files even with exclusive locks (the engine is idle between steps).
    func restart() async throws {
        precondition(storage.directory != nil, "restarting an in-memory engine would lose its disk; use file storage")
        await engine.abandonStorage()
        let next = restarts + 1
        let engine = try Self.start(
            next, seed: seed, clock: clock, trace: trace, storage: storage, factory: factory, crashes: crashes,
                    delivery: delivery)
        current.withLock { $0 = (engine, next) }
        crashes.revive()
    }

    private static func start(
        _ incarnation: Int, seed: SimulationSeed, clock: any WallClock, trace: any TraceSink, storage: EngineStorage,
        factory: @escaping ProviderFactory, crashes: HandlerCrashes, delivery: LostAcknowledgements
    ) throws -> Engine {
        let stream = StreamName.component("engine" + (incarnation == 0 ? "" : "#\(incarnation)"))
        var environment = Environment(clock: clock, random: seed.randomSource(stream), trace: trace)
        environment.crashes = crashes
        environment.delivery = delivery
        return try Engine(environment: environment, storage: storage, factory: factory)
    }
}
