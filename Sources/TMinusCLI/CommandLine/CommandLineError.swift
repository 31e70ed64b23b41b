/// Everything that can be wrong with a command line, found before a command runs.
///
/// Each case carries what the user typed, so the message can say what was wrong and what to do
/// instead. `TMinusCommandLine` prints it as `tminus: error: <description>`, then the usage line and
/// a pointer to `tminus help <command>`, and exits with ``ExitCode/usage`` (64).
public enum CommandLineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A word where a subcommand was expected is not one. `path` is the group it was looked up in,
    /// `suggestion` the closest existing name if one is close enough, `available` every name there.
    case unknownCommand(String, path: [String], suggestion: String?, available: [String])
    /// An option given to a group (`tminus sim --seed 1 run`) rather than after a command's name.
    case optionBeforeCommand(String, path: [String])
    /// An option the command does not declare; `suggestion` is the closest declared name, if close.
    case unknownOption(String, suggestion: String?)
    /// An option that takes a value was last on the line or followed by another option.
    case missingValue(option: String, valueName: String)
    /// A flag (which takes no value) was written as `--flag=value`.
    case unexpectedValue(flag: String, value: String)
    /// A value could not be read as the type the option needs; `expected` describes that type.
    case invalidValue(option: String, value: String, expected: String)
    /// A non-repeatable option or flag was given twice.
    case duplicateOption(String)
    /// A required option or positional argument is absent; `name` is as shown in the usage line.
    case missingRequired(String)
    /// A positional argument the command has no place for.
    case unexpectedArgument(String)
    /// A combination of arguments a command's `validate()` rejected; the message says what to do.
    case invalid(String)

    public var description: String {
        switch self {
        case .unknownCommand(let name, let path, let suggestion, let available):
            return Self.describeUnknownCommand(name, path: path, suggestion: suggestion, available: available)
        case .optionBeforeCommand(let name, let path):
            let group = (["tminus"] + path).joined(separator: " ")
            return "option '\(name)' must come after a command name, as in '\(group) <command> \(name)'"
        case .unknownOption(let name, let suggestion):
            if let suggestion {
                return "unknown option '\(name)'; did you mean '\(suggestion)'?"
            }
            return "unknown option '\(name)'; this command does not take it"
        case .missingValue(let option, let valueName):
            return "option '\(option)' needs a value; write '\(option) <\(valueName)>'"
        case .unexpectedValue(let flag, let value):
            return "flag '\(flag)' takes no value but was given '\(value)'; write just '\(flag)'"
        case .invalidValue(let option, let value, let expected):
            return "invalid value '\(value)' for '\(option)': expected \(expected)"
        case .duplicateOption(let name):
            return "option '\(name)' was given more than once; give it once"
        case .missingRequired(let name):
            return "missing required argument '\(name)'"
        case .unexpectedArgument(let value):
            return "unexpected argument '\(value)'; the command takes no further arguments"
        case .invalid(let message):
            return message
        }
    }

    private static func describeUnknownCommand(
        _ name: String, path: [String], suggestion: String?, available: [String]
    ) -> String {
        let group = (["tminus"] + path).joined(separator: " ")
        if available.isEmpty {
            return "unknown command '\(name)': '\(group)' has no subcommands yet"
        }
        if let suggestion {
            return "unknown command '\(name)' for '\(group)'; did you mean '\(suggestion)'?"
        }
        let list = available.joined(separator: ", ")
        return "unknown command '\(name)' for '\(group)'; the commands are: \(list)"
    }
}
