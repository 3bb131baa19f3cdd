import Foundation
import Testing
@testable import DZTensor

/// DZTensor's arithmetic by dtype against numpy 2.4 (Fixtures/dtype-arithmetic.json, made by
/// scripts/gen_dtype_fixtures.py): every dtype pair x binary operation x 0-d/n-d operands,
/// every unary function x dtype and the reductions give numpy's result dtype and values,
/// or an error where numpy refuses. Values are exact, except the functions numpy computes
/// with its own SIMD loops (exp, log, sin, cos, tanh, power), within one ulp of the dtype.
struct DTypeArithmeticFixture: Decodable {
    struct Array: Decodable {
        let dtype: String
        let shape: [Int]
        let values: [String]
        func make() throws -> NDArray {
            switch dtype {
            case "int64": return try NDArray(shape: shape, integers: values.map { Int64($0)! })
            case "bool": return try NDArray(shape: shape, bools: values.map { $0 == "1" })
            default: return try NDArray(shape: shape, scalars: values.map { Double($0)! }, dtype: DType(name: dtype)!)
            }
        }
    }
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let op: String
        let a: Array
        let b: Array?
        let axis: Int?
        let result: Array?
        let error: String?
        var testDescription: String {
            "\(op)(\(a.dtype)\(a.shape)\(b.map { ", \($0.dtype)\($0.shape)" } ?? "")\(axis.map { ", axis=\($0)" } ?? ""))"
        }
    }
    let numpy_version: String
    let binary: [Case]
    let unary: [Case]
    let reductions: [Case]

    static let loaded: DTypeArithmeticFixture? = {
        guard let url = Bundle.module.url(forResource: "dtype-arithmetic", withExtension: "json", subdirectory: "Fixtures") else { return nil }
        return try? JSONDecoder().decode(DTypeArithmeticFixture.self, from: Data(contentsOf: url))
    }()
}

extension DTypeArithmeticFixture.Array: Sendable {}

@Suite struct DTypeArithmeticTests {
    static let fixture = DTypeArithmeticFixture.loaded

    static func apply(_ c: DTypeArithmeticFixture.Case) throws -> NDArray {
        let a = try c.a.make()
        if let bArray = c.b {
            let b = try bArray.make()
            switch c.op {
            case "add": return try a + b
            case "subtract": return try a - b
            case "multiply": return try a * b
            case "true_divide": return try a / b
            case "floor_divide": return try NDArray.floorDivide(a, b)
            case "mod": return try a.mod(b)
            case "power": return try a.power(b)
            case "maximum": return try NDArray.maximum(a, b)
            case "minimum": return try NDArray.minimum(a, b)
            case "equal": return try NDArray.equal(a, b)
            case "not_equal": return try NDArray.notEqual(a, b)
            case "less": return try NDArray.less(a, b)
            case "less_equal": return try NDArray.lessEqual(a, b)
            case "greater": return try NDArray.greater(a, b)
            case "greater_equal": return try NDArray.greaterEqual(a, b)
            default: fatalError("unknown binary op \(c.op)")
            }
        }
        let axes = c.axis.map { [$0] }
        switch c.op {
        case "negative": return try -a
        case "abs": return try a.abs()
        case "exp": return try a.exp()
        case "log": return try a.log()
        case "sqrt": return try a.sqrt()
        case "sin": return try a.sin()
        case "cos": return try a.cos()
        case "tanh": return try a.tanh()
        case "sign": return try a.numpySign()
        case "sum": return try a.sum(axes: axes)
        case "mean": return try a.mean(axes: axes)
        case "max": return try a.max(axes: axes)
        case "min": return try a.min(axes: axes)
        case "prod": return try a.product(axes: axes)
        case "argmax": return try a.argmax(axis: c.axis)
        case "argmin": return try a.argmin(axis: c.axis)
        case "cumsum":
            if let axis = c.axis { return try a.cumulativeSum(axis: axis) }
            return try a.reshaped([a.size]).cumulativeSum(axis: 0)
        default: fatalError("unknown op \(c.op)")
        }
    }

    /// Whether `got` is `want` (NaN equal to NaN, the sign of zero kept), or within one ulp.
    static func close(_ got: Double, _ want: Double, ulps: Bool, float32: Bool) -> Bool {
        if got.isNaN || want.isNaN { return got.isNaN && want.isNaN }
        if got == want { return got.sign == want.sign || got != 0 }
        guard ulps, got.isFinite, want.isFinite else { return false }
        let ulp = float32 ? Double(Float(want).ulp) : want.ulp
        return Swift.abs(got - want) <= ulp
    }

    static func check(_ c: DTypeArithmeticFixture.Case) throws {
        if let error = c.error {
            #expect(throws: TensorError.self, "\(c.testDescription): numpy refuses (\(error))") { try apply(c) }
            return
        }
        let want = try #require(c.result)
        let got = try apply(c)
        #expect(got.dtype.description == want.dtype, "\(c.testDescription): dtype")
        #expect(got.shape == want.shape, "\(c.testDescription): shape")
        guard got.dtype.description == want.dtype, got.shape == want.shape else { return }
        if want.dtype == "int64" {
            #expect(got.integers == want.values.map { Int64($0)! }, "\(c.testDescription)")
        } else if want.dtype == "bool" {
            #expect(got.integers == want.values.map { $0 == "1" ? 1 : 0 }, "\(c.testDescription)")
        } else {
            let ulps = ["exp", "log", "sin", "cos", "tanh", "power"].contains(c.op)
            let values = want.values.map { Double($0)! }
            for (i, (g, w)) in zip(got.scalars, values).enumerated() {
                #expect(close(g, w, ulps: ulps, float32: want.dtype == "float32"), "\(c.testDescription) element \(i): \(g) vs numpy's \(w)")
            }
        }
    }

    @Test func theFixtureCoversEveryPair() throws {
        let f = try #require(Self.fixture, "Fixtures/dtype-arithmetic.json is missing")
        #expect(f.binary.count >= 4 * 4 * 4 * 15)
        #expect(Set(f.binary.map { "\($0.a.dtype) \($0.b!.dtype)" }).count == 16)
        #expect(f.unary.count >= 4 * 2 * 9)
    }

    @Test(arguments: fixture?.binary ?? []) func binary(_ c: DTypeArithmeticFixture.Case) throws { try Self.check(c) }
    @Test(arguments: fixture?.unary ?? []) func unary(_ c: DTypeArithmeticFixture.Case) throws { try Self.check(c) }
    @Test(arguments: fixture?.reductions ?? []) func reductions(_ c: DTypeArithmeticFixture.Case) throws { try Self.check(c) }
}
