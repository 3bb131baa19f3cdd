/// The local variables of one call of a user function.
///
/// Python's rule: a name assigned anywhere in a function body (or a parameter) is local
/// to the whole body; other names are read from the globals, then the builtins.
final class Frame {
    let function: UserFunction
    var locals: [String: Value] = [:]

    init(function: UserFunction) { self.function = function }

    func isLocal(_ name: String) -> Bool { function.localNames.contains(name) }
}

/// A function defined with `def`.
public final class UserFunction: Callable {
    let declaration: FunctionDecl
    /// Default values, evaluated when the `def` ran (as Python does).
    let defaults: [Value?]
    /// Parameters and every name assigned in the body.
    let localNames: Set<String>
    /// The source the function was defined in (for errors raised inside it).
    let source: SourceFile

    init(declaration: FunctionDecl, defaults: [Value?], source: SourceFile) {
        self.declaration = declaration
        self.defaults = defaults
        self.source = source
        var names = Set(declaration.parameters.map(\.name))
        if case .block(let body) = declaration.body { UserFunction.collectAssigned(body, into: &names) }
        self.localNames = names
    }

    public var name: String { declaration.name }
    public var signature: String {
        "\(name)(" + declaration.parameters.map { p in p.defaultValue == nil ? p.name : "\(p.name)=…" }.joined(separator: ", ") + ")"
    }

    /// Names bound by assignments, `for` targets and nested `def`s (not inside nested functions).
    static func collectAssigned(_ stmts: [Stmt], into names: inout Set<String>) {
        for s in stmts {
            switch s.kind {
            case .assign(let target, _, _): names.formUnion(target.names)
            case .function(let decl): names.insert(decl.name)
            case .for(let target, _, let body):
                names.formUnion(target.names)
                collectAssigned(body, into: &names)
            case .while(_, let body), .mode(_, let body): collectAssigned(body, into: &names)
            case .if(let branches, let elseBody):
                for b in branches { collectAssigned(b.body, into: &names) }
                if let elseBody { collectAssigned(elseBody, into: &names) }
            case .expression, .return, .break, .continue: break
            }
        }
    }
}

/// A method looked up on a value: calling it passes the value as the first argument.
final class BoundMethod: Callable {
    let receiver: Value
    let builtin: Builtin
    init(receiver: Value, builtin: Builtin) { self.receiver = receiver; self.builtin = builtin }
    var name: String { builtin.name }
    var signature: String { builtin.signature }
}

/// An object that `for` can iterate over.
protocol IterableObject: RuntimeObject {
    func makeIterator() -> AnyIterator<Value>
}

/// `range(start, stop, step)`: 0-d tensors, produced lazily.
final class RangeObject: IterableObject {
    let start: Int, stop: Int, step: Int
    init(start: Int, stop: Int, step: Int) { self.start = start; self.stop = stop; self.step = step }

    var typeName: String { "range" }
    var summary: String { step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))" }
    var attributeNames: [String] { [] }
    func attribute(_ name: String) -> Value? { nil }
    var count: Int {
        step > 0 ? Swift.max(0, (stop - start + step - 1) / step) : Swift.max(0, (start - stop - step - 1) / -step)
    }
    func makeIterator() -> AnyIterator<Value> {
        var i = start
        let stop = self.stop, step = self.step
        return AnyIterator {
            guard step > 0 ? i < stop : i > stop else { return nil }
            defer { i += step }
            return .number(Double(i))
        }
    }
}
