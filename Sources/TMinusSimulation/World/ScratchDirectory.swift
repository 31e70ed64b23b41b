import Synchronization
import TMinusSQLite

/// Where a simulated world keeps its engine's SQLite databases for the length of one run: a
/// directory of this process's memory (``ProcessMemoryFiles``), never a file system.
///
/// A run's databases only have to survive a simulated crash of the engine process (the world
/// reopens them; the operating system never crashes in the simulation, and a simulated crash never
/// falls inside a SQLite call), so the world opens them with
/// ``ConnectionOptions/simulatorMemoryDisk`` (a memory journal, `synchronous = OFF`, exclusive
/// locks, pages in memory). The memory outlives the engine's connections because the process does,
/// which is all a simulated crash asks of a disk; a commit copies its pages in memory instead of
/// writing them with system calls, and nothing can fill up a small `/dev/shm` or leave files behind.
/// The stored bytes, and so the run's behaviour and trace, are those a file would hold.
enum ScratchDirectory {
    /// Makes each directory of the process distinct, so that two runs of the same scenario and seed
    /// at once (parallel tests) never share a database.
    private static let made = Atomic<Int>(0)

    /// A fresh, empty directory for one run; ``release(_:)`` it when the run ends.
    static func make(_ name: String) -> String {
        let number = made.add(1, ordering: .relaxed).newValue
        return "/tminus-sim/\(name)-\(number)"
    }

    /// Forgets every database of the run's directory (each is gone once its last connection closes).
    static func release(_ directory: String) {
        ProcessMemoryFiles.release(under: directory)
    }
}
