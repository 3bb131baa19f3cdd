import Testing
import DZAutodiff
import DZTestSupport

// Gradients of var std prod cumsum where outer norm sign floor ceil against central
// differences, first and second order, on several shapes and axes.

/// A weighting so that a non-scalar result's gradient is not all ones.
func weighted(_ y: Variable, seed: UInt32) throws -> Variable { try y * Variable(randn(y.shape, seed: seed)) }

let statisticsCases: [GradCase] = [
    GradCase("var", [randn([5], seed: 1)]) { try variance($0[0]) },
    GradCase("var", [randn([3, 4], seed: 2)]) { try weighted(variance($0[0], axes: [0]), seed: 9) },
    GradCase("var", [randn([2, 3, 4], seed: 3)]) { try weighted(variance($0[0], axes: [0, 2], keepdims: true, ddof: 1), seed: 9) },
    GradCase("std", [randn([5], seed: 4)]) { try standardDeviation($0[0], ddof: 1) },
    GradCase("std", [randn([3, 4], seed: 5)]) { try weighted(standardDeviation($0[0], axes: [-1]), seed: 9) },
    GradCase("std", [randn([2, 3, 4], seed: 6)]) { try weighted(standardDeviation($0[0], axes: [1], keepdims: true), seed: 9) },
    GradCase("prod", [randn([4], seed: 7)]) { try prod($0[0]) },
    GradCase("prod", [randn([], seed: 7)]) { try prod($0[0]) },
    GradCase("prod", [randn([3, 4], seed: 8)]) { try weighted(prod($0[0], axes: [1]), seed: 9) },
    GradCase("prod", [randn([2, 3, 4], seed: 9)]) { try weighted(prod($0[0], axes: [0, 2]), seed: 9) },
    GradCase("prod", [randn([2, 3, 4], seed: 10)]) { try weighted(prod($0[0], axes: [-1], keepdims: true), seed: 9) },
    GradCase("prod", [randn([5, 1], seed: 11)]) { try weighted(prod($0[0], axes: [0]), seed: 9) },
    GradCase("prod with zeros", [NDArray([2, 0, 3, -1.5])]) { try prod($0[0]) },
    GradCase("prod with two zeros", [NDArray([2, 0, 3, 0])]) { try prod($0[0]) },
    GradCase("prod with zeros", [try! NDArray(shape: [2, 3], scalars: [0, 1.5, -2, 0, 0, 3])]) { try weighted(prod($0[0], axes: [1]), seed: 9) },
    GradCase("cumsum", [randn([5], seed: 12)]) { try weighted(cumsum($0[0], axis: 0), seed: 9) },
    GradCase("cumsum", [randn([3, 4], seed: 13)]) { try weighted(cumsum($0[0]), seed: 9) },
    GradCase("cumsum", [randn([2, 3, 4], seed: 14)]) { try weighted(cumsum($0[0], axis: 1), seed: 9) },
    GradCase("cumsum", [randn([2, 3, 4], seed: 15)]) { try weighted(cumsum($0[0], axis: -1), seed: 9) },
    GradCase("where", [randn([3, 4], seed: 16), randn([3, 4], seed: 17)]) {
        try weighted(whereSelect(NDArray.greater(randn([3, 4], seed: 18), NDArray(0)), $0[0], $0[1]), seed: 9)
    },
    GradCase("where", [randn([4], seed: 19), randn([], seed: 20)]) {
        try weighted(whereSelect(try! NDArray(shape: [3, 1], scalars: [1, 0, 1]), $0[0], $0[1]), seed: 9)
    },
    GradCase("where", [randn([3, 1], seed: 21), randn([1, 4], seed: 22)]) {
        try weighted(whereSelect(NDArray([1, 0, 0, 1]), $0[0], $0[1]) * $0[0], seed: 9)
    },
    GradCase("outer", [randn([3], seed: 23), randn([4], seed: 24)]) { try weighted(outer($0[0], $0[1]), seed: 9) },
    GradCase("outer", [randn([2, 2], seed: 25), randn([], seed: 26)]) { try weighted(outer($0[0], $0[1]), seed: 9) },
    GradCase("norm", [randn([5], seed: 27)]) { try norm($0[0]) },
    GradCase("norm", [randn([2, 3, 4], seed: 28)]) { try norm($0[0], keepdims: true) },
    GradCase("norm", [randn([3, 4], seed: 29)]) { try weighted(norm($0[0], axes: [1]), seed: 9) },
    GradCase("norm", [randn([3, 4], seed: 30)]) { try weighted(norm($0[0], ord: .number(3), axes: [0], keepdims: true), seed: 9) },
    GradCase("norm", [awayFromZero([3, 4], seed: 31)], smooth: false) { try weighted(norm($0[0], ord: .number(1), axes: [-1]), seed: 9) },
    GradCase("norm", [distinct([3, 4], seed: 32)], smooth: false) { try weighted(norm($0[0], ord: .number(.infinity), axes: [1]), seed: 9) },
    GradCase("norm", [randn([2, 3, 4], seed: 33)]) { try weighted(norm($0[0], ord: .frobenius, axes: [2, 0]), seed: 9) },
    GradCase("norm", [awayFromZero([3, 4], seed: 34)], smooth: false) { try norm($0[0], ord: .number(1)) },
    GradCase("norm", [distinct([3, 4], seed: 35)], smooth: false) { try norm($0[0], ord: .number(-.infinity)) },
    GradCase("sign", [awayFromZero([3, 4], seed: 36)], smooth: false) { try weighted(sign($0[0]), seed: 9) },
    GradCase("floor", [uniform([3, 4], 0.1, 0.9, seed: 37)], smooth: false) { try weighted(floor($0[0]), seed: 9) },
    GradCase("ceil", [uniform([3, 4], 0.1, 0.9, seed: 38)], smooth: false) { try weighted(ceil($0[0]), seed: 9) },
]

@Suite struct StatisticsGradientTests {
    @Test(arguments: statisticsCases)
    func backwardMatchesCentralDifferences(_ c: GradCase) throws {
        let mismatch = try gradientMismatch(c.f, at: c.inputs)
        #expect(mismatch == nil, "\(c.testDescription): \(mismatch.map(String.init(describing:)) ?? "")")
    }

    @Test(arguments: statisticsCases.filter { $0.smooth })
    func secondDerivativesMatchCentralDifferencesOfTheFirst(_ c: GradCase) throws {
        let rest = c.inputs.dropFirst().map { Variable($0) }
        let direction = randn(c.inputs[0].shape, seed: 77)
        let mismatch = try secondOrderMismatch({ x in try c.f([x] + rest) }, at: c.inputs[0], direction: direction)
        #expect(mismatch == nil, "\(c.testDescription): \(mismatch.map(String.init(describing:)) ?? "")")
    }

    @Test func prodGradientAtZerosIsTheProductOfTheOthers() throws {
        let x = Variable(NDArray([2, 0, 3, -1.5]))
        try prod(x).backward()
        #expect(x.grad?.data.scalars == [0, -9, 0, 0])
        let y = Variable(NDArray([0, 2, 0]))
        try prod(y).backward()
        #expect(y.grad?.data.scalars == [0, 0, 0])
        // Second order at a zero: d2/dx0 dx1 of x0*x1*x2 is x2.
        let z = Variable(NDArray([0, 0, 5]))
        let g = try grad(of: prod(z), withRespectTo: [z], createGraph: true)[0]
        let h = try grad(of: getItem(g, [.index(0)]), withRespectTo: [z])[0]
        #expect(h.data.scalars == [0, 5, 0])
    }

    @Test func normGradientAtZeroIsZero() throws {
        for f: (Variable) throws -> Variable in [{ try norm($0) }, { try norm($0, axes: [1]) },
                                                  { try norm($0, ord: .number(3), axes: [0]) },
                                                  { try norm($0, ord: .frobenius, axes: [0, 1]) }] {
            let x = Variable(try NDArray.zeros([2, 3]))
            try f(x).backward()
            #expect(x.grad?.data.scalars == [0, 0, 0, 0, 0, 0])
        }
        // One row zero, the other not: the zero row gets 0, the other x / |x|.
        let x = Variable(try NDArray(shape: [2, 2], scalars: [0, 0, 3, 4]))
        try sum(norm(x, axes: [1])).backward()
        #expect(x.grad?.data.scalars == [0, 0, 0.6, 0.8])
    }

    @Test func whereKeepsAnInfiniteGradientOutOfTheOtherBranch() throws {
        // gy is inf where the condition is false: x must still get exactly 0 there.
        let x = Variable(NDArray([1, 2])), y = Variable(NDArray([0.0, 0.0]))
        let w = try whereSelect(NDArray([1, 0]), x, y)
        try (w * Variable(NDArray([1, Double.infinity]))).backward()
        #expect(x.grad?.data.scalars == [1, 0])
        #expect(y.grad?.data.scalars == [0, .infinity])
    }

    @Test func signFloorCeilPassZeros() throws {
        for f: (Variable) throws -> Variable in [{ try sign($0) }, { try floor($0) }, { try ceil($0) }] {
            let x = Variable(NDArray([-1.5, 0, 2.5]))
            try f(x).backward()
            #expect(x.grad?.data.scalars == [0, 0, 0])
        }
    }

    @Test func unsupportedNormOrdersAreErrorsNamingTheOrder() throws {
        let m = Variable(try NDArray.ones([2, 2]))
        #expect(throws: TensorError.self) { try norm(m, ord: .number(2)) }
        #expect(throws: TensorError.self) { try norm(m, ord: .nuclear) }
        #expect(throws: TensorError.self) { try norm(Variable(NDArray([1, 2])), ord: .frobenius) }
        #expect(throws: TensorError.self) { try norm(Variable(try NDArray.ones([2, 2, 2])), ord: .number(1)) }
        #expect(throws: TensorError.self) { try norm(m, axes: [0, -2]) }
    }
}

@Suite struct StatisticsGradientPathTests {
    /// prod's gradient on arrays (a plain backward) and as a graph (create_graph) are the
    /// same multiplications: the same bits, on several shapes and axes, zeros included.
    @Test(arguments: [([6], nil), ([3, 5], [1]), ([4, 3, 2], [0, 2]), ([2, 7], nil), ([1, 9], [0]), ([9], [0])] as [([Int], [Int]?)])
    func prodGradientIsTheSameBitsWithAndWithoutAGraph(_ shape: [Int], _ axes: [Int]?) throws {
        var data = randn(shape, seed: 5).scalars
        data[1] = 0
        let a = Variable(try NDArray(shape: shape, scalars: data)), b = Variable(try NDArray(shape: shape, scalars: data))
        let w = Variable(randn(try prod(a, axes: axes).shape, seed: 6))
        try sum(prod(a, axes: axes) * w).backward()
        try sum(prod(b, axes: axes) * w).backward(createGraph: true)
        #expect(a.grad!.data.scalars == b.grad!.data.scalars)
    }
}
