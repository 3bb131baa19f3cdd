import DZAutodiff
import DZTensor

/// `Conv2d`, `Deconv2d`, `BatchNorm`, `EmbedID`, `RNN`, `LSTM`: a thin language object over
/// an engine layer (``EngineLayer``): calling it calls the layer on one tensor (with the
/// session's generator for lazily made weights); its attributes are the layer's parameters
/// by DeZero's names (`conv.W`, `lstm.x2f` as a `Linear`), `params()`, `cleargrads()`, and
/// `reset_state()` for the recurrent ones. An optimizer's `setup` and `FreezeParam` take it.
///
/// It is a ``LayerObject`` like `Linear` and `MLP`: its parameter slots are the engine
/// layer's keys (`W`, `x2h/W`, `conv1_1/W`), those not made yet included, so a user model can
/// hold it and `params`, optimizers, `save_weights`/`load_weights` and the path labels
/// (`conv1.W` in a model holding it as `conv1`) work as for the others.
final class EngineLayerObject: LayerObject {
    let typeName: String
    let layer: EngineLayer
    /// A one-line description of the configuration, e.g. `out_channels=16, kernel_size=(3, 3)`.
    let configuration: String
    let step: (Variable, Interpreter) throws -> Variable

    /// What the parameters' labels start with (`conv1.` inside a model); parameters made
    /// at a later call are labelled after it.
    private var labelPrefix = ""

    init(_ typeName: String, _ layer: EngineLayer, configuration: String, step: @escaping (Variable, Interpreter) throws -> Variable) {
        self.typeName = typeName; self.layer = layer; self.configuration = configuration; self.step = step
    }

    func collectSlots(prefix: [String], into slots: inout [ParameterSlot], visiting: inout Set<ObjectIdentifier>) {
        var byKey: [String: Variable] = [:]
        for (k, p) in layer.namedParameters { byKey[k] = p }
        let keys = expectedKeys + layer.namedParameters.map(\.name).filter { !expectedKeys.contains($0) }
        for key in keys {
            let v = byKey[key]
            slots.append(ParameterSlot(path: prefix + key.split(separator: "/").map(String.init), variable: v,
                                       shape: v.map { $0.shape.map { Optional($0) } } ?? [nil]) { [layer] a, apply in
                if apply { try layer.setParameter(key, a) } else if let v, v.shape != a.shape {
                    throw TensorError.invalid(operation: "load_weights", message: "an array of shape \(formatShape(a.shape)) does not fit the parameter of shape \(formatShape(v.shape))")
                }
            })
        }
    }

    func labelParameters(prefix: String, visiting: inout Set<ObjectIdentifier>) {
        labelPrefix = prefix
        relabel()
    }

    /// Names every parameter that exists by its path.
    private func relabel() {
        guard !labelPrefix.isEmpty else { return }
        for (key, p) in layer.namedParameters { p.name = labelPrefix + key.split(separator: "/", omittingEmptySubsequences: false).joined(separator: ".") }
    }

    var summary: String {
        let params = layer.namedParameters
        let count = params.reduce(0) { $0 + $1.parameter.size }
        let shapes = params.map { "\($0.name) \(formatShape($0.parameter.shape))" }.joined(separator: ", ")
        let pending = isPending ? " (more are made at the first call)" : ""
        return "\(typeName)(\(configuration)): " + (params.isEmpty ? "no parameters yet (made at the first call)" : "\(shapes); \(count) parameter\(count == 1 ? "" : "s")\(pending)")
    }

    /// Whether some parameters wait for the first call to be made.
    var isPending: Bool {
        switch layer {
        case let c as Conv2dLayer: c.W == nil
        case let b as BatchNormLayer: b.gamma == nil
        case let v as VGG16: v.namedParameters.count < v.parameterKeys.count
        case let r as ResNet: r.namedParameters.count < r.parameterKeys.count
        default: sublayers.contains { $0.1.W == nil }
        }
    }

    /// The sublayers of a recurrent layer, by name.
    var sublayers: [(String, Linear)] {
        switch layer {
        case let r as RNNLayer: [("x2h", r.x2h), ("h2h", r.h2h)]
        case let l as LSTMLayer: [("x2f", l.x2f), ("x2i", l.x2i), ("x2o", l.x2o), ("x2u", l.x2u), ("h2f", l.h2f), ("h2i", l.h2i), ("h2o", l.h2o), ("h2u", l.h2u)]
        case let v as VGG16: [("fc6", v.fc6), ("fc7", v.fc7), ("fc8", v.fc8)]
        default: []
        }
    }

    /// The parameter attribute names (`W`, `b`, `gamma`, ...), whether made yet or not.
    var parameterAttributes: [String] {
        switch layer {
        case is Conv2dLayer: ["W", "b"]
        case is BatchNormLayer: ["avg_mean", "avg_var", "gamma", "beta"]
        case is EmbedIDLayer: ["W"]
        default: []
        }
    }

    var isRecurrent: Bool { layer is RNNLayer || layer is LSTMLayer }

    var attributeNames: [String] {
        ((layer as? VGG16)?.convolutions.map(\.name) ?? []) + parameterAttributes + sublayers.map(\.0) + (isRecurrent ? ["h", "reset_state"] : []) + ["params", "cleargrads", "save_weights", "load_weights"]
    }

    func attribute(_ name: String) -> Value? {
        if parameterAttributes.contains(name) {
            return layer.namedParameters.first { $0.name == name }.map { .tensor($0.parameter) } ?? Value.none
        }
        if let l = sublayers.first(where: { $0.0 == name })?.1 { return .object(LinearObject(l)) }
        if let v = layer as? VGG16, let c = v.convolutions.first(where: { $0.name == name })?.layer {
            return .object(EngineLayerObject("Conv2d", c, configuration: "out_channels=\(c.outChannels), kernel_size=\(c.kernel), stride=\(c.stride), pad=\(c.pad)") { x, i in
                try c(x, using: &i.random)
            })
        }
        switch name {
        case "h" where isRecurrent:
            return ((layer as? RNNLayer)?.h ?? (layer as? LSTMLayer)?.h).map { .tensor($0) } ?? Value.none
        case "reset_state" where isRecurrent:
            return method("reset_state", help: "Forgets the hidden state: the next call starts a new sequence (DeZero's `reset_state`).") { _ in
                (self.layer as? RNNLayer)?.resetState()
                (self.layer as? LSTMLayer)?.resetState()
                return .none
            }
        case "params", "cleargrads", "save_weights", "load_weights":
            return layerMethod(name)
        default: return nil
        }
    }

    /// The keys a complete file has: every parameter the layer has once it has run.
    var expectedKeys: [String] {
        switch layer {
        case let v as VGG16: return v.parameterKeys
        case let r as ResNet: return r.parameterKeys
        case let c as Conv2dLayer: return c.b == nil ? ["W"] : ["W", "b"]
        case is BatchNormLayer, is EmbedIDLayer: return parameterAttributes
        default: return sublayers.flatMap { name, l in ["\(name)/W"] + (l.b == nil ? [] : ["\(name)/b"]) }
        }
    }

    func call(positional: [Value], keywords: [(String, Value)], interpreter: Interpreter) throws -> Value {
        guard keywords.isEmpty else { throw BuiltinError(.unknownKeyword(typeName, keywords[0].0, suggestion: nil)) }
        guard positional.count == 1 else { throw BuiltinError(.argumentCount(typeName, expected: "1", got: positional.count)) }
        guard let x = BuiltinArguments.asTensor(positional[0]) else {
            throw BuiltinError(.argumentType(typeName, "x", expected: "a tensor", got: BuiltinArguments.describe(positional[0])))
        }
        do {
            let y = try step(x, interpreter)
            relabel()
            return .tensor(y)
        } catch let e as TensorError { throw BuiltinError("tensor", "\(e)") }
    }
}

extension Builtins {
    static let engineLayers: [Builtin] = [
        vgg16, resnet("ResNet", nil), resnet("ResNet50", 50), resnet("ResNet101", 101), resnet("ResNet152", 152),
        convLayer("Conv2d", transposed: false),
        convLayer("Deconv2d", transposed: true),
        Builtin("BatchNorm", [param("decay", .real, .number(0.9)), param("eps", .real, .number(2e-5))], category: "models",
                help: "DeZero's `BatchNorm` layer: `batch_norm` with its own `gamma` (ones), `beta` (zeros) and running statistics `avg_mean` (zeros), `avg_var` (ones), made at the first call from the input's axis 1; in training it updates the statistics, inside `test_mode { }` it uses them.",
                example: "bn = BatchNorm(); y = bn(randn(4, 3)); bn") { args in
            let layer = BatchNormLayer(decay: try args.double("decay"), eps: try args.double("eps"))
            return .object(EngineLayerObject("BatchNorm", layer, configuration: "") { x, _ in try layer(x) })
        },
        Builtin("EmbedID", [param("in_size", .integer), param("out_size", .integer)], category: "models",
                help: "DeZero's `EmbedID` layer: a table `W = randn(in_size, out_size)` drawn now from the session's generator; calling it on integer ids gives their rows (`embed_id`).",
                example: "e = EmbedID(5, 2); e([4, 0]).shape") { args in
            let inSize = try args.int("in_size"), outSize = try args.int("out_size")
            let layer = try tensorErrors { try EmbedIDLayer(inSize: inSize, outSize: outSize, using: &args.interpreter.random) }
            return .object(EngineLayerObject("EmbedID", layer, configuration: "in_size=\(inSize), out_size=\(outSize)") { x, _ in try layer(x) })
        },
        Builtin("RNN", [param("hidden_size", .integer), param("in_size", .optionalInteger, DefaultValue.none)], category: "models",
                help: "DeZero's Elman `RNN` layer: each call is one time step, `h = tanh(x2h(x) + h2h(h))` (`tanh(x2h(x))` at the first step); the hidden state stays between calls until `reset_state()`. Its `Linear` layers `x2h`, `h2h` are sized and drawn lazily as DeZero's.",
                example: "rnn = RNN(3); h = rnn(ones(1, 2)); h = rnn(ones(1, 2)); rnn") { args in
            let hidden = try args.int("hidden_size"), inSize = try args.optionalInt("in_size")
            let layer = try tensorErrors { try RNNLayer(hiddenSize: hidden, inSize: inSize, using: &args.interpreter.random) }
            return .object(EngineLayerObject("RNN", layer, configuration: "hidden_size=\(hidden)") { x, i in try layer(x, using: &i.random) })
        },
        Builtin("LSTM", [param("hidden_size", .integer), param("in_size", .optionalInteger, DefaultValue.none)], category: "models",
                help: "DeZero's `LSTM` layer: each call is one time step with forget, input and output gates and a cell state, `c = f c + i u`, `h = o tanh(c)`; the states stay between calls until `reset_state()`. Its eight `Linear` layers (`x2f` ... `h2u`) are drawn as DeZero draws them.",
                example: "lstm = LSTM(2); h = lstm(ones(1, 3)); lstm.reset_state(); lstm") { args in
            let hidden = try args.int("hidden_size"), inSize = try args.optionalInt("in_size")
            let layer = try tensorErrors { try LSTMLayer(hiddenSize: hidden, inSize: inSize, using: &args.interpreter.random) }
            return .object(EngineLayerObject("LSTM", layer, configuration: "hidden_size=\(hidden)") { x, i in try layer(x, using: &i.random) })
        },
    ]

    static let vgg16 = Builtin("VGG16", [], category: "models",
            help: "DeZero's `VGG16` model: thirteen 3x3 convolutions with ReLU in five blocks, each ending in 2x2 max pooling, then `fc6`, `fc7` (4096 units, ReLU, dropout) and `fc8` (1000 scores), on images (N, 3, H, W) with H, W at least 32. The weights are made at the first call (about 138 million for 224x224 images); no pretrained weights are downloaded: `model.load_weights(path)` reads DeZero's `vgg16.npz` when you have it.",
            example: "model = VGG16(); model.conv1_1") { args in
        let model = try tensorErrors { try VGG16(using: &args.interpreter.random) }
        return .object(EngineLayerObject("VGG16", model, configuration: "") { x, i in try model(x, using: &i.random) })
    }

    static func resnet(_ name: String, _ fixed: Int?) -> Builtin {
        Builtin(name, fixed == nil ? [param("n_layers", .integer, .number(152))] : [], category: "models",
                help: "DeZero's `\(name)` (\(fixed.map { "\($0) layers" } ?? "50, 101 or 152 layers")): `conv1` 7x7 stride 2 with batch normalization and 3x3 max pooling, the bottleneck blocks `res2` to `res5` (1x1, 3x3, 1x1 convolutions with batch normalization, projection shortcuts in each block's first), global average pooling and `fc6` (1000 scores). DeZero 0.0.13's constructor cannot build it (it passes Chainer's `Conv2d` argument order); this is the network it describes. Weights are drawn at the first call (about 25 million for ResNet50); `model.load_weights(path)` reads DeZero's `resnet\(fixed.map(String.init) ?? "152").npz` when you have it (no download).",
                example: "len(\(name)().params())") { args in
            let layers = try fixed ?? args.int("n_layers")
            let model = try tensorErrors { try ResNet(layers: layers, using: &args.interpreter.random) }
            return .object(EngineLayerObject("ResNet\(layers)", model, configuration: "") { x, i in try model(x, using: &i.random) })
        }
    }

    static func convLayer(_ name: String, transposed: Bool) -> Builtin {
        Builtin(name, [param("out_channels", .integer), param("kernel_size", .any), param("stride", .any, .number(1)), param("pad", .any, .number(0)),
                       param("nobias", .bool, .bool(false)), param("in_channels", .optionalInteger, DefaultValue.none)],
                category: "models",
                help: "DeZero's `\(name)` layer: `\(transposed ? "deconv2d" : "conv2d")` with filters `W` of shape \(transposed ? "(C, OC, KH, KW)" : "(OC, C, KH, KW)") drawn as `randn(...) * sqrt(1 / (C KH KW))` from the session's generator, at the first call from the input's channels unless `in_channels` is given, and a bias `b = zeros(OC)` unless `nobias`.",
                example: transposed ? "d = Deconv2d(1, 2, stride=2); d(ones(1, 3, 2, 2)).shape" : "c = Conv2d(4, 3, pad=1); c(ones(1, 2, 5, 5)).shape; c") { args in
            let kernel = try pairArgument(args, "kernel_size"), stride = try pairArgument(args, "stride"), pad = try pairArgument(args, "pad")
            let oc = try args.int("out_channels")
            let layer = try tensorErrors {
                try Conv2dLayer(outChannels: oc, kernel: kernel, stride: stride, pad: pad, nobias: try args.bool("nobias"),
                                inChannels: try args.optionalInt("in_channels"), transposed: transposed, using: &args.interpreter.random)
            }
            return .object(EngineLayerObject(name, layer, configuration: "out_channels=\(oc), kernel_size=\(kernel), stride=\(stride), pad=\(pad)") { x, i in
                try layer(x, using: &i.random)
            })
        }
    }

    /// Runs `body`, turning an engine error into a builtin's argument error.
    static func tensorErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as TensorError { throw BuiltinError("argument-value", "\(e)") }
    }
}
