/// Typed field access on a decoded ``JSONValue`` object, throwing ``ModelError`` that names the
/// JSON path of the offending field (`payload.start.dateTime`), never crashing on bad input.
public struct JSONReader: Sendable {
    /// The object being read.
    public let object: [String: JSONValue]
    /// The path of this object, for error messages.
    public let path: String

    /// Wraps `value`, which must be an object.
    public init(_ value: JSONValue, path: String) throws(ModelError) {
        guard case .object(let object) = value else {
            throw .invalidField(field: path, value: value.description, expected: "a JSON object")
        }
        self.object = object
        self.path = path
    }

    /// A required string.
    public func string(_ key: String) throws(ModelError) -> String {
        guard let value = try optionalString(key) else { throw .missingField(field: path + "." + key) }
        return value
    }

    /// A string or nil when absent/null.
    public func optionalString(_ key: String) throws(ModelError) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw .invalidField(field: path + "." + key, value: other.description, expected: "a string")
        }
    }

    /// A required integer.
    public func int(_ key: String) throws(ModelError) -> Int64 {
        switch object[key] {
        case .int(let n)?: return n
        case nil, .null?: throw .missingField(field: path + "." + key)
        case let other?: throw .invalidField(field: path + "." + key, value: other.description, expected: "an integer")
        }
    }

    /// A required nested object.
    public func reader(_ key: String) throws(ModelError) -> JSONReader {
        guard let value = object[key], value != .null else { throw .missingField(field: path + "." + key) }
        return try JSONReader(value, path: path + "." + key)
    }

    /// A required enum value.
    public func value<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type) throws(ModelError) -> E
    where E.RawValue == String {
        try E.parse(try string(key), field: path + "." + key)
    }
}
