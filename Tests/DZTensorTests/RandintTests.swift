import Testing
import DZTensor

/// `randint` draws numpy's legacy `np.random.randint` numbers; the expected lists are what
/// numpy 2.4 printed for the same seed and calls (32-bit and 64-bit masked ranges included).
@Suite struct RandintTests {
    @Test func sameNumbersAsNumpyAfterTheSameSeed() throws {
        var rng = RandomState(seed: 0)
        #expect(try rng.randint(low: 0, high: 10, shape: [5]).integers == [5, 0, 3, 3, 7])
        let square = try rng.randint(low: 3, high: 7, shape: [2, 2])
        #expect(square.shape == [2, 2] && square.integers == [4, 6, 4, 5] && square.dtype == .int64)
        #expect(try rng.randint(low: 0, high: 5, shape: []).integers == [4])
        #expect(try rng.randint(low: -3, high: 1 << 40, shape: [3]).integers == [377492290627, 832329121251, 169775310932])
        #expect(try rng.randint(low: .min, high: .max, shape: [2]).integers == [-369355992331493800, -1977771477361760603])
        var other = RandomState(seed: 42)
        #expect(try other.randint(low: 0, high: 1 << 32, shape: [3]).integers == [1608637542, 3421126067, 4083286876])
        #expect(try other.randint(low: 0, high: (1 << 32) + 1, shape: [2]).integers == [3143890026, 670094950])
    }

    @Test func anEmptyRangeIsAnError() {
        var rng = RandomState(seed: 0)
        #expect(throws: TensorError.invalid(operation: "randint", message: "low >= high (low 5, high 5)")) {
            try rng.randint(low: 5, high: 5, shape: [1])
        }
    }
}
