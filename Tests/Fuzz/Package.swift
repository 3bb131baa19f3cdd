// swift-tools-version:6.0
// libFuzzer targets for dz, built by scripts/fuzz (`make fuzz`), not by the main package:
// the whole graph must be compiled with `-sanitize=fuzzer,address` for coverage, which
// scripts/fuzz passes with -Xswiftc. Each target's @main hands its test function to
// libFuzzer's driver (FuzzSupport).
import PackageDescription

let package = Package(
    name: "dz-fuzz",
    dependencies: [.package(name: "dz", path: "../..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "fuzz-language", dependencies: [
            "FuzzSupport",
            .product(name: "DZLanguage", package: "dz"),
            .product(name: "DZTensor", package: "dz"),
        ]),
        .executableTarget(name: "fuzz-npy", dependencies: [
            "FuzzSupport",
            .product(name: "DZTensor", package: "dz"),
        ]),
    ]
)
