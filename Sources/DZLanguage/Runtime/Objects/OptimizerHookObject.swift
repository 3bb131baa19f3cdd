import DZAutodiff

/// `WeightDecay(rate)`, `ClipGrad(max_norm)`, `FreezeParam(layer...)`: an engine
/// ``OptimizerHook`` for `opt.add_hook(...)`.
final class OptimizerHookObject: RuntimeObject {
    let hook: OptimizerHook
    init(_ hook: OptimizerHook) { self.hook = hook }

    var typeName: String {
        switch hook {
        case is WeightDecay: "WeightDecay"
        case is ClipGrad: "ClipGrad"
        case is FreezeParam: "FreezeParam"
        default: "hook"
        }
    }
    var summary: String { hook.description }
    var attributeNames: [String] {
        switch hook {
        case is WeightDecay: ["rate"]
        case is ClipGrad: ["max_norm"]
        case is FreezeParam: ["freeze_params"]
        default: []
        }
    }
    func attribute(_ name: String) -> Value? {
        switch (hook, name) {
        case (let h as WeightDecay, "rate"): .number(h.rate)
        case (let h as ClipGrad, "max_norm"): .number(h.maxNorm)
        case (let h as FreezeParam, "freeze_params"): .tuple(h.params.map { .tensor($0) })
        default: nil
        }
    }
}

extension Builtins {
    static let hooks: [Builtin] = [
        Builtin("WeightDecay", [param("rate", .real)], category: "models",
                help: "DeZero's weight decay hook for `opt.add_hook(...)`: before each update, `p.grad += rate * p` for every parameter with a gradient (the gradient of `rate / 2 * sum(p ** 2)`).",
                example: "opt = SGD().setup(Linear(2)); opt.add_hook(WeightDecay(1e-4)); opt") { args in
            do { return .object(OptimizerHookObject(try WeightDecay(rate: try args.double("rate")))) } catch let e as TensorError {
                throw BuiltinError("argument-value", "\(e)")
            }
        },
        Builtin("ClipGrad", [param("max_norm", .real)], category: "models",
                help: "DeZero's gradient clipping hook for `opt.add_hook(...)`: before each update, when the L2 norm of all the gradients together exceeds `max_norm`, every gradient is scaled by `max_norm / (norm + 1e-6)`.",
                example: "ClipGrad(5.0)") { args in
            do { return .object(OptimizerHookObject(try ClipGrad(maxNorm: try args.double("max_norm")))) } catch let e as TensorError {
                throw BuiltinError("argument-value", "\(e)")
            }
        },
        Builtin("FreezeParam", [variadic("layers", .any)], category: "models",
                help: "DeZero's hook that freezes layers for `opt.add_hook(...)`: the parameters of the given layers or models (or the given parameter tensors) lose their gradient before each update, so the optimizer leaves them as they are.",
                example: "l = Linear(2, in_size=2); FreezeParam(l)") { args in
            guard case .tuple(let items) = args.value("layers"), !items.isEmpty else {
                throw BuiltinError(.missingArgument("FreezeParam", "layers"))
            }
            var sources: [() -> [Variable]] = []
            for item in items {
                switch item {
                case .tensor(let p): sources.append { [p] }
                case .object(let l as LayerObject): sources.append { l.parameters }
                default:
                    throw BuiltinError(.argumentType("FreezeParam", "layers", expected: "layers, models or parameter tensors", got: BuiltinArguments.describe(item)))
                }
            }
            return .object(OptimizerHookObject(FreezeParam(sources: sources)))
        },
    ]
}
