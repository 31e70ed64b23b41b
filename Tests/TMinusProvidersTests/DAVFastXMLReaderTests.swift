import TMinusCore
import Testing

@testable import TMinusProviders

/// The byte-level reader gives exactly Foundation's tree, or no answer: over every recorded CalDAV
/// body, over what our own writer sends, and over seeded random documents and mutations of them.
struct DAVFastXMLReaderTests {
    /// The fast reader's answer must be Foundation's; returns whether the fast reader answered.
    @discardableResult
    private func expectSameTree(_ bytes: [UInt8], _ what: @autoclosure () -> String) -> Bool {
        guard DAVXMLReader.firstInvalidUTF8(bytes) == nil, DAVXMLReader.firstEmptyProcessingInstruction(bytes) == nil
        else { return false }
        guard let fast = DAVFastXMLReader.document(bytes) else { return false }
        do {
            let slow = try DAVXMLReader.foundationDocument(bytes)
            #expect(fast == slow, "\(what()): \(String(decoding: bytes, as: UTF8.self))")
        } catch {
            Issue.record(
                "\(what()): the fast reader accepted what Foundation refuses (\(error)): \(String(decoding: bytes, as: UTF8.self))")
        }
        return true
    }

    @Test func everyRecordedCalDAVBodyReadsAsFoundationReadsIt() {
        var answered = 0
        let names = CalDAVFixtures.names(endingWith: ".xml")
        for name in names where expectSameTree(CalDAVFixtures.bytes(name), name) { answered += 1 }
        #expect(names.count > 20)
        // Radicale's and Xandikos's bodies are plain XML: the fast reader must answer nearly all.
        #expect(answered * 10 >= names.count * 9, "answered \(answered) of \(names.count)")
    }

    @Test func bodiesOurWriterSendsAreAnsweredWithFoundationsTree() {
        let calendarData = "BEGIN:VCALENDAR\r\nSUMMARY:a <b> & \"c\" 'd' é ✓ 𝄞\r\nEND:VCALENDAR\r\n"
        let response = DAVElement(
            .multistatus,
            children: [
                DAVElement(
                    .response,
                    children: [
                        DAVElement(.href, text: "/cal/a%20b.ics"),
                        DAVElement(.propstat, children: [
                            DAVElement(
                                .prop,
                                children: [DAVElement(.getETag, text: "\"e1\""), DAVElement(.calendarData, text: calendarData)]),
                            DAVElement(.status, text: "HTTP/1.1 200 OK"),
                        ]),
                    ]),
                DAVElement(.syncToken, text: "http://example/sync/1"),
            ])
        let bodies = [
            DAVXMLWriter.bytes(response), DAVSyncCollection(syncToken: "tok", properties: [.getETag, .calendarData]).xml,
            DAVPropfind.calendarCollection.xml,
        ]
        for body in bodies { #expect(expectSameTree(body, "writer output")) }
        #expect(DAVFastXMLReader.document(DAVXMLWriter.bytes(response))?.child(.response)?.child(.propstat)?
            .child(.prop)?.child(.calendarData)?.text == calendarData)
    }

    @Test func constructsOutsideThePlainSubsetAreLeftToFoundation() {
        let outside = [
            "<!DOCTYPE a><a/>", "<?pi x?><a/>", "<a xml:lang='en'/>", "<a p:x='1' xmlns:p='u'/>", "<p:a/>",
            "<a>&nbsp;</a>", "<a>\r\n</a>", "<a b='x\ty'/>", "<a>]]></a>", "<a>&#0;</a>", "<a>&#xFFFE;</a>",
            "<a>&#+9;</a>", "<a/><b/>", "x<a/>", "<a></b>", "<a>", "<a b='1' b='2'/>", "\u{FEFF}<a/>",
            "<?xml version='1.1'?><a/>", "<a xmlns='u'/>", "<a xmlns=''/>", "<C:-z xmlns:C='DAV:'/>",
            "<a xmlns:D='urn:]x'/>", "<a xmlns='http://host.or:/ns/'/>", "<?xml encoding='utf-8'?><a/>",
            "<?xml version='1.0' encoding='latin1'?><a/>",
            String(repeating: "<a>", count: DAVXMLReader.maximumDepth + 1),
        ]
        for text in outside {
            #expect(DAVFastXMLReader.document(Array(text.utf8)) == nil, "\(text)")
        }
        let inside = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a/>", "<a>&lt;&gt;&amp;&quot;&apos;&#13;&#x10FFFF;</a>",
            "<!-- c --><a><![CDATA[<x>&]]></a><!-- d -->\n", "<a xmlns='urn:u'><b xmlns='DAV:'/></a>",
            "<a  b = \"1\"  c='&lt;'  />",
        ]
        for text in inside { #expect(expectSameTree(Array(text.utf8), text), "\(text)") }
    }

    @Test func seededRandomDocumentsAndTheirMutationsNeverDisagree() {
        var random = Xoshiro256StarStar(seed: 0xDA7_F457)
        var answered = 0
        let documents = 800
        for index in 0..<documents {
            let document = Self.randomDocument(using: &random)
            if expectSameTree(Array(document.utf8), "document \(index)") { answered += 1 }
            for mutation in 0..<4 {
                let mutated = Self.mutate(Array(document.utf8), using: &random)
                expectSameTree(mutated, "document \(index) mutation \(mutation)")
            }
        }
        #expect(answered * 10 >= documents * 9, "answered \(answered) of \(documents) unmutated documents")
    }

    // MARK: Generators

    private static let namespaces = ["DAV:", "urn:ietf:params:xml:ns:caldav", "http://calendarserver.org/ns/", "urn:x"]
    private static let locals = ["multistatus", "response", "href", "prop", "getetag", "calendar-data", "x.y", "_z"]
    private static let texts = [
        "", " ", "\n  ", "plain", "a &amp; b", "&lt;tag&gt;", "&#13;&#10;", "&#xE9;", "é✓", "𝄞", "&quot;q&apos;",
        "HTTP/1.1 200 OK", "/cal/a%20b.ics", "]", "]]", "> x",
    ]

    private static func randomDocument(using random: inout Xoshiro256StarStar) -> String {
        var out = Bool.random(using: &random) ? "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" : ""
        if Int.random(in: 0..<4, using: &random) == 0 { out += "<!-- generated -->" }
        element(depth: 0, scope: [:], into: &out, using: &random)
        if Bool.random(using: &random) { out += "\n" }
        return out
    }

    private static func element(
        depth: Int, scope: [String: String], into out: inout String, using random: inout Xoshiro256StarStar
    ) {
        var scope = scope
        var declarations = ""
        // Declare a prefix, the default namespace, or nothing.
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            let prefix = ["D", "C", "ns0", "cs"].randomElement(using: &random)!
            let uri = namespaces.randomElement(using: &random)!
            scope[prefix] = uri
            declarations += " xmlns:\(prefix)=\"\(uri)\""
        case 1:
            let uri = namespaces.randomElement(using: &random)!
            scope[""] = uri
            declarations += " xmlns='\(uri)'"
        default: break
        }
        let prefixes = scope.keys.filter { !$0.isEmpty }.sorted()
        let prefix = prefixes.isEmpty || Bool.random(using: &random) ? "" : prefixes.randomElement(using: &random)!
        let name = (prefix.isEmpty ? "" : prefix + ":") + locals.randomElement(using: &random)!
        var attributes = ""
        for attribute in ["name", "start", "b"] where Int.random(in: 0..<4, using: &random) == 0 {
            attributes += " \(attribute)=\"\(["VEVENT", "a&amp;b", "&lt;", "x'y", "", "&#10;"].randomElement(using: &random)!)\""
        }
        out += "<\(name)\(declarations)\(attributes)"
        let childCount = depth >= 5 ? 0 : Int.random(in: 0..<4, using: &random)
        if childCount == 0, Bool.random(using: &random) {
            out += Bool.random(using: &random) ? "/>" : " />"
            return
        }
        out += ">"
        for _ in 0..<childCount {
            out += texts.randomElement(using: &random)!
            if Int.random(in: 0..<6, using: &random) == 0 { out += "<![CDATA[ <raw> & ]]>" }
            if Int.random(in: 0..<8, using: &random) == 0 { out += "<!-- note -->" }
            element(depth: depth + 1, scope: scope, into: &out, using: &random)
        }
        out += texts.randomElement(using: &random)!
        out += "</\(name)>"
    }

    /// Inserts, deletes or replaces a few bytes with XML's special characters and others.
    private static func mutate(_ bytes: [UInt8], using random: inout Xoshiro256StarStar) -> [UInt8] {
        var bytes = bytes
        let specials = Array("<>&;#'\"/=:! \n\t\r?-[]x0".utf8) + [0x00, 0x01, 0xC3, 0xA9]
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let position = Int.random(in: 0...bytes.count, using: &random)
            let kind = Int.random(in: 0..<3, using: &random)
            if kind == 0 || position == bytes.count {
                bytes.insert(specials.randomElement(using: &random)!, at: position)
            } else if kind == 1 {
                bytes.remove(at: position)
            } else {
                bytes[position] = specials.randomElement(using: &random)!
            }
        }
        return bytes
    }
}
