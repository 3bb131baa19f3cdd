import Testing
@testable import DZTensor

/// The representation choices made for speed keep every value: `offset` and `dtype`
/// packed in one word, and the shared float64 0-d arrays an int64 scalar reads as.
@Suite struct DTypeLayoutTests {
    @Test func offsetAndDTypeSurviveViewsOfEveryDType() throws {
        for dtype in DType.allCases {
            let a = try iota([4, 5]).astype(dtype)
            #expect(a.dtype == dtype && a.offset == 0)
            let row = NDArray(buffer: a.buffer, shape: [5], offset: 15, dtype: dtype)
            #expect(row.dtype == dtype && row.offset == 15)
            #expect(row.scalars == Array(a.scalars.suffix(5)))
            let column = NDArray(buffer: a.buffer, shape: [4], strides: [5], offset: 2, dtype: dtype)
            #expect(column.dtype == dtype && column.offset == 2)
            #expect(column.scalars == [2, 7, 12, 17].map { a.scalars[$0] })
            // The packing keeps offsets far beyond any buffer (nothing is read here).
            let far = NDArray(buffer: a.buffer, shape: [0], offset: 1 << 58, dtype: dtype)
            #expect(far.offset == 1 << 58 && far.dtype == dtype)
            #expect(a.T.dtype == dtype && a.retyped(.float64).dtype == .float64)
        }
        // Four words, as before dtypes: the size Swift passes in registers.
        #expect(MemoryLayout<NDArray>.size == 4 * MemoryLayout<Int>.size)
    }

    @Test func int64ScalarsMeetFloatsWithTheirValueAtEveryEdgeOfTheSharedTable() throws {
        let x = try NDArray(shape: [3], scalars: [0.5, -1.5, 2])
        for v: Int64 in [-257, -256, -1, 0, 1, 7, 1024, 1025, 1 << 40] {
            let s = NDArray(integer: v)
            #expect(try (x + s).scalars == x.scalars.map { $0 + Double(v) }, "\(v)")
            #expect(try (s * x).scalars == x.scalars.map { Double(v) * $0 }, "\(v)")
            #expect(try (x + s).dtype == .float64)
        }
    }

    @Test func theSharedScalarsAreNeverWrittenInPlace() throws {
        var shared = try #require(NDArray.smallIntegerDouble(5))
        try shared.add(NDArray(1.0))
        #expect(shared.scalar == 6)
        #expect(NDArray.smallIntegerDouble(5)?.scalar == 5)
        #expect(try NDArray(integer: 5).readableAsDoubles().scalar == 5)
    }
}
