/// A `CALDAV:mkcalendar` body (RFC 4791 §5.3.1): display name and allowed component types.
public struct DAVMkcalendar: Hashable, Sendable {
    public var displayName: String?
    /// The `supported-calendar-component-set`, e.g. `["VEVENT"]`; empty leaves the server default.
    public var components: [String]

    /// Creates a body.
    public init(displayName: String?, components: [String] = ["VEVENT"]) {
        self.displayName = displayName
        self.components = components
    }

    /// The body as an element.
    public var element: DAVElement {
        var properties: [DAVElement] = []
        if let displayName { properties.append(DAVElement(.displayName, text: displayName)) }
        if !components.isEmpty {
            properties.append(
                DAVElement(
                    .supportedCalendarComponentSet,
                    children: components.map { DAVElement(.comp, attributes: [DAVAttribute("name", $0)]) }))
        }
        return DAVElement(
            .mkcalendar, children: [DAVElement(.set, children: [DAVElement(.prop, children: properties)])])
    }

    /// The body as an XML document.
    public var xml: [UInt8] { DAVXMLWriter.bytes(element) }

    /// Reads a mkcalendar body; an empty body means no properties.
    public static func parse(_ bytes: [UInt8]) throws(WebDAVError) -> DAVMkcalendar {
        guard bytes.contains(where: { $0 > 0x20 }) else { return DAVMkcalendar(displayName: nil, components: []) }
        let root = try DAVXMLReader.document(bytes, expecting: .mkcalendar)
        let prop = root.child(.set)?.child(.prop)
        return DAVMkcalendar(
            displayName: prop?.child(.displayName)?.text,
            components: prop?.child(.supportedCalendarComponentSet)?.children(.comp).compactMap { $0.attribute("name") }
                ?? [])
    }
}
