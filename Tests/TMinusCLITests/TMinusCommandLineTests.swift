import TMinusCLI
import Testing

/// The real command table, run in-process through the public entry point.
struct TMinusCommandLineTests {
    private func run(_ arguments: [String]) -> (status: ExitCode, stdout: String, stderr: String) {
        let captured = CommandIO.captured()
        let status = TMinusCommandLine.run(arguments: arguments, io: captured.io)
        return (status, captured.stdout.text, captured.stderr.text)
    }

    @Test func printsTheVersionForTheCommandAndTheFlag() {
        #expect(run(["version"]).stdout == "tminus \(TMinusCommandLine.version)\n")
        #expect(run(["--version"]).stdout == "tminus \(TMinusCommandLine.version)\n")
        #expect(run(["version"]).status == .success)
    }

    @Test func helpCommandMatchesTheHelpFlag() {
        #expect(run(["help"]).stdout == run(["--help"]).stdout)
        #expect(run(["help", "sim"]).stdout == run(["sim", "--help"]).stdout)
        #expect(run(["help", "version"]).stdout == run(["version", "-h"]).stdout)
        #expect(run([]).stdout == run(["--help"]).stdout)
    }

    @Test func rootHelpListsTheRegisteredCommands() {
        let help = run(["help"]).stdout
        for name in TMinusCommandLine.root.childNames {
            #expect(help.contains("\n  \(name) "), "root help does not list \(name)")
        }
    }

    @Test func helpForAnUnknownPathIsAUsageErrorWithASuggestion() {
        let result = run(["help", "smi"])
        #expect(result.status == .usage)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("tminus: error: unknown command 'smi' for 'tminus'; did you mean 'sim'?\n"))
    }

    @Test func helpBeyondACommandIsAUsageError() {
        let result = run(["help", "version", "extra"])
        #expect(result.status == .usage)
        #expect(result.stderr.contains("unexpected argument 'extra'"))
    }

    @Test func capturesTheTerminalSettingOfTheIO() {
        #expect(CommandIO.captured(isTerminal: true).io.isTerminal)
        #expect(!CommandIO.captured().io.isTerminal)
    }
}
