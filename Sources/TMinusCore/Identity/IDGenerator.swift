/// Makes prefixed ULID identifiers (`evt_01J…`) from an injected clock and random source.
///
/// Guarantees: IDs are unique within one generator and strictly increasing in text order, also
/// when many are made in the same millisecond (the random part is incremented, as the ULID spec's
/// monotonic mode says) or when the clock steps backwards (the last millisecond is kept).
/// Same clock readings and seed give the same IDs.
public final class IDGenerator: Sendable {
    private let clock: any WallClock
    private let random: RandomSource
    private let last = LockedBox<ULID?>(nil)

    /// Creates a generator reading time from `clock` and entropy from `random`.
    public init(clock: any WallClock, random: RandomSource) {
        self.clock = clock
        self.random = random
    }

    /// A new ULID, monotonic with respect to every earlier one from this generator.
    public func makeULID() -> ULID {
        let millis = UInt64(clamping: max(0, clock.now().millisecondsSinceEpoch))
        return last.withLock { previous in
            let next: ULID
            if let previous, millis <= previous.milliseconds {
                // Same millisecond (or a clock step back): continue the previous sequence.
                next = previous.incremented()
                    ?? ULID(milliseconds: previous.milliseconds + 1, randomHigh: 0, randomLow: 0)
            } else {
                next = ULID(
                    milliseconds: millis, randomHigh: UInt16(truncatingIfNeeded: random.next()),
                    randomLow: random.next())
            }
            previous = next
            return next
        }
    }

    /// A new identifier with the prefix of `kind`, e.g. `evt_01JQ…`.
    public func make(_ kind: IDPrefix) -> String { kind.rawValue + makeULID().description }
}
