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

    @Test func readsNumpySavezCompressed() throws {
        // np.savez_compressed, as DeZero's save_weights writes: deflated entries.
        let arrays = try NPZ.read(contentsOf: Fixture.path("npz/savez_compressed.npz"))
        #expect(arrays.map(\.name) == Self.expected.map(\.0))
        for ((name, array), (_, shape, values)) in zip(arrays, Self.expected) {
            #expect(array.shape == shape, "\(name)")
            #expect(array.scalars == values, "\(name)")
        }
        let large = try NPZ.read(contentsOf: Fixture.path("npz/compressed_large.npz"))
        #expect(large.map(\.name) == ["big", "zeros"])
        #expect(large[0].array.shape == [100, 200])
        #expect(large[0].array.scalars == (0..<20000).map { Double($0 * 7 % 13) })
        #expect(large[1].array.scalars == [Double](repeating: 0, count: 5000))
    }

    @Test func refusesCorruptDeflateData() throws {
        var bytes = Fixture.bytes("npz/compressed_large.npz")
        // Damage the first entry's compressed data (after its local header and name).
        for i in 60..<80 { bytes[i] ^= 0x5A }
        #expect(throws: TensorError.self) { try NPZ.decode(bytes) }
    }

    @Test func writesTheCommittedBytesNumpyReads() throws {
        let bytes = try NPZ.encode(Self.written)
        if let out = ProcessInfo.processInfo.environment["DZ_WRITE_NPZ_FIXTURE"] {
            try Data(bytes).write(to: URL(fileURLWithPath: out))
        }
        #expect(bytes == Fixture.bytes("npz/dz_written.npz"))
    }

    @Test func roundTrip() throws {
        let arrays: [(name: String, array: NDArray)] = [
            ("W", try NDArray(shape: [3, 2], scalars: [1, -2, .infinity, Double("4e-310")!, .pi, -0.0])),
            ("empty", try NDArray.zeros([0, 4])),
        ]
        let back = try NPZ.decode(try NPZ.encode(arrays))
        #expect(back.map(\.name) == ["W", "empty"])
        #expect(back[0].array.shape == [3, 2])
        #expect(back[0].array.scalars.map(\.bitPattern) == arrays[0].array.scalars.map(\.bitPattern))
        #expect(back[1].array.shape == [0, 4])
    }

    @Test func detectsCorruption() throws {
        var bytes = try NPZ.encode(Self.written)
        bytes[100] ^= 0xFF   // inside the first entry's data
        #expect(throws: TensorError.invalid(operation: "load", message: "'a.npy' in the .npz file is corrupt (CRC-32 mismatch)")) {
            try NPZ.decode(bytes)
        }
        #expect(throws: TensorError.self) { try NPZ.decode(Array(bytes.prefix(40))) }
        #expect(throws: TensorError.self) { try NPZ.decode([]) }
    }

    @Test func inflatesStoredBlocks() throws {
        // A final stored block of 3 bytes: header bits 1 (final) 00 (stored), LEN 3, NLEN ~3.
        #expect(try Inflate.decompress([0x01, 0x03, 0x00, 0xFC, 0xFF, 0x61, 0x62, 0x63], expectedSize: 3) == Array("abc".utf8))
        #expect(throws: Inflate.Failure.self) { try Inflate.decompress([0x01, 0x03, 0x00, 0xFC, 0xFE, 0x61], expectedSize: 3) }
        #expect(throws: Inflate.Failure.self) { try Inflate.decompress([0x07], expectedSize: 3) }
    }

    @Test func crc32MatchesZlib() {
        // zlib.crc32(b"123456789") == 0xCBF43926
        #expect(NPZ.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
