import Foundation
import Testing
@testable import DZTensor

/// A numpy-written file, the dtype dz reads it as and the values (as float64, and for int64
/// the exact integers) numpy's `astype` to that dtype gives (see scripts/gen_npy_fixtures.py).
struct NPYValidCase: Decodable, Sendable, CustomTestStringConvertible {
    let file: String
    let shape: [Int]
    let values: [String]
    let dtype: String?
    let ints: [String]?
    var testDescription: String { file }
    var doubles: [Double] { values.map { parseHexDouble($0)! } }
    var dzType: DType { dtype.flatMap { DType(name: $0) } ?? .float64 }
    /// The array dz should hold for this case.
    func array() throws -> NDArray {
        if let ints { return try NDArray(shape: shape, integers: ints.map { Int64($0)! }) }
        return try NDArray(shape: shape, scalars: doubles, dtype: dzType)
    }
}

struct NPYCorruptCase: Decodable, Sendable {
    let file: String
    let why: String
    let numpy_loads: Bool
}

struct NPYExpected: Decodable {
    let numpy_version: String
    let valid: [NPYValidCase]
    let write: [NPYValidCase]
    let corrupt: [NPYCorruptCase]
    let dz_written: NPYValidCase
}

enum NPYFixtures {
    static let expected: NPYExpected? = try? Fixture.json("npy/expected.json", as: NPYExpected.self)
    static var valid: [NPYValidCase] { expected?.valid ?? [] }
    static var write: [NPYValidCase] { expected?.write ?? [] }

    /// What dz throws for each corrupt file.
    static let corrupt: [(String, TensorError)] = {
        func load(_ message: String) -> TensorError { .invalid(operation: "load", message: message) }
        let badMagic = load("not a .npy file (bad magic string)")
        return [
            ("empty_file", badMagic),
            ("bad_magic", badMagic),
            ("text_file", badMagic),
            ("magic_only", load("file is truncated: no format version")),
            ("no_header_length", load("file is truncated: no header length")),
            ("truncated_header", load("file is truncated: the header needs 118 bytes but 30 remain")),
            ("truncated_data", load("data has 43 bytes but shape (2, 3) of dtype '<f8' needs 48")),
            ("trailing_data", load("data has 56 bytes but shape (2, 3) of dtype '<f8' needs 48")),
            ("bad_version", load("unsupported .npy format version 4.0")),
            ("object_dtype", load("object arrays (dtype '|O') are not supported")),
            ("structured_dtype", load("structured dtypes are not supported")),
            ("unicode_dtype", load("unsupported string dtype '<U2'")),
            ("complex_dtype", load("unsupported complex dtype '<c16'")),
            ("datetime_dtype", load("unsupported datetime dtype '<M8[D]'")),
            ("header_not_dict", load("malformed header: not a dictionary")),
            ("header_missing_key",
             load("malformed header: expected keys 'descr', 'fortran_order', 'shape', got ['descr', 'shape']")),
            ("header_extra_key", load("malformed header: expected keys 'descr', 'fortran_order', 'shape', "
                                      + "got ['descr', 'fortran_order', 'shape', 'x']")),
            ("header_syntax", load("malformed header: unexpected end")),
            ("header_float_shape", load("malformed header: only integers are allowed")),
            ("header_shape_not_tuple", load("malformed header: shape is not a tuple")),
            ("header_bad_fortran", load("malformed header: fortran_order is not True or False")),
            ("header_bad_descr", load("unsupported dtype '<x9'")),
            ("negative_shape", .negativeDimension(operation: "load", shape: [-1])),
            ("huge_shape", .tooLarge(operation: "load", shape: [1 << 40, 1 << 40])),
            ("bigint_shape", load("shape has a dimension too large for this machine")),
            ("shape_mismatch", load("data has 16 bytes but shape (3,) of dtype '<i4' needs 12")),
            ("v3_bad_utf8", load("malformed header: not valid utf-8")),
        ]
    }()
    static var corruptNames: [String] { corrupt.map(\.0) }
}

/// Equal as bit patterns, or both NaN.
private func sameDouble(_ a: Double, _ b: Double) -> Bool {
    a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
}

private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("dz-npy-\(UUID().uuidString)-\(name)").path
}

@Suite struct NPYTests {
    @Test func fixturesArePresent() throws {
        let e = try #require(NPYFixtures.expected)
        #expect(e.valid.count == 48)
        #expect(e.write.count == 15)
        #expect(e.corrupt.count == 27)
        #expect(e.corrupt.map(\.file) == NPYFixtures.corruptNames.map { "corrupt/\($0).npy" })
    }

    @Test(arguments: NPYFixtures.valid)
    func readsNumpyFiles(_ c: NPYValidCase) throws {
        let a = try NPY.read(contentsOf: Fixture.path("npy/" + c.file))
        #expect(a.shape == c.shape)
        #expect(a.dtype == c.dzType, "\(c.file)")
        if let ints = c.ints { #expect(a.integers == ints.map { Int64($0)! }, "\(c.file)") }
        let want = c.doubles
        #expect(a.scalars.count == want.count)
        for (i, (got, w)) in zip(a.scalars, want).enumerated() {
            #expect(sameDouble(got, w), "\(c.file) element \(i): \(got) != \(w)")
        }
    }

    @Test(arguments: NPYFixtures.write)
    func encodesExactlyAsNumpy(_ c: NPYValidCase) throws {
        let a = try c.array()
        let numpyBytes = Fixture.bytes("npy/" + c.file)
        #expect(!numpyBytes.isEmpty)
        let ours = NPY.encode(a)
        #expect(ours == numpyBytes, "\(c.file): header \(String(decoding: ours.prefix(200), as: UTF8.self))")
        let headerEnd = try #require(ours.firstIndex(of: 0x0a))
        #expect((headerEnd + 1) % 64 == 0)
        #expect(ours.count - headerEnd - 1 == c.shape.reduce(1, *) * a.dtype.itemSize)
        // And it reads back.
        let back = try NPY.decode(ours)
        #expect(back.shape == c.shape)
        #expect(back.dtype == a.dtype && back.hasSameElements(as: a) || c.doubles.contains { $0.isNaN })
        #expect(zip(back.scalars, c.doubles).allSatisfy(sameDouble))
    }

    @Test(arguments: NPYFixtures.corrupt.indices)
    func refusesCorruptFiles(_ index: Int) {
        let (name, error) = NPYFixtures.corrupt[index]
        // The message of decoding the bytes, after the file's name.
        let path = Fixture.path("npy/corrupt/\(name).npy")
        let named = TensorError.invalid(operation: "load", message: "'\(path)': " + error.description.dropFirst("load: ".count))
        #expect(throws: error, "\(name)") { try NPY.decode(Fixture.bytes("npy/corrupt/\(name).npy")) }
        #expect(throws: named, "\(name)") { try NPY.read(contentsOf: path) }
    }

    @Test func errorMessagesNameTheOperation() {
        let e = TensorError.invalid(operation: "load", message: "not a .npy file (bad magic string)")
        #expect(e.description == "load: not a .npy file (bad magic string)")
        #expect(throws: e) { try NPY.decode([]) }
        #expect(throws: e) { try NPY.decode(Array("\u{93}NUMPX".utf8)) }
    }

    @Test func missingFileNamesThePath() {
        #expect(throws: TensorError.invalid(operation: "load",
                                            message: "cannot open '/nonexistent/dz/x.npy': no such file or directory")) {
            try NPY.read(contentsOf: "/nonexistent/dz/x.npy")
        }
        #expect(throws: TensorError.invalid(operation: "load", message: "cannot read '/': is a directory")) {
            try NPY.read(contentsOf: "/")
        }
        #expect(throws: TensorError.invalid(operation: "save",
                                            message: "cannot open '/nonexistent/dz/x.npy' for writing: no such file or directory")) {
            try NPY.write(NDArray(1), to: "/nonexistent/dz/x.npy")
        }
    }

    /// dz_written.npy was written by this test's NPY.write and committed; the fixture
    /// generator checks that numpy loads it. Here: NPY.write still produces those exact bytes.
    @Test func writesTheCommittedDzFile() throws {
        let e = try #require(NPYFixtures.expected)
        let a = try NDArray(shape: e.dz_written.shape, scalars: e.dz_written.doubles)
        let path = temporaryPath("dz_written.npy")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try NPY.write(a, to: path)
        let written = try NPY.readFile(path)
        #expect(written == Fixture.bytes("npy/dz_written.npy"))
        #expect(written.count == 128 + 24 * 8)
        let back = try NPY.read(contentsOf: path)
        #expect(back.shape == [2, 3, 4])
        #expect(zip(back.scalars, a.scalars).allSatisfy(sameDouble))
    }

    @Test func roundTripsThroughAFile() throws {
        let arrays: [NDArray] = [
            NDArray(-0.0),
            NDArray([]),
            NDArray([1, .pi, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude]),
            try NDArray(shape: [2, 0, 3], scalars: []),
            try NDArray(shape: [3, 1, 2], scalars: [1, 2, 3, 4, 5, 6]),
        ]
        for a in arrays {
            let path = temporaryPath("rt.npy")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try NPY.write(a, to: path)
            let b = try NPY.read(contentsOf: path)
            #expect(b.shape == a.shape)
            #expect(b.scalars.count == a.scalars.count)
            #expect(zip(b.scalars, a.scalars).allSatisfy(sameDouble))
        }
    }

    @Test func writesViewsInRowMajorOrder() throws {
        let base = try NDArray(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        // The transpose of `base` as a strided view over the same buffer.
        let t = NDArray(buffer: base.buffer, shape: [3, 2], strides: [1, 3], offset: 0, dtype: .float64)
        #expect(!t.isContiguous)
        let back = try NPY.decode(NPY.encode(t))
        #expect(back.shape == [3, 2])
        #expect(back.scalars == [1, 4, 2, 5, 3, 6])
    }

    @Test func fortranOrderIsTransposedIntoRowMajor() {
        // Column-major storage of [[0, 1, 2], [3, 4, 5]] is 0 3 1 4 2 5.
        #expect(NPY.fortranToRowMajor([0, 3, 1, 4, 2, 5], shape: [2, 3]) == [0, 1, 2, 3, 4, 5])
        // Shape (2, 2, 2): element [i, j, k] = 4i + 2j + k, stored with i fastest.
        let stored: [Double] = [0, 4, 2, 6, 1, 5, 3, 7]
        #expect(NPY.fortranToRowMajor(stored, shape: [2, 2, 2]) == [0, 1, 2, 3, 4, 5, 6, 7])
    }

    @Test func halfPrecisionConversion() {
        #expect(NPY.halfToDouble(0x3c00) == 1)
        #expect(NPY.halfToDouble(0xc000) == -2)
        #expect(NPY.halfToDouble(0x7bff) == 65504)
        #expect(NPY.halfToDouble(0x0001) == 0x1p-24)
        #expect(NPY.halfToDouble(0x8000).bitPattern == (-0.0).bitPattern)
        #expect(NPY.halfToDouble(0x7c00) == .infinity)
        #expect(NPY.halfToDouble(0x7e00).isNaN)
    }

    @Test func headerParserAcceptsPythonLiteralForms() throws {
        func header(_ text: String) throws -> NPY.Header {
            try NPY.Header(parsing: Array(text.unicodeScalars))
        }
        let h = try header("{ 'shape' : ( 4 , 5 ) ,\"descr\":'>u2','fortran_order':True}\n")
        #expect(h.shape == [4, 5])
        #expect(h.fortranOrder)
        #expect(h.descr == ">u2")
        #expect(try header("{'descr': '<f8', 'fortran_order': False, 'shape': ((7,)), }").shape == [7])
        #expect(try header("{'descr': '<f8', 'fortran_order': False, 'shape': (+3, 0)}").shape == [3, 0])
        #expect(throws: TensorError.invalid(operation: "load", message: "malformed header: shape is not a tuple")) {
            try header("{'descr': '<f8', 'fortran_order': False, 'shape': (7), }")
        }
        #expect(throws: TensorError.invalid(operation: "load", message: "malformed header: unexpected name 'true'")) {
            try header("{'descr': '<f8', 'fortran_order': true, 'shape': (), }")
        }
        #expect(throws: TensorError.invalid(operation: "load", message: "malformed header: unterminated string")) {
            try header("{'descr': '<f8}")
        }
        #expect(throws: TensorError.invalid(operation: "load", message: "malformed header: expected ':'")) {
            try header("{'descr: '<f8', 'fortran_order': False, 'shape': (), }")
        }
        #expect(throws: TensorError.invalid(operation: "load", message: "malformed header: nested too deeply")) {
            try header(String(repeating: "[", count: 100_000))
        }
    }
}
