public import TMinusCore

/// A JSON document for files people read and edit (scenario files written by `tminus sim fuzz`):
/// objects keep their members in the order they were built, so a scenario reads in the order of
/// its documentation (`name`, `description`, … `expect`), unlike ``PrettyJSON``, which sorts keys.
///
/// Rendering is deterministic: two spaces per level, and any array or object whose one-line form
/// fits in ``lineWidth`` columns (after its indentation) on one line, like the examples in
/// `docs/scenarios.md`. Scalars are written exactly as ``StableJSON`` writes them.
public indirect enum ScenarioJSONText: Sendable {
    /// A string, integer, boolean or null.
    case scalar(JSONValue)
    /// An array.
    case array([ScenarioJSONText])
    /// An object, members in the order given.
    case object([(key: String, value: ScenarioJSONText)])

    /// The widest line a compact array or object may take.
    public static let lineWidth = 110

    /// A string value.
    public static func string(_ text: String) -> ScenarioJSONText { .scalar(.string(text)) }

    /// An integer value.
    public static func int(_ number: Int64) -> ScenarioJSONText { .scalar(.int(number)) }

    /// The document's text, ending with a newline.
    public var rendered: String {
        var out = ""
        write(indent: 0, into: &out)
        return out + "\n"
    }

    /// The document on one line (`{"a": 1, "b": [2, 3]}`).
    public var compact: String {
        switch self {
        case .scalar(let value):
            return StableJSON.serialize(value)
        case .array(let elements):
            return "[" + elements.map(\.compact).joined(separator: ", ") + "]"
        case .object(let members):
            let parts = members.map { StableJSON.serialize(.string($0.key)) + ": " + $0.value.compact }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }

    private func write(indent: Int, into out: inout String) {
        let one = compact
        if case .scalar = self {
            out += one
            return
        }
        if indent + one.count <= Self.lineWidth {
            out += one
            return
        }
        let inner = String(repeating: " ", count: indent + 2)
        switch self {
        case .scalar:
            out += one
        case .array(let elements):
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                element.write(indent: indent + 2, into: &out)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner + StableJSON.serialize(.string(member.key)) + ": "
                member.value.write(indent: indent + 2, into: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }
}
