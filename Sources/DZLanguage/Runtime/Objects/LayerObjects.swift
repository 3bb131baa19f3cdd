/// One parameter of a layer, found by its path from the layer: `["l1", "W"]`, saved under
/// the key `l1/W` (DeZero's `_flatten_params`) and labelled `l1.W` in graphs and listings.
struct ParameterSlot {
    let path: [String]
    /// The parameter; nil while it does not exist (a `Linear`'s `W` before its first call).
    let variable: Variable?
    /// Its shape, `nil` where not known yet.
    let shape: [Int?]
    /// Checks (`apply == false`) or sets (`true`) the parameter's data from a file.
    let load: (_ data: NDArray, _ apply: Bool) throws -> Void

    var key: String { path.joined(separator: "/") }
    var label: String { path.joined(separator: ".") }
}

/// A layer or model of the language: callable on a tensor, holding parameters.
///
/// Builtin layers (`Linear`, `MLP`) and instances of user classes based on `Layer` or
/// `Model` are all `LayerObject`s: each lists its parameters as ``ParameterSlot``s (its
/// own, then those of its sub-layers under their attribute names, in assignment order),
/// from which parameter order, counts, summaries and the keys of `save_weights` follow.
protocol LayerObject: CallableObject {
    /// Appends this layer's parameter slots under `prefix`; `visiting` holds the layers
    /// being listed, so a layer that holds itself is listed once.
    func collectSlots(prefix: [String], into slots: inout [ParameterSlot], visiting: inout Set<ObjectIdentifier>)
    /// Names the parameters by their paths under `prefix` (`"l1."`: `l1.W`, `l1.b`).
    func labelParameters(prefix: String, visiting: inout Set<ObjectIdentifier>)
}

extension LayerObject {
    /// Every parameter place, in order.
    var parameterSlots: [ParameterSlot] {
        var slots: [ParameterSlot] = []
        var visiting = Set<ObjectIdentifier>()
        collectSlots(prefix: [], into: &slots, visiting: &visiting)
        return slots
    }

    /// Names the parameters by their paths under `prefix`.
    func labelParameters(prefix: String) {
        var visiting = Set<ObjectIdentifier>()
        labelParameters(prefix: prefix, visiting: &visiting)
    }

    /// `(key, parameter)` for every parameter that exists, keys as DeZero's ("l0/W"); a
    /// parameter reached twice (a shared layer) is listed once.
    var namedParameters: [(key: String, parameter: Variable)] {
        var seen = Set<ObjectIdentifier>()
        return parameterSlots.compactMap { slot in
            guard let v = slot.variable, seen.insert(ObjectIdentifier(v)).inserted else { return nil }
            return (slot.key, v)
        }
    }

    /// The parameters that exist, in order (each layer's `W` then `b`).
    var parameters: [Variable] { namedParameters.map(\.parameter) }

    /// The number of scalars in the parameters that exist.
    var parameterCount: Int { parameters.reduce(0) { $0 + $1.size } }

    /// `W (1, 10), b (10,)` (with `?` for an input size not known yet), labelled by path.
    var parameterShapes: String {
        parameterSlots.map { "\($0.label) \($0.shape == [nil] ? "(?)" : formatShape($0.shape))" }.joined(separator: ", ")
    }

    var parameterSummary: String {
        let slots = parameterSlots
        let pending = slots.contains { $0.variable == nil }
        let count = parameterCount
        let shapes = slots.isEmpty ? "no parameters yet" : parameterShapes
        return "\(shapes); \(count) parameter\(count == 1 ? "" : "s")"
            + (pending ? " (W is created at the first call)" : "")
    }

    static var layerMethodNames: [String] { ["params", "cleargrads", "save_weights", "load_weights"] }

    /// The methods every layer and model has.
    func layerMethod(_ name: String) -> Value? {
        switch name {
        case "params":
            return method("params", help: "The parameters as a tuple of tensors.") { _ in .tuple(self.parameters.map { .tensor($0) }) }
        case "cleargrads":
            return method("cleargrads", help: "Clears the gradient of every parameter.") { _ in self.cleargrads(); return .none }
        case "save_weights":
            return method("save_weights", [param("path", .string)], help: "Writes the parameters to an .npz file.") {
                try self.saveWeights(to: $0.path("path")); return .none
            }
        case "load_weights":
            return method("load_weights", [param("path", .string)], help: "Reads the parameters from an .npz file.") {
                try self.loadWeights(from: $0.path("path")); return .none
            }
        default: return nil
        }
    }

    func cleargrads() { for p in parameters { p.cleargrad() } }

    /// DeZero's `save_weights`, uncompressed (`np.savez`): one array per parameter key.
    func saveWeights(to path: String) throws {
        let slots = parameterSlots
        if let pending = slots.first(where: { $0.variable == nil }) {
            throw BuiltinError("argument-value", "save_weights(): \(pending.key) does not exist yet; call the \(typeName) on an input first")
        }
        var seen = Set<String>()
        let arrays = slots.compactMap { slot in seen.insert(slot.key).inserted ? (slot.key, slot.variable!.data) : nil }
        try NPZ.write(arrays, to: path)
    }

    /// DeZero's `load_weights`: every parameter key must be in the file with a fitting
    /// shape; a `W` not created yet is created from the file (which fixes the layer's input
    /// size). Everything is checked first, so a failed load changes nothing. An existing
    /// parameter keeps its dtype.
    func loadWeights(from path: String) throws {
        let arrays = try NPZ.read(contentsOf: path, operation: "load_weights")
        var byKey: [String: NDArray] = [:]
        for (k, a) in arrays { byKey[k] = a }
        let slots = parameterSlots
        var updates: [(ParameterSlot, NDArray)] = []
        for slot in slots {
            guard let a = byKey[slot.key] else {
                throw BuiltinError("argument-value", "load_weights(): '\(path)' has no array '\(slot.key)' (it has \(arrays.map { "'\($0.name)'" }.joined(separator: ", ")))")
            }
            // The model keeps its dtype (a float32 model stays float32 after loading float64
            // weights); a parameter not created yet takes the file's.
            if let existing = slot.variable?.data.dtype, existing != a.dtype {
                updates.append((slot, try a.astype(existing)))
            } else {
                updates.append((slot, a))
            }
        }
        for apply in [false, true] {
            for (slot, a) in updates {
                do { try slot.load(a, apply) } catch TensorError.invalid(_, let message) {
                    throw BuiltinError("argument-value", "load_weights(): '\(path)': \(slot.key): \(message)")
                }
            }
        }
    }

    /// Calls the layer with one tensor.
    func singleInput(_ positional: [Value], _ keywords: [(String, Value)]) throws -> Variable {
        guard keywords.isEmpty else {
            throw BuiltinError(.unknownKeyword(typeName, keywords[0].0, suggestion: nil))
        }
        guard positional.count == 1 else {
            throw BuiltinError(.argumentCount(typeName, expected: "1", got: positional.count))
        }
        guard let x = BuiltinArguments.asTensor(positional[0]) else {
            throw BuiltinError(.argumentType(typeName, "x", expected: "a tensor", got: BuiltinArguments.describe(positional[0])))
        }
        return x
    }
}

/// The slots of an engine ``Linear`` under `prefix`.
func linearSlots(_ layer: Linear, prefix: [String]) -> [ParameterSlot] {
    var slots = [ParameterSlot(path: prefix + ["W"], variable: layer.W, shape: [layer.inSize, layer.outSize]) { a, apply in
        if apply { try layer.setParameter("W", a) } else { try layer.checkParameter("W", a) }
    }]
    if let b = layer.b {
        slots.append(ParameterSlot(path: prefix + ["b"], variable: b, shape: b.shape) { a, apply in
            if apply { try layer.setParameter("b", a) } else { try layer.checkParameter("b", a) }
        })
    }
    return slots
}

/// `Linear(out_size, nobias=false, in_size=none)`: DeZero's fully connected layer.
final class LinearObject: LayerObject {
    let layer: Linear
    init(_ layer: Linear) { self.layer = layer }

    var typeName: String { "Linear" }
    func collectSlots(prefix: [String], into slots: inout [ParameterSlot], visiting: inout Set<ObjectIdentifier>) {
        slots += linearSlots(layer, prefix: prefix)
    }
    func labelParameters(prefix: String, visiting: inout Set<ObjectIdentifier>) { layer.label(prefix: prefix) }
    var summary: String {
        "Linear(out_size=\(layer.outSize)\(layer.b == nil ? ", nobias=true" : "")): \(parameterSummary)"
    }
    var attributeNames: [String] { ["W", "b", "in_size", "out_size"] + Self.layerMethodNames }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "W": return layer.W.map { .tensor($0) } ?? Value.none
        case "b": return layer.b.map { .tensor($0) } ?? Value.none
        case "in_size": return layer.inSize.map { .integer($0) } ?? Value.none
        case "out_size": return .integer(layer.outSize)
        default: return layerMethod(name)
        }
    }

    func call(positional: [Value], keywords: [(String, Value)], interpreter: Interpreter) throws -> Value {
        let x = try singleInput(positional, keywords)
        return .tensor(try layer(x, using: &interpreter.random))
    }
}

/// `MLP(sizes, activation=sigmoid)`: DeZero's multi-layer perceptron, layers `l0, l1, ...`.
final class MLPObject: LayerObject {
    let layers: [LinearObject]
    let activation: Callable
    let sizes: [Int]

    init(sizes: [Int], activation: Callable) throws {
        self.sizes = sizes
        self.activation = activation
        layers = try sizes.map { LinearObject(try Linear(outSize: $0)) }
        labelParameters(prefix: "")
    }

    var typeName: String { "MLP" }
    func collectSlots(prefix: [String], into slots: inout [ParameterSlot], visiting: inout Set<ObjectIdentifier>) {
        for (i, l) in layers.enumerated() { slots += linearSlots(l.layer, prefix: prefix + ["l\(i)"]) }
    }
    func labelParameters(prefix: String, visiting: inout Set<ObjectIdentifier>) {
        for (i, l) in layers.enumerated() { l.layer.label(prefix: prefix + "l\(i).") }
    }
    var summary: String {
        let sizeText = sizes.count == 1 ? "(\(sizes[0]),)" : "(" + sizes.map(String.init).joined(separator: ", ") + ")"
        return "MLP(\(sizeText), activation=\(activation.name)): \(parameterSummary)"
    }
    var attributeNames: [String] { layers.indices.map { "l\($0)" } + ["layers", "activation"] + Self.layerMethodNames }

    func attribute(_ name: String) -> Value? {
        if name.hasPrefix("l"), let i = Int(name.dropFirst()), name == "l\(i)", layers.indices.contains(i) {
            return .object(layers[i])
        }
        switch name {
        case "layers": return .tuple(layers.map { .object($0) })
        case "activation": return .function(activation)
        default: return layerMethod(name)
        }
    }

    /// DeZero's `forward`: every layer but the last followed by the activation. The loop is
    /// here rather than in the engine's ``MLP`` because the activation may be a dz function
    /// that itself uses the session's generator (dropout).
    func call(positional: [Value], keywords: [(String, Value)], interpreter: Interpreter) throws -> Value {
        var x = try singleInput(positional, keywords)
        for (i, l) in layers.enumerated() {
            x = try l.layer(x, using: &interpreter.random)
            if i == layers.count - 1 { break }
            let y = try interpreter.callValue(activation, [.tensor(x)])
            guard case .tensor(let t) = y else {
                throw BuiltinError("argument-value", "MLP: the activation \(activation.name) returned a \(y.kindName), not a tensor")
            }
            x = t
        }
        return .tensor(x)
    }
}
