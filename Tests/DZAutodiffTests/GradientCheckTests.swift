import Testing
import DZAutodiff
import DZTestSupport

/// Deterministic test inputs.
func randn(_ shape: [Int], seed: UInt32) -> NDArray {
    var rng = RandomState(seed: seed)
    return try! rng.randn(shape)
}

/// Values in [lo, hi), deterministic.
func uniform(_ shape: [Int], _ lo: Double, _ hi: Double, seed: UInt32) -> NDArray {
    var rng = RandomState(seed: seed)
    return try! rng.rand(shape).map { lo + (hi - lo) * $0 }
}

/// Values at least 0.2 away from zero, either sign.
func awayFromZero(_ shape: [Int], seed: UInt32) -> NDArray {
    try! randn(shape, seed: seed).map { $0 >= 0 ? $0 + 0.2 : $0 - 0.2 }
}

/// Distinct values (a shuffled ramp), so that max/min and maximum have no ties.
func distinct(_ shape: [Int], seed: UInt32) -> NDArray {
    var rng = RandomState(seed: seed)
    let n = shape.reduce(1, *)
    let p = try! rng.permutation(n)
    return try! p.map { $0 * 0.37 - Double(n) * 0.15 }.reshaped(shape)
}

struct GradCase: CustomTestStringConvertible, Sendable {
    let name: String
    let inputs: [NDArray]
    let smooth: Bool
    let f: @Sendable ([Variable]) throws -> Variable
    var testDescription: String { "\(name) \(inputs.map { formatShape($0.shape) }.joined(separator: " "))" }

    init(_ name: String, _ inputs: [NDArray], smooth: Bool = true, _ f: @escaping @Sendable ([Variable]) throws -> Variable) {
        self.name = name; self.inputs = inputs; self.smooth = smooth; self.f = f
    }
}

let unaryShapes: [[Int]] = [[], [3], [2, 3], [2, 1, 3]]
let binaryShapes: [([Int], [Int])] = [([], []), ([2, 3], [2, 3]), ([2, 3], [3]), ([2, 1], [1, 3]), ([], [2, 3]), ([2, 3], []), ([3, 1, 2], [4, 1])]

func unary(_ name: String, smooth: Bool = true, input: ([Int], UInt32) -> NDArray = { randn($0, seed: $1) },
           _ f: @escaping @Sendable (Variable) throws -> Variable) -> [GradCase] {
    unaryShapes.enumerated().map { i, s in GradCase(name, [input(s, UInt32(i + 1))], smooth: smooth) { try f($0[0]) } }
}

func binary(_ name: String, smooth: Bool = true,
            lhs: ([Int], UInt32) -> NDArray = { randn($0, seed: $1) },
            rhs: ([Int], UInt32) -> NDArray = { randn($0, seed: $1) },
            _ f: @escaping @Sendable (Variable, Variable) throws -> Variable) -> [GradCase] {
    binaryShapes.enumerated().map { i, s in
        GradCase(name, [lhs(s.0, UInt32(10 + i)), rhs(s.1, UInt32(20 + i))], smooth: smooth) { try f($0[0], $0[1]) }
    }
}

func positive(_ shape: [Int], _ seed: UInt32) -> NDArray { uniform(shape, 0.5, 2.0, seed: seed) }

let elementwiseCases: [GradCase] =
    binary("add") { try $0 + $1 } + binary("sub") { try $0 - $1 } + binary("mul") { try $0 * $1 }
    + binary("div", rhs: { awayFromZero($0, seed: $1) }) { try $0 / $1 }
    + binary("pow", lhs: positive, rhs: { uniform($0, -1.5, 2.5, seed: $1) }) { try pow($0, $1) }
    + binary("mod", smooth: false, lhs: { try! uniform($0, 0.1, 0.9, seed: $1).map { $0 + 3 } }, rhs: { uniform($0, 1.1, 1.4, seed: $1) }) { try mod($0, $1) }
    + binary("maximum", smooth: false, lhs: { distinct($0, seed: $1) }, rhs: { try! distinct($0, seed: $1 + 7).map { $0 + 0.05 } }) { try maximum($0, $1) }
    + binary("minimum", smooth: false, lhs: { distinct($0, seed: $1) }, rhs: { try! distinct($0, seed: $1 + 7).map { $0 + 0.05 } }) { try minimum($0, $1) }
    + unary("neg") { try neg($0) } + unary("exp") { try exp($0) } + unary("log", input: positive) { try log($0) }
    + unary("sin") { try sin($0) } + unary("cos") { try cos($0) }
    + unary("tan", input: { uniform($0, -1.2, 1.2, seed: $1) }) { try tan($0) }
    + unary("tanh") { try tanh($0) } + unary("sqrt", input: positive) { try sqrt($0) }
    + unary("abs", smooth: false, input: { awayFromZero($0, seed: $1) }) { try abs($0) }
    + unary("sigmoid") { try sigmoid($0) } + unary("relu", smooth: false, input: { awayFromZero($0, seed: $1) }) { try relu($0) }
    + unary("clip", smooth: false, input: { try! uniform($0, -1, 1, seed: $1).map { $0 + ($0 > 0.4 && $0 < 0.6 ? 0.3 : 0) } }) {
        try clip($0, NDArray(-0.5), NDArray(0.5))
    }

let linearAlgebraCases: [GradCase] = [
    GradCase("matmul", [randn([2, 3], seed: 1), randn([3, 4], seed: 2)]) { try matmul($0[0], $0[1]) },
    GradCase("matmul", [randn([3], seed: 1), randn([3, 4], seed: 2)]) { try matmul($0[0], $0[1]) },
    GradCase("matmul", [randn([2, 3], seed: 1), randn([3], seed: 2)]) { try matmul($0[0], $0[1]) },
    GradCase("matmul", [randn([3], seed: 1), randn([3], seed: 2)]) { try matmul($0[0], $0[1]) },
    GradCase("matmul", [randn([2, 2, 3], seed: 1), randn([3, 4], seed: 2)]) { try matmul($0[0], $0[1]) },
    GradCase("matmul", [randn([2, 1, 2, 3], seed: 1), randn([3, 3, 2], seed: 2)]) { try matmul($0[0], $0[1]) },
    GradCase("matmul", [randn([3], seed: 1), randn([2, 3, 4], seed: 2)]) { try matmul($0[0], $0[1]) },
    GradCase("dot", [randn([2, 3, 4], seed: 1), randn([5, 4, 2], seed: 2)]) { try dot($0[0], $0[1]) },
    GradCase("dot", [randn([], seed: 1), randn([2, 3], seed: 2)]) { try dot($0[0], $0[1]) },
    GradCase("dot", [randn([4], seed: 1), randn([4], seed: 2)]) { try dot($0[0], $0[1]) },
    GradCase("linear", [randn([5, 3], seed: 1), randn([3, 2], seed: 2), randn([2], seed: 3)]) { try linear($0[0], $0[1], $0[2]) },
]

let shapeCases: [GradCase] = [
    GradCase("reshape", [randn([2, 3], seed: 1)]) { try reshape($0[0], [3, 2]) },
    GradCase("reshape", [randn([2, 3], seed: 1)]) { try reshape($0[0], [-1]) },
    GradCase("transpose", [randn([2, 3], seed: 1)]) { try transpose($0[0]) },
    GradCase("transpose", [randn([2, 3, 4], seed: 1)]) { try transpose($0[0], [1, -1, 0]) },
    GradCase("broadcast_to", [randn([3], seed: 1)]) { try broadcastTo($0[0], [2, 3]) },
    GradCase("broadcast_to", [randn([], seed: 1)]) { try broadcastTo($0[0], [2, 2]) },
    GradCase("sum_to", [randn([2, 3], seed: 1)]) { try sumTo($0[0], [1, 3]) },
    GradCase("sum_to", [randn([2, 3], seed: 1)]) { try sumTo($0[0], []) },
    GradCase("expand_dims", [randn([2, 3], seed: 1)]) { try expandDims($0[0], 1) },
    GradCase("squeeze", [randn([2, 1, 3], seed: 1)]) { try squeeze($0[0]) },
    GradCase("flatten", [randn([2, 3], seed: 1)]) { try flatten($0[0]) },
    GradCase("concat", [randn([2, 3], seed: 1), randn([1, 3], seed: 2)]) { try concat([$0[0], $0[1]]) },
    GradCase("concat", [randn([2, 3], seed: 1), randn([2, 2], seed: 2)]) { try concat([$0[0], $0[1]], axis: -1) },
    GradCase("stack", [randn([2, 3], seed: 1), randn([2, 3], seed: 2)]) { try stack([$0[0], $0[1]], axis: 1) },
    GradCase("get_item", [randn([3, 4], seed: 1)]) { try getItem($0[0], [.index(1), .slice(start: nil, stop: nil, step: -2)]) },
    GradCase("get_item", [randn([3, 4], seed: 1)]) { try getItem($0[0], [.array(try NDArray(shape: [4], integers: [0, 2, 0, 0]))]) },
    GradCase("get_item", [randn([3, 4], seed: 1)]) { try getItem($0[0], [.all, .array(try NDArray(shape: [2], integers: [3, 3]))]) },
    GradCase("get_item", [randn([4], seed: 1)]) { try getItem($0[0], [.index(-1)]) },
]

let reductionCases: [GradCase] = [
    GradCase("sum", [randn([2, 3], seed: 1)]) { try sum($0[0]) },
    GradCase("sum", [randn([2, 3, 4], seed: 1)]) { try sum($0[0], axes: [0, 2]) },
    GradCase("sum", [randn([2, 3], seed: 1)]) { try sum($0[0], axes: [-1], keepdims: true) },
    GradCase("sum", [randn([], seed: 1)]) { try sum($0[0]) },
    GradCase("mean", [randn([2, 3], seed: 1)]) { try mean($0[0], axes: [1]) },
    GradCase("mean", [randn([2, 3, 4], seed: 1)]) { try mean($0[0]) },
    GradCase("max", [distinct([2, 3], seed: 1)], smooth: false) { try max($0[0]) },
    GradCase("max", [distinct([2, 3, 4], seed: 1)], smooth: false) { try max($0[0], axes: [1], keepdims: true) },
    GradCase("min", [distinct([2, 3], seed: 1)], smooth: false) { try min($0[0], axes: [0]) },
]

let nnCases: [GradCase] = [
    GradCase("softmax", [randn([2, 3], seed: 1)]) { try softmax($0[0]) * Variable(randn([2, 3], seed: 9)) },
    GradCase("softmax", [randn([2, 3, 4], seed: 1)]) { try softmax($0[0], axis: 1) * Variable(randn([2, 3, 4], seed: 9)) },
    GradCase("log_softmax", [randn([2, 3], seed: 1)]) { try logSoftmax($0[0]) * Variable(randn([2, 3], seed: 9)) },
    GradCase("log_softmax", [randn([4], seed: 1)]) { try logSoftmax($0[0], axis: 0) * Variable(randn([4], seed: 9)) },
    GradCase("mean_squared_error", [randn([5, 1], seed: 1), randn([5, 1], seed: 2)]) { try meanSquaredError($0[0], $0[1]) },
    GradCase("mean_squared_error", [randn([4, 3], seed: 1), randn([3], seed: 2)]) { try meanSquaredError($0[0], $0[1]) },
    GradCase("softmax_cross_entropy", [randn([4, 3], seed: 1)]) { try softmaxCrossEntropy($0[0], Variable(NDArray([2, 0, 1, 1]))) },
    GradCase("sigmoid_cross_entropy", [randn([4, 2], seed: 1)]) {
        try sigmoidCrossEntropy($0[0], Variable(NDArray(shape: [4, 2], scalars: [1, 0, 0, 1, 1, 1, 0, 0])))
    },
    GradCase("dropout", [randn([3, 4], seed: 1)], smooth: false) {
        var generator = RandomState(seed: 3)
        return try dropout($0[0], ratio: 0.4, using: &generator)
    },
]

let allCases = elementwiseCases + linearAlgebraCases + shapeCases + reductionCases + nnCases

@Suite struct GradientCheckTests {
    @Test(arguments: allCases)
    func backwardMatchesCentralDifferences(_ c: GradCase) throws {
        let mismatch = try gradientMismatch(c.f, at: c.inputs)
        #expect(mismatch == nil, "\(c.testDescription): \(mismatch.map(String.init(describing:)) ?? "")")
    }

    @Test(arguments: allCases.filter { $0.smooth })
    func secondDerivativesMatchCentralDifferencesOfTheFirst(_ c: GradCase) throws {
        // Differentiate with respect to the first input; the others stay constant.
        let rest = c.inputs.dropFirst().map { Variable($0) }
        let direction = randn(c.inputs[0].shape, seed: 77)
        let mismatch = try secondOrderMismatch({ x in try c.f([x] + rest) }, at: c.inputs[0], direction: direction)
        #expect(mismatch == nil, "\(c.testDescription): \(mismatch.map(String.init(describing:)) ?? "")")
    }

    @Test func aDeliberatelyWrongGradientIsCaught() throws {
        final class WrongSquare: Function {
            override func forward(_ xs: [NDArray]) throws -> [NDArray] { [try xs[0] * xs[0]] }
            override func backward(_ gys: [Variable]) throws -> [Variable?] { [try gys[0] * inputs[0] * 3.0] }
        }
        let mismatch = try gradientMismatch({ try WrongSquare()($0[0]) }, at: [NDArray([1, 2])])
        #expect(mismatch != nil)
        #expect(mismatch?.analytic == 3 || mismatch?.analytic == 6)
    }
}
