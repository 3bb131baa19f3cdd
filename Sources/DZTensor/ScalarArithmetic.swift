#if canImport(Glibc)
import Glibc
#endif

/// The one element of a 0-d array, as a value: its slot (see ``DType``) and its dtype.
/// The interpreter keeps numbers that no graph needs in this form, unboxed.
public struct ScalarSlot: Sendable, Equatable {
    public var slot: Double
    public var dtype: DType

    @inlinable public init(slot: Double, dtype: DType) {
        self.slot = slot
        self.dtype = dtype
    }

    /// A float64 scalar.
    @inlinable public init(_ x: Double) { self.init(slot: x, dtype: .float64) }

    /// An int64 scalar.
    @inlinable public init(integer i: Int64) { self.init(slot: NDArray.slot(i), dtype: .int64) }

    /// A bool scalar.
    @inlinable public init(bool b: Bool) { self.init(slot: b ? 1 : 0, dtype: .bool) }

    /// The value as a double, as ``NDArray/scalar`` gives it.
    @inlinable public var doubleValue: Double { dtype == .int64 ? NDArray.integer(slot).asDouble : slot }

    /// The value as int64, as `astype(int64)` converts it.
    @inlinable public var integerValue: Int64 {
        switch dtype {
        case .int64: return NDArray.integer(slot)
        case .bool: return slot != 0 ? 1 : 0
        case .float32, .float64: return NDArray.truncatedInteger(slot)
        }
    }

    /// The 0-d array holding it.
    public var array: NDArray {
        let a = NDArray(smallShape: [], count: 1, dtype: dtype)
        a.buffer.base[0] = slot
        return a
    }
}

/// The binary operators that ``NDArray/scalarResult(_:_:_:)`` computes.
public enum ScalarOperation: UInt8, Sendable {
    case add, subtract, multiply, divide, floorDivide, power, modulo
    case equal, notEqual, less, lessEqual, greater, greaterEqual

    /// Whether the result is a comparison's bool (which never records a graph).
    @inlinable public var isComparison: Bool { rawValue >= ScalarOperation.equal.rawValue }
}

extension NDArray {
    /// What `op` gives for two 0-d arrays holding `a` and `b`: the same dtype rules and the
    /// same element functions as the array kernels (`+`, `power`, `less`, ...), so the same
    /// bits. Nil where the array operation is an error (two bools subtracted, an integer to a
    /// negative power) or involves float32: the caller then takes the array path, which
    /// gives the result or the error. (Always inlined: callers fix `op`, which leaves one case.)
    @inlinable @inline(__always)
    public static func scalarResult(_ op: ScalarOperation, _ a: ScalarSlot, _ b: ScalarSlot) -> ScalarSlot? {
        // Two int64s or two float64s, the common case, first: what the general rules below
        // give for them, without the promotion's branches.
        if a.dtype == b.dtype {
            if a.dtype == .int64 { return integerResult(op, NDArray.integer(a.slot), NDArray.integer(b.slot)) }
            if a.dtype == .float64 { return floatResult(op, a.slot, b.slot) }
        }
        if a.dtype == .float32 || b.dtype == .float32 { return nil }
        // Two 0-d operands: numpy's promotion of their dtypes. The array kernels read int64
        // as doubles in float64 results (`readableAsDoubles`, `astype(float64)`); bools are
        // 0 and 1 either way, and only their sum, difference and product stay bools.
        switch DType.promote(a.dtype, b.dtype) {
        case .float64: return floatResult(op, a.doubleValue, b.doubleValue)
        case .bool:
            switch op {
            case .add: return ScalarSlot(bool: a.slot != 0 || b.slot != 0)
            case .subtract: return nil
            case .multiply: return ScalarSlot(bool: a.slot != 0 && b.slot != 0)
            default: break
            }
        default: break
        }
        return integerResult(op, a.integerValue, b.integerValue)
    }

    /// ``scalarResult(_:_:_:)`` for two int64 operands (or bools as 0 and 1, outside `+ - *`):
    /// comparisons exact in int64 (as `compare`), a quotient in float64.
    @inlinable @inline(__always)
    static func integerResult(_ op: ScalarOperation, _ x: Int64, _ y: Int64) -> ScalarSlot? {
        @inline(__always) func integer(_ i: Int64) -> ScalarSlot { ScalarSlot(slot: NDArray.slot(i), dtype: .int64) }
        switch op {
        case .add: return integer(x &+ y)
        case .subtract: return integer(x &- y)
        case .multiply: return integer(x &* y)
        case .divide: return ScalarSlot(slot: x.asDouble / y.asDouble, dtype: .float64)
        case .floorDivide: return integer(integerFloorDivide(x, y))
        case .modulo: return integer(integerMod(x, y))
        case .power: return y < 0 ? nil : integer(integerPower(x, y))
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return ScalarSlot(bool: compared(op, x, y))
        }
    }

    /// ``scalarResult(_:_:_:)`` for two float64 operands.
    @inlinable @inline(__always)
    static func floatResult(_ op: ScalarOperation, _ x: Double, _ y: Double) -> ScalarSlot? {
        @inline(__always) func float(_ z: Double) -> ScalarSlot { ScalarSlot(slot: z, dtype: .float64) }
        switch op {
        case .add: return float(x + y)
        case .subtract: return float(x - y)
        case .multiply: return float(x * y)
        case .divide: return float(x / y)
        case .floorDivide: return float(floorQuotient(x, y))
        case .modulo: return float(pythonMod(x, y))
        case .power: return float(Glibc.pow(x, y))
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return ScalarSlot(bool: compared(op, x, y))
        }
    }

    /// `x op y` for a comparison `op`.
    @inlinable @inline(__always)
    static func compared<T: Comparable>(_ op: ScalarOperation, _ x: T, _ y: T) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        default: return x >= y
        }
    }

    /// `-a` for a 0-d array holding `a`, as `prefix -` computes it; nil for a bool (the
    /// array operation's error).
    @inlinable
    public static func scalarNegation(_ a: ScalarSlot) -> ScalarSlot? {
        switch a.dtype {
        case .float64: return ScalarSlot(slot: -a.slot, dtype: .float64)
        case .int64: return ScalarSlot(slot: NDArray.slot(0 &- NDArray.integer(a.slot)), dtype: .int64)
        case .bool, .float32: return nil
        }
    }

    /// The slot of the element at the array's offset (a 0-d array's element), as stored.
    /// (Read on its own, a field of an array held by a class is not copied with the rest.)
    @inlinable public var offsetSlot: Double { buffer.base[offset] }

    /// The scalar a 0-d array holds when it is not float32, else nil.
    @inlinable public var scalarSlot: ScalarSlot? {
        guard shape.isEmpty, dtype != .float32 else { return nil }
        return ScalarSlot(slot: offsetSlot, dtype: dtype)
    }
}
