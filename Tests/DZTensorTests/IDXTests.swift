import Testing
import DZTensor
import DZTestSupport

/// The IDX reader (MNIST's format) and the gzip layer under it, on crafted files.
@Suite struct IDXTests {
    @Test func unsignedBytesReadInTheirShape() throws {
        let file = CraftedIDX.gzip(CraftedIDX.unsignedBytes(shape: [2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]))
        let a = try IDX.decode(try Gzip.decompress(file, operation: "mnist", name: "x.gz"), operation: "mnist", name: "x.gz")
        #expect(a.shape == [2, 2, 3])
        #expect(a.scalars == [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255])
    }

    @Test func aFileLargerThanOneStoredBlockDecompresses() throws {
        let values = (0..<70_000).map { UInt8($0 % 251) }
        let back = try Gzip.decompress(CraftedIDX.gzip(values), operation: "mnist", name: "big.gz")
        #expect(back == values)
    }

    @Test func otherElementTypesAreBigEndian() throws {
        // 0x0B: int16 -2 and 258; 0x0D: float32 1.5.
        let shorts: [UInt8] = [0, 0, 0x0B, 1, 0, 0, 0, 2, 0xff, 0xfe, 0x01, 0x02]
        #expect(try IDX.decode(shorts, operation: "t", name: "s").scalars == [-2, 258])
        let floats: [UInt8] = [0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0]
        #expect(try IDX.decode(floats, operation: "t", name: "f").scalars == [1.5])
    }

    @Test func malformedFilesAreErrorsNamingTheFile() throws {
        #expect(throws: TensorError.invalid(operation: "mnist", message: "'x.gz' is not a valid gzip file: it does not start with the gzip magic number 1f 8b")) {
            try Gzip.decompress([UInt8](repeating: 7, count: 30), operation: "mnist", name: "x.gz")
        }
        var corrupt = CraftedIDX.gzip(CraftedIDX.unsignedBytes(shape: [2], [1, 2]))
        corrupt[corrupt.count - 9] ^= 0xff    // a data byte
        #expect(throws: TensorError.invalid(operation: "mnist", message: "'x.gz' is not a valid gzip file: CRC-32 mismatch (the file is corrupt)")) {
            try Gzip.decompress(corrupt, operation: "mnist", name: "x.gz")
        }
        #expect(throws: TensorError.invalid(operation: "mnist", message: "'x' is not an IDX file: the header says (2, 3) (6 elements of 1 byte), but 5 bytes follow it")) {
            try IDX.decode(CraftedIDX.unsignedBytes(shape: [2, 3], [1, 2, 3, 4, 5]), operation: "mnist", name: "x")
        }
        #expect(throws: TensorError.invalid(operation: "mnist", message: "'x' is not an IDX file: unknown element type 0x7")) {
            try IDX.decode([0, 0, 7, 1, 0, 0, 0, 0], operation: "mnist", name: "x")
        }
        // A header claiming 2^32 - 1 squared elements: refused before anything is allocated.
        #expect(throws: TensorError.self) {
            try IDX.decode([0, 0, 8, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], operation: "mnist", name: "x")
        }
    }
}
