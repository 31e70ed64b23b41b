/// A request to stop before running any command and exit with status 0, the way `--help` does.
///
/// The parser returns it instead of a command (it is not an error); `TMinusCommandLine` prints
/// the text it stands for to standard output.
public enum CleanExit: Sendable, Equatable {
    /// `--help`, `-h` or `help <path>`: print the generated help for the command or group at `path`.
    case help(path: [String])
    /// Print this message verbatim (for example `tminus --version`).
    case message(String)
}
