import Foundation
public import TMinusCore

/// The real clock, for live mode only: `now()` reads the system time, `sleep(for:)` waits in real time.
///
/// This is the only place (with the CLI) allowed to read the system clock; the engine sees it only
/// through `WallClock`, so the same code runs on virtual time in simulation.
public struct SystemWallClock: WallClock {
    /// Creates the clock.
    public init() {}

    public func now() -> Timestamp {
        let seconds = Date().timeIntervalSince1970
        return Timestamp(nanosecondsSinceEpoch: Int64((seconds * 1_000_000_000).rounded()))
    }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration, clock: .continuous)
    }
}
