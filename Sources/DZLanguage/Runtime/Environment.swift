import DZAutodiff

/// One call of a user function: its locals are the interpreter's registers from `base`
/// on, in the slots its ``UserFunction`` laid out (see ``Interpreter/reserveFrame(_:leaving:)``).
///
/// Python's rule: a name assigned anywhere in a function body (or a parameter) is local
/// to the whole body; other names are read from the globals, then the builtins.
struct Frame {
    let function: UserFunction
    let base: Int

    /// The slot of a local variable, or nil for a name that is not local.
    func slot(_ name: String) -> Int? { function.localSlots[name] }
}

/// A function defined with `def`.
public final class UserFunction: Callable {
    let declaration: FunctionDecl
    /// Default values, evaluated when the `def` ran (as Python does).
    let defaults: [Value?]
    /// Parameters (first, in order) and every name assigned in the body: the frame's slots.
    let localNames: [String]
    /// The slot of each name in ``localNames``.
    let localSlots: [String: Int]
    /// The source the function was defined in (for errors raised inside it).
    let source: SourceFile
    /// For a method: the name of its class (errors say `Point.norm()`).
    let className: String?
    /// For a method: the class that defines it, where `super()` starts looking (weak: the
    /// class holds its methods).
    weak var owner: ClassObject?
    /// ``SourceFile/storageKey`` of ``source``.
    let sourceKey: UnsafeRawPointer?
    /// The body compiled to closures, made at the first call (see ``Compiler``); set once.
    var compiled: CompiledFunction? {
        didSet { compiledReference = compiled.map { Unmanaged.passUnretained($0) } }
    }
    /// ``compiled`` without a retain, for calls: the function owns it and the caller holds
    /// the function for the call.
    private(set) var compiledReference: Unmanaged<CompiledFunction>?
    /// The interned name of each local slot, for naming what is bound to it.
    lazy var internedLocalNames: [Variable.InternedName] = localNames.map { Variable.InternedName($0) }
    /// How many parameters it takes.
    var parameterCount: Int { declaration.parameters.count }
    /// The parameters without a default (they come first).
    lazy var requiredParameterCount = declaration.parameters.filter { $0.defaultValue == nil }.count

    init(declaration: FunctionDecl, defaults: [Value?], source: SourceFile, className: String? = nil) {
        self.declaration = declaration
        self.defaults = defaults
        self.source = source
        self.sourceKey = source.storageKey
        self.className = className
        var scope = LocalScope()
        for p in declaration.parameters { scope.add(p.name) }
        switch declaration.body {
        case .block(let body):
            UserFunction.collectAssigned(body, into: &scope)
            NameResolver(slots: scope.slots).resolve(body)
        case .expression(let e):
            NameResolver(slots: scope.slots).resolve(e)
        }
        self.localNames = scope.names
        self.localSlots = scope.slots
    }

    public var name: String { className.map { "\($0).\(declaration.name)" } ?? declaration.name }
    public var signature: String {
        "\(name)(" + declaration.parameters.map { p in p.defaultValue == nil ? p.name : "\(p.name)=…" }.joined(separator: ", ") + ")"
    }

    /// Names bound by assignments, `for` targets and nested `def`s (not inside nested functions).
    static func collectAssigned(_ stmts: [Stmt], into scope: inout LocalScope) {
        for s in stmts {
            switch s.kind {
            case .assign(let target, _, _): target.names.forEach { scope.add($0) }
            case .function(let decl): scope.add(decl.name)
            case .classDef(let decl): scope.add(decl.name)
            case .for(let target, _, let body):
                target.names.forEach { scope.add($0) }
                collectAssigned(body, into: &scope)
            case .while(_, let body), .mode(_, let body): collectAssigned(body, into: &scope)
            case .if(let branches, let elseBody):
                for b in branches { collectAssigned(b.body, into: &scope) }
                if let elseBody { collectAssigned(elseBody, into: &scope) }
            case .expression, .return, .break, .continue, .command: break
            }
        }
    }
}

/// The local names of a function in slot order.
struct LocalScope {
    private(set) var names: [String] = []
    private(set) var slots: [String: Int] = [:]

    mutating func add(_ name: String) {
        guard slots[name] == nil else { return }
        slots[name] = names.count
        names.append(name)
    }
}

/// Marks every ``Name`` of a function body with its local slot (or -1 for a global), so
/// the interpreter never looks a local up by its text. Nested functions' bodies are left
/// to their own definition; their default values belong to this body.
struct NameResolver {
    let slots: [String: Int]

    func resolve(_ stmts: [Stmt]) { for s in stmts { resolve(s) } }

    func resolve(_ s: Stmt) {
        switch s.kind {
        case .expression(let e): resolve(e)
        case .assign(let target, _, let e): resolve(target); resolve(e)
        case .function(let decl): for p in decl.parameters { if let d = p.defaultValue { resolve(d) } }
        case .classDef(let decl):
            if let base = decl.base { resolve(base) }
            for m in decl.methods { for p in m.parameters { if let d = p.defaultValue { resolve(d) } } }
        case .return(let e): if let e { resolve(e) }
        case .if(let branches, let elseBody):
            for b in branches { resolve(b.condition); resolve(b.body) }
            if let elseBody { resolve(elseBody) }
        case .for(let target, let sequence, let body): resolve(target); resolve(sequence); resolve(body)
        case .while(let condition, let body): resolve(condition); resolve(body)
        case .mode(_, let body): resolve(body)
        case .break, .continue, .command: break
        }
    }

    func resolve(_ t: Target) {
        switch t.kind {
        case .name(let n): mark(n)
        case .attribute(let base, _, _): resolve(base)
        case .tuple(let ts): for t in ts { resolve(t) }
        }
    }

    func resolve(_ e: Expr) {
        switch e.kind {
        case .number, .string, .bool, .noneLiteral: break
        case .formatted(let parts):
            for case .field(let x, _, _) in parts { resolve(x) }
        case .name(let n): mark(n)
        case .array(let xs), .tuple(let xs): for x in xs { resolve(x) }
        case .unary(_, let x): resolve(x)
        case .binary(_, let l, let r), .logical(_, let l, let r): resolve(l); resolve(r)
        case .call(let callee, let arguments): resolve(callee); for a in arguments { resolve(a.value) }
        case .index(let base, let items):
            resolve(base)
            for item in items {
                switch item {
                case .index(let x): resolve(x)
                case .slice(let s): for x in [s.start, s.stop, s.step] { if let x { resolve(x) } }
                case .ellipsis: break
                }
            }
        case .attribute(let base, _, _): resolve(base)
        }
    }

    private func mark(_ n: Name) { n.localSlot = slots[n.text].map { Int32($0) } ?? -1 }
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
    /// A fresh pass over the items: each call gives the next one, nil at the end, or throws
    /// (an error inside the sequence stops the loop with that error, never silently).
    func makeIterator() throws -> () throws -> Value?
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
    func makeIterator() -> () throws -> Value? {
        var i = start
        let stop = self.stop, step = self.step
        return {
            guard step > 0 ? i < stop : i > stop else { return nil }
            defer { i += step }
            return .integer(i)
        }
    }
}
