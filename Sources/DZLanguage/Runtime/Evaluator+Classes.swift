// Classes at run time: defining one, making instances, setting attributes, `super()`.

extension Interpreter {
    /// `class NAME(BASE) { defs }`: binds NAME to a new class. Methods' default values are
    /// evaluated now, as a `def`'s are.
    func defineClass(_ decl: ClassDecl, frame: Frame?) throws {
        var base: ClassObject?
        if let b = decl.base {
            let v = try evaluate(b, frame: frame)
            guard case .object(let c as ClassObject) = v else {
                var text = "the base of class '\(shortenedName(decl.name))' must be a class (Function, Layer, Model or a class defined with 'class'), got \(BuiltinArguments.describe(v))"
                if case .function(let f as Builtin) = v, f.category == "models" {
                    text += "; \(f.name) is a builtin layer: hold one as an attribute instead (self.l = \(f.name)(...))"
                }
                throw failure(.other("class-base", text), at: b.range)
            }
            base = c
        }
        let methods = try decl.methods.map { m in
            let defaults = try m.parameters.map { p in try p.defaultValue.map { try evaluate($0, frame: frame) } }
            return UserFunction(declaration: m, defaults: defaults, source: currentSource, className: decl.name)
        }
        let cls = ClassObject(name: decl.name, base: base, methods: methods)
        for m in methods { m.owner = cls }
        bind(decl.name, .object(cls), frame: frame)
    }

    /// `C(args)`: a new instance of the kind its builtin base says, initialized by the
    /// nearest `__init__`.
    func instantiate(_ cls: ClassObject, positional: [Value], keywords: [(String, Value)]) throws -> Value {
        let object: InstanceObject = switch cls.root {
        case .plain: InstanceObject(cls: cls)
        case .function: FunctionInstance(cls: cls)
        case .layer, .model: LayerInstance(cls: cls)
        }
        if let initializer = cls.method("__init__") {
            let result = try callUser(initializer, positional: [.object(object)] + positional, keywords: keywords, at: builtinCallSite)
            guard result.isNone else {
                throw failureAtLastReturn(.other("init-result", "\(initializer.name)() must return none, got \(BuiltinArguments.describe(result))"), of: initializer)
            }
        } else if !positional.isEmpty || !keywords.isEmpty {
            throw BuiltinError("argument-count", "\(shortenedName(cls.name))() takes no arguments (the class has no __init__)")
        }
        return .object(object)
    }

    /// Calls a callable object from a builtin (`model.plot`).
    func callObject(_ object: any CallableObject, _ arguments: [Value]) throws -> Value {
        try object.call(positional: arguments, keywords: [], interpreter: self)
    }

    /// `base.name = value`: user objects take attributes; everything else says why not.
    func setAttribute(_ base: Value, _ name: String, _ value: Value, at range: SourceRange) throws {
        let shown = shortenedName(name)
        switch base {
        case .object(let o as InstanceObject):
            try at(range) { try o.setAttribute(name, value) }
        case .object(let c as ClassObject):
            throw failure(.other("read-only-attribute", "cannot set '\(shown)' on the class \(shortenedName(c.name)): set attributes on an instance (self.\(shown) = ... in a method)"), at: range)
        case .object(let o):
            throw failure(.other("read-only-attribute", "cannot set '\(shown)' of a \(o.typeName): the attributes of builtin objects are read-only"), at: range)
        case .tensor:
            let hint = switch name {
            case "grad": "; to forget a gradient use x.cleargrad()"
            case "data": "; compute a new tensor, or let an optimizer update a parameter"
            case "name": "; a tensor is named by the name it is assigned to"
            default: ""
            }
            throw failure(.other("read-only-attribute", "cannot set '\(shown)' of a tensor: tensors are immutable\(hint)"), at: range)
        default:
            throw failure(.other("read-only-attribute", "cannot set '\(shown)' of a \(base.kindName): only objects of user classes take attributes"), at: range)
        }
    }

    /// `super()` inside a method: the instance, seen from the base of the method's class.
    func superObject(frame: Frame?, at range: SourceRange) throws -> Value {
        guard let frame, let owner = frame.function.owner, frame.function.localNames.count > 0, case .object(let receiver)? = sharedRegister(frame.base) else {
            throw failure(.other("super", "super() works only inside a method of a class"), at: range)
        }
        return .object(SuperObject(receiver: receiver, owner: owner))
    }

    /// An error at the `return` that produced the last value a user function returned (or
    /// at its one-line body), in the source it was written in.
    /// `function` names the function that returned it, whose call (at the builtin's call
    /// site) is the error's call chain.
    func failureAtLastReturn(_ message: RuntimeMessage, of function: UserFunction? = nil) -> EvaluationFailure {
        guard let range = lastReturn, let source = function?.source else { return failure(message, at: builtinCallSite) }
        var f = EvaluationFailure(diagnostic: Diagnostic(message, at: range), source: source)
        if let function { f.calls = [(builtinCallSite, currentSource, function.name)] }
        return f
    }
}

/// What `super()` gives: attribute lookups start at the base of the class that defines
/// the running method, and methods found are bound to the same instance.
final class SuperObject: RuntimeObject {
    let receiver: any RuntimeObject
    let owner: ClassObject

    init(receiver: any RuntimeObject, owner: ClassObject) { self.receiver = receiver; self.owner = owner }

    var typeName: String { "super" }
    var summary: String { "super() of \(owner.name)" }
    var attributeNames: [String] { (owner.base?.allMethodNames ?? []) + ["__init__"] }

    func attribute(_ name: String) -> Value? {
        if let m = owner.base?.method(name) { return .function(BoundUserMethod(receiver: .object(receiver), function: m)) }
        // The builtin bases' (and Python's object's) __init__ does nothing.
        if name == "__init__" {
            return method("__init__", help: "Does nothing: the builtin bases need no initialization.") { _ in .none }
        }
        if let instance = receiver as? InstanceObject { return instance.builtinAttribute(name) }
        return nil
    }
}
