import DZTensor

/// A number as written in the source: `2` is an integer (int64, as numpy's `np.array(2)`),
/// `2.0`, `.5`, `1e-3` are floats (float64).
public enum NumberLiteral: Hashable, Sendable {
    case integer(Int64)
    case float(Double)

    /// The value as a double.
    public var double: Double {
        switch self {
        case .integer(let i): Double(i)
        case .float(let x): x
        }
    }

    /// The literal with its sign flipped (`-2`, `-2.0`); nil for `-(-2^63)`, which int64 cannot hold.
    public var negated: NumberLiteral? {
        switch self {
        case .integer(let i): i == .min ? nil : .integer(-i)
        case .float(let x): .float(-x)
        }
    }

    /// A 0-d array of the literal's dtype.
    public var array: NDArray {
        switch self {
        case .integer(let i): NDArray(integer: i)
        case .float(let x): NDArray(x)
        }
    }
}

extension NumberLiteral: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// `1` in Swift is the integer literal `1` in dz.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// `1.0` in Swift is the float literal `1.0` in dz.
    public init(floatLiteral value: Double) { self = .float(value) }
}
