#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes every trace line to a file (`--trace FILE`), buffered in 64 KiB chunks.
///
/// Write errors are remembered and reported by ``close()``, so a full disk cannot silently leave a
/// truncated trace behind a passing run. Confined to the simulator thread.
public final class TraceFileWriter: @unchecked Sendable {
    /// The file's path as given.
    public let path: String
    private var file: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8] = []
    private var failure: TraceFileError?
    private static let chunkSize = 1 << 16

    /// Creates or truncates the file at `path`.
    /// - Throws: ``TraceFileError/cannotOpen(path:reason:)``.
    public init(path: String) throws(TraceFileError) {
        self.path = path
        guard let handle = fopen(path, "wb") else {
            throw .cannotOpen(path: path, reason: TraceFileWriter.lastErrorText())
        }
        file = handle
        buffer.reserveCapacity(TraceFileWriter.chunkSize)
    }

    deinit {
        if let file { fclose(file) }
    }

    /// Appends bytes (one or more whole lines).
    public func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= TraceFileWriter.chunkSize { flush() }
    }

    /// Writes out the buffer, flushes and closes the file.
    /// - Throws: the first write or close error seen.
    public func close() throws(TraceFileError) {
        flush()
        if let handle = file {
            file = nil
            if fclose(handle) != 0, failure == nil {
                failure = .writeFailed(path: path, reason: TraceFileWriter.lastErrorText())
            }
        }
        if let failure { throw failure }
    }

    private func flush() {
        guard let file, !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != buffer.count, failure == nil {
            failure = .writeFailed(path: path, reason: TraceFileWriter.lastErrorText())
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func lastErrorText() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }
}

/// Why a trace file could not be written.
public enum TraceFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be created; check the directory exists and is writable.
    case cannotOpen(path: String, reason: String)
    /// Writing or closing failed (for example a full disk); the trace file is incomplete.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot create trace file '\(path)': \(reason); check that the directory exists and is writable"
        case .writeFailed(let path, let reason):
            "writing trace file '\(path)' failed: \(reason); the file is incomplete, free space and rerun"
        }
    }
}
