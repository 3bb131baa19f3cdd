import Testing
import DZTensor
@testable import DZAutodiff

/// Each optimizer takes two steps on p = [1, -2] with gradients [0.5, 0.25] then
/// [-1, 0.75]; the expected values are what DeZero 0.0.13's optimizers give on float64
/// arrays (printed with repr), and dz must repeat them to the bit.
@Suite struct OptimizerTests {
    static let gradients: [[Double]] = [[0.5, 0.25], [-1.0, 0.75]]

    func steps(_ optimizer: Optimizer) throws -> [[Double]] {
        let p = Variable(NDArray([1.0, -2.0]), name: "p")
        var out: [[Double]] = []
        for g in Self.gradients {
            p.grad = Variable(NDArray(g))
            try optimizer.update([p])
            out.append(p.data.scalars)
        }
        return out
    }

    @Test func sgd() throws {
        // p - 0.1 g: [1 - 0.05, -2 - 0.025], then [0.95 + 0.1, -2.025 - 0.075].
        #expect(try steps(SGD(lr: 0.1)) == [[0.95, -2.025], [1.05, -2.1]])
    }

    @Test func momentumSGD() throws {
        // v1 = -0.1 g1 = [-0.05, -0.025]; v2 = 0.9 v1 - 0.1 g2 = [0.055, -0.0975].
        #expect(try steps(MomentumSGD(lr: 0.1, momentum: 0.9)) == [[0.95, -2.025], [1.005, -2.1225]])
    }

    @Test func adaGrad() throws {
        // h1 = g1²; p -= 0.1 g1 / (|g1| + 1e-8) ≈ p - 0.1 sign(g1); h2 = g1² + g2².
        #expect(try steps(AdaGrad(lr: 0.1)) == [[0.900000002, -2.099999996], [0.9894427202999916, -2.1948683246050518]])
    }

    @Test func adaDelta() throws {
        // msg1 = 0.05 g1²; dx1 = sqrt(1e-6 / (msg1 + 1e-6)) g1; msdx1 = 0.05 dx1²; ...
        #expect(try steps(AdaDelta()) == [[0.9955280429197062, -2.004471420584931], [1.0012132357159997, -2.010485899286058]])
    }

    @Test func adam() throws {
        // t = 1: m = 0.1 g, v = 0.001 g², lr = 0.1 sqrt(0.001) / 0.1, so p -= ≈ 0.1 sign(g).
        let adam = Adam(alpha: 0.1)
        #expect(try steps(adam) == [[0.9000000632455132, -2.0999998735090535], [0.9366104055930933, -2.1917779486940177]])
        #expect(adam.t == 2)
        // lr at t = 2: 0.1 * sqrt(1 - 0.999²) / (1 - 0.9²)
        #expect(adam.lr == 0.1 * (1 - 0.999 * 0.999).squareRoot() / (1 - 0.9 * 0.9))
    }

    @Test func parametersWithoutGradientAreLeftAlone() throws {
        let p = Variable(NDArray([1.0, 2.0]))
        let q = Variable(NDArray([3.0]))
        q.grad = Variable(NDArray([1.0]))
        try SGD(lr: 0.5).update([p, q])
        #expect(p.data.scalars == [1, 2])
        #expect(q.data.scalars == [2.5])
    }

    @Test func updatesKeepTheVariable() throws {
        // The optimizer replaces data in place: the same Variable, new values.
        let p = Variable(NDArray([1.0]))
        let before = ObjectIdentifier(p)
        p.grad = Variable(NDArray([1.0]))
        try MomentumSGD().update([p])
        #expect(ObjectIdentifier(p) == before)
        #expect(p.data.scalars == [0.99])
    }
}

/// DeZero's Linear and MLP: lazy weights, initialisation order, shapes.
@Suite struct LayerTests {
    @Test func linearDrawsWLikeDeZero() throws {
        // np.random.seed(0); np.random.randn(3, 2) * np.sqrt(1 / 3)
        var rng = RandomState()
        rng.seed(0)
        let layer = try Linear(outSize: 2)
        #expect(layer.W == nil)
        let y = try layer(Variable(try NDArray.ones([4, 3])), using: &rng)
        #expect(y.shape == [4, 2])
        #expect(layer.inSize == 3)
        var check = RandomState()
        check.seed(0)
        let expected = try check.randn([3, 2]) * NDArray((1.0 / 3.0).squareRoot())
        #expect(layer.W!.data.scalars == expected.scalars)
        #expect(layer.b!.data.scalars == [0, 0])
        #expect(layer.params.count == 2)
    }

    @Test func linearWithInputSizeDrawsAtOnce() throws {
        var rng = RandomState()
        rng.seed(1)
        let layer = try Linear(outSize: 3, nobias: true, inSize: 2, using: &rng)
        #expect(layer.W!.shape == [2, 3])
        #expect(layer.b == nil)
        #expect(layer.parameterNames == ["W"])
    }

    @Test func mlpForwardAndBackward() throws {
        var rng = RandomState()
        rng.seed(0)
        let model = try MLP(sizes: [5, 1])
        let x = Variable(try rng.rand([8, 2]))
        let y = try model(x, using: &rng)
        #expect(y.shape == [8, 1])
        #expect(model.params.map(\.shape) == [[2, 5], [5], [5, 1], [1]])
        try sum(y).backward()
        #expect(model.params.allSatisfy { $0.grad != nil })
    }

    @Test func setParameterChecksShapes() throws {
        let layer = try Linear(outSize: 2)
        #expect(throws: TensorError.self) { try layer.setParameter("W", try NDArray.zeros([3, 4])) }
        try layer.setParameter("W", try NDArray.zeros([3, 2]))
        #expect(layer.inSize == 3)
        #expect(throws: TensorError.self) { try layer.setParameter("b", try NDArray.zeros([3])) }
    }
}
