/// `SGD(...)`, `MomentumSGD(...)`, `AdaGrad(...)`, `AdaDelta(...)`, `Adam(...)`: an engine
/// ``Optimizer`` and the layers or models it updates (set by `setup`: one, as DeZero's
/// `setup(target)`, or a tuple of them, whose parameters are updated once each even when
/// targets share them).
final class OptimizerObject: RuntimeObject {
    let optimizer: Optimizer
    var targets: [LayerObject] = []
    /// Targets that are engine layers (`Conv2d`, `LSTM`, ...), beside ``targets``.
    var targetValue: Value = .none

    init(_ optimizer: Optimizer) { self.optimizer = optimizer }

    var typeName: String { optimizer.name }
    var summary: String {
        let hyper = optimizer.hyperparameters.map { "\($0.name)=\(formatScalar($0.value))" }.joined(separator: ", ")
        let target: String
        switch targetValue {
        case .none: target = "no target yet (call setup(model))"
        default:
            let count = parameters.reduce(0) { $0 + $1.size }
            target = "updates " + targets.map(\.typeName).joined(separator: ", ") + " (\(count) parameters)"
        }
        return "\(optimizer.name)(\(hyper)): \(target)"
    }
    var attributeNames: [String] {
        optimizer.hyperparameters.map(\.name) + (optimizer is Adam ? ["t", "lr"] : []) + ["target", "hooks", "setup", "update", "add_hook"]
    }

    func attribute(_ name: String) -> Value? {
        if let h = optimizer.hyperparameters.first(where: { $0.name == name }) { return .number(h.value) }
        if let adam = optimizer as? Adam {
            if name == "t" { return .integer(adam.t) }
            if name == "lr" { return .number(adam.lr) }
        }
        switch name {
        case "target": return targetValue
        case "hooks": return .tuple(optimizer.hooks.map { .object(OptimizerHookObject($0)) })
        case "add_hook":
            return method("add_hook", [param("f", .any)],
                          help: "Adds a hook (`WeightDecay(rate)`, `ClipGrad(max_norm)`, `FreezeParam(layer...)`) that `update` runs on the parameters with a gradient before changing them, in the order added (DeZero's `add_hook`).") { args in
                guard case .object(let h as OptimizerHookObject) = args.value("f") else {
                    throw BuiltinError(.argumentType("\(self.typeName).add_hook", "f", expected: "a hook (WeightDecay, ClipGrad or FreezeParam)", got: BuiltinArguments.describe(args.value("f"))))
                }
                self.optimizer.addHook(h.hook)
                return .none
            }
        case "setup":
            return method("setup", [param("target", .any)],
                          help: "Sets the model (or layer, or tuple of them) whose parameters `update` changes; returns the optimizer.") { args in
                try self.setup(args.value("target"))
                return .object(self)
            }
        case "update":
            return method("update", help: "Updates every parameter of the target that has a gradient.") { _ in
                guard !self.targets.isEmpty else {
                    throw BuiltinError("argument-value", "\(self.typeName).update(): no target; call setup(model) first")
                }
                try self.optimizer.update(self.parameters)
                return .none
            }
        default: return nil
        }
    }

    func setup(_ target: Value) throws {
        switch target {
        case .object(let l as LayerObject):
            targets = [l]
        case .tuple(let items):
            guard !items.isEmpty else {
                throw BuiltinError(.argumentType("\(typeName).setup", "target", expected: "a layer, a model or a tuple of them", got: "an empty tuple"))
            }
            targets = try items.map {
                guard case .object(let l as LayerObject) = $0 else {
                    throw BuiltinError(.argumentType("\(typeName).setup", "target", expected: "a layer, a model or a tuple of them", got: BuiltinArguments.describe($0)))
                }
                return l
            }
        default:
            throw BuiltinError(.argumentType("\(typeName).setup", "target", expected: "a layer, a model or a tuple of them", got: BuiltinArguments.describe(target)))
        }
        targetValue = target
    }

    /// The parameters of every target, each once (in the order first met), so that a
    /// parameter shared by two targets, or a target given twice, is updated once.
    var parameters: [Variable] {
        var seen = Set<ObjectIdentifier>()
        return targets.flatMap(\.parameters).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }
}
