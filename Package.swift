// swift-tools-version:6.0
// dz: build computation graphs and differentiate them, interactively.
//
// Dependencies point one way: DZTensor <- DZAutodiff <- DZLanguage <- DZREPL <- dz.
import PackageDescription

/// Release builds of the numeric and interpreter modules skip the dynamic exclusivity
/// checks (measured: several percent of an interpreted loop); debug builds keep them.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "dz",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dz", targets: ["dz"]),
        .executable(name: "dz-kernel", targets: ["dz-kernel"]),
        .library(name: "DZTensor", targets: ["DZTensor"]),
        .library(name: "DZAutodiff", targets: ["DZAutodiff"]),
        .library(name: "DZLanguage", targets: ["DZLanguage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // System libraries. CBLAS only declares cblas.h: OpenBLAS is loaded at run time by
        // DZTensor (see BLASLibrary.swift) so that its kernel can be chosen before it starts.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),

        // VectorTanh's loops built for AVX2 and AVX-512F, chosen at run time by DZTensor.
        // Optimized in debug builds too, so that the tests check the vectorized loops.
        .target(name: "CVectorMath", cSettings: [.unsafeFlags(["-O2"])]),
        // The per-thread grad and train flags, read on every operation.
        .target(name: "CThreadFlags"),
        .target(name: "DZTensor", dependencies: ["CBLAS", "CVectorMath"], swiftSettings: fast),
        .target(name: "DZAutodiff", dependencies: [
            "DZTensor", "CThreadFlags",
            .product(name: "HeapModule", package: "swift-collections"),
        ], swiftSettings: fast),
        .target(name: "DZLanguage", dependencies: ["DZAutodiff"], swiftSettings: fast),
        // C shim over libedit's variadic API (unavailable in Swift) and the process's signal flags.
        .target(name: "CEditLineShim", dependencies: ["CEditLine"]),
        .target(name: "DZREPL", dependencies: ["DZLanguage", "CEditLine", "CEditLineShim"]),
        // The Jupyter kernel: its own program, so that dz itself does not load libzmq.
        // (No pkgConfig: libzmq.pc's krb5 flags only make SwiftPM warn; zmq.h is on the
        // default include path.)
        .systemLibrary(name: "CZMQ", path: "Sources/CZMQ", providers: [.apt(["libzmq3-dev"])]),
        .target(name: "DZKernel", dependencies: ["CZMQ", "DZREPL", "DZLanguage", "DZAutodiff", "DZTensor"]),
        .executableTarget(name: "dz-kernel", dependencies: ["DZKernel", "DZTensor"]),
        // Hidden echo REPL on the real line editor, used by the pty tests in DZREPLTests.
        .executableTarget(name: "dz-repl-probe", dependencies: ["DZREPL"], path: "Sources/DZREPLProbe"),
        .executableTarget(name: "dz", dependencies: [
            "DZREPL", "DZLanguage", "DZTensor",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The engine's per-operation benchmark (bench/engine), run in release mode.
        .executableTarget(name: "dz-bench-engine", dependencies: ["DZAutodiff"], path: "bench/engine"),
        .target(name: "DZTestSupport", dependencies: ["DZTensor", "DZAutodiff"]),

        .testTarget(name: "DZAutodiffTests", dependencies: ["DZAutodiff", "DZTestSupport"],
                    resources: [.copy("Fixtures")]),
        // BadInput/ and Fixtures/ are read from the source tree by the tests, not bundled.
        .testTarget(name: "EndToEndTests", dependencies: ["dz", "dz-kernel", "DZTestSupport"], exclude: ["BadInput", "Fixtures"]),
        .testTarget(name: "DZTensorTests", dependencies: ["DZTensor", "DZTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DZLanguageTests", dependencies: ["DZLanguage", "DZTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DZKernelTests", dependencies: ["DZKernel"]),
        .testTarget(name: "DZREPLTests", dependencies: ["DZREPL", "DZTestSupport", "dz-repl-probe"]),
    ]
)
