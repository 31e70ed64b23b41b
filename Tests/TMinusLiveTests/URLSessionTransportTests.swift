import TMinusLive
import TMinusProviders
import Testing

@Suite("URLSessionTransport host policy")
struct URLSessionTransportTests {
    @Test("loopback names are recognised with and without ports, IPv6 in brackets")
    func loopbackNames() {
        for host in ["127.0.0.1", "127.0.0.1:5232", "localhost", "LOCALHOST:80", "[::1]:5232", "[::1]"] {
            #expect(URLSessionTransport.isLoopback(host), "\(host)")
        }
        for host in ["example.com", "10.0.0.1:5232", "[2001:db8::1]:443", "localhost.example.com"] {
            #expect(!URLSessionTransport.isLoopback(host), "\(host)")
        }
    }

    @Test("a loopback-only transport refuses other hosts before sending anything")
    func refusesRemoteHosts() async {
        let transport = URLSessionTransport(timeout: 1, loopbackOnly: true)
        let request = HTTPRequest(method: "GET", url: "https://calendar.example.com/dav/")
        await #expect(throws: TransportError.self) { try await transport.send(request) }
    }
}
