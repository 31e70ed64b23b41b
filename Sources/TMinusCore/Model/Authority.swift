/// Who owns a canonical field's current value (invariant F): a provider account or T-Minus itself.
public enum Authority: Hashable, Sendable, CustomStringConvertible {
    /// The value came from this provider account.
    case provider(accountID: String)
    /// The value was set through T-Minus (API, MCP, scheduler).
    case tminus

    /// Parses `provider:<account>` or `tminus`.
    public init(parsing text: String) throws(ModelError) {
        if text == "tminus" {
            self = .tminus
        } else if text.hasPrefix("provider:"), text.count > 9 {
            self = .provider(accountID: String(text.dropFirst(9)))
        } else {
            throw .invalidField(field: "authority", value: text, expected: "'tminus' or 'provider:<account id>'")
        }
    }

    /// `provider:<account>` or `tminus`.
    public var description: String {
        switch self {
        case .provider(let account): return "provider:" + account
        case .tminus: return "tminus"
        }
    }
}

/// Authority markers for every tracked field of one canonical event, kept sorted by field.
public struct AuthorityMarkers: Hashable, Sendable {
    private(set) var owners: [EventField: Authority]

    /// No recorded owners.
    public init() { owners = [:] }

    /// Every field present in `content` owned by `authority`.
    public init(allFieldsOf content: EventContent, owner authority: Authority) {
        owners = [:]
        for field in EventField.allCases where content.value(of: field) != nil { owners[field] = authority }
    }

    /// The owner of a field, if recorded.
    public subscript(field: EventField) -> Authority? {
        get { owners[field] }
        set { owners[field] = newValue }
    }

    /// (field, owner) pairs in field order: never dictionary order.
    public var sorted: [(EventField, Authority)] {
        owners.keys.sorted().map { ($0, owners[$0]!) }
    }
}
