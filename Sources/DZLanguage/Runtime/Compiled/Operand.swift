import DZAutodiff
import DZTensor

/// What compiled code computes and what variable slots hold: a ``Value``, or a number not
/// yet boxed.
///
/// A `.scalar` is a 0-d leaf tensor (float64, int64 or bool) that exactly one place holds:
/// a temporary or one slot. It has no creator and no gradient, and carries the name a
/// binding gave it. Nothing can tell it from the `Variable` dz would have made, so it
/// becomes one (``boxed``) only where a second holder could appear: a name read to be
/// shared (`b = a`, an argument, an echo), an operand of an operation that records, a
/// builtin. Values never leave the interpreter as scalars: builtins, the REPL and the
/// kernel see ``Value``s only.
enum Operand {
    case scalar(ScalarSlot, Variable.InternedName)
    case value(Value)

    /// A fresh unnamed scalar.
    @inline(__always) static func scalar(_ s: ScalarSlot) -> Operand { .scalar(s, .none) }

    /// The value, a scalar boxed into a new 0-d leaf with its name.
    @inline(__always) var boxed: Value {
        switch self {
        case .value(let v): return v
        case .scalar(let s, let name): return .tensor(Operand.box(s, name))
        }
    }

    /// The leaf a scalar becomes.
    static func box(_ s: ScalarSlot, _ name: Variable.InternedName) -> Variable {
        let v = Variable(s.array)
        if !name.isNone { v.setName(name) }
        return v
    }

    /// This value as bound to a name: an unnamed tensor is named (in place), an unnamed
    /// scalar carries the name.
    @inline(__always)
    consuming func named(_ name: @autoclosure () -> Variable.InternedName) -> Operand {
        switch self {
        case .value(.tensor(let t)) where !t.hasName:
            t.setName(name())
            return self
        case .scalar(let x, let n) where n.isNone:
            return .scalar(x, name())
        default:
            return self
        }
    }

    /// The value a slot holds, to be shared with whoever reads it: a scalar is boxed and
    /// the box stored back in the slot, so both hold the same leaf.
    @inline(__always)
    static func share(_ slot: inout Operand?) -> Value? {
        switch slot {
        case .value(let v)?: return v
        case .scalar(let x, let name)?:
            let v = Value.tensor(box(x, name))
            slot = .value(v)
            return v
        case nil: return nil
        }
    }

    /// The scalar inside, when this is one.
    @inline(__always) var scalarSlot: ScalarSlot? {
        if case .scalar(let s, _) = self { return s }
        return nil
    }
}

extension UnsafeMutablePointer where Pointee == Operand? {
    /// Stores `v` here, releasing only a value that was here: nil and a scalar hold nothing
    /// to release, and the generic destroy of an `Operand?` is a call.
    @inline(__always)
    func store(_ v: consuming Operand?) {
        if case .value? = pointee { pointee = v } else { initialize(to: v) }
    }
}
