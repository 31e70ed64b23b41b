import TMinusCore
import Testing

@testable import TMinusSimulation

@Suite struct TimerHeapTests {
    @Test(arguments: [1, 2, 3, 42, 1_000] as [UInt64])
    func popsEntriesInInstantThenSequenceOrder(seed: UInt64) {
        var random = Xoshiro256StarStar(seed: seed)
        var heap = TimerHeap<Int>()
        var popped: [TimerHeap<Int>.Entry] = []
        for step in 0..<2_000 {
            // Few distinct instants, so many entries tie and the sequence decides.
            if random.below(3) != 0 || heap.isEmpty {
                heap.push(step, at: Int64(random.below(50)))
            } else if let entry = heap.popFirst() {
                popped.append(entry)
            }
            #expect(heap.invariantViolation() == nil, "seed \(seed), step \(step)")
        }
        var drained: [TimerHeap<Int>.Entry] = []
        while let entry = heap.popFirst() { drained.append(entry) }
        for (earlier, later) in zip(drained, drained.dropFirst()) {
            #expect(
                (earlier.instant, earlier.sequence) < (later.instant, later.sequence),
                "seed \(seed): (\(earlier.instant), \(earlier.sequence)) before (\(later.instant), \(later.sequence))")
        }
        #expect(popped.count + drained.count == Int(heap.pushedCount))
    }

    @Test func entriesAtTheSameInstantComeOutInPushOrder() {
        var heap = TimerHeap<String>()
        for name in ["a", "b", "c", "d", "e"] { heap.push(name, at: 7) }
        heap.push("early", at: 3)
        var names: [String] = []
        while let entry = heap.popFirst() { names.append(entry.payload) }
        #expect(names == ["early", "a", "b", "c", "d", "e"])
    }

    @Test func popFirstDueAtOrBeforeLeavesLaterEntries() {
        var heap = TimerHeap<Int>()
        heap.push(1, at: 10)
        heap.push(2, at: 20)
        #expect(heap.popFirst(dueAtOrBefore: 15)?.payload == 1)
        #expect(heap.popFirst(dueAtOrBefore: 15) == nil)
        #expect(heap.count == 1)
    }
}
