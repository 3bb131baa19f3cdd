// Statements and expressions: a tree walk over the AST.

/// What a statement did to control flow.
enum Flow {
    case normal, breakLoop, continueLoop
    case returned(Value)
}

extension Interpreter {
    /// An error at `range` in the current source.
    func failure(_ message: RuntimeMessage, at range: SourceRange) -> EvaluationFailure {
        EvaluationFailure(diagnostic: Diagnostic(message, at: range), source: currentSource)
    }

    /// Runs `body`, turning engine and builtin errors into diagnostics at `range`.
    @inline(__always)
    func at<T>(_ range: SourceRange, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as EvaluationFailure {
            throw e
        } catch let e as TensorError {
            throw failure(.tensor(e), at: range)
        } catch let e as BuiltinError {
            throw failure(e.message, at: range)
        } catch let e as RuntimeMessage {
            throw failure(e, at: range)
        } catch is Interrupted {
            // Ctrl-C seen inside an operation (a product, a backward pass, a blocking read).
            throw failure(.interrupted(), at: range)
        }
    }

    /// Counts a step (loop iteration or call) against the budget and polls for interrupts.
    @inline(__always)
    func step(_ range: SourceRange) throws {
        try step(range, pollingEvery: callDepth == 0)
    }

    /// A call's step: it polls for an interrupt only every 1,024 steps, even at top level,
    /// where the loop or statement around the call polls at each step anyway.
    @inline(__always)
    func callStep(_ range: SourceRange) throws {
        try step(range, pollingEvery: false)
    }

    @inline(__always)
    private func step(_ range: SourceRange, pollingEvery: Bool) throws {
        steps &+= 1
        if let budget = stepBudget, steps > budget { throw failure(.stepBudget(budget), at: range) }
        if steps & 0x3ff == 0 || pollingEvery, isInterruptRequested() {
            throw failure(.interrupted(), at: range)
        }
    }

    // MARK: Statements

    func execute(_ stmts: [Stmt], frame: Frame?) throws -> Flow {
        for s in stmts {
            let flow = try execute(s, frame: frame, topLevel: false)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func execute(_ stmt: Stmt, frame: Frame?, topLevel: Bool) throws -> Flow {
        switch stmt.kind {
        case .expression(let e):
            let v = try evaluate(e, frame: frame)
            if topLevel && echoesResults {
                if v.isNone, isGrad(e) {
                    // `x.grad` at the prompt with no gradient: say why rather than print nothing.
                    output("none (no backward has reached this tensor yet, or it is not a leaf: only leaves keep their gradient, intermediates with retain_grad=true)\n")
                } else {
                    try at(stmt.range) { try echo(v) }
                }
            }
        case .assign(let target, let op, let e):
            var value = try evaluate(e, frame: frame)
            if let binary = op.binaryOperator {
                switch target.kind {
                case .name(let name):
                    let current = try lookup(name, at: target.range, frame: frame)
                    value = try at(stmt.range) { try self.binary(binary, current, value) }
                case .attribute(let baseExpr, let name, let nameRange):
                    // `self.n += 1`: the object is evaluated once.
                    let base = try evaluate(baseExpr, frame: frame)
                    let current = try attribute(base, name, at: nameRange)
                    value = try at(stmt.range) { try self.binary(binary, current, value) }
                    try setAttribute(base, name, value, at: target.range)
                    return .normal
                case .tuple: break
                }
            }
            try assign(value, to: target, frame: frame)
        case .function(let decl):
            let defaults = try decl.parameters.map { p in try p.defaultValue.map { try evaluate($0, frame: frame) } }
            bind(decl.name, .function(UserFunction(declaration: decl, defaults: defaults, source: currentSource)), frame: frame)
        case .classDef(let decl):
            try defineClass(decl, frame: frame)
        case .return(let e):
            let value = try e.map { try evaluate($0, frame: frame) } ?? .none
            lastReturn = stmt.range
            return .returned(value)
        case .if(let branches, let elseBody):
            for b in branches where try truth(evaluate(b.condition, frame: frame), at: b.condition.range) {
                return try execute(b.body, frame: frame)
            }
            if let elseBody { return try execute(elseBody, frame: frame) }
        case .for(let target, let sequence, let body):
            let seq = try evaluate(sequence, frame: frame)
            if case .object(let r as RangeObject) = seq {
                // The common `for i in range(n)`: count directly, no iterator object.
                var i = r.start
                while r.step > 0 ? i < r.stop : i > r.stop {
                    try step(stmt.range)
                    try assign(.integer(i), to: target, frame: frame)
                    i += r.step
                    if let exit = try iteration(body, frame: frame) { return exit }
                }
                return .normal
            }
            let iterator = try makeIterator(seq, at: sequence.range)
            while let item = try at(sequence.range, { try iterator() }) {
                try step(stmt.range)
                try assign(item, to: target, frame: frame)
                if let exit = try iteration(body, frame: frame) { return exit }
            }
        case .while(let condition, let body):
            while try truth(evaluate(condition, frame: frame), at: condition.range) {
                try step(stmt.range)
                if let exit = try iteration(body, frame: frame) { return exit }
            }
        case .break: return .breakLoop
        case .continue: return .continueLoop
        case .mode(let mode, let body):
            switch mode {
            case .noGrad: return try GradMode.withoutGrad { try execute(body, frame: frame) }
            case .testMode: return try TrainMode.testing { try execute(body, frame: frame) }
            }
        case .command(let line):
            guard let commandHandler else { throw failure(.commandUnavailable(line), at: stmt.range) }
            let command = ScriptCommand(line: line, range: stmt.range, source: currentSource)
            if case .quit = try commandHandler(command) { throw QuitRequest(exitStatus: nil) }
        }
        return .normal
    }

    /// Runs one iteration of a loop body: nil to go on, or the flow that leaves the loop
    /// (`break` leaves it normally, `return` passes through).
    @inline(__always)
    func iteration(_ body: [Stmt], frame: Frame?) throws -> Flow? {
        switch try execute(body, frame: frame) {
        case .breakLoop: return .normal
        case .returned(let v): return .returned(v)
        case .normal, .continueLoop: return nil
        }
    }

    func echo(_ v: Value) throws {
        if case .none = v { return }
        if Builtins.leavesWhenEchoed(v) { throw QuitRequest(exitStatus: 0) }
        show(.result(v, text: try text(of: v, quoting: true) + "\n"))
        if bindsLastValue { table.bindLeavingNames("_", v) }
    }

    /// The echo (`quoting`) or print text of `v`, bounded as ``ValueText`` says; Ctrl-C
    /// stops making it (`interrupted`).
    func text(of v: Value, quoting: Bool) throws -> String {
        do {
            return try ValueText.render(v, quoting: quoting, isInterrupted: isInterruptRequested)
        } catch is ValueWalkInterrupted {
            throw RuntimeMessage.interrupted()
        }
    }

    // MARK: Names

    /// The value of a name: a local of the running function (by the slot its definition
    /// gave the name), else a global, a constant or a builtin (by the name's global slot).
    @inline(__always)
    func lookup(_ name: Name, at range: SourceRange, frame: Frame?) throws -> Value {
        if let frame, name.localSlot >= 0 {
            if let v = sharedRegister(frame.base + Int(name.localSlot)) { return v }
            throw failure(.unboundLocal(name.text), at: range)
        }
        if let v = table.resolve(name) { return v }
        throw undefined(name.text, at: range, frame: frame)
    }

    /// The value in register `r`, a scalar boxed there first (its receiver shares it).
    @inline(__always)
    func sharedRegister(_ r: Int) -> Value? { Operand.share(&registers[r]) }

    func undefined(_ name: String, at range: SourceRange, frame: Frame?) -> EvaluationFailure {
        var candidates = knownNames
        if let frame { candidates += frame.function.localNames }
        // Keywords are never suggested: a name cannot be one.
        return failure(.undefinedName(name, suggestion: nearestName(to: name, in: candidates)), at: range)
    }

    public static let keywords = ["def", "class", "return", "if", "else", "for", "in", "while", "break", "continue",
                           "no_grad", "test_mode", "and", "or", "not", "true", "false", "none"]

    /// Binds a name of the syntax tree (an assignment or loop target).
    @inline(__always)
    func bind(_ name: Name, _ value: Value, frame: Frame?) {
        if let frame, name.localSlot >= 0 {
            if case .tensor(let t) = value, !t.hasName { t.name = name.text }
            registers[frame.base + Int(name.localSlot)] = .value(value)
        } else {
            table.bind(name, value)
        }
    }

    /// Binds a function defined with `def` to its name.
    func bind(_ name: String, _ value: Value, frame: Frame?) {
        if let frame, let slot = frame.slot(name) {
            registers[frame.base + slot] = .value(value)
        } else {
            table.bind(name, value)
        }
    }

    func assign(_ value: Value, to target: Target, frame: Frame?) throws {
        switch target.kind {
        case .name(let name):
            bind(name, value, frame: frame)
        case .attribute(let baseExpr, let name, _):
            let base = try evaluate(baseExpr, frame: frame)
            try setAttribute(base, name, value, at: target.range)
        case .tuple(let targets):
            let items: [Value]
            switch value {
            case .tuple(let xs): items = xs
            case .tensor(let t) where t.ndim > 0:
                items = try at(target.range) {
                    try (0..<t.shape[0]).map { .tensor(try getItem(t, [.index($0)])) }
                }
            default:
                throw failure(.unpack(expected: targets.count, got: "a \(value.kindName)"), at: target.range)
            }
            guard items.count == targets.count else {
                throw failure(.unpack(expected: targets.count, got: "\(items.count) values"), at: target.range)
            }
            for (t, v) in zip(targets, items) { try assign(v, to: t, frame: frame) }
        }
    }

    // MARK: Conditions and iteration

    func truth(_ v: Value, at range: SourceRange) throws -> Bool {
        switch v {
        case .tensor(let t):
            guard t.size == 1, let x = t.data.scalar else {
                throw failure(.condition("a tensor of shape \(formatShape(t.shape)) (the truth of several elements is ambiguous)"), at: range)
            }
            return x != 0
        default:
            throw failure(.condition("a \(v.kindName)"), at: range)
        }
    }

    func makeIterator(_ v: Value, at range: SourceRange) throws -> () throws -> Value? {
        switch v {
        case .tuple(let items):
            var i = 0
            return { defer { i += 1 }; return i < items.count ? items[i] : nil }
        case .tensor(let t):
            guard t.ndim > 0 else { throw failure(.notIterable("0-d tensor"), at: range) }
            var i = 0
            let n = t.shape[0]
            return {
                guard i < n else { return nil }
                defer { i += 1 }
                return .tensor(try getItem(t, [.index(i)]))
            }
        case .object(let o as IterableObject):
            return try o.makeIterator()
        default:
            throw failure(.notIterable(v.kindName), at: range)
        }
    }

    // MARK: Expressions

    func evaluate(_ e: Expr, frame: Frame?) throws -> Value {
        switch e.kind {
        case .number(let x): return .tensor(Variable(NumberLiterals.array(x)))
        case .string(let s): return .string(s)
        case .formatted(let parts):
            var text = ""
            for part in parts {
                switch part {
                case .text(let t): text += t
                case .field(let x, let conversion, let spec):
                    var v = try evaluate(x, frame: frame)
                    if let conversion { v = .string(try at(x.range) { try self.text(of: v, quoting: conversion != "s") }) }
                    text += try at(x.range) { try self.formatted(v, spec: spec) }
                    guard text.utf8.count <= Self.maxStringBytes else {
                        throw failure(.tooLong("string", text.utf8.count, "bytes", Self.maxStringBytes), at: e.range)
                    }
                }
            }
            return .string(text)
        case .bool(let b): return .bool(b)
        case .noneLiteral: return .none
        case .name(let n): return try lookup(n, at: e.range, frame: frame)
        case .array(let elements):
            let values = try elements.map { try evaluate($0, frame: frame) }
            return try at(e.range) { try self.arrayLiteral(values) }
        case .tuple(let elements):
            return .tuple(try elements.map { try evaluate($0, frame: frame) })
        case .unary(let op, let operand):
            // `-2.0`, `-(2.0)`, `-pi`: a signed literal is a literal, so a new leaf.
            if op != .not, let x = signedLiteral(e, frame: frame) { return .tensor(Variable(NumberLiterals.array(x))) }
            // `-[1.0, 2.0]`: a list literal is a leaf, and so is its negation.
            if op != .not, let (negated, list) = signedListLiteral(e),
               case .tensor(let t) = try evaluate(list, frame: frame) {
                return .tensor(negated ? try at(e.range) { Variable(try -t.data) } : t)
            }
            let v = try evaluate(operand, frame: frame)
            return try at(e.range) { try self.unary(op, v, range: operand.range) }
        case .binary(let op, let l, let r):
            // A number literal as an operand is a shared constant: no new leaf per evaluation.
            let lv = try operand(l, frame: frame), rv = try operand(r, frame: frame)
            do {
                return try at(e.range) { try self.binary(op, lv, rv) }
            } catch let f as EvaluationFailure where f.diagnostic.id == "runtime.operand-types" {
                // `W - lr * W.grad` with an empty grad: say why it is empty.
                if (isGrad(l) && lv.isNone) || (isGrad(r) && rv.isNone) {
                    throw failure(RuntimeMessage.operands(op.symbol, lv.kindName, rv.kindName).withNoneGradHint(), at: e.range)
                }
                throw f
            }
        case .logical(let op, let l, let r):
            let left = try truth(evaluate(l, frame: frame), at: l.range)
            switch op {
            case .and: return .bool(left ? try truth(evaluate(r, frame: frame), at: r.range) : false)
            case .or: return .bool(left ? true : try truth(evaluate(r, frame: frame), at: r.range))
            }
        case .call(let callee, let arguments):
            if arguments.isEmpty, case .name(let n) = callee.kind, n.localSlot < 0, n.text == "super", table["super"] == nil {
                return try superObject(frame: frame, at: e.range)
            }
            let f = try evaluate(callee, frame: frame)
            var positional: [Value] = []
            positional.reserveCapacity(arguments.count)
            var keywords: [(String, Value)] = []
            for a in arguments {
                let v = try evaluate(a.value, frame: frame)
                if let label = a.label { keywords.append((label, v)) } else { positional.append(v) }
            }
            return try call(f, positional: positional, keywords: keywords, at: e.range, calleeRange: callee.range)
        case .index(let base, let items):
            let b = try evaluate(base, frame: frame)
            return try index(b, items, frame: frame, range: e.range)
        case .attribute(let base, let name, let nameRange):
            let b = try evaluate(base, frame: frame)
            return try attribute(b, name, at: nameRange)
        }
    }

    /// Whether `e` reads a `.grad` attribute.
    func isGrad(_ e: Expr) -> Bool {
        if case .attribute(_, let name, _) = e.kind { return name == "grad" }
        return false
    }

    /// An operand of a binary operator: number literals (signed ones too) become shared
    /// constants.
    @inline(__always)
    func operand(_ e: Expr, frame: Frame?) throws -> Value {
        switch e.kind {
        case .number(let x): return .tensor(NumberLiterals.constant(x))
        case .unary(let op, _) where op != .not:
            if let x = signedLiteral(e, frame: frame) { return .tensor(NumberLiterals.constant(x)) }
        default: break
        }
        return try evaluate(e, frame: frame)
    }

    /// A list literal under signs (`-[1.0, 2.0]`): the list and whether the signs negate it.
    func signedListLiteral(_ e: Expr) -> (negated: Bool, list: Expr)? {
        switch e.kind {
        case .array: return (false, e)
        case .unary(.negate, let inner): return signedListLiteral(inner).map { (!$0.negated, $0.list) }
        case .unary(.plus, let inner): return signedListLiteral(inner)
        default: return nil
        }
    }

    /// The number `e` spells when it is a number literal or a constant (`pi e inf nan`, not
    /// rebound) under any signs: `-2`, `-2.0`, `-(2.0)`, `+-1e3`, `-inf`. Nil for anything else.
    func signedLiteral(_ e: Expr, frame: Frame?) -> NumberLiteral? {
        switch e.kind {
        case .number(let x): return x
        case .unary(.negate, let inner): return signedLiteral(inner, frame: frame)?.negated
        case .unary(.plus, let inner): return signedLiteral(inner, frame: frame)
        case .name(let n) where frame == nil || n.localSlot < 0: return table.constant(n).map { .float($0) }
        default: return nil
        }
    }

    /// A tensor from a (nested) list literal of tensors.
    func arrayLiteral(_ values: [Value]) throws -> Value {
        let arrays = try values.map { v -> NDArray in
            guard let t = BuiltinArguments.asTensor(v) else {
                throw BuiltinError("array-literal", "a list literal holds numbers or tensors, got a \(v.kindName)")
            }
            return t.data
        }
        if values.isEmpty { return .array(NDArray([])) }
        // The dtype is numpy's `np.array` of the elements: `[true, false]` bool, `[1, 2]`
        // int64, `[1, 2.5]` float64.
        return .tensor(Variable(try NDArray.nested(arrays)))
    }
}

/// Shared 0-d arrays for small integer literals: a literal makes a new leaf each time it is
/// evaluated, but the leaves of `1` can share one (immutable) array.
enum NumberLiterals {
    static let smallIntegers: [NDArray] = (-16...256).map { NDArray(integer: Int64($0)) }
    static let smallFloats: [NDArray] = (-16...256).map { NDArray(Double($0)) }

    /// A 0-d array of the literal's dtype (shared for small integral values: arrays are immutable).
    static func array(_ literal: NumberLiteral) -> NDArray {
        guard let k = sharedIndex(literal) else { return fresh(literal) }
        if case .integer = literal { return smallIntegers[k] }
        return smallFloats[k]
    }

    nonisolated(unsafe) static let integerConstants: [Variable] = smallIntegers.map { Variable(constant: $0) }
    nonisolated(unsafe) static let floatConstants: [Variable] = smallFloats.map { Variable(constant: $0) }

    /// The shared constant operand of a small integral literal; nil for any other (each
    /// evaluation of which makes its own, see ``constant(_:)``).
    static func sharedConstant(_ literal: NumberLiteral) -> Variable? {
        guard let k = sharedIndex(literal) else { return nil }
        if case .integer = literal { return integerConstants[k] }
        return floatConstants[k]
    }

    /// A constant operand holding the literal (shared for small integral values). (Not
    /// inlined: the array path of every compiled operator reaches it.)
    @inline(never)
    static func constant(_ literal: NumberLiteral) -> Variable {
        sharedConstant(literal) ?? Variable(constant: fresh(literal))
    }

    /// Where a small integral literal's shared array and constant are in the lists of its
    /// kind (-16 to 256, not -0.0); nil for any other literal.
    private static func sharedIndex(_ literal: NumberLiteral) -> Int? {
        switch literal {
        case .integer(let i): return i >= -16 && i <= 256 ? Int(i) + 16 : nil
        case .float(let x): return x >= -16 && x <= 256 && x.rounded() == x && (x.sign == .plus || x != 0) ? Int(x) + 16 : nil
        }
    }

    /// A new 0-d array holding the literal.
    private static func fresh(_ literal: NumberLiteral) -> NDArray {
        switch literal {
        case .integer(let i): return NDArray(integer: i)
        case .float(let x): return NDArray(x)
        }
    }
}
