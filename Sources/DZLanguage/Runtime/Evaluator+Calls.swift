// Calling builtins, bound methods and user functions.

extension Interpreter {
    func call(_ f: Value, positional: [Value], keywords: [(String, Value)],
              at range: SourceRange, calleeRange: SourceRange) throws -> Value {
        switch f {
        case .function(let b as Builtin):
            return try callBuiltin(b, positional: positional, keywords: keywords, at: range)
        case .function(let m as BoundMethod):
            return try callBuiltin(m.builtin, positional: [m.receiver] + positional, keywords: keywords, at: range)
        case .function(let u as UserFunction):
            return try callUser(u, positional: positional, keywords: keywords, at: range)
        case .function(let m as BoundUserMethod):
            return try callUser(m.function, positional: [m.receiver] + positional, keywords: keywords, at: range)
        case .function(let c as CallableObjectFunction):
            return try call(.object(c.object), positional: positional, keywords: keywords, at: range, calleeRange: calleeRange)
        case .object(let o as CallableObject):
            let savedCallSite = builtinCallSite
            builtinCallSite = range
            defer { builtinCallSite = savedCallSite }
            return try at(range) { try o.call(positional: positional, keywords: keywords, interpreter: self) }
        default:
            throw failure(.notCallable(f.kindName), at: calleeRange)
        }
    }

    /// Calls a builtin; an array error inside it is reported under the builtin's name (the
    /// user called `zeros`, not the `full` it is made of).
    func callBuiltin(_ b: Builtin, positional: [Value], keywords: [(String, Value)], at range: SourceRange) throws -> Value {
        try at(range) {
            let args = try BuiltinArguments.bind(b, positional: positional, keywords: keywords, interpreter: self)
            let savedCallSite = builtinCallSite
            builtinCallSite = range
            defer { builtinCallSite = savedCallSite }
            let result: Value
            do {
                result = try b.body(args)
            } catch let e as TensorError where !b.keepsErrorNames {
                throw e.renamed(to: b.name)
            }
            // A long builtin (a reduction or an elementwise function of a large array) that
            // cannot stop inside its loop stops as it returns, before the expression goes on.
            try Interruption.check()
            return result
        }
    }

    /// Calls any callable value from a builtin (numerical_grad, gradcheck); an error in
    /// the call itself (a wrong number of arguments) points at the builtin's call.
    public func callValue(_ f: Callable, _ arguments: [Value]) throws -> Value {
        try call(.function(f), positional: arguments, keywords: [], at: builtinCallSite, calleeRange: builtinCallSite)
    }

    func callUser(_ u: UserFunction, positional: [Value], keywords: [(String, Value)], at range: SourceRange) throws -> Value {
        let decl = u.declaration
        let params = decl.parameters
        guard positional.count <= params.count else {
            let required = params.filter { $0.defaultValue == nil }.count
            let expected = required == params.count ? "\(params.count)" : "\(required) to \(params.count)"
            throw failure(.argumentCount(u.name, expected: expected, got: positional.count), at: range)
        }
        // Parameters are the frame's first slots, in order.
        let base = reserveFrame(u.localNames.count)
        do {
            for (i, v) in positional.enumerated() { registers[base + i] = .value(v) }
            for (label, v) in keywords {
                // Parameters hold the first slots, so a slot below their count is a parameter.
                guard let i = u.localSlots[label], i < params.count else {
                    throw failure(.unknownKeyword(u.name, label, suggestion: nearestName(to: label, in: params.map(\.name))), at: range)
                }
                guard registers[base + i] == nil else { throw failure(.duplicateArgument(u.name, label), at: range) }
                registers[base + i] = .value(v)
            }
            for (i, p) in params.enumerated() where registers[base + i] == nil {
                guard let d = u.defaults[i] else { throw failure(.missingArgument(u.name, p.name), at: range) }
                registers[base + i] = .value(d)
            }
        } catch {
            popFrame(base)
            throw error
        }
        return try invoke(u, base: base, at: range).boxed
    }

    /// Runs `u` on the frame at `base` (the topmost, its parameters bound) and pops the
    /// frame: the recursion limit, the step, the function's source for errors, and the
    /// call's site added to an error's traceback.
    func invoke(_ u: UserFunction, base: Int, at range: SourceRange) throws -> Operand {
        if compiles { return try invokeCompiled(u, u.compiled ?? Compiler.compile(u), base: base, at: range) }
        return try running(u, base: base, at: range) {
            let frame = Frame(function: u, base: base)
            switch u.declaration.body {
            case .expression(let e):
                let value = try evaluate(e, frame: frame)
                lastReturn = e.range
                return .value(value)
            case .block(let body):
                if case .returned(let v) = try execute(body, frame: frame) { return .value(v) }
                lastReturn = u.declaration.nameRange
                return .value(.none)
            }
        }
    }

    /// ``invoke(_:base:at:)`` of a compiled function (`c` is `u`'s).
    @inline(__always)
    func invokeCompiled(_ u: UserFunction, _ c: CompiledFunction, base: Int, at range: SourceRange) throws -> Operand {
        try running(u, base: base, at: range) {
            if case .returned = try c.body(self) {
                var v = Operand.value(.none)
                swap(&v, &returnValue)
                return v
            }
            lastReturn = u.declaration.nameRange
            return .value(.none)
        }
    }

    /// Runs `body` as the call of `u` on the frame at `base`, then pops the frame.
    @inline(__always)
    private func running(_ u: UserFunction, base: Int, at range: SourceRange, _ body: () throws -> Operand) throws -> Operand {
        defer { popFrame(base) }
        guard callDepth < recursionLimit else { throw failure(.recursion(recursionLimit, u.name), at: range) }
        try callStep(range)
        do {
            // Errors inside the function point into the source it was defined in (swapped
            // only when it is another file).
            if u.sourceKey != nil && u.sourceKey == currentSourceKey { return try inFrame(u, base: base, body) }
            return try inSource(u.source) { try inFrame(u, base: base, body) }
        } catch var failure as EvaluationFailure {
            // On the way out, each call adds its site (in the caller's source, restored by
            // now): the traceback, at no cost when all goes well.
            failure.calls.append((range, currentSource, u.name))
            throw failure
        }
    }

    /// Runs `body` with `u` the running function on the frame at `base`, one call deeper.
    @inline(__always)
    private func inFrame(_ u: UserFunction, base: Int, _ body: () throws -> Operand) throws -> Operand {
        callDepth += 1
        // Kept unowned as the property is (a strong copy would retain the caller's function).
        unowned(unsafe) let savedFunction = runningFunction
        let savedBase = fp
        runningFunction = u
        fp = base
        defer {
            callDepth -= 1
            runningFunction = savedFunction
            fp = savedBase
        }
        return try body()
    }

    /// Runs `body` with `source` as the current source, then restores the one before.
    @inline(never)
    private func inSource(_ source: SourceFile, _ body: () throws -> Operand) throws -> Operand {
        let saved = currentSource
        currentSource = source
        defer { currentSource = saved }
        return try body()
    }
}

/// An object that can be called like a function (layers, models).
protocol CallableObject: RuntimeObject {
    func call(positional: [Value], keywords: [(String, Value)], interpreter: Interpreter) throws -> Value
}
