/// The command line cut into classified words, before anything is known about which command they
/// belong to (the first stage of argument-parser's pipeline: split, resolve, decode, validate, run).
///
/// Guarantees: every input word yields exactly one element, in order; after `--` every word is a
/// ``Element/value(_:)``; a word is only ever an option if it starts with a dash followed by a
/// non-digit, so negative numbers (`-5`) and a lone `-` (stdin, by convention) are values.
public struct SplitArguments: Sendable, Equatable {
    /// One classified word of the command line.
    public enum Element: Sendable, Equatable {
        /// `--name` or `--name=value`; `name` keeps its dashes, `value` is the text after the first `=`.
        case longOption(name: String, value: String?)
        /// `-x`, or `-xyz` standing for `-x -y -z`; the letters without the dash.
        case shortOptions([Character])
        /// A bare word: a subcommand name, a positional argument or an option's value.
        case value(String)
        /// The `--` that ends options; every later word is a value.
        case terminator
    }

    /// The elements in command-line order.
    public let elements: [Element]

    /// Classifies `arguments` (the command line without the program name).
    public init(_ arguments: [String]) {
        var elements: [Element] = []
        elements.reserveCapacity(arguments.count)
        var afterTerminator = false
        for word in arguments {
            if afterTerminator {
                elements.append(.value(word))
            } else if word == "--" {
                afterTerminator = true
                elements.append(.terminator)
            } else {
                elements.append(Self.classify(word))
            }
        }
        self.elements = elements
    }

    /// Classifies one word that appears before any `--`.
    static func classify(_ word: String) -> Element {
        if word.hasPrefix("--") {
            if let equals = word.firstIndex(of: "=") {
                let name = String(word[..<equals])
                let value = String(word[word.index(after: equals)...])
                return .longOption(name: name, value: value)
            }
            return .longOption(name: word, value: nil)
        }
        if word.hasPrefix("-"), let second = word.dropFirst().first, !second.isNumber {
            return .shortOptions(Array(word.dropFirst()))
        }
        return .value(word)
    }
}

extension SplitArguments.Element {
    /// How the element was written, for error messages (`-xyz` is shown whole).
    var spelling: String {
        switch self {
        case .longOption(let name, let value):
            return value.map { "\(name)=\($0)" } ?? name
        case .shortOptions(let letters):
            return "-" + String(letters)
        case .value(let word):
            return word
        case .terminator:
            return "--"
        }
    }

    /// Whether this element asks for help (`--help`, or `-h` alone or among grouped short flags).
    var isHelpRequest: Bool {
        switch self {
        case .longOption(let name, _):
            return name == "--help"
        case .shortOptions(let letters):
            return letters.contains("h")
        case .value, .terminator:
            return false
        }
    }
}
