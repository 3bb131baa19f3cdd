/// The element type of an ``NDArray``: numpy's four, named as numpy names them.
///
/// Every dtype is stored in the same 8-byte slot of ``NDBuffer``, so code that only moves
/// elements (views, reshapes, gathers, concatenation, copies) is the same for all of them:
/// - `float64`: the double itself;
/// - `float32`: a double whose value is exactly a float32 (every operation rounds its
///   result to float32, which for `+ - * /` and `sqrt` is the correctly rounded float32
///   result, since a double carries more than 2·24+2 bits);
/// - `int64`: the integer's bit pattern (``NDArray/slot(_:)``), so every int64 is exact and
///   arithmetic wraps as numpy's;
/// - `bool`: `0.0` or `1.0`.
/// Only kernels that compute read the slots by dtype; ``NDArray/scalars`` and
/// ``NDArray/scalar`` give every dtype's values as doubles.
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case bool, int64, float32, float64

    /// numpy's kinds, ordered as NEP 50 orders them: a 0-d operand of a kind no higher
    /// than an n-d operand's never widens it.
    public enum Kind: Int, Comparable, Sendable {
        case boolean = 0, integer = 1, floating = 2
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// A two-bit code for packing (see ``NDArray``), and back.
    @inlinable var code: Int {
        switch self {
        case .bool: return 0
        case .int64: return 1
        case .float32: return 2
        case .float64: return 3
        }
    }

    @inlinable init(code: Int) {
        switch code {
        case 0: self = .bool
        case 1: self = .int64
        case 2: self = .float32
        default: self = .float64
        }
    }

    /// The kind of this dtype.
    @inlinable public var kind: Kind {
        switch self {
        case .bool: .boolean
        case .int64: .integer
        case .float32, .float64: .floating
        }
    }

    /// Whether this is float32 or float64.
    @inlinable public var isFloating: Bool { kind == .floating }

    /// numpy's name: `float64`, `float32`, `int64`, `bool`.
    public var description: String { rawValue }

    /// The bytes numpy stores one element in (`.npy` files, `itemsize`).
    public var itemSize: Int {
        switch self {
        case .bool: 1
        case .int64, .float64: 8
        case .float32: 4
        }
    }

    /// A dtype from its numpy name (`"float32"`, `"int64"`, `"bool"`, `"float64"`, and
    /// numpy's aliases `"float"`, `"int"`), or nil.
    public init?(name: String) {
        switch name {
        case "float64", "float", "double", "f8": self = .float64
        case "float32", "single", "f4": self = .float32
        case "int64", "int", "i8": self = .int64
        case "bool", "bool_", "?": self = .bool
        default: return nil
        }
    }

    /// numpy's `np.promote_types(a, b)` for the four dtypes (`int64 + float32` is float64).
    @inlinable
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        switch (a, b) {
        case (.bool, let other), (let other, .bool): return other
        case (.float32, .float64), (.float64, .float32): return .float64
        default: return .float64   // int64 with either float
        }
    }

    /// The dtype numpy 2 gives a binary arithmetic operation on operands of these dtypes and
    /// dimensionalities: a 0-d operand against an n-d one is weak (NEP 50, as a Python
    /// scalar): when its kind is no higher than the n-d operand's, the n-d dtype wins;
    /// otherwise, and between two 0-d or two n-d operands, ``promote(_:_:)``.
    @inlinable
    public static func result(_ a: DType, zeroDimensional aIs0d: Bool, _ b: DType, zeroDimensional bIs0d: Bool) -> DType {
        if aIs0d != bIs0d {
            let (weak, strong) = aIs0d ? (a, b) : (b, a)
            if weak.kind <= strong.kind { return strong }
        }
        return promote(a, b)
    }
}
