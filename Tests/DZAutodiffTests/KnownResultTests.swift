import Testing
import DZAutodiff

/// Results known from the DeZero book and from calculus.
@Suite struct KnownResultTests {
    @Test func newtonsMethodOnAQuartic() throws {
        // DeZero step 33: f(x) = x⁴ - 2x², from x = 2.0, using second derivatives.
        let expected = [2.0, 1.4545454545454546, 1.1510467893775467, 1.0253259289766978, 1.0009084519430513,
                        1.0000012353089454, 1.000000000002289, 1.0, 1.0, 1.0]
        var x = Variable(2.0)
        var seen: [Double] = []
        for _ in 0..<10 {
            seen.append(x.data.scalars[0])
            let y = try pow(x, Variable(4.0)) - 2.0 * pow(x, Variable(2.0))
            x.cleargrad()
            try y.backward(createGraph: true)
            let gx = try #require(x.grad)
            x.cleargrad()
            try gx.backward()
            let gx2 = try #require(x.grad)
            x = Variable(try x.data - (gx.data / gx2.data))
        }
        #expect(seen == expected)
    }

    @Test func derivativesOfTanhUpToTheSixth() throws {
        // Oracle: tanh⁽ⁿ⁾ = Pₙ(t) with t = tanh(x), P₀ = t, Pₙ₊₁ = Pₙ'(t) (1 - t²).
        var poly: [Double] = [0, 1]   // coefficients of t⁰, t¹, ...
        let t = Foundation_tanh(1.0)
        var expected: [Double] = []
        for _ in 1...6 {
            var derivative = [Double](repeating: 0, count: poly.count + 2)
            for (k, c) in poly.enumerated() where k > 0 {
                derivative[k - 1] += Double(k) * c
                derivative[k + 1] -= Double(k) * c
            }
            poly = derivative
            expected.append(poly.enumerated().reduce(0) { $0 + $1.element * Foundation_pow(t, Double($1.offset)) })
        }
        let x = Variable(1.0)
        var y = try tanh(x)
        var got: [Double] = []
        for _ in 1...6 {
            x.cleargrad()
            try y.backward(createGraph: true)
            let g = try #require(x.grad)
            got.append(g.data.scalars[0])
            y = g
        }
        for (g, e) in zip(got, expected) {
            #expect(Swift.abs(g - e) <= 1e-9 * Swift.max(1, Swift.abs(e)), "\(got) vs \(expected)")
        }
    }

    @Test func goldsteinPriceGradientAtOneOne() throws {
        let x = Variable(1.0), y = Variable(1.0)
        func sq(_ v: Variable) throws -> Variable { try v * v }
        let a = try 1.0 + sq(x + y + 1.0) * (19.0 - 14.0 * x + 3.0 * sq(x) - 14.0 * y + 6.0 * x * y + 3.0 * sq(y))
        let b = try 30.0 + sq(2.0 * x - 3.0 * y) * (18.0 - 32.0 * x + 12.0 * sq(x) + 48.0 * y - 36.0 * x * y + 27.0 * sq(y))
        let z = try a * b
        try z.backward()
        #expect(x.grad?.data.scalars == [-5376])
        #expect(y.grad?.data.scalars == [8064])
    }

    @Test func thirdDerivativeOfSineIsMinusCosine() throws {
        let x = Variable(NDArray([0.3, 1.0, -2.0]))
        var y = try sin(x)
        for _ in 0..<3 {
            x.cleargrad()
            try y.backward(createGraph: true)
            y = try #require(x.grad)
        }
        let expected = try x.data.cos().scalars.map { -$0 }
        for (g, e) in zip(y.data.scalars, expected) { #expect(Swift.abs(g - e) < 1e-14) }
    }

    @Test func aDiamondAccumulates() throws {
        // y = a² + a² with a = x²: dy/dx = 8x³.
        let x = Variable(NDArray([2, -1]))
        let a = try x * x
        let y = try a * a + a * a
        try y.backward()
        #expect(x.grad?.data.scalars == [64, -8])
        // x used twice directly: y = x * x + x, dy/dx = 2x + 1.
        let x2 = Variable(3.0)
        try (x2 * x2 + x2).backward()
        #expect(x2.grad?.data.scalars == [7])
    }

    @Test func seedNotebookMatmulBackwardShapes() throws {
        let x = Variable(randn([2, 3], seed: 0)), W = Variable(randn([3, 4], seed: 1))
        let y = try matmul(x, W)
        try y.backward()
        #expect(x.grad?.shape == [2, 3])
        #expect(W.grad?.shape == [3, 4])
        // gx = gy · Wᵀ and gW = xᵀ · gy with gy = ones.
        let ones = try NDArray.ones([2, 4])
        #expect(x.grad?.data.scalars == (try ones.matmul(W.data.T)).scalars)
        #expect(W.grad?.data.scalars == (try x.data.T.matmul(ones)).scalars)
    }
}

// Plain libm calls for the oracles, named apart from the Variable functions.
import Glibc
func Foundation_tanh(_ x: Double) -> Double { Glibc.tanh(x) }
func Foundation_pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
