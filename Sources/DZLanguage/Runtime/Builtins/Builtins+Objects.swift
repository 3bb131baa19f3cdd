// setattr, getattr, hasattr and isinstance: Python's builtins for objects, as DeZero's
// code uses them (its MLP names its layers with `setattr(self, "l" + str(i), layer)`).

extension Builtins {
    static let objects: [Builtin] = [
        Builtin("setattr", [param("obj", .any), param("name", .string), param("value", .any)], category: "io",
                help: "`obj.NAME = value` with the name given as a string (an object of a user class; builtin objects and tensors are read-only). In a `Layer`, a layer or `Parameter` set this way is part of it, as with `self.NAME = ...`.",
                example: "class Box { }; b = Box(); setattr(b, \"l\" + format(0, \"d\"), 1.0); b") { args in
            let name = try args.string("name")
            try checkAttributeName(name, "setattr")
            try args.interpreter.setAttribute(args.value("obj"), name, args.value("value"), at: args.interpreter.builtinCallSite)
            return .none
        },
        Builtin("getattr", [param("obj", .any), param("name", .string), variadic("default", .any)], category: "io",
                help: "`obj.NAME` with the name given as a string; with a third argument, that value when the attribute is missing (as Python's).",
                example: "m = MLP((3, 1)); getattr(m, \"l\" + format(1, \"d\"))") { args in
            let name = try args.string("name")
            if let v = args.interpreter.attributeIfPresent(args.value("obj"), name) { return v }
            if case .tuple(let d) = args.value("default"), !d.isEmpty {
                guard d.count == 1 else { throw BuiltinError(.argumentCount("getattr", expected: "2 or 3", got: 2 + d.count)) }
                return d[0]
            }
            return try args.interpreter.attribute(args.value("obj"), name, at: args.interpreter.builtinCallSite)
        },
        Builtin("hasattr", [param("obj", .any), param("name", .string)], category: "io",
                help: "Whether `obj.NAME` exists.", example: "hasattr(Linear(2), \"W\")") { args in
            .bool(args.interpreter.attributeIfPresent(args.value("obj"), try args.string("name")) != nil)
        },
        Builtin("isinstance", [param("obj", .any), param("cls", .any)], category: "io",
                help: "Whether `obj` is an object of the class `cls` or of a class derived from it (`cls` may be a tuple of classes); `Layer` and `Model` also match the builtin layers (`Linear`, `MLP`).",
                example: "class A { }; class B(A) { }; isinstance(B(), A)") { args in
            let classes: [Value]
            if case .tuple(let items) = args.value("cls") { classes = items } else { classes = [args.value("cls")] }
            for c in classes {
                guard case .object(let k as ClassObject) = c else {
                    throw BuiltinError(.argumentType("isinstance", "cls", expected: "a class or a tuple of classes", got: BuiltinArguments.describe(c)))
                }
                switch args.value("obj") {
                case .object(let o as InstanceObject) where o.cls.derives(from: k): return .bool(true)
                case .object(let o as any LayerObject) where !(o is InstanceObject) && (k === ClassObject.layer || k === ClassObject.model):
                    return .bool(true)
                default: continue
                }
            }
            return .bool(false)
        },
    ]

    /// An attribute name must be an identifier (what `obj.NAME` could spell).
    static func checkAttributeName(_ name: String, _ function: String) throws {
        let ok = name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } ?? false
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        guard ok else {
            throw BuiltinError("argument-value", "\(function)(): an attribute name is an identifier, got \(quoted(shortenedName(name)))")
        }
    }
}

extension Interpreter {
    /// `obj.name`, or nil when there is no such attribute.
    func attributeIfPresent(_ v: Value, _ name: String) -> Value? {
        try? attribute(v, name, at: builtinCallSite)
    }
}
