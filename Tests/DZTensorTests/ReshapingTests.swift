import Testing
@testable import DZTensor

@Suite struct ReshapingTests {
    @Test func reshapeInfersOneAxis() throws {
        let x = iota([2, 6])
        #expect(try x.reshaped([3, -1]).shape == [3, 4])
        #expect(try x.reshaped([-1]).shape == [12])
        #expect(errorMessage { try x.reshaped([5, -1]) } == "reshape: cannot reshape array of size 12 into shape (5, -1)")
        #expect(errorMessage { try x.reshaped([-1, -1]) } == "reshape: can only specify one unknown dimension")
        #expect(errorMessage { try x.reshaped([7]) } == "reshape: cannot reshape array of size 12 into shape (7,)")
        // Reshaping a transposed view copies it in row-major order.
        #expect(try x.T.reshaped([12]).scalars == [0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11])
    }

    @Test func transposeWithAxes() throws {
        let x = iota([2, 3, 4])
        let t = try x.transposed([1, 0, 2])
        #expect(t.shape == [3, 2, 4])
        #expect(t[[2, 1, 3]] == x[[1, 2, 3]])
        #expect(try x.transposed().shape == [4, 3, 2])
        #expect(try x.transposed([-1, 0, 1]).shape == [4, 2, 3])
        #expect(errorMessage { try x.transposed([0, 1]) } != nil)
        #expect(errorMessage { try x.transposed([0, 0, 1]) } != nil)
    }

    @Test func expandSqueezeFlatten() throws {
        let x = iota([2, 3])
        #expect(try x.expandingDims(0).shape == [1, 2, 3])
        #expect(try x.expandingDims(-1).shape == [2, 3, 1])
        #expect(try x.expandingDims(2).shape == [2, 3, 1])
        #expect(errorMessage { try x.expandingDims(4) } != nil)
        #expect(try iota([1, 3, 1]).squeezed().shape == [3])
        #expect(try iota([1, 3, 1]).squeezed([0]).shape == [3, 1])
        #expect(errorMessage { try iota([1, 3, 1]).squeezed([1]) }?.hasPrefix("squeeze: cannot select an axis") == true)
        #expect(try x.T.flattened().scalars == [0, 3, 1, 4, 2, 5])
        #expect(try NDArray(5).flattened().shape == [1])
    }

    @Test func concatAndStack() throws {
        let a = iota([2, 2]), b = array([1, 2], [9, 9])
        #expect(try NDArray.concatenate([a, b]).scalars == [0, 1, 2, 3, 9, 9])
        #expect(try NDArray.concatenate([a, a], axis: 1).scalars == [0, 1, 0, 1, 2, 3, 2, 3])
        #expect(errorMessage { try NDArray.concatenate([a, b], axis: 1) }?.contains("along dimension 0") == true)
        #expect(try NDArray.stack([a, a]).shape == [2, 2, 2])
        #expect(try NDArray.stack([a, a], axis: -1).scalars == [0, 0, 1, 1, 2, 2, 3, 3])
        #expect(try NDArray.stack([NDArray(1), NDArray(2)]).scalars == [1, 2])
        #expect(errorMessage { try NDArray.stack([a, b]) }?.hasPrefix("stack: all input arrays must have the same shape") == true)
        #expect(errorMessage { try NDArray.concatenate([NDArray(1)]) } != nil)
    }
}
