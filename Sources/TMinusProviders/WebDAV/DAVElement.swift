/// One XML element of a WebDAV body: name, attributes, text and child elements, in order.
///
/// The parser fills it from any prefix spelling; the writer turns it back into XML with fixed
/// prefixes. Property values (`<getetag>`, `<calendar-data>`, `<resourcetype>`) are handed out as
/// elements so nothing a server sends is lost.
public struct DAVElement: Hashable, Sendable {
    public var name: DAVName
    /// Attributes without a namespace (`name="VEVENT"`, `start="…"`), in document order.
    public var attributes: [DAVAttribute]
    /// The character data directly inside this element (all text pieces joined), untrimmed.
    public var text: String
    public var children: [DAVElement]

    /// Creates an element.
    public init(_ name: DAVName, attributes: [DAVAttribute] = [], text: String = "", children: [DAVElement] = []) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    /// The text with surrounding whitespace removed.
    public var trimmedText: String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isWhitespace($0) }),
            let last = scalars.lastIndex(where: { !Self.isWhitespace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t"
    }

    /// The first child called `name`.
    public func child(_ name: DAVName) -> DAVElement? { children.first { $0.name == name } }

    /// Every child called `name`.
    public func children(_ name: DAVName) -> [DAVElement] { children.filter { $0.name == name } }

    /// The value of attribute `name`.
    public func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// The trimmed text of every `DAV:href` child (e.g. inside `current-user-principal`).
    public var hrefs: [String] { children(.href).map(\.trimmedText) }

    /// The names of the child elements (e.g. the types inside `resourcetype`).
    public var childNames: [DAVName] { children.map(\.name) }
}

/// One attribute of a ``DAVElement``.
public struct DAVAttribute: Hashable, Sendable {
    public var name: String
    public var value: String

    /// Creates an attribute.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
