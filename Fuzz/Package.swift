// swift-tools-version: 6.2
// The libFuzzer targets. A package of their own that depends on crmkit's libraries by path, so
// SwiftPM builds exactly the modules each target needs, from crmkit's own Package.swift: a new
// dependency of a library reaches the fuzz build by itself. Built by Fuzz/run.sh with
// `--sanitize fuzzer --sanitize address` into .build-fuzz/; see docs/fuzzing.md.
import Foundation
import PackageDescription

/// A path dependency is named after its folder, which is whatever the clone was called.
let crmkit = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: "fuzz-\(name)",
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: crmkit) }
    )
}

let package = Package(
    name: "crmkit-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "CRMImport", package: crmkit)]),
        fuzzTarget("csv", ["CRMImport"]),
        fuzzTarget("vcard", ["CRMImport"]),
        fuzzTarget("xml", ["CRMImport"]),
        fuzzTarget("encoding", ["CRMImport"]),
        fuzzTarget("mapping", ["CRMImport"]),
        fuzzTarget("schema", ["CRMSchema"]),
        fuzzTarget("plan", ["CRMSync"]),
        fuzzTarget("merge-plan", ["CRMSync"]),
        fuzzTarget("json", ["CRMModel"]),
    ]
)
