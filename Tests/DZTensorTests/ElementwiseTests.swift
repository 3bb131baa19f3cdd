import Testing
@testable import DZTensor

@Suite struct ElementwiseTests {
    @Test func broadcastingFollowsNumpy() throws {
        let a = iota([2, 3]), row = NDArray([10, 20, 30]), col = array([2, 1], [100, 200])
        #expect(try (a + row).scalars == [10, 21, 32, 13, 24, 35])
        #expect(try (a + col).scalars == [100, 101, 102, 203, 204, 205])
        #expect(try (col + row).shape == [2, 3])
        #expect(try (a * NDArray(2)).scalars == [0, 2, 4, 6, 8, 10])
        #expect(try (NDArray(1) - a).scalars == [1, 0, -1, -2, -3, -4])
        #expect(try NDArray.broadcastShape([[8, 1, 6, 1], [7, 1, 5]], operation: "add") == [8, 7, 6, 5])
        #expect(try (NDArray(2) + NDArray(3)).shape == [])
    }

    /// The row-against-rows loop (one shape ends the other) must give what the general
    /// strided walk gives; a transposed copy forces the walk.
    @Test(arguments: [([4, 3], [3]), ([4, 3], [1, 3]), ([2, 4, 3], [4, 3]), ([2, 4, 3], [3]),
                      ([2, 4, 3], [1, 1, 3]), ([5, 1], [1]), ([3, 2], [3, 1]), ([0, 3], [3])])
    func rowBroadcastMatchesTheStridedWalk(full: [Int], part: [Int]) throws {
        let a = try iota(full) * NDArray(0.5) - NDArray(1), b = try iota(part) + NDArray(1)
        let aWalk = try a.transposed().contiguous().transposed()   // same values, strided
        #expect(!aWalk.isContiguous || full.filter { $0 > 1 }.count < 2)
        for (x, y, xWalk) in [(a, b, aWalk)] {
            #expect(try (x - y).scalars == (try xWalk - y).scalars)
            #expect(try (y - x).scalars == (try y - xWalk).scalars)
            #expect(try (x / y).shape == NDArray.broadcastShape([full, part], operation: "div"))
        }
        // Element by element against the definition.
        let d = try a - b, shape = d.shape
        let bb = try b.broadcast(to: shape)
        #expect(d.scalars == zip(a.scalars, bb.scalars).map { $0 - $1 })
    }

    @Test func broadcastErrorsNameTheShapes() {
        #expect(errorMessage { try iota([2, 3]) + iota([2]) }
                == "add: operands could not be broadcast together with shapes (2, 3) (2,)")
    }

    @Test func nonContiguousOperandsUseTheirStrides() throws {
        let a = iota([2, 3])
        let t = a.T   // a view, shape (3, 2)
        #expect(!t.isContiguous)
        #expect(try (t + NDArray(0)).scalars == [0, 3, 1, 4, 2, 5])
        #expect(try (t * t).scalars == [0, 9, 1, 16, 4, 25])
        #expect(try t.map { $0 + 1 }.scalars == [1, 4, 2, 5, 3, 6])
    }

    @Test func ieeeArithmetic() throws {
        let r = try NDArray([1, -1, 0]) / NDArray(0)
        #expect(r.scalars[0] == .infinity)
        #expect(r.scalars[1] == -.infinity)
        #expect(r.scalars[2].isNaN)
    }

    @Test func modIsFlooredLikeNumpy() throws {
        // np.mod([-7, 7, -7, 7, 0], [3, -3, -3, 3, -2])
        let r = try NDArray([-7, 7, -7, 7, 0]).mod(NDArray([3, -3, -3, 3, -2]))
        #expect(r.scalars == [2, -2, -1, 1, 0])
        #expect(r.scalars[4].sign == .minus)
        #expect(try NDArray(5).mod(NDArray(0)).scalars[0].isNaN)
    }

    @Test func maximumMinimumClipPropagateNaN() throws {
        let a = NDArray([1, .nan, 5]), b = NDArray([2, 0, 3])
        let mx = try NDArray.maximum(a, b).scalars, mn = try NDArray.minimum(a, b).scalars
        #expect(mx[0] == 2 && mx[1].isNaN && mx[2] == 5)
        #expect(mn[0] == 1 && mn[1].isNaN && mn[2] == 3)
        #expect(try NDArray([-5, 0.5, 7]).clipped(NDArray(0), NDArray(1)).scalars == [0, 0.5, 1])
    }

    @Test func comparisonsGiveZerosAndOnes() throws {
        let a = NDArray([1, 2, 3]), b = NDArray(2)
        #expect(try NDArray.less(a, b).scalars == [1, 0, 0])
        #expect(try NDArray.lessEqual(a, b).scalars == [1, 1, 0])
        #expect(try NDArray.greater(a, b).scalars == [0, 0, 1])
        #expect(try NDArray.greaterEqual(a, b).scalars == [0, 1, 1])
        #expect(try NDArray.equal(a, b).scalars == [0, 1, 0])
        #expect(try NDArray.notEqual(a, b).scalars == [1, 0, 1])
        #expect(try NDArray.equal(NDArray(.nan), NDArray(.nan)).scalars == [0])
    }

    @Test func elementaryFunctions() throws {
        let x = NDArray([0, 1, 4])
        #expect(try x.exp().scalars == [1, 2.718281828459045, 54.598150033144236])
        #expect(try x.sqrt().scalars == [0, 1, 2])
        #expect(try NDArray([-2, 3]).abs().scalars == [2, 3])
        #expect(try NDArray([-2, 3]).relu().scalars == [0, 3])
        #expect(try NDArray([0]).sigmoid().scalars == [0.5])
        // Stable for large |x|: no NaN, saturates.
        #expect(try NDArray([-1000, 1000]).sigmoid().scalars == [0, 1])
        #expect(try NDArray([0]).log().scalars == [-.infinity])
        #expect(try NDArray([0]).tanh().scalars == [0])
        #expect(try (-NDArray([1, -2])).scalars == [-1, 2])
        #expect(try NDArray([2, 9]).power(NDArray([3, 0.5])).scalars == [8, 3])
    }
}
