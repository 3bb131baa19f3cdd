import Testing
@testable import DZTensor

@Suite struct MatMulTests {
    /// A plain-loop reference for 2-d products.
    func reference(_ a: NDArray, _ b: NDArray) -> [Double] {
        let m = a.shape[0], k = a.shape[1], n = b.shape[1]
        var out = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k { out[i * n + j] += a[[i, p]] * b[[p, j]] } } }
        return out
    }

    @Test func seedNotebookCells() throws {
        #expect(try NDArray([1, 2, 3]).dot(NDArray([4, 5, 6])).scalars == [32])
        #expect(try NDArray([1, 2, 3]).dot(NDArray([4, 5, 6])).shape == [])
        let c = try array([2, 2], [1, 2, 3, 4]).dot(array([2, 2], [5, 6, 7, 8]))
        #expect(c.scalars == [19, 22, 43, 50])
    }

    @Test func transposedOperandsGoToBLASAsFlags() throws {
        let a = iota([3, 4]), b = try iota([5, 4]) - NDArray(7)
        let r = try a.matmul(b.T)
        #expect(r.shape == [3, 5])
        #expect(r.scalars == reference(a, b.T))
        let r2 = try a.T.matmul(a)
        #expect(r2.scalars == reference(a.T, a))
        let r3 = try b.T.T.matmul(a.T)
        #expect(r3.scalars == reference(b, a.T))
        // Views BLAS cannot read (a stepped slice) are copied and still right.
        let stepped = try iota([6, 4]).gathered([.slice(start: nil, stop: nil, step: 2)])
        #expect(try stepped.matmul(a.T).scalars == reference(stepped, a.T))
    }

    @Test func vectorPromotionAndBatches() throws {
        let m = iota([3, 4]), v = NDArray([1, 0, -1, 2]), w = NDArray([1, 2, 3])
        #expect(try m.matmul(v).shape == [3])
        #expect(try m.matmul(v).scalars == [4, 12, 20])
        #expect(try w.matmul(m).scalars == [32, 38, 44, 50])
        #expect(try w.matmul(m).shape == [4])
        let batched = try iota([2, 1, 3, 4]).matmul(try NDArray.ones([5, 4, 6]))
        #expect(batched.shape == [2, 5, 3, 6])
        #expect(batched[[1, 4, 2, 5]] == 86)
        let batchedVector = try iota([2, 3, 4]).matmul(v)
        #expect(batchedVector.shape == [2, 3])
        #expect(batchedVector.scalars == [4, 12, 20, 28, 36, 44])
        #expect(try NDArray.zeros([2, 0]).matmul(NDArray.zeros([0, 3])).scalars == [0, 0, 0, 0, 0, 0])
    }

    @Test func dotFollowsNumpy() throws {
        #expect(try NDArray(2).dot(iota([2])).scalars == [0, 2])
        #expect(try iota([2, 3, 4]).dot(NDArray.ones([5, 4, 6])).shape == [2, 3, 5, 6])
        #expect(try iota([2, 3, 4]).dot(NDArray.ones([5, 4, 6]))[[1, 2, 3, 0]] == 20 + 21 + 22 + 23)
    }

    @Test func misalignedShapesAreNamed() {
        #expect(errorMessage { try iota([2, 3]).matmul(iota([4, 3])) }
                == "matmul: shapes (2, 3) and (4, 3) not aligned: 3 (dim 1) != 4 (dim 0)")
        #expect(errorMessage { try iota([2, 3]).dot(iota([4])) }
                == "dot: shapes (2, 3) and (4,) not aligned: 3 (dim 1) != 4 (dim 0)")
        #expect(errorMessage { try NDArray(2).matmul(iota([2])) } != nil)
        #expect(errorMessage { try iota([2, 2, 3]).matmul(iota([3, 3, 2])) }?.hasPrefix("matmul: operands could not be broadcast") == true)
    }

    @Test func largeProductAgreesWithLoops() throws {
        let a = try iota([70, 50]).map { ($0 * 0.37).truncatingRemainder(dividingBy: 3) - 1 }
        let b = try iota([50, 90]).map { ($0 * 0.11).truncatingRemainder(dividingBy: 2) - 0.5 }
        let r = try a.matmul(b).scalars, ref = reference(a, b)
        #expect(zip(r, ref).allSatisfy { Swift.abs($0 - $1) <= 1e-12 * Swift.max(1, Swift.abs($1)) })
    }

    /// float32 products go to sgemm with transpose flags (the operands packed in memory
    /// order): every layout, vector shapes, a stepped view and empty sizes give float32
    /// values within float32 accumulation error of the float64 product of the same values.
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func float32ProductsInEveryLayout(_ transposeA: Bool, _ transposeB: Bool) throws {
        func values(_ shape: [Int], _ scale: Double) throws -> NDArray {
            try iota(shape).map { ($0 * scale).truncatingRemainder(dividingBy: 3) - 1.25 }.astype(.float32)
        }
        for (m, k, n) in [(7, 5, 3), (1, 6, 4), (4, 6, 1), (1, 1, 1), (33, 17, 29)] {
            let a = transposeA ? try values([k, m], 0.37).T : try values([m, k], 0.37)
            let b = transposeB ? try values([n, k], 0.29).T : try values([k, n], 0.29)
            let r = try a.matmul(b)
            #expect(r.dtype == .float32 && r.shape == [m, n])
            let ref = reference(a, b)
            for (x, y) in zip(r.scalars, ref) {
                #expect(x == Double(Float(x)), "a float32 value")
                #expect(Swift.abs(x - y) <= 1e-6 * Swift.max(1, Swift.abs(y)) * Double(k), "\(m)x\(k)x\(n): \(x) vs \(y)")
            }
        }
        let stepped = try values([8, 5], 0.41).gathered([.slice(start: nil, stop: nil, step: 2)])
        let s = try stepped.matmul(values([3, 5], 0.23).T)
        #expect(s.dtype == .float32)
        #expect(zip(s.scalars, reference(stepped, try values([3, 5], 0.23).T)).allSatisfy { Swift.abs($0 - $1) <= 1e-5 })
        let empty = try NDArray.zeros([0, 4]).astype(.float32).matmul(values([4, 3], 0.5))
        #expect(empty.shape == [0, 3] && empty.dtype == .float32)
        let zeroInner = try NDArray.zeros([2, 0]).astype(.float32).matmul(NDArray.zeros([0, 3]).astype(.float32))
        #expect(zeroInner.scalars == [0, 0, 0, 0, 0, 0] && zeroInner.dtype == .float32)
    }
}
