/// The arguments of one builtin call, bound to parameter names and already checked
/// against their kinds; the accessors convert without failing.
public struct BuiltinArguments {
    let builtin: Builtin
    /// The value of each parameter, in the signature's order (a few at most, so a linear
    /// search by name beats hashing).
    let values: [Value]
    /// The interpreter running the call (for output, calling functions, the generator).
    public let interpreter: Interpreter

    /// Binds positional and keyword arguments to `builtin`'s parameters, checking them.
    static func bind(_ builtin: Builtin, positional: [Value], keywords: [(String, Value)],
                     interpreter: Interpreter) throws -> BuiltinArguments {
        let params = builtin.parameters
        if keywords.isEmpty, positional.count <= params.count, builtin.plainParameters {
            // The common call: arguments by position, defaults for the rest.
            for i in 0..<positional.count { try check(positional[i], params[i], builtin.name) }
            var bound = positional
            if positional.count < params.count {
                bound.reserveCapacity(params.count)
                for p in params[positional.count...] {
                    guard let d = p.defaultValue else { throw BuiltinError(.missingArgument(builtin.name, p.name)) }
                    try check(d.value, p, builtin.name)
                    bound.append(d.value)
                }
            }
            return BuiltinArguments(builtin: builtin, values: bound, interpreter: interpreter)
        }
        var values = [Value?](repeating: nil, count: params.count)
        var remaining = positional[...]
        for (i, p) in params.enumerated() where !p.keywordOnly {
            if p.isVariadic {
                values[i] = .tuple(Array(remaining))
                remaining = []
                break
            }
            guard let v = remaining.first else { break }
            values[i] = v
            remaining = remaining.dropFirst()
        }
        if !remaining.isEmpty {
            let positionalCount = params.filter { !$0.keywordOnly && !$0.isVariadic }.count
            let required = params.filter { !$0.keywordOnly && !$0.isVariadic && $0.defaultValue == nil }.count
            let expected = required == positionalCount ? "\(positionalCount)" : "\(required) to \(positionalCount)"
            throw BuiltinError(.argumentCount(builtin.name, expected: expected, got: positional.count))
        }
        for (label, v) in keywords {
            guard let i = params.firstIndex(where: { $0.name == label && !$0.isVariadic }) else {
                throw BuiltinError(.unknownKeyword(builtin.name, label,
                    suggestion: nearestName(to: label, in: params.filter { !$0.isVariadic }.map(\.name))))
            }
            guard values[i] == nil else { throw BuiltinError(.duplicateArgument(builtin.name, label)) }
            values[i] = v
        }
        var bound: [Value] = []
        bound.reserveCapacity(params.count)
        for (i, p) in params.enumerated() {
            let v: Value
            if let given = values[i] {
                v = given
            } else if p.isVariadic {
                v = .tuple([])
            } else if let d = p.defaultValue {
                v = d.value
            } else {
                throw BuiltinError(.missingArgument(builtin.name, p.name))
            }
            try check(v, p, builtin.name)
            bound.append(v)
        }
        return BuiltinArguments(builtin: builtin, values: bound, interpreter: interpreter)
    }

    private static func check(_ v: Value, _ p: BuiltinParameter, _ function: String) throws {
        func fail(_ got: String? = nil) -> BuiltinError {
            BuiltinError(.argumentType(function, p.name, expected: p.kind.expected, got: got ?? describe(v)))
        }
        switch p.kind {
        case .tensor:
            guard asTensor(v) != nil else { throw fail() }
        case .optionalTensor:
            if case .none = v { return }
            guard asTensor(v) != nil else { throw fail() }
        case .integer:
            _ = try integer(v, function: function, parameter: p.name)
        case .optionalInteger:
            if case .none = v { return }
            _ = try integer(v, function: function, parameter: p.name)
        case .real:
            guard case .tensor(let t) = v, t.size == 1 else { throw fail() }
        case .optionalReal:
            if case .none = v { return }
            guard case .tensor(let t) = v, t.size == 1 else { throw fail() }
        case .axes:
            switch v {
            case .none: return
            case .tuple(let items): for item in items { _ = try integer(item, function: function, parameter: p.name) }
            default:
                do { _ = try integer(v, function: function, parameter: p.name) } catch let e as BuiltinError where ["max", "min"].contains(function) {
                    // `max(a, b)` as Python's builtin: numpy's max takes an axis there.
                    guard case .tensor = v else { throw e }
                    let pair = function == "max" ? "maximum" : "minimum"
                    throw BuiltinError(RuntimeMessage(id: "argument-type", e.message.text
                        + "; for the elementwise \(function)imum of two tensors use \(pair)(a, b)"))
                }
            }
        case .sizes:
            _ = try sizes(v, function: function, parameter: p.name)
        case .tensors:
            _ = try tensors(v, function: function, parameter: p.name)
        case .bool:
            guard Value.truthValue(v) != nil else { throw fail() }
        case .string:
            guard case .string = v else { throw fail() }
        case .function:
            switch v {
            case .function, .object(is any CallableObject): break
            default: throw fail()
            }
        case .any:
            return
        }
    }

    /// How an argument is described in errors: its kind, and for tensors its shape or value.
    static func describe(_ v: Value) -> String {
        switch v {
        case .tensor(let t):
            if t.ndim == 0 { return t.data.description }
            return "a tensor of shape \(formatShape(t.shape))"
        case .string(let s): return "the string \(quoted(shortenedName(s, limit: 60)))"
        default: return "a \(v.kindName)"
        }
    }

    /// A tensor from a tensor, number or bool.
    static func asTensor(_ v: Value) -> Variable? {
        switch v {
        case .tensor(let t): t
        default: nil
        }
    }

    /// An integer from an integer-valued one-element tensor.
    static func integer(_ v: Value, function: String, parameter: String) throws -> Int {
        guard case .tensor(let t) = v, t.size == 1, t.ndim == 0, let x = t.data.scalar else {
            throw BuiltinError(.argumentType(function, parameter, expected: "an integer", got: describe(v)))
        }
        if let i = t.data.integerScalar { return Int(i) }
        guard x.rounded() == x, x.isFinite else {
            throw BuiltinError(.argumentType(function, parameter, expected: "an integer", got: formatScalar(x)))
        }
        guard Swift.abs(x) <= 9.0e15 else {
            throw BuiltinError(.argumentType(function, parameter, expected: "an integer of magnitude at most 9e15", got: formatScalar(x)))
        }
        return Int(x)
    }

    /// Sizes from `(2, 3)`, a variadic tuple of numbers, or a variadic tuple holding one tuple.
    static func sizes(_ v: Value, function: String, parameter: String) throws -> [Int] {
        var items: [Value]
        switch v {
        case .tuple(let xs): items = xs
        default: items = [v]
        }
        if items.count == 1, case .tuple(let inner) = items[0] { items = inner }
        // An integral size too large for any array: say so, with the size as written.
        let values = items.compactMap { v -> Double? in
            if case .tensor(let t) = v, t.ndim == 0 { return t.data.scalar } else { return nil }
        }
        if values.count == items.count, values.allSatisfy({ $0.rounded() == $0 }), values.contains(where: { Swift.abs($0) > 9.0e15 }) {
            let shape = values.map { Swift.abs($0) > 9.0e15 ? formatScalar($0) : String(Int($0)) }
            let text = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.joined(separator: ", ") + ")"
            throw BuiltinError("too-large", "\(function): an array of shape \(text) does not fit in this machine's memory")
        }
        return try items.map { try integer($0, function: function, parameter: parameter) }
    }

    /// Tensors given separately or as one tuple.
    static func tensors(_ v: Value, function: String, parameter: String) throws -> [Variable] {
        var items: [Value]
        switch v {
        case .tuple(let xs): items = xs
        default: items = [v]
        }
        if items.count == 1, case .tuple(let inner) = items[0] { items = inner }
        return try items.map {
            guard let t = asTensor($0) else {
                throw BuiltinError(.argumentType(function, parameter, expected: "tensors", got: describe($0)))
            }
            return t
        }
    }

    // MARK: Accessors

    /// The value of parameter `name` (`none` if the builtin has no such parameter).
    public func value(_ name: String) -> Value {
        for (i, p) in builtin.parameters.enumerated() where p.name == name { return values[i] }
        return .none
    }
    /// A tensor argument (numbers and bools convert).
    public func tensor(_ name: String) throws -> Variable {
        guard let t = Self.asTensor(value(name)) else { throw mismatch(name, "a tensor") }
        return t
    }
    /// A tensor argument or nil for `none`.
    public func optionalTensor(_ name: String) throws -> Variable? {
        if case .none = value(name) { return nil }
        return try tensor(name)
    }
    /// A one-element numeric argument.
    public func double(_ name: String) throws -> Double {
        guard case .tensor(let t) = value(name), let x = t.data.scalar else { throw mismatch(name, "a number") }
        return x
    }
    public func bool(_ name: String) throws -> Bool {
        guard let b = Value.truthValue(value(name)) else { throw mismatch(name, "a bool") }
        return b
    }
    public func string(_ name: String) throws -> String {
        guard case .string(let s) = value(name) else { throw mismatch(name, "a string") }
        return s
    }
    /// A file name argument, with `~` expanded (``PathExpansion``).
    public func path(_ name: String) throws -> String {
        PathExpansion.expandingTilde(try string(name))
    }
    /// A function argument; a callable object (a user Function, a layer or a model) comes
    /// wrapped as one.
    public func callable(_ name: String) throws -> Callable {
        switch value(name) {
        case .function(let f): return f
        case .object(let o as any CallableObject): return CallableObjectFunction(o)
        default: throw mismatch(name, "a function")
        }
    }

    /// The error for an argument whose kind the signature did not guarantee.
    func mismatch(_ name: String, _ expected: String) -> BuiltinError {
        BuiltinError(.argumentType(builtin.name, name, expected: expected, got: Self.describe(value(name))))
    }

    public func int(_ name: String) throws -> Int { try Self.integer(value(name), function: builtin.name, parameter: name) }
    public func optionalInt(_ name: String) throws -> Int? {
        if case .none = value(name) { return nil }
        return try int(name)
    }
    /// Axes as a list (nil for `none`).
    public func axes(_ name: String) throws -> [Int]? {
        switch value(name) {
        case .none: return nil
        case .tuple(let items): return try items.map { try Self.integer($0, function: builtin.name, parameter: name) }
        default: return [try int(name)]
        }
    }
    public func sizes(_ name: String) throws -> [Int] { try Self.sizes(value(name), function: builtin.name, parameter: name) }
    public func tensors(_ name: String) throws -> [Variable] { try Self.tensors(value(name), function: builtin.name, parameter: name) }
}

