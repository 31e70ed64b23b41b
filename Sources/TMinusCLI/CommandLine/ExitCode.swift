/// The status a command hands back to the shell, following BSD `sysexits.h` where a code has a
/// standard meaning, so that scripts and CI can tell "you called it wrong" from "the run failed".
///
/// `ExitCode` is a plain value: commands return it from `run(_:)` and `TMinusCommandLine.main()`
/// passes its `rawValue` to `exit(_:)` unchanged.
public struct ExitCode: Hashable, Sendable, CustomStringConvertible {
    /// The number the process exits with.
    public let rawValue: Int32

    /// Wraps an arbitrary exit status; prefer the named constants.
    public init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// 0: everything the command was asked to do succeeded.
    public static let success = ExitCode(0)
    /// 1: the command ran but its result is a failure (for example a simulation found a violation).
    public static let failure = ExitCode(1)
    /// 64 (`EX_USAGE`): the command line was wrong; nothing was run.
    public static let usage = ExitCode(64)
    /// 65 (`EX_DATAERR`): an input file (scenario, golden file) was malformed.
    public static let dataError = ExitCode(65)
    /// 70 (`EX_SOFTWARE`): an internal error, a bug in `tminus` itself.
    public static let software = ExitCode(70)

    /// Whether this is the success status, 0.
    public var isSuccess: Bool { rawValue == 0 }

    public var description: String { "exit \(rawValue)" }
}
