// Reading and writing slots by dtype, arrays of each dtype, and conversion between them
// (numpy's `astype`). The layouts are described on ``DType``.

extension Int64 {
    /// This integer as the nearest double.
    @inlinable public var asDouble: Double { Double(self) }
}

extension NDArray {
    /// The slot holding the int64 `i` (its bit pattern).
    @inlinable @inline(__always)
    public static func slot(_ i: Int64) -> Double { Double(bitPattern: UInt64(bitPattern: i)) }

    /// The int64 held in an int64 slot.
    @inlinable @inline(__always)
    public static func integer(_ slot: Double) -> Int64 { Int64(bitPattern: slot.bitPattern) }

    /// `x` rounded to the nearest float32 (as a double), as a float32 operation's result is.
    @inlinable @inline(__always)
    public static func roundedToFloat32(_ x: Double) -> Double { Double(Float(x)) }

    /// numpy's cast of a double to int64 (`astype(int64)`): truncation toward zero; NaN,
    /// infinities and values out of range give int64's minimum, as numpy does on x86-64.
    @inlinable
    public static func truncatedInteger(_ x: Double) -> Int64 {
        guard x.isFinite, x >= -9.223372036854775808e18, x < 9.223372036854775808e18 else { return Int64.min }
        return Int64(x)
    }

    /// A 0-d int64 array.
    public init(integer value: Int64) {
        self.init(smallShape: [], count: 1, dtype: .int64)
        buffer.base[0] = NDArray.slot(value)
    }

    /// A 0-d bool array.
    public init(bool value: Bool) {
        self.init(smallShape: [], count: 1, dtype: .bool)
        buffer.base[0] = value ? 1 : 0
    }

    /// An int64 array of `shape` from its elements in row-major order.
    public init(shape: [Int], integers: [Int64]) throws {
        let count = try NDArray.checkedCount(shape, operation: "array")
        guard count == integers.count else {
            throw TensorError.elementCount(operation: "array", shape: shape, count: integers.count)
        }
        try self.init(uninitializedShape: shape, count: count, operation: "array", dtype: .int64)
        let out = buffer.base
        for i in 0..<count { out[i] = NDArray.slot(integers[i]) }
    }

    /// A bool array of `shape` from its elements in row-major order.
    public init(shape: [Int], bools: [Bool]) throws {
        let count = try NDArray.checkedCount(shape, operation: "array")
        guard count == bools.count else {
            throw TensorError.elementCount(operation: "array", shape: shape, count: bools.count)
        }
        try self.init(uninitializedShape: shape, count: count, operation: "array", dtype: .bool)
        let out = buffer.base
        for i in 0..<count { out[i] = bools[i] ? 1 : 0 }
    }

    /// An array of `shape` and `dtype` from doubles in row-major order, each converted as
    /// ``astype(_:)`` converts (float32 rounded, int64 truncated, bool nonzero).
    public init(shape: [Int], scalars: [Double], dtype: DType) throws {
        try self.init(shape: shape, scalars: scalars)
        if dtype != .float64 { self = try astype(dtype) }
    }

    /// An array of `shape` and `dtype` from slots already in `dtype`'s layout (``DType``).
    public init(shape: [Int], slots: [Double], dtype: DType) throws {
        try self.init(shape: shape, scalars: slots)
        self = retyped(dtype)
    }

    /// The elements in row-major order as int64 (floats truncated as ``astype(_:)`` does).
    public var integers: [Int64] {
        switch dtype {
        case .int64: rawSlots.map(NDArray.integer)
        case .bool: rawSlots.map { $0 != 0 ? 1 : 0 }
        case .float32, .float64: rawSlots.map(NDArray.truncatedInteger)
        }
    }

    /// The single element of a one-element int64 or bool array, exactly, or nil.
    public var integerScalar: Int64? {
        guard size == 1, dtype == .int64 || dtype == .bool else { return nil }
        let s = buffer.base[offset]
        return dtype == .int64 ? NDArray.integer(s) : (s != 0 ? 1 : 0)
    }

    /// This array converted to `dtype`, as numpy's `astype`: float64 to float32 rounds to
    /// nearest, floats to int64 truncate toward zero, anything to bool is `!= 0` (NaN is
    /// true), bool to numbers is 0 or 1. Itself when it already has that dtype.
    public func astype(_ target: DType, operation: String = "astype") throws -> NDArray {
        if target == dtype { return self }
        // Each case hands its own closure to the always-inlined `mapSlots`, so every
        // conversion compiles to its own tight (vectorizable) loop, not a call per element.
        switch (dtype, target) {
        case (.int64, .float64): return try mapSlots(operation: operation, to: target) { NDArray.integer($0).asDouble }
        case (.int64, .float32): return try mapSlots(operation: operation, to: target) { NDArray.roundedToFloat32(NDArray.integer($0).asDouble) }
        case (.int64, .bool): return try mapSlots(operation: operation, to: target) { NDArray.integer($0) != 0 ? 1 : 0 }
        case (.bool, .int64): return try mapSlots(operation: operation, to: target) { NDArray.slot($0 != 0 ? 1 : 0) }
        case (.bool, _): return try mapSlots(operation: operation, to: target) { $0 }
        case (_, .bool): return try mapSlots(operation: operation, to: target) { $0 != 0 ? 1 : 0 }   // NaN != 0 is true, as numpy's
        case (_, .int64): return try mapSlots(operation: operation, to: target) { NDArray.slot(NDArray.truncatedInteger($0)) }
        case (.float64, .float32): return try mapSlots(operation: operation, to: target) { NDArray.roundedToFloat32($0) }
        default: return try mapSlots(operation: operation, to: target) { $0 }   // float32 to float64: exact
        }
    }

    /// Itself, or its values as float64 when it holds int64 slots: what the kernels that
    /// compute on doubles read, so that no kernel ever sees an integer's bit pattern as a
    /// double.
    @inlinable
    func readableAsDoubles(_ operation: String = "astype") throws -> NDArray {
        guard dtype == .int64 else { return self }
        if shape.isEmpty, let cached = NDArray.smallIntegerDouble(NDArray.integer(buffer.base[offset])) { return cached }
        return try astype(.float64, operation: operation)
    }

    /// Shared float64 0-d arrays of the integers -256...1024, so that `y * x + 1` (an int64
    /// literal meeting floats) allocates no conversion per operation. Their buffers are
    /// never written: the table keeps a reference, so none is uniquely referenced, which
    /// is what the one in-place kernel (``add(_:)``) requires.
    @usableFromInline static let smallIntegerDoubles: [NDArray] = (-256...1024).map { NDArray(Double($0)) }

    /// The shared float64 0-d array of `value` when it is in the table.
    @usableFromInline static func smallIntegerDouble(_ value: Int64) -> NDArray? {
        value >= -256 && value <= 1024 ? smallIntegerDoubles[Int(value) + 256] : nil
    }
}
