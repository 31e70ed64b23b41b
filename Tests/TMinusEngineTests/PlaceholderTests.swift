import Testing

struct PlaceholderTests {
    @Test func targetBuilds() {}
}
