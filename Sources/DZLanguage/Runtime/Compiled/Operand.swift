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

    /// The scalar inside, when this is one.
    @inline(__always) var scalarSlot: ScalarSlot? {
        if case .scalar(let s, _) = self { return s }
        return nil
    }
}
