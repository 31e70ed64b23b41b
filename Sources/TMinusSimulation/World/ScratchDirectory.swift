import Foundation

/// Where a simulated world keeps its engine's SQLite files for the length of one run.
///
/// A run's databases only have to survive a simulated crash of the engine process (the world
/// reopens them; the operating system never crashes in the simulation, and a simulated crash never
/// falls inside a SQLite call), so they need no fsync and no journal file: the world opens them
/// with ``ConnectionOptions/simulatorSoleOwner`` (a memory journal, `synchronous = OFF`, exclusive
/// locks). On Linux they go to the memory-backed `/dev/shm`, where what a sync is left
/// costs nothing, which makes a run several times faster in wall time on a real disk; the
/// stored bytes, and so the run's behaviour and trace, are the same as in the temporary directory,
/// which is used wherever `/dev/shm` is missing, not writable or smaller than
/// ``minimumSharedMemoryBytes`` free (containers often mount a 64 MiB one, which a long run or a
/// fuzz campaign could fill: SQLite would then fail with `SQLITE_FULL`).
enum ScratchDirectory {
    /// The free space `/dev/shm` must have to be used.
    static let minimumSharedMemoryBytes: Int64 = 1 << 30

    /// The parent directory for run directories, chosen once per process (the file system is asked
    /// about `/dev/shm` on the first run only; every run of the process then uses the same place).
    static let base: URL = {
        let shm = "/dev/shm"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: shm, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.isWritableFile(atPath: shm), freeBytes(at: shm) >= minimumSharedMemoryBytes
        {
            return URL(fileURLWithPath: shm, isDirectory: true)
        }
        return FileManager.default.temporaryDirectory
    }()

    /// The free bytes of the file system holding `path` (0 when unknown).
    static func freeBytes(at path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: path)
        return (attributes?[.systemFreeSize] as? NSNumber)?.int64Value ?? 0
    }

    /// A fresh, empty directory for one run (an earlier one of the same name is removed first).
    static func make(_ name: String) throws -> URL {
        let directory = base.appendingPathComponent(name, isDirectory: true)
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
