import Foundation
import TMinusCore
import TMinusProviders

/// One folder of wire fixtures under `Fixtures/` in the test bundle (`google/`, `graph/`).
struct FixtureFolder: Sendable {
    /// The folder's name under `Fixtures/`.
    let name: String

    static let google = FixtureFolder(name: "google")
    static let graph = FixtureFolder(name: "graph")

    /// The bytes of `<folder>/<file>`.
    func bytes(_ file: String) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "Fixtures/\(name)"),
            let data = try? Data(contentsOf: url)
        else { fatalError("missing fixture \(name)/\(file)") }
        return Array(data)
    }

    /// Every JSON fixture name in the folder, sorted.
    var names: [String] { names(endingIn: ".json") }

    /// Every fixture name in the folder ending in `suffix`, sorted.
    func names(endingIn suffix: String) -> [String] {
        guard let folder = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { fatalError("missing fixture folder \(name)/") }
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// A response with a fixture body.
    func response(_ status: Int, _ file: String, headers: HTTPHeaders = ["Content-Type": "application/json"])
        -> HTTPResponse
    {
        HTTPResponse(status: status, headers: headers, body: bytes(file))
    }

    /// A push delivery fixture (`{method, url, headers, body?}`) as a request; `body` is serialized.
    func pushRequest(_ file: String) -> HTTPRequest {
        guard let json = try? WireJSON.parse(bytes(file)), case .string(let method)? = json["method"],
            case .string(let url)? = json["url"], case .array(let pairs)? = json["headers"]
        else { fatalError("bad push fixture \(name)/\(file)") }
        var headers = HTTPHeaders()
        for pair in pairs {
            if case .array(let parts) = pair, parts.count == 2, case .string(let field) = parts[0],
                case .string(let value) = parts[1]
            {
                headers.add(field, value)
            }
        }
        return HTTPRequest(method: method, url: url, headers: headers, body: json["body"]?.serialized ?? [])
    }
}

/// The Google fixtures (`Fixtures/google/`).
enum Fixtures {
    /// The bytes of `google/<name>`.
    static func google(_ name: String) -> [UInt8] { FixtureFolder.google.bytes(name) }
    /// Every JSON fixture name under `google/`, sorted.
    static var googleNames: [String] { FixtureFolder.google.names }

    /// A response with a fixture body.
    static func response(_ status: Int, _ name: String, headers: HTTPHeaders = ["Content-Type": "application/json"])
        -> HTTPResponse
    { FixtureFolder.google.response(status, name, headers: headers) }

    /// A push delivery fixture as a request.
    static func pushRequest(_ name: String) -> HTTPRequest { FixtureFolder.google.pushRequest(name) }
}

/// The Microsoft Graph fixtures (`Fixtures/graph/`).
enum GraphFixtures {
    /// The bytes of `graph/<name>`.
    static func bytes(_ name: String) -> [UInt8] { FixtureFolder.graph.bytes(name) }
    /// Every JSON fixture name under `graph/`, sorted.
    static var names: [String] { FixtureFolder.graph.names }

    /// A response with a fixture body.
    static func response(_ status: Int, _ name: String, headers: HTTPHeaders = ["Content-Type": "application/json"])
        -> HTTPResponse
    { FixtureFolder.graph.response(status, name, headers: headers) }

    /// A push delivery fixture as a request.
    static func pushRequest(_ name: String) -> HTTPRequest { FixtureFolder.graph.pushRequest(name) }
}
