/// A binary min-heap of payloads keyed by `(instant, sequence)`: the simulator's timer queue.
///
/// `instant` is virtual time in integer nanoseconds; `sequence` is assigned by the heap in push
/// order, so two entries due at the same instant come out in the order they were pushed. That
/// makes the firing order a pure function of the pushes, never of memory layout or hashing.
///
/// It is a plain value type usable on its own: the synchronous baseline workload drives an
/// `enum` of events through it, and the ``SimScheduler`` keeps its timers in one.
///
/// - Complexity: `push` and `popFirst` are O(log n); `first` is O(1).
public struct TimerHeap<Payload> {
    /// One scheduled entry.
    public struct Entry {
        /// When the entry is due, in virtual nanoseconds.
        public let instant: Int64
        /// Push order among all entries of this heap (starts at 0).
        public let sequence: UInt64
        /// What to do when it is due.
        public let payload: Payload

        /// Whether `self` is due strictly before `other` in `(instant, sequence)` order.
        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            instant < other.instant || (instant == other.instant && sequence < other.sequence)
        }
    }

    private var storage = ContiguousArray<Entry>()
    private var nextSequence: UInt64 = 0

    /// Creates an empty heap.
    public init() {}

    /// The number of entries waiting.
    public var count: Int { storage.count }

    /// Whether no entry is waiting.
    public var isEmpty: Bool { storage.isEmpty }

    /// The entry that ``popFirst()`` would return, without removing it.
    public var first: Entry? { storage.first }

    /// How many entries have ever been pushed (the next sequence number).
    public var pushedCount: UInt64 { nextSequence }

    /// Adds `payload` due at `instant` and returns the sequence number it was given.
    @discardableResult
    public mutating func push(_ payload: Payload, at instant: Int64) -> UInt64 {
        let sequence = nextSequence
        nextSequence &+= 1
        storage.append(Entry(instant: instant, sequence: sequence, payload: payload))
        siftUp(from: storage.count - 1)
        return sequence
    }

    /// Removes and returns the earliest entry by `(instant, sequence)`, or nil when empty.
    public mutating func popFirst() -> Entry? {
        guard let last = storage.popLast() else { return nil }
        guard !storage.isEmpty else { return last }
        let first = storage[0]
        storage[0] = last
        siftDown(from: 0)
        return first
    }

    /// Removes and returns the earliest entry if it is due at or before `instant`.
    public mutating func popFirst(dueAtOrBefore instant: Int64) -> Entry? {
        guard let head = storage.first, head.instant <= instant else { return nil }
        return popFirst()
    }

    private mutating func siftUp(from start: Int) {
        var child = start
        let moving = storage[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard moving.precedes(storage[parent]) else { break }
            storage[child] = storage[parent]
            child = parent
        }
        storage[child] = moving
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        let moving = storage[parent]
        let count = storage.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { break }
            let right = left + 1
            var best = left
            if right < count && storage[right].precedes(storage[left]) { best = right }
            guard storage[best].precedes(moving) else { break }
            storage[parent] = storage[best]
            parent = best
        }
        storage[parent] = moving
    }

    /// Checks the heap property for every parent/child pair (for tests).
    /// - Returns: a description of the first violation, or nil when the heap is well-formed.
    public func invariantViolation() -> String? {
        for child in storage.indices.dropFirst() {
            let parent = (child - 1) / 2
            if storage[child].precedes(storage[parent]) {
                return "entry \(child) (\(storage[child].instant), \(storage[child].sequence)) precedes its parent "
                    + "\(parent) (\(storage[parent].instant), \(storage[parent].sequence))"
            }
        }
        return nil
    }
}

extension TimerHeap: Sendable where Payload: Sendable {}
extension TimerHeap.Entry: Sendable where Payload: Sendable {}
