import TMinusCore
import Testing

/// The direct writer used on hot paths must produce exactly StableJSON's bytes.
struct StableJSONWriterTests {
    @Test func projectionHashFastPathEqualsTheGeneralSerialization() {
        var random = RandomEvents(seed: 21)
        for index in 0..<300 {
            var event = random.event(id: index)
            event.isDeleted = false
            event.content.status = .confirmed
            for detail in DetailLevel.allCases {
                for kind in CalendarKind.allCases {
                    guard let projection = ProjectionCompiler.project(event, detail: detail, kind: kind) else { continue }
                    let general = StableJSON.hash(.object([
                        "canonical_event_id": .string(event.id), "detail_level": .string(projection.detail.rawValue),
                        "calendar_kind": .string(kind.rawValue), "content": projection.payload.hashContent,
                    ])).hex
                    #expect(projection.hash == general, "event \(index) \(detail) \(kind)")
                }
            }
        }
    }

    @Test func commandSerializationFastPathEqualsTheGeneralSerialization() {
        var random = RandomEvents(seed: 22)
        for index in 0..<200 {
            var event = random.event(id: index)
            event.isDeleted = false
            event.content.status = .confirmed
            guard let projection = ProjectionCompiler.project(event, detail: random.pick(DetailLevel.allCases), kind: .trueMirror)
            else { continue }
            let upsert = MirrorCommand.upsert(UpsertMirror(projection: projection, targetAccountID: "acc_t", targetCalendarID: index % 2 == 0 ? nil : "c"))
            #expect(upsert.serializedJSON == StableJSON.serialize(upsert.json), "event \(index)")
        }
        let delete = MirrorCommand.delete(DeleteMirror(canonicalEventID: "evt_1", targetAccountID: "acc_t", targetCalendarID: nil, providerEventID: "p\""))
        #expect(delete.serializedJSON == StableJSON.serialize(delete.json))
    }

    @Test func idempotencyKeyFastPathEqualsTheGeneralSerialization() {
        let general = StableJSON.hash(["canonical_event_id": "evt_1", "target_account_id": "acc_\"x\"", "projected_hash": "h\n"]).hex
        #expect(ProjectionCompiler.idempotencyKey(canonicalEventID: "evt_1", targetAccountID: "acc_\"x\"", projectedHash: "h\n") == general)
    }

    @Test func writerEscapesAndNestsLikeTheSerializer() {
        var writer = StableJSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.string("line\nbreak \u{1} é")
        writer.key("b")
        writer.beginObject()
        writer.key("c")
        writer.string(nil)
        writer.endObject()
        writer.key("d")
        writer.value([1, "two"])
        writer.endObject()
        let value: JSONValue = ["a": "line\nbreak \u{1} é", "b": ["c": nil], "d": [1, "two"]]
        #expect(writer.text == StableJSON.serialize(value))
    }

    @Test func anArrayOfSerializedElementsIsTheSerializedArray() {
        let elements: [JSONValue] = [["b": 1, "a": "x\n"], "é\u{1}", nil, [], [:], [true, -3]]
        for count in 0...elements.count {
            let prefix = Array(elements.prefix(count))
            var writer = StableJSONWriter()
            writer.beginObject()
            writer.key("items")
            writer.array(ofSerialized: prefix.map(StableJSON.serializedBytes))
            writer.key("kind")
            writer.string("k")
            writer.endObject()
            #expect(writer.text == StableJSON.serialize(["items": .array(prefix), "kind": "k"]))
        }
    }
}
