/// A value from outside (a provider payload, a stored row, a scenario) that does not fit the model.
///
/// Every case names the field, so a caller can report "which field, what was expected" and the
/// input is rejected before it reaches the store: never a crash, never half-applied.
public enum ModelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A required field is absent or empty.
    case missingField(field: String)
    /// A field is present but malformed; `expected` says what would have been accepted.
    case invalidField(field: String, value: String, expected: String)
    /// An enum-like field holds a value this version does not know.
    case unknownValue(field: String, value: String, allowed: [String])

    public var description: String {
        switch self {
        case .missingField(let field):
            return "missing required field '\(field)'"
        case .invalidField(let field, let value, let expected):
            return "field '\(field)' has invalid value \"\(ModelError.clip(value))\": expected \(expected)"
        case .unknownValue(let field, let value, let allowed):
            return "field '\(field)' has unknown value \"\(ModelError.clip(value))\": expected one of "
                + allowed.joined(separator: ", ")
        }
    }

    /// The field the error is about.
    public var field: String {
        switch self {
        case .missingField(let f), .invalidField(let f, _, _), .unknownValue(let f, _, _): return f
        }
    }

    static func clip(_ text: String) -> String { text.count > 40 ? String(text.prefix(40)) + "…" : text }
}

extension RawRepresentable where RawValue == String, Self: CaseIterable {
    /// Parses a stored or wire value, throwing ``ModelError/unknownValue(field:value:allowed:)``.
    ///
    /// Inlinable, so each enum's callers get it specialized (unspecialized, every call looked up
    /// the metadata of `Optional<Self>` at run time, about 420 instructions).
    @inlinable
    public static func parse(_ raw: String, field: String) throws(ModelError) -> Self {
        guard let value = Self(rawValue: raw) else {
            throw .unknownValue(field: field, value: raw, allowed: allCases.map(\.rawValue))
        }
        return value
    }
}
