/// One iCalendar component (`VCALENDAR`, `VEVENT`, `VTIMEZONE`, `STANDARD`, `VALARM`, …) with its
/// properties and sub-components in their original order.
///
/// This is the lossless layer: anything the reader saw, including unknown components and `X-`
/// properties, is kept and written back. Typed views (``ICalendarEvent``, ``ICalendarTimeZone``)
/// read from it. Equality ignores source line numbers.
public struct ICalendarComponent: Hashable, Sendable {
    /// The component name as written, e.g. `VEVENT`.
    public var name: String
    /// The properties, in order.
    public var properties: [ICalendarProperty]
    /// Nested components, in order (a VCALENDAR's events and time zones, a VEVENT's alarms).
    public var components: [ICalendarComponent]
    /// The physical line of its `BEGIN:`, 0 when built in code.
    public var line: Int

    /// Creates a component.
    public init(
        name: String, properties: [ICalendarProperty] = [], components: [ICalendarComponent] = [], line: Int = 0
    ) {
        self.name = name
        self.properties = properties
        self.components = components
        self.line = line
    }

    /// The name in upper case, for matching.
    public var key: String { ICalendarName.key(name) }

    /// The first property called `name` (case-insensitive).
    public func property(_ name: String) -> ICalendarProperty? {
        let key = ICalendarName.key(name)
        return properties.first { $0.key == key }
    }

    /// Every property called `name`, in order.
    public func properties(_ name: String) -> [ICalendarProperty] {
        let key = ICalendarName.key(name)
        return properties.filter { $0.key == key }
    }

    /// The TEXT value (unescaped) of the first property called `name`.
    public func text(_ name: String) -> String? { property(name)?.text }

    /// The sub-components called `name`.
    public func components(_ name: String) -> [ICalendarComponent] {
        let key = ICalendarName.key(name)
        return components.filter { $0.key == key }
    }

    /// Replaces every property called `property.name` with `property`, keeping the position of the
    /// first one (or appending when there was none).
    public mutating func setProperty(_ property: ICalendarProperty) {
        let key = property.key
        if let first = properties.firstIndex(where: { $0.key == key }) {
            properties[first] = property
            var index = properties.index(after: first)
            while index < properties.endIndex {
                if properties[index].key == key { properties.remove(at: index) } else { index += 1 }
            }
        } else {
            properties.append(property)
        }
    }

    /// Removes every property called `name`.
    public mutating func removeProperties(_ name: String) {
        let key = ICalendarName.key(name)
        properties.removeAll { $0.key == key }
    }

    /// The component as iCalendar text (CRLF line ends, folded at 75 octets).
    public var serialized: String { ICalendarWriter.string(self) }

    public static func == (a: ICalendarComponent, b: ICalendarComponent) -> Bool {
        a.key == b.key && a.properties == b.properties && a.components == b.components
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(properties)
        hasher.combine(components)
    }
}
