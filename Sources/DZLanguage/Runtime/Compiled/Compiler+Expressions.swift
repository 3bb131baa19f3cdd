import DZAutodiff
import DZTensor

/// An operand of a binary operator as compiled: a number literal (its scalar, and the
/// shared constant the tree walker uses when the operation takes the array path), a name
/// (read unboxed, or shared when the operation records), or any other expression.
struct OperandCode {
    enum Kind: UInt8 { case literal, name, other }
    let kind: Kind
    /// A literal's scalar and spelling.
    let scalar: ScalarSlot
    let literal: NumberLiteral
    /// A name read unboxed (or any other expression), and a name read shared.
    let raw: Compiler.Eval
    let shared: Compiler.Eval
    /// A local's register in its frame (from `fp`), else -1.
    let register: Int
    /// A global's name, unretained (the read closures hold it), else nil.
    let global: Unmanaged<Name>?

    /// (A value that compiled code captures: a closure read from a class's field is retained
    /// and released around each call, one captured with its struct is not.)
    private init(kind: Kind, scalar: ScalarSlot, literal: NumberLiteral, raw: @escaping Compiler.Eval, shared: @escaping Compiler.Eval, register: Int = -1, global: Unmanaged<Name>? = nil) {
        self.kind = kind
        self.scalar = scalar
        self.literal = literal
        self.raw = raw
        self.shared = shared
        self.register = register
        self.global = global
    }

    static func literal(_ literal: NumberLiteral) -> OperandCode {
        let s = ScalarSlot(literal)
        let read: Compiler.Eval = { _ in .scalar(s) }
        return OperandCode(kind: .literal, scalar: s, literal: literal, raw: read, shared: read)
    }

    static func name(raw: @escaping Compiler.Eval, shared: @escaping Compiler.Eval, register: Int, global: Unmanaged<Name>?) -> OperandCode {
        OperandCode(kind: .name, scalar: ScalarSlot(slot: 0, dtype: .float64), literal: .integer(0), raw: raw, shared: shared,
                    register: register, global: global)
    }

    static func other(_ e: @escaping Compiler.Eval) -> OperandCode {
        OperandCode(kind: .other, scalar: ScalarSlot(slot: 0, dtype: .float64), literal: .integer(0), raw: e, shared: e)
    }

    /// Whether this is a name whose scalar ``scalarInPlace(_:)`` reads.
    var readsInPlace: Bool { register >= 0 || global != nil }

    /// The scalar a local or a global holds and its name, matched in its register or slot
    /// (no read closure, no copy of the operand); nil for a name holding no scalar, and for
    /// any other operand.
    @inline(__always)
    func scalarInPlace(_ m: Interpreter) -> (ScalarSlot, Variable.InternedName)? {
        if register >= 0 {
            guard case .scalar(let x, let n)? = m.registers[m.fp + register] else { return nil }
            return (x, n)
        }
        guard let global else { return nil }
        return m.table.scalar(global)
    }

    @inline(__always)
    func fetch(_ m: Interpreter, sharing: Bool) throws -> Fetched {
        switch kind {
        case .literal: return .literal(scalar, literal)
        case .name:
            if !sharing, let (x, n) = scalarInPlace(m) { return .operand(.scalar(x, n)) }
            return .operand(try (sharing ? shared(m) : raw(m)))
        case .other: return .operand(try raw(m))
        }
    }

    /// What the array path takes for the operand fetched as `f`: a name is read again,
    /// shared (boxed in its slot), when nothing ran since it was fetched (`again`); a
    /// literal is `constant` when it has one (its shared constant, found at compile time).
    @inline(__always)
    func value(_ f: Fetched, _ m: Interpreter, again: Bool, constant: Variable?) throws -> Value {
        if again, kind == .name, case .operand(.scalar) = f { return try shared(m).boxed }
        if let constant, case .literal = f { return .tensor(constant) }
        return f.value
    }
}

/// A binary operator with its operands compiled.
final class BinaryCode {
    let op: BinaryOperator
    let scalarOp: ScalarOperation?
    let left: OperandCode, right: OperandCode
    /// Whether the right operand is a literal or a name (it runs no code).
    let rightIsPlain: Bool
    let leftIsGrad: Bool, rightIsGrad: Bool
    let range: SourceRange
    /// A small literal operand's shared constant, looked up once (the array path's operand).
    let leftConstant: Variable?, rightConstant: Variable?

    init(op: BinaryOperator, left: OperandCode, right: OperandCode, leftIsGrad: Bool, rightIsGrad: Bool, range: SourceRange) {
        self.op = op
        self.scalarOp = op.scalarOperation
        self.left = left
        self.right = right
        self.rightIsPlain = right.kind != .other
        self.leftIsGrad = leftIsGrad
        self.rightIsGrad = rightIsGrad
        self.range = range
        self.leftConstant = left.kind == .literal ? NumberLiterals.sharedConstant(left.literal) : nil
        self.rightConstant = right.kind == .literal ? NumberLiterals.sharedConstant(right.literal) : nil
    }

    /// The operation as a closure, with its scalar operation fixed in it (so the scalar
    /// arithmetic compiles down to the one case).
    func eval() -> Compiler.Eval {
        guard let scalarOp else {
            // `@`: no scalar path.
            let left = self.left, right = self.right
            return { m in
                let recording = GradMode.isEnabled
                let a = try left.fetch(m, sharing: recording)
                let b = try right.fetch(m, sharing: recording)
                return try self.arrayPath(m, a, b)
            }
        }
        switch scalarOp {
        case .add: return specialized(Fixed.Add.self)
        case .subtract: return specialized(Fixed.Subtract.self)
        case .multiply: return specialized(Fixed.Multiply.self)
        case .divide: return specialized(Fixed.Divide.self)
        case .floorDivide: return specialized(Fixed.FloorDivide.self)
        case .power: return specialized(Fixed.Power.self)
        case .modulo: return specialized(Fixed.Modulo.self)
        case .equal: return specialized(Fixed.Equal.self)
        case .notEqual: return specialized(Fixed.NotEqual.self)
        case .less: return specialized(Fixed.Less.self)
        case .lessEqual: return specialized(Fixed.LessEqual.self)
        case .greater: return specialized(Fixed.Greater.self)
        case .greaterEqual: return specialized(Fixed.GreaterEqual.self)
        }
    }

    /// A comparison (this operator must be one) as a condition: its truth, a local's scalar
    /// compared with a literal right in the register (no operand made).
    func condition() -> (Interpreter) throws -> Bool {
        switch scalarOp {
        case .equal: return condition(Fixed.Equal.self)
        case .notEqual: return condition(Fixed.NotEqual.self)
        case .less: return condition(Fixed.Less.self)
        case .lessEqual: return condition(Fixed.LessEqual.self)
        case .greater: return condition(Fixed.Greater.self)
        case .greaterEqual: return condition(Fixed.GreaterEqual.self)
        default: preconditionFailure("\(op.symbol) is not a comparison")
        }
    }

    private func condition<Op: FixedOperation>(_: Op.Type) -> (Interpreter) throws -> Bool {
        let value = specialized(Op.self), range = self.range
        if right.kind == .literal, left.readsInPlace {
            let left = self.left, literal = right.scalar
            return { m in
                if let (x, _) = left.scalarInPlace(m), let z = NDArray.scalarResult(Op.operation, x, literal) {
                    return z.doubleValue != 0
                }
                return try m.truth(try value(m), at: range)
            }
        }
        return { m in try m.truth(try value(m), at: range) }
    }

    /// The closure for `Op`'s operation (generic, so that each specialization has its
    /// operation as a constant: a captured one would stay a variable).
    private func specialized<Op: FixedOperation>(_: Op.Type) -> Compiler.Eval {
        // The operands captured (see ``OperandCode``), not read through `self`.
        let left = self.left, right = self.right
        // `k - 1`, `x * 2`, `i < n`-like with a literal on the right: the left operand's
        // scalar meets the literal's directly, without an operand fetched for the array path.
        if right.kind == .literal, left.kind != .literal {
            let literal = right.scalar, leftRaw = left.raw
            let general: Compiler.Eval = { m in
                if Op.operation.isComparison || !GradMode.isEnabled {
                    let a = try leftRaw(m)
                    if case .scalar(let x, _) = a, let z = NDArray.scalarResult(Op.operation, x, literal) { return .scalar(z) }
                    return try self.arrayPath(m, .operand(a), .literal(literal, right.literal))
                }
                return try self.run(m, Op.operation, left, right)
            }
            // A local: its scalar matched in its register first (the closure above otherwise).
            // Not a global: when the operation records, the hop to the closure above costs
            // more than reading the global's slot in place saves.
            guard left.register >= 0 else { return general }
            return { m in
                if Op.operation.isComparison || !GradMode.isEnabled, let (x, _) = left.scalarInPlace(m),
                   let z = NDArray.scalarResult(Op.operation, x, literal) {
                    return .scalar(z)
                }
                return try general(m)
            }
        }
        return { m in try self.run(m, Op.operation, left, right) }
    }

    /// `s = s op literal` (this operation, its left operand the name `updater` updates and
    /// its right a literal) computed in the name's slot: a closure that returns true when
    /// it did so, and false, having done nothing, when the slot holds no scalar, the
    /// operation records, or the scalar path does not apply (the caller then runs the
    /// assignment as usual). Nil for an operation without a scalar path. The result is
    /// what the assignment would bind: a new scalar named after the variable.
    func inPlace(_ updater: SlotUpdater) -> ((Interpreter) throws -> Bool)? {
        guard let scalarOp, right.kind == .literal else { return nil }
        switch scalarOp {
        case .add: return inPlace(updater, Fixed.Add.self)
        case .subtract: return inPlace(updater, Fixed.Subtract.self)
        case .multiply: return inPlace(updater, Fixed.Multiply.self)
        case .divide: return inPlace(updater, Fixed.Divide.self)
        case .floorDivide: return inPlace(updater, Fixed.FloorDivide.self)
        case .power: return inPlace(updater, Fixed.Power.self)
        case .modulo: return inPlace(updater, Fixed.Modulo.self)
        case .equal: return inPlace(updater, Fixed.Equal.self)
        case .notEqual: return inPlace(updater, Fixed.NotEqual.self)
        case .less: return inPlace(updater, Fixed.Less.self)
        case .lessEqual: return inPlace(updater, Fixed.LessEqual.self)
        case .greater: return inPlace(updater, Fixed.Greater.self)
        case .greaterEqual: return inPlace(updater, Fixed.GreaterEqual.self)
        }
    }

    private func inPlace<Op: FixedOperation>(_ updater: SlotUpdater, _: Op.Type) -> (Interpreter) throws -> Bool {
        let literal = right.scalar
        let update = updater.run
        return { m in
            guard Op.operation.isComparison || !GradMode.isEnabled else { return false }
            return update(m) { NDArray.scalarResult(Op.operation, $0, literal) }
        }
    }

    /// The operation, `op` being its scalar operation, on the captured `left` and `right`.
    @inline(__always)
    private func run(_ m: Interpreter, _ op: ScalarOperation, _ left: OperandCode, _ right: OperandCode) throws -> Operand {
        // Comparisons never record, so they never box; arithmetic records when gradients are on.
        let recording = !op.isComparison && GradMode.isEnabled
        let a = try left.fetch(m, sharing: recording)
        let b = try right.fetch(m, sharing: recording)
        if !recording, let x = a.scalar, let y = b.scalar, let z = NDArray.scalarResult(op, x, y) {
            return .scalar(z)
        }
        return try arrayPath(m, a, b)
    }

    /// The operation on values, as the tree walker's `binary`.
    private func arrayPath(_ m: Interpreter, _ a: Fetched, _ b: Fetched) throws -> Operand {
        // A name's scalar is boxed in its slot, so a loop's `i < n` boxes n once; the left
        // one only when the right operand ran no code that could rebind it.
        let lv = try left.value(a, m, again: rightIsPlain, constant: leftConstant)
        let rv = try right.value(b, m, again: true, constant: rightConstant)
        let range = self.range, op = self.op
        do {
            return .value(try m.at(range) { try m.binary(op, lv, rv) })
        } catch let f as EvaluationFailure where (leftIsGrad || rightIsGrad) && f.diagnostic.id == "runtime.operand-types" {
            // `W - lr * W.grad` with an empty grad: say why it is empty.
            if (leftIsGrad && lv.isNone) || (rightIsGrad && rv.isNone) {
                throw m.failure(RuntimeMessage.operands(op.symbol, lv.kindName, rv.kindName).withNoneGradHint(), at: range)
            }
            throw f
        }
    }
}

/// A scalar operation as a type, for compiled code specialized on it.
protocol FixedOperation { static var operation: ScalarOperation { get } }

/// The types of the 13 ``ScalarOperation``s.
enum Fixed {
    enum Add: FixedOperation { static var operation: ScalarOperation { .add } }
    enum Subtract: FixedOperation { static var operation: ScalarOperation { .subtract } }
    enum Multiply: FixedOperation { static var operation: ScalarOperation { .multiply } }
    enum Divide: FixedOperation { static var operation: ScalarOperation { .divide } }
    enum FloorDivide: FixedOperation { static var operation: ScalarOperation { .floorDivide } }
    enum Power: FixedOperation { static var operation: ScalarOperation { .power } }
    enum Modulo: FixedOperation { static var operation: ScalarOperation { .modulo } }
    enum Equal: FixedOperation { static var operation: ScalarOperation { .equal } }
    enum NotEqual: FixedOperation { static var operation: ScalarOperation { .notEqual } }
    enum Less: FixedOperation { static var operation: ScalarOperation { .less } }
    enum LessEqual: FixedOperation { static var operation: ScalarOperation { .lessEqual } }
    enum Greater: FixedOperation { static var operation: ScalarOperation { .greater } }
    enum GreaterEqual: FixedOperation { static var operation: ScalarOperation { .greaterEqual } }
}

/// An operand fetched for an operator.
enum Fetched {
    case literal(ScalarSlot, NumberLiteral)
    case operand(Operand)

    @inline(__always) var scalar: ScalarSlot? {
        switch self {
        case .literal(let s, _): return s
        case .operand(.scalar(let s, _)): return s
        case .operand(.value): return nil
        }
    }

    /// What the array path takes: a literal's shared constant, a scalar boxed.
    var value: Value {
        switch self {
        case .literal(_, let literal): return .tensor(NumberLiterals.constant(literal))
        case .operand(let o): return o.boxed
        }
    }
}

/// A call with positional arguments, compiled.
final class CallCode {
    let callee: Compiler.Eval
    let arguments: [ArgumentCode]
    let range: SourceRange, calleeRange: SourceRange

    init(callee: @escaping Compiler.Eval, arguments: [ArgumentCode], range: SourceRange, calleeRange: SourceRange) {
        self.callee = callee
        self.arguments = arguments
        self.range = range
        self.calleeRange = calleeRange
    }

    /// Any number of arguments, taken from the array.
    func run(_ m: Interpreter) throws -> Operand {
        let fv = try callee(m)
        let argc = arguments.count
        if let (u, c) = m.compiledCallee(fv, argc: argc) {
            let mask = m.unboxedMask(c)
            var values: [Operand] = []
            values.reserveCapacity(argc)
            for (i, a) in arguments.enumerated() { values.append(try m.argument(a, i, mask)) }
            return try m.enterCompiled(u, c, argc: argc, at: range) { base in
                for (i, v) in values.enumerated() { (m.registers + base + i).store(v) }
            }
        }
        return try general(m, fv.boxed)
    }

    /// The call of `fv` that is not a compiled user function's taking these arguments: a
    /// builtin, an object, or any call that is an error.
    func general(_ m: Interpreter, _ fv: Value) throws -> Operand {
        var positional: [Value] = []
        positional.reserveCapacity(arguments.count)
        for a in arguments { positional.append(try a.shared(m).boxed) }
        return .value(try m.call(fv, positional: positional, keywords: [], at: range, calleeRange: calleeRange))
    }
}

/// An argument compiled both ways: read unboxed (for a parameter used only as an operand,
/// while gradients are off) and shared.
struct ArgumentCode {
    let raw: Compiler.Eval
    let shared: Compiler.Eval
}

/// A compiled expression held in an array (a struct, so the array holds the closure
/// without reabstraction thunks).
struct EvalCode {
    let run: Compiler.Eval
}

extension BinaryOperator {
    /// The scalar fast path's operation (nil for `@`).
    var scalarOperation: ScalarOperation? {
        switch self {
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .floorDivide: .floorDivide
        case .power: .power
        case .modulo: .modulo
        case .matmul: nil
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        }
    }
}

extension ScalarSlot {
    /// A number literal's scalar.
    init(_ literal: NumberLiteral) {
        switch literal {
        case .integer(let i): self.init(integer: i)
        case .float(let x): self.init(x)
        }
    }
}

extension Compiler {
    /// The expression's value for code that only reads it: a name's scalar is copied, not
    /// boxed (see ``Operand``).
    func operand(_ e: Expr) -> Eval {
        let range = e.range
        switch e.kind {
        case .number(let x):
            let s = ScalarSlot(x)
            return { _ in .scalar(s) }
        case .string(let text):
            return { _ in .value(.string(text)) }
        case .bool(let b):
            let s = ScalarSlot(bool: b)
            return { _ in .scalar(s) }
        case .noneLiteral:
            return { _ in .value(.none) }
        case .name(let n):
            return rawRead(n, at: range)
        case .unary(let op, let x):
            if op == .not {
                let c = condition(x)
                return { m in .scalar(ScalarSlot(bool: !(try c(m)))) }
            }
            // `-2.0`: a literal, so a new leaf.
            if let literal = Compiler.signedNumber(e) {
                let s = ScalarSlot(literal)
                return { _ in .scalar(s) }
            }
            // `-pi` (a literal unless pi is rebound) and `-[1.0, 2.0]`: as the tree walker.
            if Compiler.hasNameUnderSigns(e) || signedList(e) { break }
            let raw = operand(x), sharedValue = shared(x)
            let operandRange = x.range
            if op == .plus {
                return { m in
                    let o = try sharedValue(m)
                    if case .scalar = o { return o }
                    return .value(try m.at(range) { try m.unary(.plus, o.boxed, range: operandRange) })
                }
            }
            return { m in
                if !GradMode.isEnabled {
                    let o = try raw(m)
                    if let s = o.scalarSlot, let negated = NDArray.scalarNegation(s) { return .scalar(negated) }
                    return .value(try m.at(range) { try m.unary(.negate, o.boxed, range: operandRange) })
                }
                let o = try sharedValue(m)
                return .value(try m.at(range) { try m.unary(.negate, o.boxed, range: operandRange) })
            }
        case .binary(let op, let l, let r):
            return binary(op, l, r, at: range)
        case .logical(let op, let l, let r):
            let a = condition(l), b = condition(r)
            switch op {
            case .and: return { m in .scalar(ScalarSlot(bool: try a(m) ? try b(m) : false)) }
            case .or: return { m in .scalar(ScalarSlot(bool: try a(m) ? true : try b(m))) }
            }
        case .call(let callee, let arguments):
            if arguments.isEmpty, case .name(let n) = callee.kind, n.text == "super" { break }
            return call(callee, arguments, at: range)
        case .formatted, .array, .tuple, .index, .attribute:
            break
        }
        return { m in .value(try m.evaluate(e, frame: m.frame)) }
    }

    /// The expression's value for code that keeps it (a binding, an argument, an echo): a
    /// name's scalar is boxed in its slot and shared.
    func shared(_ e: Expr) -> Eval {
        if case .name(let n) = e.kind { return sharedRead(n, at: e.range) }
        return operand(e)
    }

    /// What `return e` returns: a local moves out of the dying frame; a global is shared.
    func returned(_ e: Expr) -> Eval {
        if case .name(let n) = e.kind, !inFunction || n.localSlot < 0 { return sharedRead(n, at: e.range) }
        return operand(e)
    }

    /// An operand of a binary operator.
    func operandCode(_ e: Expr) -> OperandCode {
        if let literal = Compiler.signedNumber(e) { return OperandCode.literal(literal) }
        if case .name(let n) = e.kind { return nameCode(n, at: e.range) }
        // `-pi` as an operand is a constant, as the tree walker's operands are.
        if Compiler.hasNameUnderSigns(e) { return OperandCode.other({ m in .value(try m.operand(e, frame: m.frame)) }) }
        return OperandCode.other(operand(e))
    }

    private func binary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, at range: SourceRange) -> Eval {
        binaryOperation(op, l, r, at: range).eval()
    }

    /// A binary operator, compiled (also run directly by an assignment, see `statement`).
    func binaryOperation(_ op: BinaryOperator, _ l: Expr, _ r: Expr, at range: SourceRange) -> BinaryCode {
        BinaryCode(op: op, left: operandCode(l), right: operandCode(r), leftIsGrad: isGrad(l), rightIsGrad: isGrad(r), range: range)
    }

    private func call(_ callee: Expr, _ arguments: [Argument], at range: SourceRange) -> Eval {
        let f = shared(callee)
        let calleeRange = callee.range
        let labels = arguments.map(\.label)
        let sharedArgs = arguments.map { EvalCode(run: shared($0.value)) }
        if labels.contains(where: { $0 != nil }) {
            return { m in
                let fv = try f(m).boxed
                var positional: [Value] = []
                var keywords: [(String, Value)] = []
                for (label, a) in zip(labels, sharedArgs) {
                    let v = try a.run(m).boxed
                    if let label { keywords.append((label, v)) } else { positional.append(v) }
                }
                return .value(try m.call(fv, positional: positional, keywords: keywords, at: range, calleeRange: calleeRange))
            }
        }
        let args = arguments.map { ArgumentCode(raw: operand($0.value), shared: shared($0.value)) }
        let code = CallCode(callee: f, arguments: args, range: range, calleeRange: calleeRange)
        // A global callee is looked at in its slot (see ``Interpreter/callee(_:_:argc:)``).
        // (The name unretained: `f` holds it. Captured strongly, it is retained at each call.)
        let global: Unmanaged<Name>?
        if case .name(let n) = callee.kind, !(inFunction && n.localSlot >= 0) { global = .passUnretained(n) } else { global = nil }
        // One to three arguments: each captured by the closure itself, so that calling it
        // retains nothing (an argument taken from an array is retained for the call).
        switch args.count {
        case 1:
            let a0 = args[0]
            return { m in
                switch try m.callee(global, f, argc: 1) {
                case .compiled(let u, let c):
                    let mask = m.unboxedMask(c)
                    let v0 = try m.argument(a0, 0, mask)
                    let base = m.reserveFrame(c, arguments: 1)
                    (m.registers + base).initialize(to: consume v0)
                    return try m.invokeFrame(u, c, argc: 1, base: base, at: range)
                case .other(let fv):
                    return try code.general(m, fv.boxed)
                }
            }
        case 2:
            let a0 = args[0], a1 = args[1]
            return { m in
                switch try m.callee(global, f, argc: 2) {
                case .compiled(let u, let c):
                    let mask = m.unboxedMask(c)
                    let v0 = try m.argument(a0, 0, mask)
                    let v1 = try m.argument(a1, 1, mask)
                    let base = m.reserveFrame(c, arguments: 2)
                    (m.registers + base).initialize(to: consume v0)
                    (m.registers + base + 1).initialize(to: consume v1)
                    return try m.invokeFrame(u, c, argc: 2, base: base, at: range)
                case .other(let fv):
                    return try code.general(m, fv.boxed)
                }
            }
        case 3:
            let a0 = args[0], a1 = args[1], a2 = args[2]
            return { m in
                switch try m.callee(global, f, argc: 3) {
                case .compiled(let u, let c):
                    let mask = m.unboxedMask(c)
                    let v0 = try m.argument(a0, 0, mask)
                    let v1 = try m.argument(a1, 1, mask)
                    let v2 = try m.argument(a2, 2, mask)
                    let base = m.reserveFrame(c, arguments: 3)
                    (m.registers + base).initialize(to: consume v0)
                    (m.registers + base + 1).initialize(to: consume v1)
                    (m.registers + base + 2).initialize(to: consume v2)
                    return try m.invokeFrame(u, c, argc: 3, base: base, at: range)
                case .other(let fv):
                    return try code.general(m, fv.boxed)
                }
            }
        default:
            return { m in try code.run(m) }
        }
    }

    // MARK: Names

    /// A name as an operand: read unboxed, or shared when the operation records.
    func nameCode(_ n: Name, at range: SourceRange) -> OperandCode {
        let local = inFunction && n.localSlot >= 0
        return .name(raw: rawRead(n, at: range), shared: sharedRead(n, at: range), register: local ? Int(n.localSlot) : -1,
                     global: local ? nil : .passUnretained(n))
    }

    /// Reads a name without boxing (a scalar is copied).
    func rawRead(_ n: Name, at range: SourceRange) -> Eval {
        if inFunction, n.localSlot >= 0 {
            let slot = Int(n.localSlot)
            return { m in
                if let v = m.registers[m.fp + slot] { return v }
                throw m.failure(.unboundLocal(n.text), at: range)
            }
        }
        return { m in
            if let v = m.table.operand(n) { return v }
            throw m.undefined(n.text, at: range, frame: m.frame)
        }
    }

    /// Reads a name to share its value (a scalar is boxed in its slot first).
    func sharedRead(_ n: Name, at range: SourceRange) -> Eval {
        if inFunction, n.localSlot >= 0 {
            let slot = Int(n.localSlot)
            return { m in
                if let v = m.sharedRegister(m.fp + slot) { return .value(v) }
                throw m.failure(.unboundLocal(n.text), at: range)
            }
        }
        return { m in
            if let v = m.table.resolve(n) { return .value(v) }
            throw m.undefined(n.text, at: range, frame: m.frame)
        }
    }

    // MARK: Shapes

    /// The number a literal under signs spells (`-2`, `+-1e3`); nil for anything else.
    static func signedNumber(_ e: Expr) -> NumberLiteral? {
        switch e.kind {
        case .number(let x): return x
        case .unary(.negate, let inner): return signedNumber(inner)?.negated
        case .unary(.plus, let inner): return signedNumber(inner)
        default: return nil
        }
    }

    /// Whether `e` is a name under one or more signs (`-pi`).
    static func hasNameUnderSigns(_ e: Expr) -> Bool {
        switch e.kind {
        case .unary(.negate, let inner), .unary(.plus, let inner):
            if case .name = inner.kind { return true }
            return hasNameUnderSigns(inner)
        default: return false
        }
    }

    /// Whether `e` is a list literal under signs (`-[1.0, 2.0]`).
    private func signedList(_ e: Expr) -> Bool {
        switch e.kind {
        case .array: return true
        case .unary(.negate, let inner), .unary(.plus, let inner): return signedList(inner)
        default: return false
        }
    }

    private func isGrad(_ e: Expr) -> Bool {
        if case .attribute(_, let name, _) = e.kind { return name == "grad" }
        return false
    }
}
