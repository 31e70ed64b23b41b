import TMinusCore

/// The words of a command line sorted into a command's declared options, flags and positionals,
/// with typed accessors that a command's `init(parsed:)` uses to build itself.
///
/// Guarantees: every option present was declared in the command's ``OptionSpec`` list, appears at
/// most once unless declared repeatable, and has its value; every required argument is present.
/// The typed accessors (see `ParsedArguments+Values.swift`) only convert text, and throw a
/// ``CommandLineError`` naming the option and the expected format when it does not convert.
/// Asking for a name the command did not declare is a programmer error and stops the program.
public struct ParsedArguments: Sendable {
    /// The declarations this command line was decoded against.
    public let specs: [OptionSpec]
    /// Every positional word, in command-line order (including those after `--`).
    public let positionals: [String]
    /// Values by ``OptionSpec/key``: one entry per occurrence; a flag's entries are empty strings.
    private let values: [String: [String]]

    /// Decodes the elements that follow the command's name.
    /// - Throws: ``CommandLineError`` for an unknown option, a missing or unexpected value, a
    ///   repeated option, a missing required argument or a superfluous positional.
    public init(specs: [OptionSpec], elements: some Sequence<SplitArguments.Element>) throws(CommandLineError) {
        var decoder = Decoder(specs: specs)
        try decoder.consume(Array(elements))
        self.specs = specs
        self.positionals = decoder.words
        self.values = try Self.assignPositionals(decoder.words, specs: specs, into: decoder.values)
        try Self.checkRequiredOptions(specs: specs, values: values)
    }

    /// Decodes a raw command line (without program or command names) against `specs`; for tests.
    public init(specs: [OptionSpec], arguments: [String]) throws(CommandLineError) {
        try self.init(specs: specs, elements: SplitArguments(arguments).elements)
    }

    /// The raw values given for the option or positional `key`, in order.
    func rawValues(_ key: String) -> [String] {
        values[key] ?? []
    }

    /// The declaration called `name` (a long name, a short name, or a positional's value name).
    /// Stops the program if there is none: the command asked for something it never declared.
    func spec(named name: String) -> OptionSpec {
        guard let spec = specs.first(where: { $0.key == name || ($0.shortName == name && !name.isEmpty) }) else {
            preconditionFailure("'\(name)' is not declared in this command's options")
        }
        return spec
    }

    private static func assignPositionals(
        _ words: [String], specs: [OptionSpec], into values: [String: [String]]
    ) throws(CommandLineError) -> [String: [String]] {
        var values = values
        var remaining = words[...]
        for spec in specs where spec.isPositional {
            if spec.isRepeatable {
                values[spec.key] = Array(remaining)
                if remaining.isEmpty && spec.isRequired { throw .missingRequired(spec.displayName) }
                remaining = []
            } else if let word = remaining.popFirst() {
                values[spec.key] = [word]
            } else if spec.isRequired {
                throw .missingRequired(spec.displayName)
            }
        }
        if let extra = remaining.first { throw .unexpectedArgument(extra) }
        return values
    }

    private static func checkRequiredOptions(specs: [OptionSpec], values: [String: [String]]) throws(CommandLineError) {
        for spec in specs where spec.isRequired && !spec.isPositional && values[spec.key] == nil {
            throw .missingRequired(spec.displayName)
        }
    }
}

extension ParsedArguments {
    /// Walks the elements once, recording options by key and collecting positional words.
    private struct Decoder {
        let specs: [OptionSpec]
        var values: [String: [String]] = [:]
        var words: [String] = []

        init(specs: [OptionSpec]) {
            self.specs = specs
        }

        mutating func consume(_ elements: [SplitArguments.Element]) throws(CommandLineError) {
            var index = 0
            while index < elements.count {
                let next = index + 1 < elements.count ? elements[index + 1] : nil
                var usedNext = false
                switch elements[index] {
                case .terminator:
                    break
                case .value(let word):
                    words.append(word)
                case .longOption(let name, let attached):
                    let spec = try lookUp(name)
                    usedNext = try record(spec, spelled: name, attached: attached, next: next)
                case .shortOptions(let letters):
                    for (position, letter) in letters.enumerated() {
                        let spec = try lookUp("-\(letter)")
                        let isLast = position == letters.count - 1
                        if spec.takesValue && !isLast {
                            throw .missingValue(option: "-\(letter)", valueName: spec.valueName)
                        }
                        usedNext = try record(spec, spelled: "-\(letter)", attached: nil, next: isLast ? next : nil)
                    }
                }
                index += usedNext ? 2 : 1
            }
        }

        /// Stores one occurrence of `spec`; returns whether it consumed the following element.
        private mutating func record(
            _ spec: OptionSpec, spelled: String, attached: String?, next: SplitArguments.Element?
        ) throws(CommandLineError) -> Bool {
            if values[spec.key] != nil && !spec.isRepeatable { throw .duplicateOption(spec.name) }
            guard spec.takesValue else {
                if let attached { throw .unexpectedValue(flag: spelled, value: attached) }
                values[spec.key, default: []].append("")
                return false
            }
            if let attached {
                values[spec.key, default: []].append(attached)
                return false
            }
            guard case .value(let word) = next else {
                throw .missingValue(option: spelled, valueName: spec.valueName)
            }
            values[spec.key, default: []].append(word)
            return true
        }

        private func lookUp(_ name: String) throws(CommandLineError) -> OptionSpec {
            let named = specs.filter { !$0.isPositional }
            if let spec = named.first(where: { $0.name == name || $0.shortName == name }) {
                return spec
            }
            let candidates = named.map(\.name) + ["--help"]
            throw .unknownOption(name, suggestion: EditDistance.closest(to: name, among: candidates))
        }
    }
}

extension OptionSpec {
    /// The label of the value in messages: the option's value name, or the positional's.
    var valueName: String {
        switch kind {
        case .flag: return ""
        case .option(let valueName), .positional(let valueName): return valueName
        }
    }
}
