import Foundation

/// Runs async work to completion from synchronous command code (a command's `run` is synchronous):
/// the work runs on a detached task while the calling thread waits for it.
enum BlockingRun {
    /// Runs `work` and returns its result once it finishes.
    static func block<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let result = LockedResult<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            result.set(await work())
            done.signal()
        }
        done.wait()
        return result.value!
    }
}

/// A value handed from a task to the thread waiting for it.
private final class LockedResult<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?

    func set(_ value: T) {
        lock.lock()
        stored = value
        lock.unlock()
    }

    var value: T? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
