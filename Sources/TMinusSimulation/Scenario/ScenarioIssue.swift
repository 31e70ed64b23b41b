/// One problem found in a scenario file: where (the JSON path, e.g. `faults[2].window.from`), what
/// was expected there, what was found, and the closest allowed word when a typo is likely.
public struct ScenarioIssue: Hashable, Sendable, CustomStringConvertible {
    /// The JSON path of the offending value (or of the missing key); `(document)` for the whole file.
    public var path: String
    /// What the format requires there.
    public var expected: String
    /// A short rendering of what the file holds there, or nil when the key is missing or unknown.
    public var found: String?
    /// The allowed word closest to the one written, for "did you mean".
    public var suggestion: String?

    /// Creates an issue.
    public init(path: String, expected: String, found: String? = nil, suggestion: String? = nil) {
        self.path = path
        self.expected = expected
        self.found = found
        self.suggestion = suggestion
    }

    /// `faults[2].window.from: expected …, found "6 hours"; did you mean 'PT6H'?`
    public var description: String {
        var text = "\(path): \(expected)"
        if let found { text += ", found \(found)" }
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        return text
    }
}

/// Why scenario files could not be loaded: each case names the file and says what to do.
public enum ScenarioLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path does not exist or cannot be read.
    case unreadable(file: String, reason: String)
    /// A directory given on the command line holds no `*.json` file.
    case emptyDirectory(directory: String)
    /// The file is not valid JSON (integers only, no duplicate keys).
    case syntax(file: String, message: String)
    /// The JSON is valid but breaks the scenario format; every issue found is listed.
    case invalid(file: String, issues: [ScenarioIssue])
    /// Two files declare the same scenario name.
    case duplicateName(name: String, files: [String])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the scenario file: \(reason); check the path"
        case .emptyDirectory(let directory):
            return "\(directory): the directory holds no *.json scenario files; give a file or another directory"
        case .syntax(let file, let message):
            return "\(file): not valid scenario JSON: \(message)"
        case .invalid(let file, let issues):
            let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
            return "\(file): \(count) (see docs/scenarios.md for the format):\n"
                + issues.map { "  \(file): \($0)" }.joined(separator: "\n")
        case .duplicateName(let name, let files):
            return "scenario name '\(name)' is declared by \(files.joined(separator: " and ")); names must be unique"
        }
    }

    /// The issues, when the file broke the format.
    public var issues: [ScenarioIssue] {
        if case .invalid(_, let issues) = self { return issues }
        return []
    }
}
