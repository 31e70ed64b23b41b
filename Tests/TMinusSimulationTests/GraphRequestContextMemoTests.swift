import TMinusCore
import TMinusProviders
@testable import TMinusSimulation
import Testing

/// The Graph fake remembers each request context by what it is made from: a remembered context
/// must equal a fresh one for every mix of `Prefer` headers, `$expand` and `$select`.
struct GraphRequestContextMemoTests {
    @Test func rememberedContextsEqualFreshOnes() throws {
        let world = makeGraphWorld(seed: 3)
        let prefers = [
            [], [#"IdType="ImmutableId""#], [#"IdType="ImmutableId", outlook.timezone="Pacific Standard Time""#],
            [#"outlook.timezone="Europe/Berlin""#, #"outlook.body-content-type="text""#], ["odata.maxpagesize=4"],
            [#"outlook.timezone="Nowhere/Else""#, "odata.maxpagesize=x"], [#"idtype="immutableid""#, " , ="],
            [#"outlook.body-content-type="html""#, #"IdType="ImmutableId""#],
        ]
        let queries = [
            "", "?$select=subject", "?$expand=singleValueExtendedProperties($filter=id%20eq%20'String%20{x}%20Name%20a')",
            "?$expand=other", "?$expand=singleValueExtendedProperties($filter=id%20eq%20'b''c'%20or%20id%20eq%20'd')",
        ]
        for round in 0..<2 {
            for prefer in prefers {
                for query in queries {
                    var headers = HTTPHeaders()
                    for value in prefer { headers.add(round == 0 ? "Prefer" : "prefer", value) }
                    let request = HTTPRequest(
                        method: "GET", url: FakeGraphServer.apiBase + "/me/events" + query, headers: headers)
                    let parts = try #require(request.components)
                    let remembered = world.server.state.withLock { $0.requestContext(request, parts: parts) }
                    #expect(remembered == GraphRequestContext(request, parts: parts), "\(prefer) \(query)")
                }
            }
        }
        #expect(world.server.state.withLock { $0.requestContexts.count } == prefers.count * queries.count)
    }
}
