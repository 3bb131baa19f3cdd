import Foundation

/// Test fixtures copied into the test bundle from `Tests/DZTensorTests/Fixtures`.
enum Fixture {
    /// The `Fixtures` folder in the test bundle.
    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures", isDirectory: true)
    }

    /// The path of a fixture file, e.g. `path("npy/f8_c_v1.npy")`.
    static func path(_ relative: String) -> String {
        directory.appendingPathComponent(relative).path
    }

    /// The bytes of a fixture file (empty if it cannot be read; tests check what they read).
    static func bytes(_ relative: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(relative)) else { return [] }
        return [UInt8](data)
    }

    /// Decodes a JSON fixture.
    static func json<T: Decodable>(_ relative: String, as type: T.Type) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(relative))
        return try JSONDecoder().decode(T.self, from: data)
    }
}

/// A double written by Python's `float.hex()` (`0x1.8p+0`, `-0x0.0p+0`, `inf`, `nan`).
func parseHexDouble(_ text: String) -> Double? {
    Double(text)
}
