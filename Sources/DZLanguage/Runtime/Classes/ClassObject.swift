// Classes of the language: `class NAME(BASE) { defs }` makes a ClassObject, a value like
// any other (`:vars` lists it, `help(C)` shows its methods). Calling it makes an instance
// (see InstanceObject.swift). The builtin bases `Function`, `Layer` and `Model` are
// ClassObjects too, without methods of their own: what they give an instance (a graph
// node per call, parameters found from attributes) is in the instance kinds.

/// What an instance of a class is, decided by the builtin base at the root of its chain.
enum ClassRoot: Sendable {
    /// A plain object: attributes and methods.
    case plain
    /// DeZero's `Function`: calling it records a graph node running `forward`/`backward`.
    case function
    /// DeZero's `Layer`: parameters and sub-layers from attributes; calling it runs `forward`.
    case layer
    /// DeZero's `Model`: a `Layer` that can also `plot`.
    case model

    var isLayer: Bool { self == .layer || self == .model }
}

/// A class: its name, its base, its methods in the order written.
final class ClassObject: CallableObject {
    let name: String
    let base: ClassObject?
    let root: ClassRoot
    /// Whether this is one of the builtin bases (`Function`, `Layer`, `Model`).
    let isBuiltinBase: Bool
    /// The methods defined in this class (not inherited), by name, and their order.
    private let methods: [String: UserFunction]
    let methodOrder: [String]

    init(name: String, base: ClassObject?, methods: [UserFunction]) {
        self.name = name
        self.base = base
        self.root = base?.root ?? .plain
        self.isBuiltinBase = false
        var table: [String: UserFunction] = [:]
        for m in methods { table[m.declaration.name] = m }
        self.methods = table
        self.methodOrder = methods.map(\.declaration.name).reduce(into: []) { order, n in if !order.contains(n) { order.append(n) } }
    }

    /// One of the builtin bases.
    private init(builtin name: String, root: ClassRoot, base: ClassObject?) {
        self.name = name
        self.base = base
        self.root = root
        self.isBuiltinBase = true
        self.methods = [:]
        self.methodOrder = []
    }

    nonisolated(unsafe) static let function = ClassObject(builtin: "Function", root: .function, base: nil)
    nonisolated(unsafe) static let layer = ClassObject(builtin: "Layer", root: .layer, base: nil)
    nonisolated(unsafe) static let model = ClassObject(builtin: "Model", root: .model, base: layer)

    /// The builtin bases, by name, as the global table provides them.
    nonisolated(unsafe) static let builtinBases: [String: ClassObject] = ["Function": function, "Layer": layer, "Model": model]

    /// The method `name` of this class or the nearest base that defines it.
    func method(_ name: String) -> UserFunction? {
        var c: ClassObject? = self
        while let k = c {
            if let m = k.methods[name] { return m }
            c = k.base
        }
        return nil
    }

    /// Every method name reachable from this class, nearest first.
    var allMethodNames: [String] {
        var names: [String] = []
        var c: ClassObject? = self
        while let k = c {
            for n in k.methodOrder where !names.contains(n) { names.append(n) }
            c = k.base
        }
        return names
    }

    /// Whether `other` is this class or one of its bases.
    func derives(from other: ClassObject) -> Bool {
        var c: ClassObject? = self
        while let k = c {
            if k === other { return true }
            c = k.base
        }
        return false
    }

    /// `MatMul(Function)`.
    var heading: String { base.map { "\(name)(\($0.name))" } ?? name }

    var typeName: String { "class" }
    var summary: String {
        let names = allMethodNames
        if isBuiltinBase { return "class \(name): the builtin base of user-defined \(name == "Function" ? "functions" : "layers and models")" }
        return "class \(heading)" + (names.isEmpty ? "" : ": methods " + names.joined(separator: ", "))
    }
    var attributeNames: [String] { allMethodNames + ["name"] }

    /// `C.m` is the method itself (call it with an instance first, as Python's `C.m(obj)`).
    func attribute(_ name: String) -> Value? {
        if name == "name" { return .string(self.name) }
        return method(name).map { .function($0) }
    }

    /// `help(C)`: the class, its base and each method's signature.
    var helpText: String {
        var lines = ["class \(heading)"]
        if isBuiltinBase {
            lines.append("  " + summary)
        }
        var c: ClassObject? = self
        while let k = c, !k.isBuiltinBase {
            for n in k.methodOrder {
                guard let m = k.methods[n], method(n) === m else { continue }
                lines.append("  " + m.signature + (k === self ? "" : "   (from \(k.name))"))
            }
            c = k.base
        }
        switch root {
        case .function: lines.append("  a Function: call it on tensors; forward gets their values, backward one gradient per output")
        case .layer: lines.append("  a Layer: params(), cleargrads(), save_weights(path), load_weights(path)")
        case .model: lines.append("  a Model: params(), cleargrads(), save_weights(path), load_weights(path), plot(x, file)")
        case .plain: break
        }
        return lines.joined(separator: "\n")
    }

    func call(positional: [Value], keywords: [(String, Value)], interpreter: Interpreter) throws -> Value {
        try interpreter.instantiate(self, positional: positional, keywords: keywords)
    }
}

/// A method looked up on an instance of a user class: calling it passes the instance as
/// `self`.
final class BoundUserMethod: Callable {
    let receiver: Value
    let function: UserFunction
    init(receiver: Value, function: UserFunction) { self.receiver = receiver; self.function = function }
    var name: String { function.name }
    var signature: String { function.signature }
}

/// A callable object (a user Function, a layer, a model) where a builtin wants a function
/// (`gradcheck(MatMul(), x, W)`).
final class CallableObjectFunction: Callable {
    let object: any CallableObject
    init(_ object: any CallableObject) { self.object = object }
    var name: String { object.typeName }
    var signature: String { "\(object.typeName)(...)" }
}
