import Testing
@testable import DZTensor

/// The interpreter's unboxed scalar operations against the array kernels they stand for:
/// every operator, every pair of the three scalar dtypes, values at the edges (signed
/// zeros, NaN, infinities, int64's limits). The same bits and dtype, and nil exactly where
/// the array operation is an error. The kernels run on one-element 1-d arrays (same dtype
/// rules as two 0-d ones) and on the 0-d arrays. (The recording path's shortcut for two 0-d
/// operands, `BinaryFunction.call`, is `scalarResult(...).array`.)
@Suite struct ScalarArithmeticTests {
    static let floats: [Double] = [0, -0.0, 1, -1, 2.5, -7.5, 3, 1e300, -1e-300, .infinity, -.infinity, .nan, 9.3e18]
    static let integers: [Int64] = [0, 1, -1, 2, 3, -7, 7, 63, -64, .max, .min, 1 << 40]
    static let bools = [false, true]

    static var scalars: [ScalarSlot] {
        floats.map { ScalarSlot($0) } + integers.map { ScalarSlot(integer: $0) } + bools.map { ScalarSlot(bool: $0) }
    }

    static func arrayResult(_ op: ScalarOperation, _ a: NDArray, _ b: NDArray) throws -> NDArray {
        switch op {
        case .add: return try a + b
        case .subtract: return try a - b
        case .multiply: return try a * b
        case .divide: return try a / b
        case .floorDivide: return try NDArray.floorDivide(a, b)
        case .power: return try a.power(b)
        case .modulo: return try a.mod(b)
        case .equal: return try NDArray.equal(a, b)
        case .notEqual: return try NDArray.notEqual(a, b)
        case .less: return try NDArray.less(a, b)
        case .lessEqual: return try NDArray.lessEqual(a, b)
        case .greater: return try NDArray.greater(a, b)
        case .greaterEqual: return try NDArray.greaterEqual(a, b)
        }
    }

    static let operations: [ScalarOperation] = [.add, .subtract, .multiply, .divide, .floorDivide, .power, .modulo,
                                                .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual]

    @Test(arguments: operations)
    func scalarResultsAreTheArrayKernels(_ op: ScalarOperation) {
        for a in Self.scalars {
            for b in Self.scalars {
                let kernel = try? Self.arrayResult(op, a.array.reshaped([1]), b.array.reshaped([1]))
                let expected = try? kernel?.reshaped([])
                let got = NDArray.scalarResult(op, a, b)
                #expect((got == nil) == (expected == nil), "\(op) \(a) \(b)")
                // The kernels on two 0-d arrays: the same.
                let zeroDimensional = try? Self.arrayResult(op, a.array, b.array)
                #expect((zeroDimensional == nil) == (expected == nil), "\(op) \(a) \(b)")
                guard let got, let expected else { continue }
                #expect(got.dtype == expected.dtype, "\(op) \(a) \(b)")
                #expect(got.slot.bitPattern == expected.scalarSlot!.slot.bitPattern, "\(op) \(a) \(b)")
                #expect(zeroDimensional?.shape == [] && zeroDimensional?.dtype == expected.dtype
                        && zeroDimensional?.scalarSlot?.slot.bitPattern == got.slot.bitPattern, "\(op) \(a) \(b)")
                // The boxed form is the array the kernel made.
                #expect(got.array.dtype == expected.dtype && got.array.scalarSlot!.slot.bitPattern == got.slot.bitPattern)
            }
        }
    }

    @Test func negationIsTheArrayKernel() {
        for a in Self.scalars {
            let expected = try? -a.array
            let got = NDArray.scalarNegation(a)
            #expect((got == nil) == (expected == nil), "\(a)")
            if let got, let expected {
                #expect(got.dtype == expected.dtype && got.slot.bitPattern == expected.scalarSlot!.slot.bitPattern, "\(a)")
            }
        }
    }

    @Test func float32IsLeftToTheArrays() throws {
        let x = try NDArray(1.5).astype(.float32)
        #expect(x.scalarSlot == nil)
        #expect(NDArray.scalarResult(.add, ScalarSlot(slot: 1.5, dtype: .float32), ScalarSlot(1)) == nil)
    }
}
