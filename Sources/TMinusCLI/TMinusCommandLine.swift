/// Entry point of the `tminus` executable: parses arguments and runs one subcommand.
public enum TMinusCommandLine: Sendable {
    /// Runs the command line and exits the process with the command's status.
    public static func main() {
        print("tminus: no commands yet")
    }
}
