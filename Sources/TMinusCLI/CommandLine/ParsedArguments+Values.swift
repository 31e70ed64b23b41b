/// Typed accessors: each looks an argument up by the name it was declared with and converts its
/// text, throwing a ``CommandLineError/invalidValue(option:value:expected:)`` that names the option
/// and the accepted format when the text does not convert. Absent optional arguments read as `nil`.
extension ParsedArguments {
    /// Whether the flag `name` (for example `"--quiet"`) was given.
    public func flag(_ name: String) -> Bool {
        let spec = spec(named: name)
        precondition(spec.kind == .flag, "\(name) is declared as an option with a value, not a flag")
        return !rawValues(spec.key).isEmpty
    }

    /// The value of the option or single positional `name`, if given (the last one if repeatable).
    public func string(_ name: String) -> String? {
        rawValues(spec(named: name).key).last
    }

    /// Every value of the repeatable option or positional `name`, in command-line order.
    public func strings(_ name: String) -> [String] {
        rawValues(spec(named: name).key)
    }

    /// The value of `name` as a decimal integer within `bounds`, if given.
    /// - Throws: ``CommandLineError/invalidValue(option:value:expected:)`` if it is not one.
    public func int(_ name: String, in bounds: ClosedRange<Int> = Int.min...Int.max) throws(CommandLineError) -> Int? {
        try convert(name, expected: Self.describe(bounds)) { text in
            ArgumentValueParser.decimalInteger(text).flatMap { bounds.contains($0) ? $0 : nil }
        }
    }

    /// The value of `name` as a simulation seed, if given: a decimal `UInt64`, or a 40-hex-digit git
    /// commit hash reduced to its low 64 bits (see ``ArgumentValueParser/seed(_:)``).
    /// - Throws: ``CommandLineError/invalidValue(option:value:expected:)`` if it is neither.
    public func seed(_ name: String) throws(CommandLineError) -> UInt64? {
        try convert(name, expected: ArgumentValueParser.seedExpectation, ArgumentValueParser.seed)
    }

    /// The value of `name` as an inclusive range `A..B` (or a single `N`), if given.
    /// - Throws: ``CommandLineError/invalidValue(option:value:expected:)`` if it is not one.
    public func range(_ name: String) throws(CommandLineError) -> ClosedRange<UInt64>? {
        let expected = "an inclusive range like 1..100 of non-negative integers, with the first <= the last"
        return try convert(name, expected: expected, ArgumentValueParser.range)
    }

    /// The value of `name` as a duration (`90`, `30s`, `5m`, `2h`, `1d`), if given, in whole seconds.
    /// - Throws: ``CommandLineError/invalidValue(option:value:expected:)`` if it is not one.
    public func duration(_ name: String) throws(CommandLineError) -> Duration? {
        let expected = "a whole number of seconds, optionally with a unit: 90, 30s, 5m, 2h or 1d"
        return try convert(name, expected: expected, ArgumentValueParser.durationSeconds).map { .seconds($0) }
    }

    /// Converts the last value of `name` with `parse`, or throws an error describing `expected`.
    public func convert<Value>(
        _ name: String, expected: String, _ parse: (String) -> Value?
    ) throws(CommandLineError) -> Value? {
        let spec = spec(named: name)
        guard let text = rawValues(spec.key).last else { return nil }
        guard let value = parse(text) else {
            let option = spec.isPositional ? spec.displayName : spec.name
            throw .invalidValue(option: option, value: text, expected: expected)
        }
        return value
    }

    private static func describe(_ bounds: ClosedRange<Int>) -> String {
        switch (bounds.lowerBound, bounds.upperBound) {
        case (Int.min, Int.max): return "a decimal integer"
        case (let lower, Int.max): return "a decimal integer of at least \(lower)"
        case (Int.min, let upper): return "a decimal integer of at most \(upper)"
        case (let lower, let upper): return "a decimal integer from \(lower) to \(upper)"
        }
    }
}
