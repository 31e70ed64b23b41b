// swift-tools-version: 6.2
// T-Minus in Swift: a calendar federation engine and the deterministic simulator that proves it.
//
// The manifest is a table of targets plus one loop that applies the same strict settings to every
// Swift target (the swift-log / swift-clocks shape). Imports point one way:
//   tminus → TMinusCLI → TMinusSimulation / TMinusLive → TMinusEngine
//   → TMinusStore / TMinusQueues / TMinusProviders → TMinusSQLite / TMinusCore.
// Only TMinusSQLite imports CSQLite, only TMinusCore imports CSHA256; only TMinusLive may read the
// real clock, randomness or network.
import PackageDescription

let package = Package(
    name: "tminus",
    products: [
        .executable(name: "tminus", targets: ["tminus"])
    ],
    targets: [
        // The system SQLite library (libsqlite3-dev), wrapped by TMinusSQLite alone.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Connection, statements, transactions, migrations: the only importer of CSQLite.
        .target(name: "TMinusSQLite", dependencies: ["CSQLite", "TMinusCore"]),
        // SHA-256 blocks with the x86-64 SHA instructions, used by TMinusCore's SHA256 when the CPU has them.
        .target(name: "CSHA256"),
        // Pure domain model, hashing, IDs, PRNG, environment protocols, projection. No I/O.
        .target(name: "TMinusCore", dependencies: ["CSHA256"]),
        // Registry, user-graph and account stores with their schemas and operations.
        .target(name: "TMinusStore", dependencies: ["TMinusCore", "TMinusSQLite"]),
        // Provider adapters, sans-I/O: request builders and response parsers over the HTTPTransport seam.
        .target(name: "TMinusProviders", dependencies: ["TMinusCore"]),
        // Durable SQLite-backed queues with visibility timeouts, backoff and dead letters.
        .target(name: "TMinusQueues", dependencies: ["TMinusCore", "TMinusSQLite"]),
        // The serialized units (UserGraph, AccountState) and the flows that drive them.
        .target(
            name: "TMinusEngine", dependencies: ["TMinusCore", "TMinusSQLite", "TMinusStore", "TMinusQueues", "TMinusProviders"]),
        // Deterministic kernel: executors, virtual time, skewed clocks, trace, fakes, faults.
        .target(
            name: "TMinusSimulation",
            dependencies: [
                "TMinusCore", "TMinusSQLite", "TMinusStore", "TMinusQueues", "TMinusEngine", "TMinusProviders",
            ]
        ),
        // The real clock, real randomness and real HTTP for the daemon.
        .target(name: "TMinusLive", dependencies: ["TMinusCore", "TMinusEngine", "TMinusProviders"]),
        // Subcommands and the hand-written argument parser; the executable stays thin.
        .target(
            name: "TMinusCLI",
            dependencies: [
                "TMinusCore", "TMinusSQLite", "TMinusStore", "TMinusQueues", "TMinusEngine", "TMinusProviders",
                "TMinusSimulation", "TMinusLive",
            ]
        ),
        .executableTarget(name: "tminus", dependencies: ["TMinusCLI"]),

        // Support shared by the test targets that run the built binary (a child-process runner).
        .target(name: "TMinusTestSupport", path: "Tests/TMinusTestSupport"),
        .testTarget(name: "TMinusSQLiteTests", dependencies: ["TMinusSQLite"]),
        .testTarget(name: "TMinusCoreTests", dependencies: ["TMinusCore"]),
        .testTarget(name: "TMinusStoreTests", dependencies: ["TMinusStore", "TMinusCore", "TMinusSQLite"]),
        .testTarget(name: "TMinusProvidersTests", dependencies: ["TMinusProviders", "TMinusCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TMinusQueuesTests", dependencies: ["TMinusQueues", "TMinusCore", "TMinusSQLite"]),
        .testTarget(name: "TMinusEngineTests", dependencies: ["TMinusEngine", "TMinusStore", "TMinusQueues", "TMinusCore"]),
        // tminus: the runtime-capture tests run the built binary (the executor factory cannot be installed in-process).
        .testTarget(
            name: "TMinusSimulationTests",
            dependencies: [
                "TMinusSimulation", "TMinusEngine", "TMinusProviders", "TMinusStore", "TMinusSQLite", "TMinusCore", "TMinusLive",
                "tminus", "TMinusTestSupport",
            ]),
        .testTarget(name: "TMinusLiveTests", dependencies: ["TMinusLive", "TMinusCore", "TMinusProviders"]),
        .testTarget(name: "TMinusCLITests", dependencies: ["TMinusCLI", "tminus", "TMinusTestSupport"]),
        .testTarget(name: "TidyTests"),
    ]
)

// One strict-settings loop for every Swift target (system libraries take no settings).
for target in package.targets where target.type != .system && target.name != "CSHA256" {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
        // Every public type states its Sendable choice explicitly (swift-log, swift-nio).
        .unsafeFlags(["-Xfrontend", "-require-explicit-sendable"]),
    ]
}
