import DZAutodiff
import DZTensor

// What compiled code calls in the interpreter: registers, truth, echo and calls.

extension Interpreter {
    /// Binds register `r`; an unnamed tensor or scalar takes `name`.
    @inline(__always)
    func bindRegister(_ r: Int, _ value: consuming Operand, name: Variable.InternedName) {
        (registers + r).store(value.named(name))
    }

    /// `l op r` for a compound assignment (`s += e`): the scalar fast path unless the
    /// operation records, else the tree walker's `binary` (errors at `range`).
    @inline(__always)
    func combine(_ op: BinaryOperator, _ l: Fetched, _ r: Fetched, recording: Bool, at range: SourceRange) throws -> Operand {
        if !recording, let scalarOp = op.scalarOperation, let x = l.scalar, let y = r.scalar,
           let z = NDArray.scalarResult(scalarOp, x, y) {
            return .scalar(z)
        }
        let lv = l.value, rv = r.value
        return .value(try at(range) { try binary(op, lv, rv) })
    }

    /// The truth of a condition's value.
    @inline(__always)
    func truth(_ o: Operand, at range: SourceRange) throws -> Bool {
        if case .scalar(let s, _) = o { return s.doubleValue != 0 }
        return try truth(o.boxed, at: range)
    }

    /// A top-level expression statement's echo, as the tree walker does it.
    func executeEcho(_ e: Expr, _ v: Value, range: SourceRange) throws {
        guard echoesResults else { return }
        if v.isNone, isGrad(e) {
            output("none (no backward has reached this tensor yet, or it is not a leaf: only leaves keep their gradient, intermediates with retain_grad=true)\n")
        } else {
            try at(range) { try echo(v) }
        }
    }

    /// The user function the callee `f` is and its compiled body (not retained: `u` owns
    /// it, and `f` holds `u` for the call), when it takes `argc` positional arguments; nil
    /// for anything else (the general call path, which also gives errors).
    @inline(__always)
    func compiledCallee(_ f: Operand, argc: Int) -> (UserFunction, Unmanaged<CompiledFunction>)? {
        guard case .value(.function(let fn)) = f, let u = fn as? UserFunction, let c = u.compiledBody(accepting: argc) else { return nil }
        return (u, c)
    }

    /// What a call of `argc` positional arguments calls: a compiled user function and its
    /// body, or any other value (the general call path, which also gives errors). A global
    /// (`global`, the callee's name when it is one) is looked at in its slot and its user
    /// function retained once for the call (read as a value, it is copied and retained
    /// twice); anything else is `callee`'s value.
    @inline(__always)
    func callee(_ global: Unmanaged<Name>?, _ callee: Compiler.Eval, argc: Int) throws -> Callee {
        if let global, let um = table.userFunction(global) {
            let u = um.takeUnretainedValue()   // retained for the call
            if let c = u.compiledBody(accepting: argc) { return .compiled(u, c) }
        }
        let fv = try callee(self)
        if let (u, c) = compiledCallee(fv, argc: argc) { return .compiled(u, c) }
        return .other(fv)
    }

    /// Which of `c`'s parameters take a caller's scalar unboxed now: those used only as
    /// operands, while gradients are off (see ``Compiler``).
    @inline(__always)
    func unboxedMask(_ c: Unmanaged<CompiledFunction>) -> UInt64 {
        GradMode.isEnabled ? 0 : c._withUnsafeGuaranteedRef { $0.operandOnlyMask }
    }

    /// Argument `i`'s value, unboxed when `mask` says so.
    @inline(__always)
    func argument(_ a: ArgumentCode, _ i: Int, _ mask: UInt64) throws -> Operand {
        i < 64 && mask & (1 << UInt64(i)) != 0 ? try a.raw(self) : try a.shared(self)
    }

    /// Calls `u` (compiled as `c`) on a new frame whose first `argc` registers `bind`
    /// fills (the other parameters take their defaults).
    @inline(__always)
    func enterCompiled(_ u: UserFunction, _ c: Unmanaged<CompiledFunction>, argc: Int, at range: SourceRange, _ bind: (Int) -> Void) throws -> Operand {
        let base = reserveFrame(c)
        bind(base)
        return try invokeFrame(u, c, argc: argc, base: base, at: range)
    }

    /// A new frame for `c`'s registers whose first `argc` (the arguments) the caller
    /// initializes at once (see ``reserveFrame(_:leaving:)``).
    @inline(__always)
    func reserveFrame(_ c: Unmanaged<CompiledFunction>, arguments argc: Int) -> Int {
        reserveFrame(c._withUnsafeGuaranteedRef { $0.localCount }, leaving: argc)
    }

    /// A new frame for `c`'s registers (see ``reserveFrame(_:leaving:)``).
    @inline(__always)
    func reserveFrame(_ c: Unmanaged<CompiledFunction>) -> Int { reserveFrame(c._withUnsafeGuaranteedRef { $0.localCount }) }

    /// Calls `u` (compiled as `c`) on the frame at `base`, its first `argc` registers
    /// holding the arguments (the other parameters take their defaults). Call sites of one
    /// to three arguments store them themselves: one captured by a closure is copied.
    @inline(__always)
    func invokeFrame(_ u: UserFunction, _ c: Unmanaged<CompiledFunction>, argc: Int, base: Int, at range: SourceRange) throws -> Operand {
        try c._withUnsafeGuaranteedRef { c in
            if argc < c.parameterCount {
                for i in argc..<c.parameterCount { registers[base + i] = .value(u.defaults[i]!) }
            }
            return try invokeCompiled(u, c, base: base, at: range)
        }
    }
}

/// A call's callee (see ``Interpreter/callee(_:_:argc:)``).
enum Callee {
    case compiled(UserFunction, Unmanaged<CompiledFunction>)
    case other(Operand)
}

extension UserFunction {
    /// Its compiled body (made at the first call; not retained, the function owns it), when
    /// it takes `argc` positional arguments; nil otherwise.
    @inline(__always)
    func compiledBody(accepting argc: Int) -> Unmanaged<CompiledFunction>? {
        let c = compiledReference ?? Unmanaged.passUnretained(Compiler.compile(self))
        let counts = c._withUnsafeGuaranteedRef { ($0.parameterCount, $0.requiredParameterCount) }
        return argc <= counts.0 && argc >= counts.1 ? c : nil
    }
}

extension Compiler {
    /// For each parameter of `u`: whether the body only reads it as an operand of an
    /// arithmetic operator, a comparison, a sign, `not`, `and`/`or` or a condition, and
    /// never assigns it (nor reads it from a nested function's default).
    static func operandOnlyParameters(of u: UserFunction) -> [Bool] {
        var only = [Bool](repeating: true, count: u.parameterCount)
        func use(_ e: Expr, asOperand: Bool) {
            switch e.kind {
            case .name(let n):
                if !asOperand, n.localSlot >= 0, Int(n.localSlot) < only.count { only[Int(n.localSlot)] = false }
            case .binary(let op, let l, let r):
                let operands = op != .matmul
                use(l, asOperand: operands); use(r, asOperand: operands)
            case .unary(_, let x): use(x, asOperand: true)
            case .logical(_, let l, let r): use(l, asOperand: true); use(r, asOperand: true)
            case .number, .string, .bool, .noneLiteral: break
            case .formatted(let parts): for case .field(let x, _, _) in parts { use(x, asOperand: false) }
            case .array(let xs), .tuple(let xs): for x in xs { use(x, asOperand: false) }
            case .call(let callee, let arguments):
                use(callee, asOperand: false)
                for a in arguments { use(a.value, asOperand: false) }
            case .index(let base, let items):
                use(base, asOperand: false)
                for item in items {
                    switch item {
                    case .index(let x): use(x, asOperand: false)
                    case .slice(let s): for x in [s.start, s.stop, s.step] { if let x { use(x, asOperand: false) } }
                    case .ellipsis: break
                    }
                }
            case .attribute(let base, _, _): use(base, asOperand: false)
            }
        }
        func target(_ t: Target) {
            switch t.kind {
            case .name(let n): if n.localSlot >= 0, Int(n.localSlot) < only.count { only[Int(n.localSlot)] = false }
            case .attribute(let base, _, _): use(base, asOperand: false)
            case .tuple(let ts): ts.forEach(target)
            }
        }
        func statements(_ stmts: [Stmt]) {
            for s in stmts {
                switch s.kind {
                case .expression(let e): use(e, asOperand: false)
                case .assign(let t, _, let e): target(t); use(e, asOperand: false)
                case .function(let decl): for p in decl.parameters { if let d = p.defaultValue { use(d, asOperand: false) } }
                case .classDef(let decl):
                    if let base = decl.base { use(base, asOperand: false) }
                    for m in decl.methods { for p in m.parameters { if let d = p.defaultValue { use(d, asOperand: false) } } }
                case .return(let e): if let e { use(e, asOperand: false) }
                case .if(let branches, let elseBody):
                    for b in branches { use(b.condition, asOperand: true); statements(b.body) }
                    if let elseBody { statements(elseBody) }
                case .for(let t, let sequence, let body): target(t); use(sequence, asOperand: false); statements(body)
                case .while(let c, let body): use(c, asOperand: true); statements(body)
                case .mode(_, let body): statements(body)
                case .break, .continue, .command: break
                }
            }
        }
        switch u.declaration.body {
        case .expression(let e): use(e, asOperand: false)
        case .block(let body): statements(body)
        }
        return only
    }
}
