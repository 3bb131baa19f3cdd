import DZAutodiff

// Instances of classes based on `Layer` or `Model` (DeZero's): a `Parameter` or a layer
// assigned to `self.NAME` becomes part of the layer, in assignment order, and is labelled
// by its path (`l1.W`); calling the object calls `forward`.

/// An instance of a user `Layer` or `Model`.
final class LayerInstance: InstanceObject, LayerObject {
    private var isModel: Bool { cls.root == .model }

    override var summary: String { "\(cls.name): \(parameterSummary)" }

    override var builtinAttributeNames: [String] { Self.layerMethodNames + (isModel ? ["plot"] : []) }

    override func builtinAttribute(_ name: String) -> Value? {
        if name == "plot", isModel {
            return method("plot", [param("x", .tensor), param("file", .any, DefaultValue.none), keyword("verbose", .bool, .bool(true))],
                          help: "Draws the graph of `model(x)`, as DeZero's `Model.plot`: into `file` (.png, .svg, .pdf through Graphviz, or .dot), or without a file where you are (a picture in Jupyter, the tree of `show_graph` in a terminal).") { args in
                let y = try args.interpreter.callObject(self, [.tensor(try args.tensor("x"))])
                guard case .tensor(let t) = y else {
                    throw BuiltinError("argument-value", "\(self.cls.name).plot(): forward returned a \(y.kindName), not a tensor")
                }
                switch args.value("file") {
                case .none:
                    args.interpreter.show(.graph(t, text: GraphDrawing.draw(t)))
                case .string:
                    try Builtins.writeGraph(t, to: try args.path("file"), verbose: try args.bool("verbose"), function: "\(self.cls.name).plot")
                case let other:
                    throw BuiltinError(.argumentType("\(self.cls.name).plot", "file", expected: "a file name or none", got: BuiltinArguments.describe(other)))
                }
                return .none
            }
        }
        return layerMethod(name)
    }

    override func didSet(_ name: String, _ value: Value) {
        switch value {
        case .tensor(let v) where v.isParameter: v.name = name
        case .object(let l as LayerObject) where l !== self: l.labelParameters(prefix: name + ".")
        default: break
        }
    }

    func collectSlots(prefix: [String], into slots: inout [ParameterSlot], visiting: inout Set<ObjectIdentifier>) {
        guard visiting.insert(ObjectIdentifier(self)).inserted else { return }
        defer { visiting.remove(ObjectIdentifier(self)) }
        for name in attributeOrder {
            switch values[name]! {
            case .tensor(let v) where v.isParameter:
                slots.append(ParameterSlot(path: prefix + [name], variable: v, shape: v.shape) { a, apply in
                    guard a.shape == v.shape else {
                        throw TensorError.invalid(operation: "load_weights",
                            message: "an array of shape \(formatShape(a.shape)) does not fit the parameter of shape \(formatShape(v.shape))")
                    }
                    if apply { v.data = a }
                })
            case .object(let l as LayerObject):
                l.collectSlots(prefix: prefix + [name], into: &slots, visiting: &visiting)
            default: break
            }
        }
    }

    func labelParameters(prefix: String, visiting: inout Set<ObjectIdentifier>) {
        guard visiting.insert(ObjectIdentifier(self)).inserted else { return }
        defer { visiting.remove(ObjectIdentifier(self)) }
        for name in attributeOrder {
            switch values[name]! {
            case .tensor(let v) where v.isParameter: v.name = prefix + name
            case .object(let l as LayerObject): l.labelParameters(prefix: prefix + name + ".", visiting: &visiting)
            default: break
            }
        }
    }

    /// Calling a layer calls its `forward`.
    func call(positional: [Value], keywords: [(String, Value)], interpreter: Interpreter) throws -> Value {
        guard let forward = cls.method("forward") else {
            throw BuiltinError("no-forward", "\(cls.name) has no forward method; a \(isModel ? "Model" : "Layer") defines forward(self, x)")
        }
        return try interpreter.callUser(forward, positional: [.object(self)] + positional, keywords: keywords, at: interpreter.builtinCallSite)
    }
}
