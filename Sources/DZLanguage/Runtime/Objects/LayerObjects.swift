/// A layer or model of the language: callable on a tensor, holding parameters.
///
/// Every parameter lives in an engine ``Linear``; a layer object lists its `Linear`s with
/// the key prefix DeZero's `_flatten_params` gives them (`""` for a lone layer, `"l0"`,
/// `"l1"`, ... inside an MLP), from which parameter order, counts, summaries and the keys
/// of `save_weights` follow.
protocol LayerObject: CallableObject {
    var linears: [(prefix: String, layer: Linear)] { get }
}

extension LayerObject {
    /// `(key, parameter)` for every parameter that exists, keys as DeZero's ("l0/W").
    var namedParameters: [(key: String, parameter: Variable)] {
        linears.flatMap { prefix, layer in
            zip(["W", "b"], [layer.W, layer.b]).compactMap { name, p in
                p.map { (prefix.isEmpty ? name : "\(prefix)/\(name)", $0) }
            }
        }
    }

    /// The parameters that exist, in order (each layer's `W` then `b`).
    var parameters: [Variable] { namedParameters.map(\.parameter) }

    /// The number of scalars in the parameters that exist.
    var parameterCount: Int { parameters.reduce(0) { $0 + $1.size } }

    /// `W (1, 10), b (10,)` (with `?` for an input size not known yet), keys prefixed.
    func parameterShapes(separator: String) -> String {
        linears.flatMap { prefix, layer -> [String] in
            let p = prefix.isEmpty ? "" : prefix + separator
            var parts = ["\(p)W \(formatShape([layer.inSize, layer.outSize]))"]
            if let b = layer.b { parts.append("\(p)b \(formatShape(b.shape))") }
            return parts
        }.joined(separator: ", ")
    }

    var parameterSummary: String {
        let pending = linears.contains { $0.layer.W == nil }
        let count = parameterCount
        return "\(parameterShapes(separator: ".")); \(count) parameter\(count == 1 ? "" : "s")"
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
        if let (prefix, _) = linears.first(where: { $0.layer.W == nil }) {
            throw BuiltinError("argument-value", "save_weights(): \(prefix.isEmpty ? "" : prefix + "/")W does not exist yet; call the \(typeName) on an input first")
        }
        try NPZ.write(namedParameters.map { ($0.key, $0.parameter.data) }, to: path)
    }

    /// DeZero's `load_weights`: every parameter key must be in the file; a `W` not created
    /// yet is created from the file (which fixes the layer's input size).
    func loadWeights(from path: String) throws {
        let arrays = try NPZ.read(contentsOf: path, operation: "load_weights")
        var byKey: [String: NDArray] = [:]
        for (k, a) in arrays { byKey[k] = a }
        // Check every key first, so a failed load changes nothing.
        var updates: [(Linear, String, NDArray)] = []
        for (prefix, layer) in linears {
            for name in layer.parameterNames {
                let key = prefix.isEmpty ? name : "\(prefix)/\(name)"
                guard let a = byKey[key] else {
                    throw BuiltinError("argument-value", "load_weights(): '\(path)' has no array '\(key)' (it has \(arrays.map { "'\($0.name)'" }.joined(separator: ", ")))")
                }
                updates.append((layer, name, a))
            }
        }
        for (layer, name, a) in updates {
            do { try layer.setParameter(name, a) } catch TensorError.invalid(_, let message) {
                throw BuiltinError("argument-value", "load_weights(): '\(path)': \(message)")
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

/// `Linear(out_size, nobias=false, in_size=none)`: DeZero's fully connected layer.
final class LinearObject: LayerObject {
    let layer: Linear
    init(_ layer: Linear) { self.layer = layer }

    var typeName: String { "Linear" }
    var linears: [(prefix: String, layer: Linear)] { [("", layer)] }
    var summary: String {
        "Linear(out_size=\(layer.outSize)\(layer.b == nil ? ", nobias=true" : "")): \(parameterSummary)"
    }
    var attributeNames: [String] { ["W", "b", "in_size", "out_size"] + Self.layerMethodNames }

    func attribute(_ name: String) -> Value? {
        switch name {
        case "W": return layer.W.map { .tensor($0) } ?? Value.none
        case "b": return layer.b.map { .tensor($0) } ?? Value.none
        case "in_size": return layer.inSize.map { .number(Double($0)) } ?? Value.none
        case "out_size": return .number(Double(layer.outSize))
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
    }

    var typeName: String { "MLP" }
    var linears: [(prefix: String, layer: Linear)] { layers.enumerated().map { ("l\($0.offset)", $0.element.layer) } }
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
