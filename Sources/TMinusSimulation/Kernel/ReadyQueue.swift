/// The jobs that may run now, in arrival order: a growable ring buffer.
///
/// FIFO takes the head. Seeded order picks any index and swaps the head into its place, which is
/// O(1) and still a pure function of the arrivals and the scheduler's stream.
struct ReadyQueue<Element> {
    private var buffer: ContiguousArray<Element?>
    private var head = 0
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 4
        while size < capacity { size *= 2 }  // a power of two, so the index mask works
        buffer = ContiguousArray(repeating: nil, count: size)
    }

    var isEmpty: Bool { count == 0 }

    /// The largest `count` seen so far (reported by the bench and kernel check).
    private(set) var highWater = 0

    mutating func append(_ element: Element) {
        if count == buffer.count { grow() }
        buffer[(head + count) & (buffer.count - 1)] = element
        count += 1
        if count > highWater { highWater = count }
    }

    /// Removes the element `offset` places behind the head (0 is the head).
    /// - Precondition: `offset < count`.
    mutating func remove(at offset: Int) -> Element {
        precondition(offset < count, "ready queue has \(count) elements, asked for offset \(offset)")
        let mask = buffer.count - 1
        let chosenSlot = (head + offset) & mask
        let chosen = buffer[chosenSlot].unsafelyUnwrapped
        if offset != 0 { buffer[chosenSlot] = buffer[head] }
        buffer[head] = nil
        head = (head + 1) & mask
        count -= 1
        return chosen
    }

    /// Removes everything, in order.
    mutating func removeAll() -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(count)
        while count > 0 { out.append(remove(at: 0)) }
        return out
    }

    private mutating func grow() {
        // Capacity stays a power of two so the index mask works.
        var bigger = ContiguousArray<Element?>(repeating: nil, count: buffer.count * 2)
        for index in 0..<count { bigger[index] = buffer[(head + index) & (buffer.count - 1)] }
        buffer = bigger
        head = 0
    }
}
