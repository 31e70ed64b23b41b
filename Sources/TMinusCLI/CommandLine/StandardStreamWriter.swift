#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import TMinusCore

/// An ``OutputWriter`` for standard output or standard error of the process.
///
/// When `buffered`, text is collected and written in chunks of at least 64 KiB (or on ``flush()``),
/// so a long trace costs few system calls; unbuffered writers write every call at once, which is
/// what standard error and a terminal need. A closed pipe (`tminus ... | head`) ends writing
/// silently instead of failing.
public final class StandardStreamWriter: OutputWriter, Sendable {
    private static let chunkSize = 64 * 1024

    private let descriptor: Int32
    private let buffered: Bool
    private let pending = LockedBox(State())

    private struct State: Sendable {
        var bytes: [UInt8] = []
        var closed = false
    }

    /// The process's standard output.
    public static func standardOutput(buffered: Bool) -> StandardStreamWriter {
        StandardStreamWriter(descriptor: 1, buffered: buffered)
    }

    /// The process's standard error, unbuffered.
    public static func standardError() -> StandardStreamWriter {
        StandardStreamWriter(descriptor: 2, buffered: false)
    }

    private init(descriptor: Int32, buffered: Bool) {
        self.descriptor = descriptor
        self.buffered = buffered
    }

    public func write(_ text: String) {
        pending.withLock { state in
            state.bytes.append(contentsOf: text.utf8)
            if !buffered || state.bytes.count >= Self.chunkSize {
                drain(&state)
            }
        }
    }

    public func flush() {
        pending.withLock { drain(&$0) }
    }

    /// Writes all pending bytes, retrying interrupted and partial writes.
    private func drain(_ state: inout State) {
        defer { state.bytes.removeAll(keepingCapacity: true) }
        guard !state.closed else { return }
        var offset = 0
        state.bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    state.closed = true
                    return
                }
            }
        }
    }
}

/// The POSIX `write(2)`, under a name the writer's own `write(_:)` does not shadow.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
        return Darwin.write(descriptor, bytes, count)
    #elseif canImport(Glibc)
        return Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
        return Musl.write(descriptor, bytes, count)
    #endif
}
