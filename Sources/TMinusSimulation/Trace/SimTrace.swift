public import TMinusCore

/// The run's trace: a stable, line-oriented record of every observable step, and its digest.
///
/// Each ``record(component:event:)`` becomes one line
/// `<virtual time, RFC 3339 with nanoseconds> <component> <event>` (see ``TraceLineFormatter``).
/// Every line, newline included, is fed to a running SHA-256; ``digest`` is the run's fingerprint:
/// the same scenario and seed must give the same digest in every process. The last
/// ``recentCapacity`` records are kept in a ring for failure reports, and a ``TraceFileWriter``
/// may capture every line.
///
/// Callers must never pass text derived from `Dictionary`/`Set` iteration order, hash values or
/// object addresses: sort first. Confined to the simulator thread; a record from another thread
/// is reported as a leak and appended later on the simulator thread.
public final class SimTrace: TraceSink, @unchecked Sendable {
    /// Where virtual time comes from.
    public let scheduler: SimScheduler
    /// How many recent records ``recentLines()`` keeps.
    public let recentCapacity: Int
    /// How many lines were recorded.
    @exclusivity(unchecked) public private(set) var lineCount = 0
    /// How many bytes were recorded.
    @exclusivity(unchecked) public private(set) var byteCount = 0

    // Confined to the simulator thread: dynamic exclusivity checks off on the per-record state
    // (see SimScheduler).
    @exclusivity(unchecked) private var hasher = SHA256()
    @exclusivity(unchecked) private var formatter = TraceLineFormatter()
    @exclusivity(unchecked) private var lineBuffer: [UInt8] = []
    @exclusivity(unchecked) private var recent: [Record] = []
    @exclusivity(unchecked) private var recentNext = 0
    private let capture: TraceFileWriter?

    private struct Record {
        let elapsedNanoseconds: Int64
        let component: String
        let event: String
    }

    /// Creates an empty trace stamped by `scheduler`'s virtual time.
    /// - Parameters:
    ///   - recentCapacity: records kept for failure reports (at least 1).
    ///   - capture: where to write every line, or nil to keep only the digest and the ring.
    public init(scheduler: SimScheduler, recentCapacity: Int = 200, capture: TraceFileWriter? = nil) {
        self.scheduler = scheduler
        self.recentCapacity = max(1, recentCapacity)
        self.capture = capture
        lineBuffer.reserveCapacity(256)
        recent.reserveCapacity(self.recentCapacity)
    }

    /// Records one observable step at the current virtual time.
    public func record(component: String, event: String) {
        guard scheduler.owner.isCurrent else {
            scheduler.leaks.admit(
                .action(label: "trace", body: { self.record(component: component, event: event) }),
                what: "trace record '\(component) \(event)'")
            return
        }
        lineBuffer.removeAll(keepingCapacity: true)
        formatter.appendLine(to: &lineBuffer, instant: scheduler.now, component: component, event: event)
        lineBuffer.withUnsafeBytes { hasher.update($0) }
        capture?.write(lineBuffer)
        lineCount += 1
        byteCount += lineBuffer.count
        let record = Record(elapsedNanoseconds: scheduler.elapsedNanoseconds, component: component, event: event)
        if recent.count < recentCapacity {
            recent.append(record)
        } else {
            recent[recentNext] = record
            recentNext = (recentNext + 1) % recentCapacity
        }
    }

    /// SHA-256 of every line so far (the hasher is copied, so recording may continue).
    public var digest: SHA256Digest {
        let copy = hasher
        return copy.finalize()
    }

    /// The most recent records as full lines (without newlines), oldest first.
    public func recentLines() -> [String] {
        let ordered = recent.count < recentCapacity ? recent : Array(recent[recentNext...] + recent[..<recentNext])
        var lineFormatter = TraceLineFormatter()
        return ordered.map { record in
            var bytes: [UInt8] = []
            let instant = Timestamp(
                nanosecondsSinceEpoch: scheduler.start.nanosecondsSinceEpoch &+ record.elapsedNanoseconds)
            lineFormatter.appendLine(to: &bytes, instant: instant, component: record.component, event: record.event)
            return String(decoding: bytes.dropLast(), as: UTF8.self)
        }
    }

    /// Flushes and closes the capture file, if any.
    /// - Throws: ``TraceFileError`` when the file could not be written completely.
    public func finish() throws(TraceFileError) {
        try capture?.close()
    }
}
