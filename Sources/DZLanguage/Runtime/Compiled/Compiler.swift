import DZAutodiff
import DZTensor

/// What a compiled statement did to control flow; a `return`'s value is left in
/// ``Interpreter/returnValue``.
enum Control {
    case normal, breakLoop, continueLoop, returned
}

/// Compiles statements and expressions once into a tree of closures, which running the
/// program then calls: names resolved to their slots (globals through the ``Name``'s
/// remembered slot, locals to registers of the frame), `for i in range(n)` a counting loop,
/// calls of user functions bound straight into the callee's registers, and numbers that
/// no graph needs kept unboxed (``Operand``). The tree walker (`Evaluator.swift`) is the
/// reference: whatever the compiled code does not specialize, it hands to the tree walker,
/// and `DZ_TREE_WALK=1` runs everything there, so the two can be compared.
///
/// When a scalar is boxed (the rules, see ``Operand``):
/// - an arithmetic operation reads its operands unboxed only while gradients are off; when
///   they are on it takes a name's value shared (boxed in its slot), so the node records
///   the same leaf a later `backward` reaches;
/// - comparisons, conditions and `not` never box (their result is a new leaf in any mode);
/// - `b = a`, arguments, returned globals, echoes and anything the tree walker evaluates
///   share the slot's value; a returned local moves out of its dying frame;
/// - a parameter the callee uses only as an operand (``operandOnlyParameters(of:)``)
///   receives the caller's scalar unboxed while gradients are off, since `no_grad` cannot
///   be left inside the call.
struct Compiler {
    typealias Eval = (Interpreter) throws -> Operand
    typealias Exec = (Interpreter) throws -> Control
    /// Binds a value to a target; it takes the value (consumed: a borrowed one would be
    /// copied to be stored and the caller's destroyed).
    typealias Binder = (Interpreter, consuming Operand) throws -> Void

    /// Whether this is a function's body (names with a local slot are its registers), and
    /// the interned names of its locals. (Not the function itself: the closures, which the
    /// function keeps, must not hold it.)
    let inFunction: Bool
    let localNames: [Variable.InternedName]

    /// A compiler for top-level code.
    static let topLevel = Compiler(inFunction: false, localNames: [])

    /// Compiles `u`'s body and keeps it in `u`, with what a call checks.
    static func compile(_ u: UserFunction) -> CompiledFunction {
        let compiler = Compiler(inFunction: true, localNames: u.internedLocalNames)
        let body: Exec
        switch u.declaration.body {
        case .expression(let e):
            let value = compiler.returned(e)
            let range = e.range
            body = { m in
                m.returnValue = try value(m)
                m.lastReturn = range
                return .returned
            }
        case .block(let stmts):
            body = compiler.block(stmts)
        }
        let compiled = CompiledFunction(
            body: body, parameterCount: u.parameterCount, requiredParameterCount: u.requiredParameterCount,
            localCount: u.localNames.count, operandOnlyParameters: Compiler.operandOnlyParameters(of: u))
        u.compiled = compiled
        return compiled
    }

    // MARK: Statements

    func block(_ stmts: [Stmt]) -> Exec {
        chain(stmts.map { ExecCode(run: statement($0, topLevel: false)) }[...])
    }

    /// (Closures travel in ``ExecCode``s: one taken out of an array or an optional of bare
    /// closures is wrapped in a reabstraction thunk, a call more on every run.)
    private func chain(_ codes: ArraySlice<ExecCode>) -> Exec {
        guard let first = codes.first?.run else { return { _ in .normal } }
        if codes.count == 1 { return first }
        let rest = chain(codes.dropFirst())
        return { m in
            let c = try first(m)
            if case .normal = c { return try rest(m) }
            return c
        }
    }

    func statement(_ stmt: Stmt, topLevel: Bool) -> Exec {
        let range = stmt.range
        switch stmt.kind {
        case .expression(let e):
            if topLevel {
                let v = shared(e)
                return { m in
                    try m.executeEcho(e, try v(m).boxed, range: range)
                    return .normal
                }
            }
            let v = operand(e)
            return { m in
                _ = try v(m)
                return .normal
            }
        case .assign(let target, let op, let e):
            guard case .name(let n) = target.kind else { break }
            let bind = binder(n)
            if let binary = op.binaryOperator {
                // `s += e`: the value first, then the name's current value (as the tree walker).
                // The value is evaluated, not an operand: a literal there is a new leaf.
                let value: OperandCode
                if case .name(let vn) = e.kind { value = nameCode(vn, at: e.range) } else { value = .other(operand(e)) }
                let current = nameCode(n, at: target.range)
                let arithmetic = !binary.isComparison
                return { m in
                    let recording = arithmetic && GradMode.isEnabled
                    let r = try value.fetch(m, sharing: recording)
                    let l = try current.fetch(m, sharing: recording)
                    try bind(m, try m.combine(binary, l, r, recording: recording, at: range))
                    return .normal
                }
            }
            // `s = s + 1`: the operation's closure, then the binding.
            if case .binary(let op, let l, let r) = e.kind {
                let code = binaryOperation(op, l, r, at: e.range)
                let value = code.eval()
                // `s = s + 1` on a scalar: computed in its slot (see ``BinaryCode/inPlace``).
                if case .name(let ln) = l.kind, ln.text == n.text, code.right.kind == .literal,
                   let update = code.inPlace(slotUpdater(n)) {
                    return { m in
                        if try update(m) { return .normal }
                        try bind(m, try value(m))
                        return .normal
                    }
                }
                return { m in
                    try bind(m, try value(m))
                    return .normal
                }
            }
            let value = shared(e)
            return { m in
                try bind(m, try value(m))
                return .normal
            }
        case .return(let e):
            let value: Eval
            if let e { value = returned(e) } else { value = { _ in .value(.none) } }
            return { m in
                m.returnValue = try value(m)
                m.lastReturn = range
                return .returned
            }
        case .if(let branches, let elseBody):
            let pairs = branches.map { Branch(condition: condition($0.condition), body: block($0.body)) }
            let otherwise: Exec
            if let elseBody { otherwise = block(elseBody) } else { otherwise = { _ in .normal } }
            if pairs.count == 1 {
                let c = pairs[0].condition, b = pairs[0].body
                if elseBody == nil {
                    return { m in try c(m) ? try b(m) : .normal }
                }
                return { m in try c(m) ? try b(m) : try otherwise(m) }
            }
            return { m in
                for p in pairs where try p.condition(m) { return try p.body(m) }
                return try otherwise(m)
            }
        case .for(let target, let sequence, let body):
            let seq = shared(sequence)
            let bind = targetBinder(target)
            let run = block(body)
            let seqRange = sequence.range
            return { m in
                let s = try seq(m).boxed
                if case .object(let r as RangeObject) = s {
                    // The common `for i in range(n)`: count directly, the counter a scalar.
                    var i = r.start
                    let stop = r.stop, step = r.step
                    while step > 0 ? i < stop : i > stop {
                        try m.step(range)
                        try bind(m, .scalar(ScalarSlot(integer: Int64(i))))
                        i += step
                        switch try run(m) {
                        case .breakLoop: return .normal
                        case .returned: return .returned
                        case .normal, .continueLoop: continue
                        }
                    }
                    return .normal
                }
                let iterator = try m.makeIterator(s, at: seqRange)
                while let item = try m.at(seqRange, { try iterator() }) {
                    try m.step(range)
                    try bind(m, .value(item))
                    switch try run(m) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    case .normal, .continueLoop: continue
                    }
                }
                return .normal
            }
        case .while(let c, let body):
            let test = condition(c)
            let run = block(body)
            return { m in
                while try test(m) {
                    try m.step(range)
                    switch try run(m) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    case .normal, .continueLoop: continue
                    }
                }
                return .normal
            }
        case .break: return { _ in .breakLoop }
        case .continue: return { _ in .continueLoop }
        case .mode(let mode, let body):
            let run = block(body)
            switch mode {
            case .noGrad: return { m in try GradMode.withoutGrad { try run(m) } }
            case .testMode: return { m in try TrainMode.testing { try run(m) } }
            }
        case .function, .classDef, .command:
            break
        }
        // The rest (definitions, commands, attribute and tuple targets) as the tree walker runs them.
        return { m in
            switch try m.execute(stmt, frame: m.frame, topLevel: topLevel) {
            case .normal: return .normal
            case .breakLoop: return .breakLoop
            case .continueLoop: return .continueLoop
            case .returned(let v):
                m.returnValue = .value(v)
                return .returned
            }
        }
    }

    /// How an assignment or loop target binds a value.
    private func targetBinder(_ target: Target) -> Binder {
        if case .name(let n) = target.kind { return binder(n) }
        return { m, v in try m.assign(v.boxed, to: target, frame: m.frame) }
    }

    /// How a name is bound: a local register or a global slot; an unnamed tensor or scalar
    /// takes the name.
    func binder(_ n: Name) -> Binder {
        if inFunction, n.localSlot >= 0 {
            let slot = Int(n.localSlot)
            let name = localNames[slot]
            return { m, v in m.bindRegister(m.fp + slot, v, name: name) }
        }
        // The interned name made once (the table's lookup of it is an array read per binding).
        let name = Variable.InternedName(n.text)
        return { m, v in m.table.bind(n, v, interned: name) }
    }

    /// How a name's slot is updated in place: `update` gives the new scalar for the one
    /// the slot holds, or nil to leave the slot alone; the result is whether it was
    /// updated (false when the slot holds no scalar).
    func slotUpdater(_ n: Name) -> SlotUpdater {
        if inFunction, n.localSlot >= 0 {
            let slot = Int(n.localSlot)
            let name = localNames[slot]
            return SlotUpdater { m, update in
                let r = m.fp + slot
                guard case .scalar(let x, _)? = m.registers[r], let z = update(x) else { return false }
                (m.registers + r).store(.scalar(z, name))
                return true
            }
        }
        return SlotUpdater { m, update in m.table.update(n, update) }
    }

    /// A condition's truth.
    func condition(_ e: Expr) -> (Interpreter) throws -> Bool {
        // `k < 2`: the comparison's truth directly (see ``BinaryCode/condition()``).
        if case .binary(let op, let l, let r) = e.kind, op.isComparison {
            return binaryOperation(op, l, r, at: e.range).condition()
        }
        let v = operand(e)
        let range = e.range
        return { m in try m.truth(try v(m), at: range) }
    }
}

/// Updates a variable's scalar in place (see ``Compiler/slotUpdater(_:)``).
struct SlotUpdater {
    let run: (Interpreter, (ScalarSlot) -> ScalarSlot?) -> Bool
}

/// A compiled statement held in an array (a struct, so the array holds the closure
/// without reabstraction thunks).
struct ExecCode {
    let run: Compiler.Exec
}

/// A user function's compiled body and what a call checks before running it (kept on the
/// function; it must not hold the function).
final class CompiledFunction {
    let body: Compiler.Exec
    let parameterCount: Int
    let requiredParameterCount: Int
    /// The frame's size: parameters first, then every other local.
    let localCount: Int
    /// Bit `i` set: parameter `i` is used only as an operand (see
    /// ``Compiler/operandOnlyParameters(of:)``); parameters from the 64th on never are.
    let operandOnlyMask: UInt64

    init(body: @escaping Compiler.Exec, parameterCount: Int, requiredParameterCount: Int, localCount: Int, operandOnlyParameters: [Bool]) {
        self.body = body
        self.parameterCount = parameterCount
        self.requiredParameterCount = requiredParameterCount
        self.localCount = localCount
        var mask: UInt64 = 0
        for (i, only) in operandOnlyParameters.prefix(64).enumerated() where only { mask |= 1 << UInt64(i) }
        self.operandOnlyMask = mask
    }
}

/// One `if`/`else if` branch, compiled (a struct, so that an array of them holds the
/// closures without reabstraction).
struct Branch {
    let condition: (Interpreter) throws -> Bool
    let body: Compiler.Exec
}
