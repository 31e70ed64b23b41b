import TMinusCore
import TMinusProviders

/// Rendering stored items for one request: the id form it asked for, the event shape, and the
/// extended properties it expanded (sometimes dropped, ``FakeGraphConfiguration/extendedPropertyDropChance``).
extension GraphServerState {
    /// The id of `item` in the form `context` asks for.
    func renderedID(_ item: GraphItem, in calendarID: String, _ context: GraphRequestContext) -> String {
        switch item {
        case .stored(let id):
            return context.idForm == .immutable ? id : calendars[calendarID]!.events[id]!.mutableID
        case .occurrence(let seriesID, let start):
            let series = context.idForm == .immutable ? seriesID : calendars[calendarID]!.events[seriesID]!.mutableID
            return GraphIdentifiers.occurrenceID(seriesID: series, originalStart: start)
        }
    }

    /// The resource JSON of `item` at `version`; `properties` nil leaves them out.
    func render(
        _ item: GraphItem, _ version: GraphEventVersion, in calendarID: String, _ context: GraphRequestContext,
        properties: [GraphExtendedProperty]?, inDelta: Bool
    ) -> JSONValue {
        renderInput(item, version, in: calendarID, context, properties: properties, inDelta: inDelta).json
    }

    /// Everything rendering `item` at `version` for `context` reads.
    func renderInput(
        _ item: GraphItem, _ version: GraphEventVersion, in calendarID: String, _ context: GraphRequestContext,
        properties: [GraphExtendedProperty]?, inDelta: Bool
    ) -> GraphRenderInput {
        let calendar = calendars[calendarID]!
        var type = "singleInstance"
        var transactionID: String?
        switch item {
        case .stored(let id):
            transactionID = calendar.events[id]?.transactionID
            if version.isSeriesMaster { type = "seriesMaster" } else if version.isException { type = "exception" }
        case .occurrence:
            type = "occurrence"
        }
        let master = version.seriesMasterID.map { renderedID(.stored($0), in: calendarID, context) }
        let shape = GraphEventJSON.Shape(
            id: renderedID(item, in: calendarID, context), type: type, seriesMasterID: master,
            transactionID: transactionID, owner: calendar.owner, properties: properties, inDelta: inDelta)
        return GraphRenderInput(version: version, shape: shape, preferences: context.rendering)
    }

    /// The stored properties `context` expanded, or nil when none was asked for or the payload
    /// "drops" them this time.
    mutating func expanded(_ version: GraphEventVersion, _ context: GraphRequestContext) -> [GraphExtendedProperty]? {
        guard !context.expandedProperties.isEmpty else { return nil }
        if streams.properties.chance(configuration.extendedPropertyDropChance) {
            trace.record(component: "graph", event: "fault extended-properties-dropped")
            return nil
        }
        return version.fields.properties.filter { property in
            context.expandedProperties.contains { GraphMarkers.sameProperty($0, property.id) }
        }
    }

    /// A single resource answer with `@odata.context`.
    func resourceResponse(_ status: Int, _ body: JSONValue, context: String, now: Timestamp) -> HTTPResponse {
        var object: [String: JSONValue] = [:]
        if case .object(let members) = body { object = members }
        object["@odata.context"] = .string("https://graph.microsoft.com/v1.0/$metadata#" + context)
        var headers = HTTPHeaders()
        if case .string(let etag)? = object["@odata.etag"] { headers.add("ETag", etag) }
        return FakeHTTP.json(status, .object(object), date: now, headers: headers)
    }
}

/// Everything ``GraphEventJSON/event(_:shape:context:)`` reads, so equal inputs render equal
/// bytes (the key of ``GraphServerState/renderedEvents``). Equality compares every field; the
/// hash takes the few that tell versions apart (equal inputs still hash alike).
struct GraphRenderInput: Hashable, Sendable {
    var version: GraphEventVersion
    var shape: GraphEventJSON.Shape
    var preferences: GraphRenderPreferences

    /// The resource JSON.
    var json: JSONValue { GraphEventJSON.event(version, shape: shape, context: preferences) }

    static func == (a: GraphRenderInput, b: GraphRenderInput) -> Bool {
        a.shape == b.shape && a.preferences == b.preferences && a.version == b.version
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(shape.id)
        hasher.combine(version.changeKey)
        hasher.combine(version.position)
    }
}
