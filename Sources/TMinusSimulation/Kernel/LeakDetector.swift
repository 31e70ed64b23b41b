import Synchronization

/// Collects work that reached the simulator from a thread other than its own: a *leak*.
///
/// Every entry point of the kernel (runtime job enqueue, timer scheduling, trace records) checks
/// the calling thread. Work from any other thread is nondeterministic by construction (it arrives
/// at a real time, from a real thread), so it is parked here under a lock, counted, and described
/// in a note; the run loop later moves it onto the simulator thread so the program can still make
/// progress, and the run fails at the end with the notes. The pending count is an atomic so the
/// loop can poll it after every job for about a nanosecond.
final class LeakDetector: Sendable {
    /// How many notes are kept; later leaks are only counted.
    static let noteLimit = 5

    private struct Inbox {
        var pending: [UncheckedWork] = []
        var total = 0
        var notes: [String] = []
    }

    /// Moves a non-`Sendable` work item across the lock. Safe because it is only ever run on the
    /// simulator thread after being drained.
    struct UncheckedWork: @unchecked Sendable {
        let work: ReadyWork
    }

    private let inbox = Mutex(Inbox())
    private let pendingCount = Atomic<Int>(0)

    /// Records foreign work and the note describing it. Callable from any thread.
    func admit(_ work: ReadyWork, what: String) {
        let thread = ThreadIdentity.currentName()
        let threadText = thread.isEmpty ? "an unnamed thread" : "thread '\(thread)'"
        inbox.withLock { box in
            box.total += 1
            if box.notes.count < LeakDetector.noteLimit {
                box.notes.append("leak #\(box.total): \(what) arrived from \(threadText), not the simulator thread")
            }
            box.pending.append(UncheckedWork(work: work))
        }
        pendingCount.add(1, ordering: .releasing)
    }

    /// Whether foreign work is waiting to be moved onto the simulator thread.
    @inline(__always)
    var hasPending: Bool { pendingCount.load(ordering: .acquiring) > 0 }

    /// Takes every waiting item, in arrival order.
    func drain() -> [ReadyWork] {
        let taken = inbox.withLock { box -> [UncheckedWork] in
            let items = box.pending
            box.pending = []
            return items
        }
        pendingCount.subtract(taken.count, ordering: .releasing)
        return taken.map(\.work)
    }

    /// The number of leaks so far.
    var count: Int { inbox.withLock { $0.total } }

    /// The first ``noteLimit`` leak descriptions.
    var notes: [String] { inbox.withLock { $0.notes } }
}
