import Foundation
import TMinusProviders

/// Loads the wire fixtures under `Fixtures/google/` from the test bundle.
enum Fixtures {
    /// The bytes of `google/<name>`.
    static func google(_ name: String) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/google"),
            let data = try? Data(contentsOf: url)
        else { fatalError("missing fixture google/\(name)") }
        return Array(data)
    }

    /// Every JSON fixture name under `google/`, sorted.
    static var googleNames: [String] {
        guard let folder = Bundle.module.url(forResource: "google", withExtension: nil, subdirectory: "Fixtures"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { fatalError("missing fixture folder google/") }
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    /// A response with a fixture body.
    static func response(_ status: Int, _ name: String, headers: HTTPHeaders = ["Content-Type": "application/json"])
        -> HTTPResponse
    {
        HTTPResponse(status: status, headers: headers, body: google(name))
    }

    /// A push delivery fixture (`{method, url, headers}`) as a request.
    static func pushRequest(_ name: String) -> HTTPRequest {
        guard let json = try? WireJSON.parse(google(name)), case .string(let method)? = json["method"],
            case .string(let url)? = json["url"], case .array(let pairs)? = json["headers"]
        else { fatalError("bad push fixture \(name)") }
        var headers = HTTPHeaders()
        for pair in pairs {
            if case .array(let parts) = pair, parts.count == 2, case .string(let name) = parts[0],
                case .string(let value) = parts[1]
            {
                headers.add(name, value)
            }
        }
        return HTTPRequest(method: method, url: url, headers: headers)
    }
}
