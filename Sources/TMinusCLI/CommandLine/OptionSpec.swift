/// One declared argument of a command: a flag (`--quiet`), an option with a value (`--seed N`) or
/// a positional argument (`<scenario>`).
///
/// A command lists its specs in `CLICommand.options`; the same list drives parsing (which names
/// exist, which take a value, what is required) and the OPTIONS/ARGUMENTS tables of its help, so the
/// two can never disagree. `--help`/`-h` is implicit for every command and must not be declared.
public struct OptionSpec: Sendable, Equatable {
    /// What shape of argument this is.
    public enum Kind: Sendable, Equatable {
        /// Present or absent; takes no value.
        case flag
        /// Takes exactly one value, `--name value` or `--name=value`; `valueName` labels it in help.
        case option(valueName: String)
        /// A bare word; `valueName` labels it in help and in "missing" messages.
        case positional(valueName: String)
    }

    /// The shape of the argument.
    public let kind: Kind
    /// The long name with its dashes, for example `--seed`; empty for a positional.
    public let name: String
    /// An optional one-letter alias with its dash, for example `-q`.
    public let shortName: String?
    /// One line (or a short paragraph) for the help table.
    public let help: String
    /// Whether the command line must contain it.
    public let isRequired: Bool
    /// Whether it may be given more than once (for a positional: whether it takes every remaining word).
    public let isRepeatable: Bool

    /// A flag such as `--quiet`; `short` is an optional one-letter alias such as `"q"`.
    /// Flags are never required.
    public static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(kind: .flag, name: name, short: short, help: help, isRequired: false, isRepeatable: false)
    }

    /// An option with a value such as `--seed N`; `value` labels the value in help (`N`, `DIR`).
    public static func option(
        _ name: String, short: Character? = nil, value: String, help: String,
        required: Bool = false, repeatable: Bool = false
    ) -> OptionSpec {
        OptionSpec(
            kind: .option(valueName: value), name: name, short: short, help: help,
            isRequired: required, isRepeatable: repeatable)
    }

    /// A positional argument such as `<scenario>`; `repeating` makes it take every remaining word.
    /// Declare positionals in the order they appear; only the last may repeat.
    public static func positional(
        _ valueName: String, help: String, required: Bool = true, repeating: Bool = false
    ) -> OptionSpec {
        OptionSpec(
            kind: .positional(valueName: valueName), name: "", short: nil, help: help,
            isRequired: required, isRepeatable: repeating)
    }

    private init(kind: Kind, name: String, short: Character?, help: String, isRequired: Bool, isRepeatable: Bool) {
        switch kind {
        case .flag, .option:
            precondition(
                name.hasPrefix("--") && name.count > 2 && !name.contains("="),
                "option names are written with two dashes, like --seed: \(name)")
            precondition(name != "--help", "--help is implicit; do not declare it")
        case .positional:
            break
        }
        precondition(short != "h", "-h is implicit for --help; choose another short name")
        self.kind = kind
        self.name = name
        self.shortName = short.map { "-\($0)" }
        self.help = help
        self.isRequired = isRequired
        self.isRepeatable = isRepeatable
    }

    /// Whether this is a positional argument.
    public var isPositional: Bool {
        if case .positional = kind { return true }
        return false
    }

    /// Whether this option needs a value after its name.
    public var takesValue: Bool {
        if case .option = kind { return true }
        return false
    }

    /// How the argument is written in help and error messages: `--seed <N>`, `--quiet`, `<scenario>`.
    public var displayName: String {
        switch kind {
        case .flag: return name
        case .option(let valueName): return "\(name) <\(valueName)>"
        case .positional(let valueName): return "<\(valueName)>" + (isRepeatable ? "..." : "")
        }
    }

    /// The key under which `ParsedArguments` stores this argument: the long name, or the value name
    /// of a positional.
    var key: String {
        if case .positional(let valueName) = kind { return valueName }
        return name
    }
}
