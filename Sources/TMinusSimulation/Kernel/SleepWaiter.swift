/// A task parked in the timer heap until a virtual instant, woken by the timer or by cancellation.
///
/// Confined to the simulator thread: it is created, armed, fired and cancelled by jobs that run
/// there (the cancellation handler runs synchronously on the thread that cancels, which is the
/// simulator thread unless code leaks). It is `@unchecked Sendable` only so the cancellation
/// handler may capture it.
///
/// When the sleeper belongs to a component (``ComponentLife``) and that component is killed while
/// it waits, neither the timer nor a cancellation resumes it: the task vanishes, as a crashed
/// process's in-flight work does.
final class SleepWaiter: @unchecked Sendable {
    private enum State {
        case unarmed
        case waiting(UnsafeContinuation<Void, any Error>)
        case cancelledBeforeArming
        case done
    }

    private var state = State.unarmed
    private let life: ComponentLife?
    private let incarnation: Int

    init(life: ComponentLife?) {
        self.life = life
        self.incarnation = life?.incarnation ?? 0
    }

    /// True when the owning component was killed after this sleep began.
    private var isVoided: Bool { life.map { $0.incarnation != incarnation } ?? false }

    /// Whether a timer for this waiter can be dropped without advancing time to it.
    var isDead: Bool {
        switch state {
        case .done, .cancelledBeforeArming: true
        case .unarmed, .waiting: isVoided
        }
    }

    /// Stores the continuation. Returns false (having resumed it with `CancellationError`) when
    /// the task was cancelled before it got here, so the caller must not schedule a timer.
    func arm(_ continuation: UnsafeContinuation<Void, any Error>) -> Bool {
        switch state {
        case .unarmed:
            state = .waiting(continuation)
            return true
        case .cancelledBeforeArming:
            state = .done
            continuation.resume(throwing: CancellationError())
            return false
        case .waiting, .done:
            preconditionFailure("a sleep waiter was armed twice")
        }
    }

    /// The timer fired: resume the task unless it vanished with its component.
    func fire() {
        guard case .waiting(let continuation) = state else { return }
        state = .done
        if isVoided { return }  // the component died: the task never runs again
        continuation.resume()
    }

    /// The task was cancelled: resume it with `CancellationError` unless it vanished.
    func cancel() {
        switch state {
        case .unarmed:
            state = .cancelledBeforeArming
        case .waiting(let continuation):
            state = .done
            if isVoided { return }
            continuation.resume(throwing: CancellationError())
        case .cancelledBeforeArming, .done:
            break
        }
    }
}

/// The incarnation counter of one simulated component, shared by its clock and its sleepers.
///
/// ``SimComponent/kill()`` increments it; every wait that began in an earlier incarnation is then
/// void and never resumes. Confined to the simulator thread.
final class ComponentLife: @unchecked Sendable {
    /// Starts at 0 and grows by one per kill.
    var incarnation = 0
    /// False between a kill and the next restart.
    var isRunning = true
}
