import TMinusProviders
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

    @Test func headersAreCaseInsensitiveAndOrdered() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "ETag": "\"1\""]
        #expect(headers["content-type"] == "application/json")
        headers.set("etag", "\"2\"")
        #expect(headers.fields.map(\.name) == ["Content-Type", "etag"])
        #expect(headers["ETAG"] == "\"2\"")
    }
}
