/// How a connection to a database file trades durability and sharing for speed. In-memory databases
/// ignore it (nothing of them survives anything, and no other connection can reach them).
///
/// The first two choices keep every committed transaction across a crash of the **process**: a
/// commit returns only after SQLite has written the transaction to the write-ahead log with
/// `write()`, and the operating system keeps what a killed process wrote. They differ in what else
/// they survive. The third, for the simulator only, keeps commits across crashes between SQLite calls.
/// See <https://www.sqlite.org/pragma.html#pragma_synchronous> and
/// <https://www.sqlite.org/pragma.html#pragma_locking_mode>.
public struct ConnectionOptions: Hashable, Sendable {
    /// What a committed transaction survives.
    public enum Durability: Hashable, Sendable {
        /// `synchronous = FULL`: the WAL is synced to the device at every commit, so a committed
        /// transaction also survives an operating-system crash or a power loss.
        case machineCrash
        /// `synchronous = NORMAL`: the WAL is synced only at checkpoints. A committed transaction
        /// survives a process crash; an operating-system crash or power loss may roll back the last
        /// ones (the database stays consistent).
        case processCrash
        /// `journal_mode = MEMORY`, `synchronous = OFF`, and no write-ahead log: a commit writes the
        /// changed pages straight into the database file, and what undoes a transaction stays in the
        /// connection's memory. A crash of the process **between SQLite calls** keeps every committed
        /// transaction and loses every uncommitted one (closing or abandoning the handle rolls it
        /// back), which is every crash the simulator makes: its crashes fall at crash points and
        /// suspension points, never inside a synchronous SQLite call. A process killed in the middle
        /// of a commit could leave the file torn, so nothing outside the simulator uses it. It writes
        /// each changed page once (the WAL writes it twice: a frame, then a checkpoint) and computes
        /// no frame checksums.
        case crashBetweenCalls
    }

    /// What a committed transaction survives.
    public var durability: Durability
    /// `locking_mode = EXCLUSIVE`: the connection takes the file's lock on first use and keeps it
    /// until it is closed, and the WAL index lives in the connection's memory instead of a shared
    /// `-shm` file, so transactions make no file-lock system calls. No other connection (in this
    /// process or another) can open the database meanwhile: use it only when one connection owns the
    /// file, and close (or abandon) it before another opens the file.
    public var exclusiveLock: Bool
    /// Whether the database lives in this process's memory under its path instead of in a file
    /// (SQLite's `memdb` VFS; ``ProcessMemoryFiles`` keeps it until released). Every connection of
    /// the process that opens the same path shares it, and closing or abandoning one keeps what it
    /// committed, as a file would keep it across a crash of its process; nothing else survives.
    /// Only with ``Durability/crashBetweenCalls`` (there is no write-ahead log in memory).
    public var inProcessMemory: Bool

    /// Creates options.
    public init(durability: Durability, exclusiveLock: Bool, inProcessMemory: Bool = false) {
        self.durability = durability
        self.exclusiveLock = exclusiveLock
        self.inProcessMemory = inProcessMemory
    }

    /// Synced commits and shared locking: survives power loss, and several connections may share the
    /// file. The default.
    public static let standard = ConnectionOptions(durability: .machineCrash, exclusiveLock: false)

    /// For a file one connection owns alone that must survive a process crash but not an
    /// operating-system crash: the simulator's engine files on the memory-backed `/dev/shm`, where a
    /// simulated crash is a process crash.
    public static let soleOwnerProcessCrashSafe = ConnectionOptions(durability: .processCrash, exclusiveLock: true)

    /// For a file one connection owns alone that must survive only crashes that fall between SQLite
    /// calls: the simulator's engine files, whose crashes are exactly those (see
    /// ``Durability/crashBetweenCalls``).
    public static let simulatorSoleOwner = ConnectionOptions(durability: .crashBetweenCalls, exclusiveLock: true)

    /// ``simulatorSoleOwner`` with the files in the process's memory (``inProcessMemory``): the
    /// simulator's disk, which outlives its engine's crashes because the process does. A commit
    /// copies its pages in memory instead of writing them to a file with system calls.
    public static let simulatorMemoryDisk = ConnectionOptions(
        durability: .crashBetweenCalls, exclusiveLock: true, inProcessMemory: true)

    /// The value of `PRAGMA synchronous` these options set.
    var synchronousPragma: String {
        switch durability {
        case .machineCrash: "FULL"
        case .processCrash: "NORMAL"
        case .crashBetweenCalls: "OFF"
        }
    }

    /// The value of `PRAGMA journal_mode` these options set.
    var journalMode: String {
        switch durability {
        case .machineCrash, .processCrash: "wal"
        case .crashBetweenCalls: "memory"
        }
    }
}
