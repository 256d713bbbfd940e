// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "crmkit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crmkit", targets: ["crmkit"]),
        .executable(name: "crmkit-bench", targets: ["crmkit-bench"]),
        .library(name: "CRMModel", targets: ["CRMModel"]),
        .library(name: "CRMClient", targets: ["CRMClient"]),
        .library(name: "CRMSandbox", targets: ["CRMSandbox"]),
        .library(name: "CRMImport", targets: ["CRMImport"]),
        .library(name: "CRMDedupe", targets: ["CRMDedupe"]),
        .library(name: "CRMSync", targets: ["CRMSync"]),
        .library(name: "CRMSchema", targets: ["CRMSchema"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // System libraries and C bridges.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CUchardet",
            pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"])]
        ),
        // The only code that includes libxml2's headers: they clash with Foundation in a Swift module.
        .target(name: "CXMLBridge", dependencies: ["CLibXML2"]),
        // The CSV reader's byte scanning (SSE2 where there is SSE2).
        .target(name: "CCSVScan"),

        // Libraries, left to right in the data flow.
        .target(name: "CRMModel"),
        // What several modules need and none owns: SHA-256 and starting a child process.
        .target(name: "CRMSupport"),
        .target(
            name: "CRMClient",
            dependencies: ["CRMModel", "CCurl", "Yams", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "CRMSandbox",
            dependencies: [
                "CRMModel",
                "CRMSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "CRMImport", dependencies: ["CRMModel", "CRMDedupe", "CXMLBridge", "CCSVScan", "CUchardet", "Yams"]),
        .target(name: "CRMDedupe", dependencies: ["CRMModel"]),
        .target(name: "CRMSync", dependencies: ["CRMClient", "CRMImport", "CRMDedupe", "CRMSchema", "CRMSupport", "Yams"]),
        .target(name: "CRMSchema", dependencies: ["CRMClient", "CRMSupport", "Yams"]),

        // The command-line tool and the benchmarks.
        .executableTarget(
            name: "crmkit",
            dependencies: [
                "CRMModel", "CRMClient", "CRMSandbox", "CRMImport", "CRMDedupe", "CRMSync", "CRMSchema", "CRMSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // `crmkit review` serves its page with it.
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "crmkit-bench",
            dependencies: [
                "CRMModel", "CRMClient", "CRMSandbox", "CRMImport", "CRMDedupe", "CRMSync", "CUchardet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // ICU's charset detector, measured against ours (Foundation ships ICU as _FoundationICU).
            linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]
        ),

        // Tests (Swift Testing). Server tests talk real loopback HTTP through CRMClient.
        // The one sandbox harness of the test targets.
        .target(name: "CRMTestSupport", dependencies: ["CRMSandbox", "CRMClient", "CRMModel"], path: "Tests/CRMTestSupport"),
        .testTarget(name: "CRMModelTests", dependencies: ["CRMModel"]),
        .testTarget(name: "CRMSupportTests", dependencies: ["CRMSupport"]),
        .testTarget(name: "CRMSandboxTests", dependencies: ["CRMSandbox", "CRMClient", "CRMModel", "CRMTestSupport"]),
        .testTarget(name: "CRMClientTests", dependencies: ["CRMClient", "CRMSandbox", "CRMModel", "CRMTestSupport"]),
        .testTarget(
            name: "CRMImportTests",
            dependencies: ["CRMImport", "CRMModel", "CRMSync", "CRMSandbox", "CRMClient", "CRMTestSupport"],
            // Expected results as text files, read from the source tree by `PinnedText`.
            exclude: ["Pinned"]),
        .testTarget(name: "CRMDedupeTests", dependencies: ["CRMDedupe", "CRMImport", "CRMModel"]),
        .testTarget(name: "CRMSyncTests", dependencies: ["CRMSync", "CRMImport", "CRMDedupe", "CRMSchema", "CRMSandbox", "CRMClient", "CRMModel", "CRMTestSupport"]),
        .testTarget(name: "CRMSchemaTests", dependencies: ["CRMSchema", "CRMSandbox", "CRMClient", "CRMModel", "CRMSupport", "CRMTestSupport"]),
        .testTarget(
            name: "CLITests",
            // `crmkit`: the tests run the built binary, so building the tests builds it.
            dependencies: ["crmkit", "CRMSandbox", "CRMClient", "CRMModel", "CRMSupport", "CRMSync", "CRMTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
