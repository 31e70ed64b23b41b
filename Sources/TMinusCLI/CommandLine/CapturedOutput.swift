import TMinusCore

/// An ``OutputWriter`` that keeps everything written in memory, so tests (and commands that build
/// a report before printing it) can read it back.
public final class CapturedOutput: OutputWriter, Sendable {
    private let buffer = LockedBox("")

    /// Creates an empty capture.
    public init() {}

    /// Everything written so far.
    public var text: String {
        buffer.withLock { $0 }
    }

    public func write(_ text: String) {
        buffer.withLock { $0 += text }
    }

    public func flush() {}
}
