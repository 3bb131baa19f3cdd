import Foundation
import Testing
import DZAutodiff
import DZTestSupport

// dz against DeZero 0.0.13 itself: the configurations of DeZero's tests (test_conv2d.py,
// test_deconv2d.py, test_im2col.py, test_pooling.py, test_batchnorm.py,
// test_weight_decay.py) with the outputs and gradients DeZero computed for the same inputs
// (scripts/gen_dezero_fixtures.py writes them to Fixtures/dezero/).

/// One fixture: the arrays of `Fixtures/dezero/<name>.npz` by name.
struct DeZeroFixture {
    let arrays: [String: NDArray]
    init(_ name: String) throws {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/dezero/\(name).npz")
        arrays = Dictionary(try NPZ.read(contentsOf: url.path).map { ($0.name, $0.array) }, uniquingKeysWith: { a, _ in a })
    }
    subscript(_ key: String) -> NDArray { arrays[key]! }
    func has(_ key: String) -> Bool { arrays[key] != nil }
    /// A stored (height, width) pair.
    func pair(_ key: String) -> Pair {
        let v = self[key].scalars
        return Pair(Int(v[0]), Int(v[1]))
    }
}

/// Whether `actual` matches DeZero's `expected` in shape and to `tolerance` (relative and absolute).
func matches(_ actual: NDArray?, _ expected: NDArray, tolerance: Double = 1e-9) -> Bool {
    guard let actual, actual.shape == expected.shape else { return false }
    return allClose(actual, expected, rtol: tolerance, atol: tolerance)
}

/// Runs backward from `y` seeded with DeZero's upstream gradient `gy`.
func backward(_ y: Variable, seed gy: NDArray) throws {
    try sum(y * Variable(gy)).backward()
}

@Suite struct DeZeroFixtureTests {
    @Test(arguments: ["conv2d_1", "conv2d_2", "conv2d_3", "conv2d_4", "conv2d_5"])
    func conv2dMatchesDeZero(_ name: String) throws {
        let f = try DeZeroFixture(name)
        let x = Variable(f["x"]), W = Variable(f["W"]), b = f.has("b") ? Variable(f["b"]) : nil
        let y = try conv2d(x, W, b, stride: f.pair("stride"), pad: f.pair("pad"))
        #expect(matches(y.data, f["y"]))
        try backward(y, seed: f["gy"])
        #expect(matches(x.grad?.data, f["gx"]))
        #expect(matches(W.grad?.data, f["gW"]))
        if let b { #expect(matches(b.grad?.data, f["gb"])) }
    }

    @Test(arguments: ["deconv2d_1", "deconv2d_2", "deconv2d_3"])
    func deconv2dMatchesDeZero(_ name: String) throws {
        let f = try DeZeroFixture(name)
        let x = Variable(f["x"]), W = Variable(f["W"]), b = f.has("b") ? Variable(f["b"]) : nil
        let y = try deconv2d(x, W, b, stride: f.pair("stride"), pad: f.pair("pad"), outsize: f.has("outsize") ? f.pair("outsize") : nil)
        #expect(matches(y.data, f["y"]))
        try backward(y, seed: f["gy"])
        #expect(matches(x.grad?.data, f["gx"]))
        #expect(matches(W.grad?.data, f["gW"]))
        if let b { #expect(matches(b.grad?.data, f["gb"])) }
    }

    @Test func im2colOfARampIsDeZeroExample() throws {
        let f = try DeZeroFixture("im2col_1")
        let y = try im2col(Variable(f["x"]), kernel: Pair(3), stride: Pair(3), pad: Pair(0), toMatrix: true)
        #expect(y.data.shape == [1, 9])
        #expect(y.data.scalars == [0, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(matches(y.data, f["y"], tolerance: 0))
    }

    @Test(arguments: [("im2col_2", true), ("im2col_3", false)])
    func im2colMatchesDeZero(_ name: String, _ toMatrix: Bool) throws {
        let f = try DeZeroFixture(name)
        let x = Variable(f["x"])
        let y = try im2col(x, kernel: f.pair("kernel"), stride: f.pair("stride"), pad: f.pair("pad"), toMatrix: toMatrix)
        #expect(matches(y.data, f["y"], tolerance: 0))
        try backward(y, seed: f["gy"])
        #expect(matches(x.grad?.data, f["gx"]))
    }

    @Test func col2imMatchesDeZero() throws {
        let f = try DeZeroFixture("col2im_1")
        let c = Variable(f["x"])
        let y = try col2im(c, inputShape: [1, 1, 3, 3], kernel: Pair(3), stride: Pair(3), pad: Pair(0), toMatrix: true)
        #expect(matches(y.data, f["y"], tolerance: 0))
        try backward(y, seed: f["gy"])
        #expect(matches(c.grad?.data, f["gx"], tolerance: 0))
    }

    @Test(arguments: ["pooling_1", "pooling_2", "pooling_3", "average_pooling_1", "average_pooling_2", "average_pooling_3"])
    func poolingMatchesDeZero(_ name: String) throws {
        let f = try DeZeroFixture(name)
        let x = Variable(f["x"])
        let pool = name.hasPrefix("average") ? averagePooling : pooling
        let y = try pool(x, f.pair("kernel"), f.pair("stride"), f.pair("pad"))
        #expect(matches(y.data, f["y"]))
        try backward(y, seed: f["gy"])
        #expect(matches(x.grad?.data, f["gx"]))
    }

    @Test(arguments: ["batchnorm_1", "batchnorm_2", "batchnorm_3", "batchnorm_4"])
    func batchNormMatchesDeZero(_ name: String) throws {
        let f = try DeZeroFixture(name)
        let test = try TrainMode.testing {
            try batchNorm(Variable(f["x"]), Variable(f["gamma"]), Variable(f["beta"]), mean: Variable(f["mean"]), variance: Variable(f["var"]))
        }
        #expect(matches(test.data, f["y_test"]))
        let x = Variable(f["x"]), gamma = Variable(f["gamma"]), beta = Variable(f["beta"])
        let mean = Variable(f["mean"]), variance = Variable(f["var"])
        let y = try batchNorm(x, gamma, beta, mean: mean, variance: variance)
        #expect(matches(y.data, f["y"]))
        #expect(matches(mean.data, f["mean_after"]))
        #expect(matches(variance.data, f["var_after"]))
        try backward(y, seed: f["gy"])
        #expect(matches(x.grad?.data, f["gx"], tolerance: 1e-8))
        #expect(matches(gamma.grad?.data, f["ggamma"]))
        #expect(matches(beta.grad?.data, f["gbeta"]))
    }

    @Test func batchNormRunningStatisticsOverTenBatchesMatchDeZeroLayer() throws {
        let f = try DeZeroFixture("batchnorm_layer")
        let c = 10
        // DeZero's layer starts from mean 0, var 1, gamma 1, beta 0.
        let mean = Variable(try NDArray.zeros([c])), variance = Variable(try NDArray.ones([c]))
        let gamma = Variable(try NDArray.ones([c])), beta = Variable(try NDArray.zeros([c]))
        let xs = f["xs"], ys = f["ys"]
        for i in 0..<10 {
            let x = try xs.gathered([.index(i)])
            let y = try batchNorm(Variable(x), gamma, beta, mean: mean, variance: variance)
            #expect(matches(y.data, try ys.gathered([.index(i)])), "batch \(i)")
        }
        #expect(matches(mean.data, f["avg_mean"]))
        #expect(matches(variance.data, f["avg_var"]))
        let test = try TrainMode.testing {
            try batchNorm(Variable(try xs.gathered([.index(9)])), gamma, beta, mean: mean, variance: variance)
        }
        #expect(matches(test.data, f["y_test"]))
        // Test mode leaves the statistics alone.
        #expect(matches(mean.data, f["avg_mean"]))
    }

    @Test func leakyReLUMatchesDeZero() throws {
        let f = try DeZeroFixture("leaky_relu")
        for (suffix, slope) in [("", 0.2), ("_005", 0.05)] {
            let x = Variable(f["x"])
            let y = try leakyReLU(x, slope: slope)
            #expect(matches(y.data, f["y" + suffix], tolerance: 0))
            try backward(y, seed: f["gy" + suffix])
            #expect(matches(x.grad?.data, f["gx" + suffix], tolerance: 0))
        }
    }

    @Test func binaryCrossEntropyMatchesDeZero() throws {
        let f = try DeZeroFixture("binary_cross_entropy")
        let p = Variable(f["p"])
        let y = try binaryCrossEntropy(p, Variable(f["t"]))
        #expect(matches(y.data, f["y"], tolerance: 1e-12))
        try y.backward()
        #expect(matches(p.grad?.data, f["gp"], tolerance: 1e-12))
    }

    @Test func embedIDMatchesDeZero() throws {
        let f = try DeZeroFixture("embed_id")
        let W = Variable(f["W"])
        let y = try embedID(Variable(f["ids"].astype(.int64)), W)
        #expect(matches(y.data, f["y"], tolerance: 0))
        try backward(y, seed: f["gy"])
        #expect(matches(W.grad?.data, f["gW"], tolerance: 1e-12))
    }

    /// test_weight_decay.py: SGD with WeightDecay(0.4) gives DeZero's weights, and the same
    /// as adding `rate / 2 * sum(W ** 2)` to the loss; ClipGrad scales the step as DeZero's.
    @Test func weightDecayAndClipGradMatchDeZero() throws {
        let f = try DeZeroFixture("hooks")
        let x = Variable(f["x"]), t = Variable(f["t"])
        let rate = f["rate"].scalar!
        func step(_ hooks: [OptimizerHook], start: NDArray, penalty: Double = 0) throws -> (W: NDArray, grad: NDArray) {
            let layer = try Linear(outSize: 3, nobias: true)
            try layer.setParameter("W", start)
            let opt = SGD()
            for h in hooks { opt.addHook(h) }
            var loss = try softmaxCrossEntropy(linear(x, layer.W!), t)
            if penalty > 0 { loss = try loss + penalty / 2 * sum(layer.W! * layer.W!) }
            try loss.backward()
            let grad = layer.W!.grad!.data
            try opt.update(layer.params)
            return (layer.W!.data, grad)
        }
        let ones = try NDArray.ones([2, 3])
        let decayed = try step([WeightDecay(rate: rate)], start: ones)
        #expect(matches(decayed.W, f["W_decay"], tolerance: 1e-12))
        let penalized = try step([], start: ones, penalty: rate)
        #expect(matches(penalized.W, f["W_decay"], tolerance: 1e-12))
        let clipped = try step([ClipGrad(maxNorm: 0.05)], start: f["W_start"])
        #expect(matches(clipped.W, f["W_clip"], tolerance: 1e-12))
        #expect(!matches(clipped.W, try f["W_start"] - NDArray(0.01) * f["grad"], tolerance: 1e-12), "the clip changed the step")
    }

    @Test func freezeParamLeavesTheFrozenParametersAlone() throws {
        let a = Variable(NDArray([1.0, 2.0])), b = Variable(NDArray([3.0]))
        let opt = SGD(lr: 0.5)
        opt.addHook(FreezeParam(params: [a]))
        try (sum(a * a) + sum(b * b)).backward()
        try opt.update([a, b])
        #expect(a.data.scalars == [1, 2])
        #expect(b.data.scalars == [0])
        #expect(a.grad == nil)
    }
}
