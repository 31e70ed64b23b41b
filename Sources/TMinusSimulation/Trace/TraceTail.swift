public import TMinusCore

/// A trace sink that forwards every record unchanged to the run's sink (so digests do not change)
/// and keeps the last ``capacity`` records, so a violation can show the lines that touched its
/// objects (invariants.md: "the last N trace lines that touched them").
///
/// A record is kept as its component and event; the line `"<component> <event>"` is made only
/// when ``lines(touching:limit:)`` asks (a violation, rare), not at every record.
public final class TraceTail: TraceSink {
    private struct Entry: Sendable {
        var component: String
        var event: String

        var line: String { "\(component) \(event)" }
    }

    private struct Ring: Sendable {
        var entries: [Entry] = []
        var next = 0
    }

    private let sink: any TraceSink
    private let ring = LockedBox(Ring())
    /// How many recent lines are kept.
    public let capacity: Int

    /// Wraps `sink`, keeping the last `capacity` lines.
    public init(wrapping sink: any TraceSink, capacity: Int = 2_000) {
        self.sink = sink
        self.capacity = max(1, capacity)
    }

    public func record(component: String, event: String) {
        sink.record(component: component, event: event)
        let entry = Entry(component: component, event: event)
        ring.withLock { ring in
            if ring.entries.count < capacity {
                ring.entries.append(entry)
            } else {
                ring.entries[ring.next] = entry
                ring.next = (ring.next + 1) % capacity
            }
        }
    }

    /// The last `limit` kept lines that contain one of `objects`, oldest first.
    public func lines(touching objects: [String], limit: Int = 8) -> [String] {
        let needles = objects.filter { !$0.isEmpty }
        guard !needles.isEmpty else { return [] }
        let ordered = ring.withLock { Array($0.entries[$0.next...] + $0.entries[..<$0.next]) }
        var found: [String] = []
        for entry in ordered.reversed() {
            let line = entry.line
            guard needles.contains(where: { line.contains($0) }) else { continue }
            found.append(line)
            if found.count == limit { break }
        }
        return found.reversed()
    }
}
