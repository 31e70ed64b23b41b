/// `tminus version`: prints the version of the tool, `tminus 0.1.0`.
struct VersionCommand: CLICommand {
    static let name = "version"
    static let abstract = "Print the version of tminus."
    static let usage = "tminus version"

    init(parsed: ParsedArguments) throws(CommandLineError) {}

    func run(_ io: CommandIO) -> ExitCode {
        io.print(TMinusCommandLine.versionLine)
        return .success
    }
}
