#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Where a command writes: standard output for results, standard error for diagnostics and
/// progress, and whether standard output is a terminal (to decide whether to show live progress).
///
/// Commands never print directly, so tests can run them in-process with ``CapturedOutput``.
/// Writing to standard error first flushes standard output, so the two interleave in order on a
/// shared terminal.
public struct CommandIO: Sendable {
    /// Results: verdicts, tables, help text.
    public let stdout: any OutputWriter
    /// Errors, warnings and progress.
    public let stderr: any OutputWriter
    /// Whether standard output is an interactive terminal.
    public let isTerminal: Bool

    /// Creates an I/O set from two writers.
    public init(stdout: any OutputWriter, stderr: any OutputWriter, isTerminal: Bool) {
        self.stdout = stdout
        self.stderr = stderr
        self.isTerminal = isTerminal
    }

    /// The process's real standard streams; standard output is buffered unless it is a terminal.
    public static func standard() -> CommandIO {
        let isTerminal = isatty(1) != 0
        return CommandIO(
            stdout: StandardStreamWriter.standardOutput(buffered: !isTerminal),
            stderr: StandardStreamWriter.standardError(),
            isTerminal: isTerminal)
    }

    /// An I/O set writing to two fresh captures; returns them too so the caller can read them.
    public static func captured(
        isTerminal: Bool = false
    ) -> (io: CommandIO, stdout: CapturedOutput, stderr: CapturedOutput) {
        let out = CapturedOutput()
        let err = CapturedOutput()
        return (CommandIO(stdout: out, stderr: err, isTerminal: isTerminal), out, err)
    }

    /// Writes `line` and a newline to standard output.
    public func print(_ line: String) {
        stdout.write(line + "\n")
    }

    /// Writes `line` and a newline to standard error, after flushing standard output.
    public func printError(_ line: String) {
        stdout.flush()
        stderr.write(line + "\n")
    }

    /// Flushes both streams.
    public func flush() {
        stdout.flush()
        stderr.flush()
    }
}
