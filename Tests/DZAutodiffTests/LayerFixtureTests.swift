import Testing
import DZAutodiff
import DZTestSupport

/// The layers of steps 52-60 against DeZero's: after the same `seed`, the same weights are
/// drawn in the same order and the same outputs (and, through time, gradients) come out
/// (Fixtures/dezero/layer_*.npz, made with float64 weights).
@Suite struct LayerFixtureTests {
    @Test func conv2dLayerDrawsDeZeroWeightsAtTheFirstCall() throws {
        let f = try DeZeroFixture("layer_conv2d")
        var rng = RandomState(seed: 0)
        let layer = try Conv2dLayer(outChannels: 4, kernel: Pair(3), stride: Pair(1), pad: Pair(1), using: &rng)
        #expect(layer.W == nil)
        let y = try layer(Variable(f["x"]), using: &rng)
        #expect(matches(layer.W?.data, f["W"], tolerance: 1e-12))
        #expect(matches(layer.b?.data, f["b"], tolerance: 0))
        #expect(matches(y.data, f["y"]))
        #expect(layer.namedParameters.map(\.name) == ["W", "b"])
    }

    @Test func deconv2dLayerDrawsDeZeroWeights() throws {
        let f = try DeZeroFixture("layer_deconv2d")
        var rng = RandomState(seed: 1)
        let layer = try Conv2dLayer(outChannels: 2, kernel: Pair(3, 2), stride: Pair(2), pad: Pair(1), transposed: true, using: &rng)
        let y = try layer(Variable(f["x"]), using: &rng)
        #expect(matches(layer.W?.data, f["W"], tolerance: 1e-12))
        #expect(matches(y.data, f["y"]))
    }

    @Test func embedIDLayerDrawsItsTableAtConstruction() throws {
        let f = try DeZeroFixture("layer_embed_id")
        var rng = RandomState(seed: 2)
        let layer = try EmbedIDLayer(inSize: 5, outSize: 3, using: &rng)
        #expect(matches(layer.W.data, f["W"], tolerance: 0))
        #expect(matches(try layer(Variable(f["ids"].astype(.int64))).data, f["y"], tolerance: 0))
    }

    /// Three steps, a loss on the last hidden state, backward through time, a reset.
    func checkRecurrent(_ f: DeZeroFixture, _ layer: EngineLayer, step: (Variable) throws -> Variable, reset: () -> Void) throws {
        let xs = f["xs"], ys = f["ys"]
        var last: Variable?
        for t in 0..<3 {
            let y = try step(Variable(try xs.gathered([.index(t)])))
            #expect(matches(y.data, try ys.gathered([.index(t)])), "step \(t)")
            last = y
        }
        for (name, p) in layer.namedParameters {
            #expect(matches(p.data, f[name.replacingSlash()], tolerance: 1e-12), "\(name)")
        }
        try sum(last! * last!).backward()
        for (name, p) in layer.namedParameters {
            #expect(matches(p.grad?.data, f["grad_" + name.replacingSlash()]), "grad of \(name)")
        }
        reset()
        #expect(matches(try step(Variable(try xs.gathered([.index(0)]))).data, f["after_reset"]))
    }

    @Test func rnnMatchesDeZeroThroughTime() throws {
        let f = try DeZeroFixture("layer_rnn")
        var rng = RandomState(seed: 3)
        let layer = try RNNLayer(hiddenSize: 4, using: &rng)
        try checkRecurrent(f, layer, step: { try layer($0, using: &rng) }, reset: layer.resetState)
        #expect(layer.namedParameters.map(\.name) == ["x2h/W", "x2h/b", "h2h/W"])
    }

    @Test func lstmMatchesDeZeroThroughTime() throws {
        let f = try DeZeroFixture("layer_lstm")
        var rng = RandomState(seed: 3)
        let layer = try LSTMLayer(hiddenSize: 3, using: &rng)
        try checkRecurrent(f, layer, step: { try layer($0, using: &rng) }, reset: layer.resetState)
        #expect(layer.namedParameters.count == 12)
    }

    @Test func batchNormLayerMakesItsParametersFromTheInput() throws {
        let layer = BatchNormLayer()
        let y = try layer(Variable(try NDArray(shape: [2, 3], scalars: [1, 2, 3, 3, 6, 9])))
        #expect(layer.namedParameters.map(\.name) == ["avg_mean", "avg_var", "gamma", "beta"])
        #expect(matches(y.data, try NDArray(shape: [2, 3], scalars: [-1, -1, -1, 1, 1, 1]), tolerance: 1e-4))
        #expect(matches(layer.avgMean?.data, NDArray([0.2, 0.4, 0.6]), tolerance: 1e-12))
    }

    @Test func badLayerArgumentsAndWeightsAreErrors() throws {
        var rng = RandomState(seed: 0)
        #expect(throws: TensorError.invalid(operation: "Conv2d", message: "out_channels must be positive, got 0")) {
            try Conv2dLayer(outChannels: 0, kernel: Pair(3), using: &rng)
        }
        let conv = try Conv2dLayer(outChannels: 2, kernel: Pair(3), inChannels: 1, using: &rng)
        #expect(throws: TensorError.invalid(operation: "load_weights", message: "W of shape (2, 2, 3, 3) does not fit a Conv2d layer with W of shape (2, 1, 3, 3)")) {
            try conv.setParameter("W", try NDArray.zeros([2, 2, 3, 3]))
        }
        let lstm = try LSTMLayer(hiddenSize: 2, using: &rng)
        #expect(throws: TensorError.self) { try lstm.setParameter("x2z/W", try NDArray.zeros([2, 2])) }
        try lstm.setParameter("x2f/W", try NDArray.ones([5, 2]))
        #expect(lstm.x2f.inSize == 5)
    }
}

extension String {
    /// `x2h/W` as the fixture stores it: `x2h_W`.
    func replacingSlash() -> String { String(map { $0 == "/" ? "_" : $0 }) }
}

/// DeZero's VGG16 on one 32x32 image in test mode: the same weights after `seed(0)` (37.7
/// million, drawn at the first call in DeZero's order) give DeZero's 1000 scores.
@Suite struct VGG16FixtureTests {
    @Test func vgg16ScoresMatchDeZero() throws {
        let f = try DeZeroFixture("model_vgg16")
        var rng = RandomState(seed: 0)
        let model = try VGG16(using: &rng)
        #expect(model.namedParameters.count == 16)    // the biases; every W waits for the first call
        let y = try TrainMode.testing { try GradMode.with(enabled: false) { try model(Variable(f["x"]), using: &rng) } }
        #expect(y.shape == [1, 1000])
        #expect(matches(y.data, f["y"], tolerance: 1e-9))
        #expect(model.namedParameters.map(\.name) == model.parameterKeys)
        #expect(model.fc6.inSize == 512)
    }
}

/// ResNet as DeZero's code describes it (DeZero 0.0.13 cannot construct its own): the
/// parameter keys of its npz files, and a forward pass to 1000 scores.
@Suite struct ResNetTests {
    @Test func resnet50RunsAndNamesItsParametersAsDeZero() throws {
        var rng = RandomState(seed: 0)
        let model = try ResNet(layers: 50, using: &rng)
        // conv1 (W, b), bn1 (4), 16 bottlenecks of 3 convs + 3 batch norms, 4 projections, fc6.
        #expect(model.parameterKeys.count == 2 + 4 + 16 * (3 + 3 * 4) + 4 * (1 + 4) + 2)
        #expect(model.parameterKeys.contains("res2/a/conv4/W") && model.parameterKeys.contains("res5/b2/bn3/avg_var"))
        let y = try TrainMode.testing { try GradMode.with(enabled: false) { try model(Variable(try rng.randn([1, 3, 32, 32])), using: &rng) } }
        #expect(y.shape == [1, 1000])
        let scores = y.data.scalars
        #expect(scores.allSatisfy { $0.isFinite })
        #expect(model.namedParameters.map(\.name) == model.parameterKeys)
        #expect(throws: TensorError.invalid(operation: "ResNet", message: "n_layers must be 50, 101 or 152, got 18")) {
            try ResNet(layers: 18, using: &rng)
        }
    }
}
