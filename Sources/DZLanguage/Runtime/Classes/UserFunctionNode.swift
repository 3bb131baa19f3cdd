import DZAutodiff

// User-defined Functions (DeZero's `class Square(Function)`): calling the object records a
// graph node, a ``UserFunctionNode``, an engine ``Function`` whose forward and backward run
// the class's dz methods. Each call works on its own copy of the object's attributes, so
// an object called twice keeps one saved value per call (`self.mask` set in forward is the
// one its backward reads).
//
// Nothing here holds the graph in a cycle: the node holds its copy of the object, the copy
// refers back to the node weakly, and `self.inputs` / `self.outputs` are read from the node
// (the engine holds outputs weakly).

/// An instance of a class based on `Function`.
final class FunctionInstance: InstanceObject, CallableObject {
    /// For the copy a call runs on: its node. For the object the user holds: the node of
    /// its last call.
    weak var node: UserFunctionNode?

    /// What the engine sets: `inputs`, `outputs`, `generation`, and DeZero's early
    /// (steps 1-13) `input` and `output` for the first of each.
    static let engineAttributes = ["inputs", "outputs", "generation", "input", "output"]

    override var builtinAttributeNames: [String] { Self.engineAttributes }
    override func isReserved(_ name: String) -> Bool { Self.engineAttributes.contains(name) }

    override func builtinAttribute(_ name: String) -> Value? {
        switch name {
        case "inputs": return .tuple(node.map { n in n.inputs.map { .tensor($0) } } ?? [])
        case "outputs": return .tuple(node.map { n in n.outputs.map { $0.map { .tensor($0) } ?? .none } } ?? [])
        case "generation": return .integer(node?.generation ?? 0)
        case "input": return node.flatMap { $0.inputs.first }.map { .tensor($0) } ?? Value.none
        case "output": return node.flatMap { $0.outputs.first ?? nil }.map { .tensor($0) } ?? Value.none
        default: return nil
        }
    }

    /// `f(x1, x2, ...)`: a new node with its own copy of the attributes, applied to the
    /// inputs (recorded unless gradients are off).
    func call(positional: [Value], keywords: [(String, Value)], interpreter: Interpreter) throws -> Value {
        let name = cls.name
        guard keywords.isEmpty else {
            throw BuiltinError("argument-type", "\(name)(): a Function takes its inputs by position, got the keyword argument '\(shortenedName(keywords[0].0))'")
        }
        guard let forward = cls.method("forward") else {
            throw BuiltinError("no-forward", "\(name) has no forward method; a Function defines forward(self, x, ...) computing its outputs from the inputs' values")
        }
        let inputs = try positional.enumerated().map { i, v -> Variable in
            guard let t = BuiltinArguments.asTensor(v) else {
                throw BuiltinError("argument-type", "\(name)(): input \(i + 1) must be a tensor, got \(BuiltinArguments.describe(v))")
            }
            return t
        }
        let copy = FunctionInstance(cls: cls)
        copyAttributes(to: copy)
        let node = UserFunctionNode(instance: copy, forward: forward, interpreter: interpreter)
        copy.node = node
        self.node = node
        let outputs = try node(inputs)
        return outputs.count == 1 ? .tensor(outputs[0]) : .tuple(outputs.map { .tensor($0) })
    }
}

/// The graph node of one call of a user Function.
final class UserFunctionNode: Function {
    /// The object `forward` and `backward` run on (`self`): this call's copy.
    let instance: FunctionInstance
    let forwardMethod: UserFunction
    weak var interpreter: Interpreter?
    /// The shapes the last `backward` returned, one per input (nil: no gradient), for explain.
    private var returnedShapes: [[Int]?]?

    init(instance: FunctionInstance, forward: UserFunction, interpreter: Interpreter) {
        self.instance = instance
        self.forwardMethod = forward
        self.interpreter = interpreter
        super.init()
    }

    override var name: String { instance.cls.name }

    /// The names of forward's parameters after `self`, which name the inputs in errors.
    func inputName(_ i: Int) -> String {
        let params = forwardMethod.declaration.parameters
        return i + 1 < params.count ? params[i + 1].name : "input \(i + 1)"
    }

    private func session() throws -> Interpreter {
        guard let interpreter else {
            throw BuiltinError("session-gone", "\(name): the session that defined this Function has ended")
        }
        return interpreter
    }

    /// Runs the dz `forward` on fresh leaves holding the inputs' values, nothing recorded.
    override func forward(_ xs: [NDArray]) throws -> [NDArray] {
        let interpreter = try session()
        let arguments: [Value] = [.object(instance)] + xs.map { .tensor(Variable($0)) }
        let result = try GradMode.withoutGrad {
            try interpreter.callUser(forwardMethod, positional: arguments, keywords: [], at: interpreter.builtinCallSite)
        }
        let items: [Value]
        if case .tuple(let vs) = result, !vs.isEmpty { items = vs } else { items = [result] }
        return try items.map { v in
            guard case .tensor(let t) = v else {
                throw interpreter.failureAtLastReturn(.other("function-result",
                    "\(name).forward must return a tensor or a tuple of tensors, got \(BuiltinArguments.describe(result))"), of: forwardMethod)
            }
            return t.data
        }
    }

    /// Runs the dz `backward` with one gradient per output and checks what it returns: one
    /// gradient (or `none`) per input, each of its input's shape.
    override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let interpreter = try session()
        guard let method = instance.cls.method("backward") else {
            throw BuiltinError("no-backward", "\(name) has no backward method; define backward(self, gy) returning the gradient of each input")
        }
        let result = try interpreter.callUser(method, positional: [.object(instance)] + gys.map { .tensor($0) },
                                              keywords: [], at: interpreter.builtinCallSite)
        let count = inputs.count
        let items: [Value]
        switch result {
        case .tuple(let vs): items = vs
        default: items = [result]
        }
        let names = (0..<count).map(inputName)
        guard items.count == count else {
            let what = count == 1 ? "1 input (\(names[0]))" : "\(count) inputs (\(names.joined(separator: ", ")))"
            throw interpreter.failureAtLastReturn(.other("gradient-count",
                "\(name).backward: returned \(items.count == 1 ? "1 gradient" : "\(items.count) gradients") for \(what); return one gradient per input, none for an input without one"), of: method)
        }
        var gradients: [Variable?] = []
        for (i, item) in items.enumerated() {
            switch item {
            case .none: gradients.append(nil)
            case .tensor(let g):
                let expected = inputs[i].shape
                guard g.shape == expected else {
                    throw interpreter.failureAtLastReturn(.other("gradient-shape",
                        "\(name).backward: gradient \(i + 1) (\(names[i])) has shape \(formatShape(g.shape)), expected \(formatShape(expected))"), of: method)
                }
                gradients.append(g)
            default:
                throw interpreter.failureAtLastReturn(.other("gradient-type",
                    "\(name).backward: gradient \(i + 1) (\(names[i])) is \(BuiltinArguments.describe(item)), expected a tensor or none"), of: method)
            }
        }
        returnedShapes = gradients.map { $0?.shape }
        return gradients
    }

    /// explain: the backward method as written, with the shape of each gradient it
    /// receives and of each it returns.
    override func explainedRule(inputNames: [String], outputNames: [String]) -> [String]? {
        guard let method = instance.cls.method("backward") else {
            return ["\(name) has no backward method: backward(\(outputNames.first ?? "y")) will stop here with an error"]
        }
        let decl = method.declaration
        let gyNames = decl.parameters.dropFirst().map(\.name)
        let received = outputShapes.indices.map { i in
            (i < gyNames.count ? gyNames[i] : "gy\(i + 1)") + " " + formatShape(outputShapes[i]) + " (the gradient of \(outputNames[i]))"
        }
        var lines = ["rule written in \(method.name)(" + decl.parameters.map(\.name).joined(separator: ", ") + "), with "
                     + received.joined(separator: ", ") + ":"]
        lines += method.bodyText.map { "  " + $0 }
        let returned = inputNames.indices.map { i -> String in
            let shape = returnedShapes.map { $0[i].map(formatShape) ?? "none" } ?? formatShape(inputs[i].shape)
            return "g\(inputNames[i]) \(shape)"
        }
        lines.append((returnedShapes == nil ? "returns (checked at its return): " : "returned: ") + returned.joined(separator: ", "))
        return lines
    }
}

extension UserFunction {
    /// The body as written: the statements' source lines (`= expr` for a one-line def).
    var bodyText: [String] {
        switch declaration.body {
        case .expression(let e): return ["= " + source.text(of: e.range)]
        case .block(let stmts):
            return stmts.flatMap { s in source.text(of: s.range).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        }
    }
}
