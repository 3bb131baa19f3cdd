import Testing
@testable import DZTensor

@Suite struct ReductionTests {
    @Test func sumOverAxesWithKeepdims() throws {
        let x = iota([2, 3, 4])
        #expect(try x.sum().scalars == [276])
        #expect(try x.sum().shape == [])
        #expect(try x.sum(axes: [0]).scalars == [12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34])
        #expect(try x.sum(axes: [-1]).scalars == [6, 22, 38, 54, 70, 86])
        #expect(try x.sum(axes: [0, 2], keepdims: true).shape == [1, 3, 1])
        #expect(try x.sum(axes: [0, 2], keepdims: true).scalars == [60, 92, 124])
        #expect(try x.sum(axes: [1]).scalars == [12, 15, 18, 21, 48, 51, 54, 57])
        #expect(try x.mean(axes: [1, 2]).scalars == [5.5, 17.5])
        #expect(try NDArray(3).sum().scalars == [3])
    }

    @Test func sumsAreNumpysPairwiseSumBitForBit() throws {
        // np.full(1000, 0.1).sum() == 100.00000000000001; a naive loop gives 99.9999999999986.
        let tenths = try NDArray.full([1000], 0.1)
        #expect(try tenths.sum().scalars == [100.00000000000001])
        #expect(try NDArray.full([10], 0.1).sum().scalars == [1.0])
        // Along axis 0 numpy adds rows in order: 0.9999999999999999.
        #expect(try tenths.reshaped([10, 100]).sum(axes: [0]).scalars[0] == 0.9999999999999999)
        #expect(try tenths.reshaped([100, 10]).sum(axes: [1]).scalars[0] == 1.0)
    }

    @Test func aTransposedArrayIsSummedInMemoryOrder() throws {
        // numpy 2.4: np.full((10, 1000), 0.1).T.sum(axis=0)[0] is a pairwise sum along memory
        // (100.00000000000001); a contiguous copy of the transpose would add 1000 rows
        // (99.9999999999986).
        let t = try NDArray.full([10, 1000], 0.1).transposed()
        #expect(try t.sum(axes: [0]).scalars == [Double](repeating: 100.00000000000001, count: 10))
        #expect(try t.sum(axes: [0], keepdims: true).shape == [1, 10])
        #expect(try t.contiguous().sum(axes: [0]).scalars[0] == 99.9999999999986)
        let u = try NDArray.full([2, 10, 1000], 0.1).transposed([2, 0, 1])
        #expect(try u.sum(axes: [0]).scalars[12] == 100.00000000000001)
        // In general: the sum of a permuted view is the sum of the contiguous array over the
        // matching axes, with the kept axes put back in the view's order (what numpy gives).
        var state: UInt64 = 7
        let values = (0..<120).map { _ -> Double in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int64(bitPattern: state >> 11) % 1000) / 7.0
        }
        let b = try NDArray(shape: [4, 5, 6], scalars: values)
        for perm in [[0, 2, 1], [1, 0, 2], [2, 0, 1], [2, 1, 0], [1, 2, 0]] {
            let v = try b.transposed(perm)
            for axes in [[0], [1], [2], [0, 1], [1, 2], [0, 2]] {
                let bAxes = axes.map { perm[$0] }.sorted()
                let kept = (0..<3).filter { !axes.contains($0) }.map { perm[$0] }
                let expected = try b.sum(axes: bAxes).transposed(kept.map { k in kept.sorted().firstIndex(of: k)! })
                #expect(try v.sum(axes: axes).scalars == expected.scalars, "perm \(perm) axes \(axes)")
                #expect(try v.max(axes: axes).scalars == b.max(axes: bAxes).transposed(kept.map { k in kept.sorted().firstIndex(of: k)! }).scalars)
            }
        }
    }

    @Test func axesOfExtentOneDoNotChangeTheSummationOrder() throws {
        // numpy drops axes of extent 1 before ordering its loops (values from numpy 2.4):
        // np.full((1000, 1), 0.1).sum(axis=0) is the pairwise sum of 1000 tenths.
        let tenths = try NDArray.full([1000], 0.1)
        #expect(try tenths.reshaped([1000, 1]).sum(axes: [0]).scalars == [100.00000000000001])
        #expect(try tenths.reshaped([1, 1000, 1]).sum(axes: [0, 1]).scalars == [100.00000000000001])
        #expect(try tenths.reshaped([10, 1, 100]).sum(axes: [0]).scalars[0] == 0.9999999999999999)
        #expect(try tenths.reshaped([1, 10, 1, 100]).sum(axes: [1, 2]).scalars[0] == 0.9999999999999999)
        #expect(try tenths.reshaped([100, 1, 10]).sum(axes: [2]).scalars[0] == 1.0)
        #expect(try tenths.reshaped([1000, 1]).sum(axes: [0], keepdims: true).shape == [1, 1])
    }

    @Test func maxMinAndArgReductions() throws {
        let x = array([2, 3], [3, 9, 1, 4, 2, 8])
        #expect(try x.max().scalars == [9])
        #expect(try x.max(axes: [0]).scalars == [4, 9, 8])
        #expect(try x.min(axes: [1], keepdims: true).scalars == [1, 2])
        #expect(try x.min(axes: [1], keepdims: true).shape == [2, 1])
        #expect(try x.argmax().scalars == [1])
        #expect(try x.argmax(axis: 0).scalars == [1, 0, 1])
        #expect(try x.argmin(axis: -1).scalars == [2, 1])
        #expect(try NDArray([1, 3, .nan, 3]).argmax().scalars == [2])
        #expect(try NDArray([1, .nan, 3]).max().scalars[0].isNaN)
        #expect(try NDArray([3, 1, 1]).argmin().scalars == [1])
    }

    @Test func reductionErrors() throws {
        let x = iota([2, 3])
        #expect(errorMessage { try x.sum(axes: [2]) } == "sum: axis 2 is out of bounds for array of dimension 2")
        #expect(errorMessage { try x.sum(axes: [0, -2]) } == "sum: repeated axis -2")
        #expect(errorMessage { try NDArray.zeros([0]).max() }
                == "max: zero-size array to reduction operation max which has no identity")
        #expect(try NDArray.zeros([0]).sum().scalars == [0])
        #expect(errorMessage { try NDArray.zeros([0]).argmax() } != nil)
    }

    @Test func sumToUndoesBroadcasting() throws {
        let g = try NDArray.ones([2, 3, 4])
        #expect(try g.sum(to: [3, 1]).scalars == [8, 8, 8])
        #expect(try g.sum(to: [4]).scalars == [6, 6, 6, 6])
        #expect(try g.sum(to: []).scalars == [24])
        #expect(try g.sum(to: [2, 3, 4]).shape == [2, 3, 4])
        #expect(errorMessage { try g.sum(to: [5]) } != nil)
        #expect(try NDArray([1, 2]).broadcast(to: [2, 2]).scalars == [1, 2, 1, 2])
        #expect(errorMessage { try NDArray([1, 2]).broadcast(to: [3]) }
                == "broadcast_to: operands could not be broadcast together with shapes (2,) (3,)")
    }
}
