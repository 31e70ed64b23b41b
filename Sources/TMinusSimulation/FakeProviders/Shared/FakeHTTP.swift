public import TMinusCore
public import TMinusProviders

/// Small helpers every fake server uses to read requests and write responses.
public enum FakeHTTP: Sendable {
    /// A JSON response with the stable serialization of `body` (sorted keys, so byte-identical per
    /// seed) and the given extra headers.
    public static func json(_ status: Int, _ body: JSONValue, date: Timestamp, headers: HTTPHeaders = HTTPHeaders())
        -> HTTPResponse
    {
        json(status, serialized: StableJSON.serializedBytes(body), date: date, headers: headers)
    }

    /// A JSON response whose body is stable JSON already (``StableJSONWriter``'s bytes), with the
    /// headers ``json(_:_:date:headers:)`` gives.
    public static func json(_ status: Int, serialized body: [UInt8], date: Timestamp, headers: HTTPHeaders = HTTPHeaders())
        -> HTTPResponse
    {
        var all = HTTPHeaders([("Content-Type", "application/json; charset=UTF-8"), ("Date", HTTPDate.format(date))])
        for field in headers { all.add(field.name, field.value) }
        return HTTPResponse(status: status, headers: all, body: body)
    }

    /// A response without a body (204, 304).
    public static func empty(_ status: Int, date: Timestamp) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Date", HTTPDate.format(date))]))
    }

    /// The fields of an `application/x-www-form-urlencoded` body, decoded, in order.
    ///
    /// An ASCII body is split on bytes: in ASCII text every Character is one byte except "\r\n",
    /// which holds neither "&" nor "=", so the pieces are the ones splitting Characters gives.
    public static func formFields(_ body: [UInt8]) -> [(name: String, value: String)] {
        body.withUnsafeBufferPointer { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return characterFormFields(body) }
            return bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { pair in
                let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
                return (
                    URLParts.percentDecode(utf8: parts[0]),
                    parts.count > 1 ? URLParts.percentDecode(utf8: parts[1]) : ""
                )
            }
        }
    }

    /// ``formFields(_:)`` for any body, splitting Characters.
    static func characterFormFields(_ body: [UInt8]) -> [(name: String, value: String)] {
        String(decoding: body, as: UTF8.self).split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (
                URLParts.percentDecode(String(parts[0])),
                parts.count > 1 ? URLParts.percentDecode(String(parts[1])) : ""
            )
        }
    }

    /// The bearer token of an `Authorization: Bearer …` header, or nil.
    public static func bearerToken(_ headers: HTTPHeaders) -> String? {
        guard let value = headers["Authorization"] else { return nil }
        return bearerToken(authorization: value)
    }

    /// The bearer token of an `Authorization` value.
    static func bearerToken(authorization value: String) -> String? {
        guard let parts = authorizationParts(value), parts.scheme.lowercased() == "bearer" else { return nil }
        return parts.credentials.trimmingSpaces
    }

    /// An `Authorization` value's scheme and credentials: the two pieces of
    /// `value.split(separator: " ", maxSplits: 1)`, or nil when there are not two. An ASCII value
    /// is split on bytes (in ASCII text only "\r\n" is a Character of two bytes, and it holds no
    /// space), which gives the same pieces as splitting Characters.
    static func authorizationParts(_ value: String) -> (scheme: String, credentials: String)? {
        var text = value
        return text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return characterAuthorizationParts(value) }
            let parts = bytes.split(separator: UInt8(ascii: " "), maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self))
        }
    }

    /// ``authorizationParts(_:)`` for any text, splitting Characters.
    static func characterAuthorizationParts(_ value: String) -> (scheme: String, credentials: String)? {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
