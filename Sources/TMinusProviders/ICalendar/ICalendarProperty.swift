/// One content line of iCalendar (RFC 5545 §3.1): `NAME;PARAM=VALUE:value`.
///
/// ``value`` is the raw value exactly as on the wire (TEXT escapes kept), so an unknown or `X-`
/// property is written back byte for byte. Use ``text`` / ``init(name:text:parameters:)`` for
/// TEXT values and ``ICalendarDateTime`` for dates. Equality ignores the source ``line``.
public struct ICalendarProperty: Hashable, Sendable {
    /// The property name as written, e.g. `DTSTART`, `X-TMINUS-MANAGED`.
    public var name: String
    /// The parameters, in order.
    public var parameters: [ICalendarParameter]
    /// The raw value (escaped as on the wire).
    public var value: String
    /// The physical line the property started on, 0 when built in code. Used in error messages.
    public var line: Int

    /// Creates a property from a raw (already escaped) value.
    public init(name: String, parameters: [ICalendarParameter] = [], value: String, line: Int = 0) {
        self.name = name
        self.parameters = parameters
        self.value = value
        self.line = line
    }

    /// Creates a TEXT property, escaping `\`, `;`, `,` and newlines (RFC 5545 §3.3.11).
    public init(name: String, text: String, parameters: [ICalendarParameter] = []) {
        self.init(name: name, parameters: parameters, value: ICalendarText.escape(text))
    }

    /// The name in upper case, for matching.
    public var key: String { ICalendarName.key(name) }

    /// The value read as TEXT (escapes removed).
    public var text: String { ICalendarText.unescape(value) }

    /// The value read as a comma-separated list of TEXT values (e.g. `CATEGORIES`).
    public var textList: [String] { ICalendarText.splitList(value).map(ICalendarText.unescape) }

    /// The first value of parameter `name` (case-insensitive), or nil.
    public func parameter(_ name: String) -> String? {
        let key = ICalendarName.key(name)
        return parameters.first { $0.key == key }?.value
    }

    /// Sets parameter `name` to one value, replacing any existing one (nil removes it).
    public mutating func setParameter(_ name: String, _ value: String?) {
        let key = ICalendarName.key(name)
        if let index = parameters.firstIndex(where: { $0.key == key }) {
            if let value {
                parameters[index] = ICalendarParameter(name: parameters[index].name, value: value)
            } else {
                parameters.remove(at: index)
            }
        } else if let value {
            parameters.append(ICalendarParameter(name: name, value: value))
        }
    }

    public static func == (a: ICalendarProperty, b: ICalendarProperty) -> Bool {
        a.value == b.value && a.key == b.key && a.parameters == b.parameters
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(parameters)
        hasher.combine(value)
    }
}
