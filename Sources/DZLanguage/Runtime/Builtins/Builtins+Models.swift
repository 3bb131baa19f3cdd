extension Builtins {
    static let models: [Builtin] = [
        Builtin("Linear", [param("out_size", .integer), param("nobias", .bool, .bool(false)), param("in_size", .optionalInteger, DefaultValue.none),
                           keyword("dtype", .any, DefaultValue.none)],
                category: "models",
                help: "DeZero's fully connected layer, `y = x @ W + b`. Without `in_size`, `W` is made at the first call from the input's last axis; either way `W = randn(in, out) * sqrt(1 / in)` is drawn from the session's generator (so `seed` fixes it) and `b = zeros(out)`. Call the layer on a tensor; `layer.W`, `layer.b` are its parameter tensors. `dtype=float32` makes float32 parameters (DeZero's default; dz's is float64): `W` is `randn(in, out)` rounded to float32 times `sqrt(1 / in)` in float32, and with float32 inputs the whole step stays float32.",
                example: "l = Linear(3, in_size=2); l; l(ones(4, 2)).shape") { args in
            let layer = try Linear(outSize: try args.int("out_size"), nobias: try args.bool("nobias"), inSize: try args.optionalInt("in_size"),
                                   dtype: try args.dtype("dtype") ?? .float64, using: &args.interpreter.random)
            return .object(LinearObject(layer))
        },
        Builtin("MLP", [param("sizes", .any), param("activation", .any, .builtin("sigmoid"))], category: "models",
                help: "DeZero's multi-layer perceptron: one `Linear` per output size in `sizes` (a tuple or list), named `l0`, `l1`, ..., with `activation` (any function of one tensor) after each layer but the last. The weights are drawn at the first call, layer by layer.",
                example: "model = MLP((10, 3)); y = model(ones(5, 2)); model") { args in
            let sizes: [Int]
            switch args.value("sizes") {
            case .tensor(let t) where t.ndim == 1:
                sizes = try t.data.scalars.map { try BuiltinArguments.integer(.number($0), function: "MLP", parameter: "sizes") }
            case .tuple(let items):
                sizes = try items.map { try BuiltinArguments.integer($0, function: "MLP", parameter: "sizes") }
            case let v:
                throw BuiltinError(.argumentType("MLP", "sizes", expected: "a tuple or list of layer sizes", got: BuiltinArguments.describe(v)))
            }
            guard case .function(let activation) = args.value("activation") else {
                throw BuiltinError(.argumentType("MLP", "activation", expected: "a function", got: BuiltinArguments.describe(args.value("activation"))))
            }
            do { return .object(try MLPObject(sizes: sizes, activation: activation)) } catch let e as TensorError {
                throw BuiltinError("argument-value", "\(e)")
            }
        },
        Builtin("Parameter", [param("data", .tensor), keyword("name", .any, DefaultValue.none)], category: "models",
                help: "A parameter (DeZero's `Parameter`): a new leaf tensor holding the values of `data`. Assigned to `self.NAME` in a `Layer` or `Model`, it becomes one of the layer's parameters (`params()`, optimizers, `save_weights`), labelled by its path.",
                example: "class Scale(Layer) { def __init__(self) { self.a = Parameter(ones(3)) }; def forward(self, x) = x * self.a }; s = Scale(); s(ones(3)); s") { args in
            let v = Variable.parameter(try args.tensor("data").data)
            switch args.value("name") {
            case .none: break
            case .string(let n): v.name = n
            case let other: throw BuiltinError(.argumentType("Parameter", "name", expected: "a string or none", got: BuiltinArguments.describe(other)))
            }
            return .tensor(v)
        },
        Builtin("params", [param("model", .any)], category: "models",
                help: "The parameters of a layer or model as a tuple of tensors, layer by layer (`W` then `b`); a `W` not made yet is left out.",
                example: "params(Linear(2, in_size=3))") { args in
            .tuple(try layerArgument(args, "params").parameters.map { .tensor($0) })
        },
        Builtin("save_weights", [param("model", .any), param("path", .string)], category: "models",
                help: "Writes the parameters to a numpy .npz file (uncompressed, as `np.savez`) under DeZero's keys (`l0/W`, `l0/b`, ...); `np.load` reads it.",
                example: "save_weights(Linear(2, in_size=3), \"/tmp/dz-example.npz\")") { args in
            try layerArgument(args, "save_weights").saveWeights(to: try args.path("path"))
            return .none
        },
        Builtin("load_weights", [param("model", .any), param("path", .string)], category: "models",
                help: "Reads the parameters from an .npz file written by `save_weights`, `np.savez` or `np.savez_compressed` (so DeZero's own `save_weights` files load). Every key of the model must be there with a fitting shape.",
                example: "m = Linear(2, in_size=3); save_weights(m, \"/tmp/dz-example.npz\"); load_weights(Linear(2), \"/tmp/dz-example.npz\")") { args in
            try layerArgument(args, "load_weights").loadWeights(from: try args.path("path"))
            return .none
        },
        Builtin("SGD", [param("lr", .real, .number(0.01))], category: "models",
                help: "Stochastic gradient descent (DeZero): `update()` does `p -= lr * p.grad` for every parameter with a gradient. Connect it with `opt = SGD(0.1).setup(model)`.",
                example: "SGD(lr=0.1)") { .object(OptimizerObject(SGD(lr: try $0.double("lr")))) },
        Builtin("MomentumSGD", [param("lr", .real, .number(0.01)), param("momentum", .real, .number(0.9))], category: "models",
                help: "SGD with momentum (DeZero): `v = momentum * v - lr * grad; p += v`, with `v` starting at zero for each parameter.",
                example: "MomentumSGD()") { .object(OptimizerObject(MomentumSGD(lr: try $0.double("lr"), momentum: try $0.double("momentum")))) },
        Builtin("AdaGrad", [param("lr", .real, .number(0.001)), param("eps", .real, .number(1e-8))], category: "models",
                help: "AdaGrad (DeZero): `h += grad * grad; p -= lr * grad / (sqrt(h) + eps)`.",
                example: "AdaGrad()") { .object(OptimizerObject(AdaGrad(lr: try $0.double("lr"), eps: try $0.double("eps")))) },
        Builtin("AdaDelta", [param("rho", .real, .number(0.95)), param("eps", .real, .number(1e-6))], category: "models",
                help: "AdaDelta (DeZero): `msg = rho msg + (1 - rho) grad²`, `dx = sqrt((msdx + eps) / (msg + eps)) grad`, `msdx = rho msdx + (1 - rho) dx²`, `p -= dx`.",
                example: "AdaDelta()") { .object(OptimizerObject(AdaDelta(rho: try $0.double("rho"), eps: try $0.double("eps")))) },
        Builtin("Adam", [param("alpha", .real, .number(0.001)), param("beta1", .real, .number(0.9)), param("beta2", .real, .number(0.999)),
                         param("eps", .real, .number(1e-8))], category: "models",
                help: "Adam (DeZero): `m += (1 - beta1)(grad - m)`, `v += (1 - beta2)(grad² - v)`, `p -= lr m / (sqrt(v) + eps)` with `lr = alpha sqrt(1 - beta2^t) / (1 - beta1^t)` at the t-th `update()` (`opt.t`, `opt.lr`).",
                example: "Adam()") { args in
            .object(OptimizerObject(Adam(alpha: try args.double("alpha"), beta1: try args.double("beta1"), beta2: try args.double("beta2"), eps: try args.double("eps"))))
        },
    ]

    /// The layer or model passed as `model`.
    static func layerArgument(_ args: BuiltinArguments, _ function: String) throws -> LayerObject {
        guard case .object(let l as LayerObject) = args.value("model") else {
            throw BuiltinError(.argumentType(function, "model", expected: "a layer or a model", got: BuiltinArguments.describe(args.value("model"))))
        }
        return l
    }
}
