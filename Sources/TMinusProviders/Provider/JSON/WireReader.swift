/// Typed, path-aware field access on a ``WireJSON`` object for response parsers.
///
/// Every failure is a ``WireDecodingError`` naming the JSON path and the expected type, and never
/// the offending value: provider payloads carry user data (titles, descriptions) that must not
/// reach logs or reports.
public struct WireReader: Sendable {
    /// The members of the object being read.
    public let value: WireJSON
    /// The JSON path of this object, e.g. `items[3].start`.
    public let path: String

    /// Wraps `value`, which must be an object.
    public init(_ value: WireJSON, path: String) throws(WireDecodingError) {
        guard case .object = value else {
            throw WireDecodingError(path: path, expected: "an object", found: value.typeName)
        }
        self.value = value
        self.path = path
    }

    /// The path of member `key`.
    public func path(of key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// A member's raw value (nil when absent; JSON null is returned as `.null`).
    public subscript(key: String) -> WireJSON? { value[key] }

    /// A required non-empty string.
    public func string(_ key: String) throws(WireDecodingError) -> String {
        guard let text = try optionalString(key), !text.isEmpty else {
            throw WireDecodingError(
                path: path(of: key), expected: "a non-empty string", found: value[key]?.typeName ?? "nothing")
        }
        return text
    }

    /// A string, or nil when absent or null.
    public func optionalString(_ key: String) throws(WireDecodingError) -> String? {
        switch value[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw WireDecodingError(path: path(of: key), expected: "a string", found: other.typeName)
        }
    }

    /// A boolean, or nil when absent or null.
    public func optionalBool(_ key: String) throws(WireDecodingError) -> Bool? {
        switch value[key] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case let other?: throw WireDecodingError(path: path(of: key), expected: "a boolean", found: other.typeName)
        }
    }

    /// An integer sent as a JSON integer or, as Google does for int64 fields, as a decimal string;
    /// nil when absent or null.
    public func optionalInt(_ key: String) throws(WireDecodingError) -> Int64? {
        switch value[key] {
        case nil, .null?: return nil
        case .number(let text)?, .string(let text)?:
            guard let number = Int64(text) else {
                throw WireDecodingError(path: path(of: key), expected: "an integer", found: "a non-integer value")
            }
            return number
        case let other?: throw WireDecodingError(path: path(of: key), expected: "an integer", found: other.typeName)
        }
    }

    /// A required nested object.
    public func reader(_ key: String) throws(WireDecodingError) -> WireReader {
        guard let nested = try optionalReader(key) else {
            throw WireDecodingError(path: path(of: key), expected: "an object", found: "nothing")
        }
        return nested
    }

    /// A nested object, or nil when absent or null.
    public func optionalReader(_ key: String) throws(WireDecodingError) -> WireReader? {
        switch value[key] {
        case nil, .null?: return nil
        case let nested?: return try WireReader(nested, path: path(of: key))
        }
    }

    /// The elements of an array member; empty when absent or null.
    public func array(_ key: String) throws(WireDecodingError) -> [WireJSON] {
        switch value[key] {
        case nil, .null?: return []
        case .array(let elements)?: return elements
        case let other?: throw WireDecodingError(path: path(of: key), expected: "an array", found: other.typeName)
        }
    }

    /// An object of string values (e.g. `extendedProperties.private`); empty when absent or null.
    public func stringMap(_ key: String) throws(WireDecodingError) -> [String: String] {
        guard let nested = try optionalReader(key), case .object(let members) = nested.value else { return [:] }
        var map: [String: String] = [:]
        for member in members {
            guard case .string(let text) = member.value else {
                throw WireDecodingError(
                    path: nested.path(of: member.key), expected: "a string", found: member.value.typeName)
            }
            map[member.key] = text
        }
        return map
    }
}

/// A JSON payload that parsed but does not have the expected shape: which path, what was
/// expected, and what type was found instead (never the value itself).
public struct WireDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON path, e.g. `items[3].start.dateTime`.
    public var path: String
    /// What would have been accepted.
    public var expected: String
    /// The type (or a short description) of what was there.
    public var found: String

    /// Creates an error.
    public init(path: String, expected: String, found: String) {
        self.path = path
        self.expected = expected
        self.found = found
    }

    public var description: String { "'\(path)': expected \(expected), found \(found)" }
}
