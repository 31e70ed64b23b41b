public import TMinusCore

/// The clocks of a world's participants: one for the engine process (every consumer, cron and the
/// webhook receiver run in it, so they share it) and one per fake provider. Each reads the
/// world's true clock through a ``FaultClock``, so `clock-skew` and `clock-jump` faults can aim
/// at any of them; the humans, the driver and the checker read true time.
public struct WorldClocks: Sendable {
    /// The engine process's clock (its environment, its adapters).
    public let engine: FaultClock
    /// Each fake provider's own clock, by provider.
    public let providers: [ProviderKind: FaultClock]

    /// Clocks reading `base` until faults are added.
    public init(base: any WallClock) {
        engine = FaultClock(base: base, owner: "engine")
        var providers: [ProviderKind: FaultClock] = [:]
        for kind in ProviderKind.allCases { providers[kind] = FaultClock(base: base, owner: kind.rawValue) }
        self.providers = providers
    }

    /// The clock of `kind`'s fake.
    public func provider(_ kind: ProviderKind) -> FaultClock { providers[kind]! }

    /// Every clock, engine first, then providers in declaration order.
    public var all: [FaultClock] { [engine] + ProviderKind.allCases.map(provider) }

    /// Every clock reads true time again.
    public func heal() { for clock in all { clock.heal() } }
}

/// A `clock-skew` or `clock-jump` fault of a scenario, aimed at some of the world's clocks.
public struct WorldClockFault: Hashable, Sendable {
    /// Whose clock.
    public enum Target: Hashable, Sendable, CustomStringConvertible {
        /// Every participant's clock (the engine and every fake).
        case everyone
        /// The engine process.
        case engine
        /// One provider's fake.
        case provider(ProviderKind)

        public var description: String {
            switch self {
            case .everyone: "everyone"
            case .engine: "engine"
            case .provider(let kind): kind.rawValue
            }
        }
    }

    /// What happens to the clock.
    public enum Change: Hashable, Sendable {
        case skew(FaultClock.Skew)
        case jump(FaultClock.Jump)
    }

    public var target: Target
    public var change: Change

    /// Creates a clock fault.
    public init(_ target: Target, _ change: Change) {
        self.target = target
        self.change = change
    }
}

extension WorldClocks {
    /// Adds `fault` to the clocks it targets.
    public func apply(_ fault: WorldClockFault) {
        let targets: [FaultClock] =
            switch fault.target {
            case .everyone: all
            case .engine: [engine]
            case .provider(let kind): [provider(kind)]
            }
        for clock in targets {
            switch fault.change {
            case .skew(let skew): clock.add(skew)
            case .jump(let jump): clock.add(jump)
            }
        }
    }
}
