import Foundation
import Testing
@testable import DZTensor

/// .npz archives: numpy's np.savez files read back, dz's files as numpy reads them
/// (fixtures by scripts/gen_npz_fixtures.py).
@Suite struct NPZTests {
    /// The arrays of Fixtures/npz/savez.npz (EXPECTED in gen_npz_fixtures.py).
    static let expected: [(String, [Int], [Double])] = [
        ("l0/W", [2, 3], (0..<6).map { Double($0) / 7 }),
        ("l0/b", [3], [0.5, -1.25, 3.0]),
        ("l1/W", [3, 1], [1e-300, -2.5, Double.pi]),
        ("l1/b", [1], [2.0]),          // stored as float32
        ("scalar", [], [42.0]),
    ]

    /// What dz writes to dz_written.npz (numpy's check is in gen_npz_fixtures.py).
    static let written: [(name: String, array: NDArray)] = [
        ("a", try! NDArray(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6.5])),
        ("b/c", NDArray(-0.125)),
    ]

    @Test func readsNumpySavez() throws {
        let arrays = try NPZ.read(contentsOf: Fixture.path("npz/savez.npz"))
        #expect(arrays.map(\.name) == Self.expected.map(\.0))
        for ((name, array), (_, shape, values)) in zip(arrays, Self.expected) {
            #expect(array.shape == shape, "\(name)")
            #expect(array.scalars == values, "\(name)")
        }
    }

    @Test func refusesCompressedArchivesClearly() {
        #expect(throws: TensorError.invalid(operation: "load",
            message: "'l0/W.npy' is deflate-compressed (np.savez_compressed); dz reads uncompressed .npz files as np.savez writes them")) {
            try NPZ.read(contentsOf: Fixture.path("npz/savez_compressed.npz"))
        }
    }

    @Test func writesTheCommittedBytesNumpyReads() throws {
        let bytes = NPZ.encode(Self.written)
        if let out = ProcessInfo.processInfo.environment["DZ_WRITE_NPZ_FIXTURE"] {
            try Data(bytes).write(to: URL(fileURLWithPath: out))
        }
        #expect(bytes == Fixture.bytes("npz/dz_written.npz"))
    }

    @Test func roundTrip() throws {
        let arrays: [(name: String, array: NDArray)] = [
            ("W", try NDArray(shape: [3, 2], scalars: [1, -2, .infinity, 4e-310, .pi, -0.0])),
            ("empty", try NDArray.zeros([0, 4])),
        ]
        let back = try NPZ.decode(NPZ.encode(arrays))
        #expect(back.map(\.name) == ["W", "empty"])
        #expect(back[0].array.shape == [3, 2])
        #expect(back[0].array.scalars.map(\.bitPattern) == arrays[0].array.scalars.map(\.bitPattern))
        #expect(back[1].array.shape == [0, 4])
    }

    @Test func detectsCorruption() throws {
        var bytes = NPZ.encode(Self.written)
        bytes[100] ^= 0xFF   // inside the first entry's data
        #expect(throws: TensorError.invalid(operation: "load", message: "'a.npy' in the .npz file is corrupt (CRC-32 mismatch)")) {
            try NPZ.decode(bytes)
        }
        #expect(throws: TensorError.self) { try NPZ.decode(Array(bytes.prefix(40))) }
        #expect(throws: TensorError.self) { try NPZ.decode([]) }
    }

    @Test func crc32MatchesZlib() {
        // zlib.crc32(b"123456789") == 0xCBF43926
        #expect(NPZ.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
