import TMinusCore
import TMinusProviders

/// What one request asks for beyond its route: the `Prefer` preferences (id form, time zone,
/// body type, page size) and the `$expand` of our extended properties.
struct GraphRequestContext: Equatable, Sendable {
    /// Which id form answers carry.
    enum IDForm: Equatable, Sendable {
        case immutable, rest
    }

    var idForm: IDForm
    /// The IANA zone start/end are rendered in (`Prefer: outlook.timezone`, UTC by default).
    var renderZone: String
    /// The zone name echoed as `timeZone` in rendered start/end.
    var renderZoneName: String
    /// True for `Prefer: outlook.body-content-type="text"`.
    var textBody: Bool
    /// `Prefer: odata.maxpagesize`, when sent.
    var maxPageSize: Int?
    /// The extended-property ids named by `$expand=singleValueExtendedProperties($filter=id eq '…')`.
    var expandedProperties: [String]
    /// True when the query holds `$expand` or `$select` at all.
    var hasQueryOptions: Bool

    /// What rendering an event reads of this request.
    var rendering: GraphRenderPreferences {
        GraphRenderPreferences(renderZone: renderZone, renderZoneName: renderZoneName, textBody: textBody)
    }

    init(_ request: HTTPRequest, parts: URLParts) {
        self.init(GraphRequestContextSource(request, parts: parts))
    }

    /// The context of a request made from `source` (a pure function of it).
    init(_ source: GraphRequestContextSource) {
        var preferences: [String: String] = [:]
        for header in source.preferHeaders {
            for item in header.split(separator: ",") {
                let pair = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
                guard let name = pair.first?.lowercased(), !name.isEmpty else { continue }
                preferences[name] = pair.count > 1 ? GraphRequestContext.unquoted(pair[1]) : ""
            }
        }
        idForm = preferences["idtype"]?.lowercased() == "immutableid" ? .immutable : .rest
        let zoneName = preferences["outlook.timezone"] ?? "UTC"
        let zone = TimeZoneNames.ianaName(for: zoneName)
        renderZone = zone ?? "UTC"
        renderZoneName = zone == nil ? "UTC" : zoneName
        textBody = preferences["outlook.body-content-type"]?.lowercased() == "text"
        maxPageSize = preferences["odata.maxpagesize"].flatMap { Int($0) }
        expandedProperties = source.expand.map(GraphRequestContext.propertyIDs(in:)) ?? []
        hasQueryOptions = source.expand != nil || source.hasSelect
    }

    /// The ids quoted in `singleValueExtendedProperties($filter=id eq '…' [or id eq '…'])`.
    static func propertyIDs(in expand: String) -> [String] {
        guard expand.lowercased().hasPrefix("singlevalueextendedproperties") else { return [] }
        return quotedLiterals(in: expand)
    }

    /// The OData string literals of an expression, in order (`''` inside a literal is one quote).
    static func quotedLiterals(in expression: String) -> [String] {
        var literals: [String] = []
        var current: String?
        var characters = Array(expression)[...]
        while let character = characters.popFirst() {
            guard character == "'" else {
                current?.append(character)
                continue
            }
            if current == nil {
                current = ""
            } else if characters.first == "'" {
                characters.removeFirst()
                current!.append("'")
            } else {
                literals.append(current!)
                current = nil
            }
        }
        return literals
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }
}

/// The preferences of a request that rendering an event reads (``GraphEventJSON/event(_:shape:context:)``).
struct GraphRenderPreferences: Hashable, Sendable {
    /// The IANA zone start/end are rendered in.
    var renderZone: String
    /// The zone name echoed as `timeZone`.
    var renderZoneName: String
    /// True when the body is rendered as text.
    var textBody: Bool
}

/// Everything of a request that its ``GraphRequestContext`` is made from: the `Prefer` header
/// values in order, `$expand`, and whether `$select` was sent (the key of
/// ``GraphServerState/requestContexts``).
struct GraphRequestContextSource: Hashable, Sendable {
    var preferHeaders: [String]
    var expand: String?
    var hasSelect: Bool

    init(_ request: HTTPRequest, parts: URLParts) {
        preferHeaders = request.headers.values("Prefer")
        expand = parts.queryValue("$expand")
        hasSelect = parts.queryValue("$select") != nil
    }
}
