// Operators, attributes and indexing.

import DZTensor

/// `a // b`: numpy's floor division. Not differentiable (its derivative is zero almost
/// everywhere, and DeZero has no such function), so the result is a new leaf.
func floorDivide(_ a: Variable, _ b: Variable) throws -> Variable {
    Variable(try NDArray.floorDivide(a.data, b.data))
}

extension Interpreter {
    func unary(_ op: UnaryOperator, _ v: Value, range: SourceRange) throws -> Value {
        switch op {
        case .not:
            return .bool(!(try truth(v, at: range)))
        case .negate, .plus:
            guard let t = BuiltinArguments.asTensor(v) else { throw RuntimeMessage.operand("unary \(op.symbol)", v.kindName) }
            return op == .negate ? .tensor(try neg(t)) : .tensor(t)
        }
    }

    func binary(_ op: BinaryOperator, _ l: Value, _ r: Value) throws -> Value {
        if let a = BuiltinArguments.asTensor(l), let b = BuiltinArguments.asTensor(r) {
            switch op {
            case .add: return .tensor(try add(a, b))
            case .subtract: return .tensor(try sub(a, b))
            case .multiply: return .tensor(try mul(a, b))
            case .divide: return .tensor(try div(a, b))
            case .floorDivide: return .tensor(try floorDivide(a, b))
            case .power: return .tensor(try pow(a, b))
            case .modulo: return .tensor(try mod(a, b))
            case .matmul: return .tensor(try matmul(a, b))
            case .equal: return .tensor(Variable(try NDArray.equal(a.data, b.data)))
            case .notEqual: return .tensor(Variable(try NDArray.notEqual(a.data, b.data)))
            case .less: return .tensor(Variable(try NDArray.less(a.data, b.data)))
            case .lessEqual: return .tensor(Variable(try NDArray.lessEqual(a.data, b.data)))
            case .greater: return .tensor(Variable(try NDArray.greater(a.data, b.data)))
            case .greaterEqual: return .tensor(Variable(try NDArray.greaterEqual(a.data, b.data)))
            }
        }
        switch (op, l, r) {
        case (.modulo, .string(let template), _):
            // `"loss %.4f" % loss`, `"%d: %s" % (i, name)`: printf-style, as Python's.
            let text = try percentFormat(template, r)
            guard text.utf8.count <= Self.maxStringBytes else { throw RuntimeMessage.tooLong("string", text.utf8.count, "bytes", Self.maxStringBytes) }
            return .string(text)
        case (.add, .string(let a), .string(let b)):
            let length = a.utf8.count + b.utf8.count
            guard length <= Self.maxStringBytes else { throw RuntimeMessage.tooLong("string", length, "bytes", Self.maxStringBytes) }
            return .string(a + b)
        case (.add, .tuple(let a), .tuple(let b)):
            let length = a.count + b.count
            guard length <= Self.maxTupleElements else {
                throw RuntimeMessage.tooLong("tuple", length, "elements", Self.maxTupleElements)
            }
            return .tuple(a + b)
        case (.equal, _, _): return .bool(try valuesEqual(l, r))
        case (.notEqual, _, _): return .bool(!(try valuesEqual(l, r)))
        default: throw RuntimeMessage.operands(op.symbol, l.kindName, r.kindName)
        }
    }

    /// `==` between non-tensor values (and tensors inside tuples, elementwise all-equal).
    /// Tuples compare as Python's do, an identical element being equal without a look
    /// inside; a pair of tuples found equal once is not compared again, so a tuple that
    /// shares itself (`t = (t, t)`) compares in time linear in its distinct parts. Polls
    /// for Ctrl-C.
    func valuesEqual(_ l: Value, _ r: Value) throws -> Bool {
        var comparison = ValueComparison(isInterrupted: isInterruptRequested)
        do {
            return try comparison.equal(l, r)
        } catch is ValueWalkInterrupted {
            throw RuntimeMessage.interrupted()
        }
    }

    // MARK: Attributes

    /// Tensor attributes, then methods (builtins taking the tensor first).
    public static let tensorAttributes = ["grad", "shape", "T", "ndim", "size", "name", "data", "dtype"]
    public static let tensorMethods = ["backward", "cleargrad", "reshape", "transpose", "sum", "mean", "max", "min",
                                "argmax", "argmin", "flatten", "squeeze", "expand_dims", "detach", "dot",
                                "matmul", "clip", "exp", "log", "sin", "cos", "tan", "tanh", "sqrt", "abs",
                                "sigmoid", "relu", "broadcast_to", "sum_to", "softmax", "log_softmax", "len", "unchain", "unchain_backward",
                                "std", "var", "prod", "cumsum", "item", "astype"]

    func attribute(_ v: Value, _ name: String, at range: SourceRange) throws -> Value {
        switch v {
        case .tensor(let t):
            switch name {
            case "grad": return t.grad.map { .tensor($0) } ?? .none
            case "shape": return .tuple(t.shape.map { .integer($0) })
            case "T": return try at(range) { .tensor(try transpose(t)) }
            case "ndim": return .integer(t.ndim)
            case "size": return .integer(t.size)
            case "dtype": return DTypeObject.value(t.data.dtype)
            case "name": return t.name.map { .string($0) } ?? .none
            case "data": return .tensor(Variable(t.data))
            default:
                if Interpreter.tensorMethods.contains(name), let b = Builtins.table[name] {
                    return .function(BoundMethod(receiver: v, builtin: b))
                }
            }
            throw failure(.noAttribute("tensor", name,
                suggestion: nearestName(to: name, in: Interpreter.tensorAttributes + Interpreter.tensorMethods)), at: range)
        case .object(let o):
            if let a = o.attribute(name) { return a }
            let suggestion = nearestName(to: name, in: o.attributeNames)
            if let instance = o as? InstanceObject, suggestion == nil {
                // `self.x` read before `self.x = ...` ran: say what the object has.
                let has = instance.attributeOrder.isEmpty ? "no attributes yet" : "attributes " + instance.attributeOrder.map { shortenedName($0) }.joined(separator: ", ")
                throw failure(.other("no-attribute", "a \(o.typeName) has no attribute '\(shortenedName(name))' (it has \(has); an attribute exists once 'self.\(shortenedName(name)) = ...' has run)"), at: range)
            }
            throw failure(.noAttribute(o.typeName, name, suggestion: suggestion), at: range)
        default:
            throw failure(.noAttribute(v.kindName, name, suggestion: nil), at: range)
        }
    }

    // MARK: Indexing

    func index(_ base: Value, _ items: [IndexItem], frame: Frame?, range: SourceRange) throws -> Value {
        switch base {
        case .tensor(let t):
            var spec: [DZTensor.IndexItem] = []
            for item in items {
                switch item {
                case .index(let e):
                    let v = try evaluate(e, frame: frame)
                    spec.append(contentsOf: try indexComponent(v, at: e.range))
                case .slice(let s):
                    spec.append(.slice(start: try sliceBound(s.start, frame: frame), stop: try sliceBound(s.stop, frame: frame),
                                       step: try sliceBound(s.step, frame: frame)))
                case .ellipsis:
                    spec.append(.ellipsis)
                }
            }
            return try at(range) { .tensor(try getItem(t, spec)) }
        case .tuple(let elements):
            guard items.count == 1 else { throw failure(.index("a tuple takes one index"), at: range) }
            switch items[0] {
            case .index(let e):
                let v = try evaluate(e, frame: frame)
                let i = try at(e.range) { try BuiltinArguments.integer(v, function: "index", parameter: "index") }
                guard i >= -elements.count && i < elements.count else {
                    throw failure(.index("tuple index \(i) is out of range for a tuple of \(elements.count) element\(elements.count == 1 ? "" : "s")"), at: e.range)
                }
                return elements[i < 0 ? i + elements.count : i]
            case .slice(let s):
                let (first, last, every) = (try sliceBound(s.start, frame: frame), try sliceBound(s.stop, frame: frame),
                                            try sliceBound(s.step, frame: frame))
                let (start, length, step) = try at(s.range) {
                    try NDArray.sliceBounds(start: first, stop: last, step: every, count: elements.count)
                }
                return .tuple((0..<length).map { elements[start + $0 * step] })
            case .ellipsis(let r):
                throw failure(.index("a tuple takes an integer or a slice as its index, not '...'"), at: r)
            }
        default:
            throw failure(.notIndexable(base.kindName), at: range)
        }
    }

    /// One part of `start:stop:step`: an integer, or nil when omitted or `none`.
    func sliceBound(_ e: Expr?, frame: Frame?) throws -> Int? {
        guard let e else { return nil }
        let v = try evaluate(e, frame: frame)
        if case .none = v { return nil }
        return try at(e.range) { try BuiltinArguments.integer(v, function: "index", parameter: "slice") }
    }

    /// An index value: an integer, an array of integers, a bool mask, or a tuple of them (a
    /// multi-index).
    func indexComponent(_ v: Value, at range: SourceRange) throws -> [DZTensor.IndexItem] {
        switch v {
        case .tensor(let t) where t.ndim == 0 && t.data.dtype != .bool:
            return [.index(try at(range) { try BuiltinArguments.integer(v, function: "index", parameter: "index") })]
        case .tensor(let t):
            return [.array(t.data)]
        case .none:
            return [.newAxis]
        case .tuple(let items):
            return try items.flatMap { try indexComponent($0, at: range) }
        default:
            throw failure(.index("an index must be an integer, a tensor of integers or bools, a slice, '...' or none, got a \(v.kindName)"), at: range)
        }
    }
}
