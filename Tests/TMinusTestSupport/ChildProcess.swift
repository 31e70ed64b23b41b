import Glibc
import Synchronization

/// Runs a program as a child process and collects what it writes, for the tests that run the
/// built `tminus`.
///
/// It uses `posix_spawn` rather than Foundation's `Process`: on Linux, `Process.run()` of Swift
/// 6.3.1 crashes now and then with a segmentation fault inside `memcpy`. The cause is a 256-byte
/// over-read of `/proc/self/fd` entries (swift-corelibs-foundation pull request 5472), and it took
/// down a fresh-clone CI run of this package.
///
/// Guarantees:
/// - the child's standard input is `/dev/null`;
/// - its standard output and error are read together until both close, so a child that fills one
///   pipe never blocks;
/// - the pipes are opened close-on-exec, so no other child started at the same time inherits them
///   and keeps them open;
/// - a child still running after `timeoutSeconds` is killed and the result says so. This is a
///   hang guard, not a timing assertion.
public enum ChildProcess: Sendable {
    /// What a finished child left.
    public struct Result: Sendable {
        public let stdout: [UInt8]
        public let stderr: [UInt8]
        /// The exit status, or the signal number when it did not exit normally.
        public let status: Int32
        public let exitedNormally: Bool
        public let timedOut: Bool
    }

    /// A system call failed before the child ran.
    public struct Failure: Error, CustomStringConvertible {
        public let call: String
        public let code: Int32
        public var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    /// Runs `executable` with `arguments` (the child inherits this process's environment and
    /// working directory) and waits for it.
    public static func run(executable: String, arguments: [String], timeoutSeconds: Int) throws -> Result {
        let (pid, output, errors) = try spawning.withLock { _ in try spawn(executable, arguments) }
        let (out, err, timedOut) = collect(output, errors, pid: pid, timeoutSeconds: timeoutSeconds)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return Result(
            stdout: out, stderr: err, status: signal == 0 ? (status >> 8) & 0xff : signal, exitedNormally: signal == 0,
            timedOut: timedOut)
    }

    /// Held while pipes are made and a child is spawned: `pipe2` is not available here, so a pipe is
    /// marked close-on-exec just after it is made, and no other thread of ours may spawn a child
    /// in between (the child would inherit the pipe and hold it open).
    private static let spawning = Mutex(())

    /// Starts the child; returns its pid and the read ends of its output and error pipes.
    private static func spawn(_ executable: String, _ arguments: [String]) throws -> (pid_t, Int32, Int32) {
        let output = try Pipe()
        let errors = try Pipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(output.write)
        close(errors.write)
        guard spawned == 0 else {
            close(output.read)
            close(errors.read)
            throw Failure(call: "posix_spawn \(executable)", code: spawned)
        }
        return (pid, output.read, errors.read)
    }

    /// Reads both descriptors until both reach end of file, killing `pid` once the timeout passes.
    private static func collect(_ first: Int32, _ second: Int32, pid: pid_t, timeoutSeconds: Int)
        -> ([UInt8], [UInt8], Bool)
    {
        var buffers: [[UInt8]] = [[], []]
        var fds = [pollfd(fd: first, events: Int16(POLLIN), revents: 0), pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        let deadline = monotonicSeconds() + Double(timeoutSeconds)
        var timedOut = false
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while fds.contains(where: { $0.fd >= 0 }) {
            let remaining = deadline - monotonicSeconds()
            if remaining <= 0 && !timedOut {
                timedOut = true
                kill(pid, SIGKILL)
            }
            let waitMilliseconds = timedOut ? 1_000 : Int32(min(max(remaining * 1_000, 1), 1_000))
            let ready = poll(&fds, nfds_t(fds.count), waitMilliseconds)
            if ready < 0 && errno != EINTR { break }
            for index in fds.indices where fds[index].fd >= 0 && fds[index].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(fds[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    buffers[index].append(contentsOf: chunk[0..<count])
                } else if count == 0 || errno != EINTR {
                    close(fds[index].fd)
                    fds[index].fd = -1
                }
            }
        }
        return (buffers[0], buffers[1], timedOut)
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// A pipe whose two ends are closed on exec (the child gets copies through `dup2`, which
    /// clears the flag on the copy only). Made while ``spawning`` is held.
    private struct Pipe {
        let read: Int32
        let write: Int32

        init() throws {
            var ends: [Int32] = [0, 0]
            guard Glibc.pipe(&ends) == 0 else { throw Failure(call: "pipe", code: errno) }
            (read, write) = (ends[0], ends[1])
            guard fcntl(read, F_SETFD, FD_CLOEXEC) == 0, fcntl(write, F_SETFD, FD_CLOEXEC) == 0 else {
                let code = errno
                close(read)
                close(write)
                throw Failure(call: "fcntl", code: code)
            }
        }
    }
}
