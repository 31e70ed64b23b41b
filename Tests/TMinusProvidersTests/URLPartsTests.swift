import TMinusCore
@testable import TMinusProviders
import Testing

struct URLPartsTests {
    @Test func buildsAndParsesBackWithEncodedSegmentsAndQuery() throws {
        let url = URLParts.build(
            base: "https://www.googleapis.com/calendar/v3", segments: ["calendars", "team@group.calendar.google.com", "events"],
            query: [("syncToken", "a+b/c=="), ("maxResults", "250")])
        #expect(url.contains("team%40group.calendar.google.com"))
        let parts = try #require(URLParts(url))
        #expect(parts.host == "www.googleapis.com")
        #expect(parts.pathSegments == ["calendar", "v3", "calendars", "team@group.calendar.google.com", "events"])
        #expect(parts.queryValue("syncToken") == "a+b/c==")
        #expect(parts.queryValue("maxResults") == "250")
    }

    @Test func rejectsNonHTTPAndHostlessURLs() {
        #expect(URLParts("ftp://x/y") == nil)
        #expect(URLParts("https:///path") == nil)
        #expect(URLParts("not a url") == nil)
    }

    @Test func isAbsoluteHTTPAcceptsExactlyWhatTheParserAccepts() {
        let urls = [
            "https://graph.microsoft.com/v1.0/me/events?$deltatoken=abc", "http://h", "HTTPS://H/x", "https:///path",
            "https://?q=1", "https://#frag", "https://", "ftp://x/y", "not a url", "https:/x", "https//x", ":",
            "https://h#f", "https://h?x=%zz&y=a+b", "https://#\u{301}x/", "http://\u{301}/", "mailto:a@b",
            "https://a:8080/p?q", "https://user@host/p",
        ]
        for url in urls {
            #expect(URLParts.isAbsoluteHTTP(url) == (URLParts(url) != nil), "\(url)")
        }
    }

    @Test func asciiURLsParseTheSameOnBytesAsOnCharacters() {
        let urls = [
            "https://graph.microsoft.com/v1.0/me/calendarView/delta?$skiptoken=eyJhIjoxfQ&x=1", "http://h", "HTTPS://H/x",
            "https:///path", "https://?q=1", "https://#frag", "https://", "ftp://x/y", "not a url", "https:/x", ":", "",
            "https://h#f?x=1", "https://h?x=%zz&&y=a+b&=&z", "https://h/p?a=b=c#d", "https://a:8080/p?q", "http://h/\r\n?x=\r\n",
            "https://h/a%2Fb?%41=%42", "https://h?", "https://h/?&", "http:://h", "https://h/p/?x#y#z",
        ]
        for url in urls {
            let bytes = URLParts(ascii: url)
            let characters = URLParts(characters: url)
            #expect(bytes == characters, "\(url.debugDescription)")
            #expect(URLParts(url) == characters)
        }
    }

    @Test func asciiPathsSplitIntoTheSameSegmentsOnBytesAsOnCharacters() throws {
        var random = Xoshiro256StarStar(seed: 31)
        let pieces = ["/", "//", "calendars", "a%40b", "%2F", "%zz", "+", "%", "\r\n", "\r", "é", "\u{301}", "x.ics", "v1.0"]
        var paths = ["/", "", "//", "/a//b/", "/\r\n/x", "/%2F/", "/\u{301}/x", "/x/\u{301}"]
        for _ in 0..<3_000 {
            var path = ""
            for _ in 0..<Int(random.below(9)) { path += pieces[Int(random.below(UInt64(pieces.count)))] }
            paths.append(path)
        }
        for path in paths {
            var parts = try #require(URLParts("https://h/"))
            parts.path = path
            #expect(parts.pathSegments == parts.characterPathSegments, "\(path.debugDescription)")
        }
    }

    @Test func urlsParseOnTheirBytesAsOnTheirCharacters() {
        var random = Xoshiro256StarStar(seed: 37)
        let pieces = [
            "https://", "http://", "HTTP://", "h", "host.example", "/", "?", "&", "=", "#", "%41", "%zz", "+", "%",
            ":", "\r\n", "a", "$deltatoken", "x.ics", "//", "é", "\u{301}",
        ]
        for _ in 0..<4_000 {
            let url = (0..<random.below(10)).map { _ in pieces[Int(random.below(UInt64(pieces.count)))] }.joined()
            if url.utf8.allSatisfy({ $0 < 0x80 }) {
                #expect(URLParts(ascii: url) == URLParts(characters: url), "\(url.debugDescription)")
            }
            #expect(URLParts(url) == URLParts(characters: url), "\(url.debugDescription)")
        }
    }

    @Test func decodesQueryItemsWithAndWithoutEscapes() throws {
        let parts = try #require(URLParts("https://h/p%20q/r?a=plain&b=x%2By+z&c=%zz&d&=e&f=%C3%A9"))
        #expect(parts.query.map(\.name) == ["a", "b", "c", "d", "", "f"])
        #expect(parts.query.map(\.value) == ["plain", "x+y z", "%zz", "", "e", "é"])
        #expect(parts.pathSegments == ["p q", "r"])
        #expect(URLParts.percentDecode("token_-AZaz09") == "token_-AZaz09")
        #expect(URLParts.percentDecode("a%41+") == "aA ")
    }

    @Test func percentEncodingKeepsOnlyUnreservedCharacters() {
        #expect(URLParts.percentEncode("AZaz09-._~") == "AZaz09-._~")
        #expect(URLParts.percentEncode("a b/é+%🚀") == "a%20b%2F%C3%A9%2B%25%F0%9F%9A%80")
        #expect(URLParts.percentEncode("") == "")
        for text in ["team@group.calendar.google.com", "a\u{0}b\r\n", "e\u{301}", "?&=#"] {
            #expect(URLParts.percentDecode(URLParts.percentEncode(text)) == text)
        }
    }

    @Test func headersAreCaseInsensitiveAndOrdered() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "ETag": "\"1\""]
        #expect(headers["content-type"] == "application/json")
        headers.set("etag", "\"2\"")
        #expect(headers.fields.map(\.name) == ["Content-Type", "etag"])
        #expect(headers["ETAG"] == "\"2\"")
    }
}
