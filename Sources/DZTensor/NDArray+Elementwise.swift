#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Elementwise kernels. Contiguous operands of the same shape, and a one-element operand
// against a contiguous one, run as tight loops; anything else walks broadcast views.

extension NDArray {
    /// Applies the floating-point function `f` to every element, as a numpy ufunc whose
    /// loops are floating: float64 computes in doubles, float32 rounds each result to
    /// float32 (within half an ulp of `f`'s double result, so within one ulp of the
    /// correctly rounded float32 value), int64 and bool compute on their values in float64.
    /// (Always inlined, so that `f` is inlined into the loop.)
    @inlinable @inline(__always)
    public func map(operation: String = "map", _ f: (Double) -> Double) throws -> NDArray {
        switch dtype {
        case .float64, .bool: return try mapSlots(operation: operation, to: .float64, f)
        case .float32: return try mapSlots(operation: operation, to: .float32) { NDArray.roundedToFloat32(f($0)) }
        case .int64: return try astype(.float64, operation: operation).mapSlots(operation: operation, to: .float64, f)
        }
    }

    /// Applies `f` to every slot (see ``DType`` for what a slot holds), giving an array of
    /// `dtype` whose slots are `f`'s results.
    @inlinable @inline(__always)
    public func mapSlots(operation: String, to dtype: DType, _ f: (Double) -> Double) throws -> NDArray {
        let count = size
        let result = try NDArray(uninitializedShape: shape, count: count, operation: operation, dtype: dtype)
        let out = result.buffer.base
        if isContiguous {
            let src = UnsafePointer(buffer.base + offset)
            for i in 0..<count { out[i] = f(src[i]) }
        } else {
            let src = buffer.base
            var i = 0
            forEachOffset { out[i] = f(src[$0]); i += 1 }
        }
        return result
    }

    /// Runs a float64 loop kernel over the elements when they are contiguous float64, and
    /// ``map(operation:_:)`` with `scalar` otherwise; the two must compute the same bits.
    func map(operation: String, kernel: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, _ count: Int) -> Void,
             scalar: (Double) -> Double) throws -> NDArray {
        guard isContiguous, dtype.isFloating else { return try map(operation: operation, scalar) }
        if dtype == .float32 {
            // The float64 kernel on the exact float32 values, then each result rounded.
            let result = try NDArray(uninitializedShape: shape, count: size, operation: operation, dtype: .float32)
            kernel(UnsafePointer(buffer.base + offset), result.buffer.base, size)
            result.roundToDType()
            return result
        }
        let result = try NDArray(uninitializedShape: shape, count: size, operation: operation, dtype: .float64)
        kernel(UnsafePointer(buffer.base + offset), result.buffer.base, size)
        return result
    }

    /// Applies a function with an integer loop (negative, abs, sign): int64 computes
    /// `integer` exactly (wrapping as numpy), floats as ``map(operation:_:)``, and bool as
    /// `boolean` gives (nil: numpy has no bool loop, an error naming `operation`).
    @inlinable @inline(__always)
    public func mapTyped(operation: String, float: (Double) -> Double, integer: (Int64) -> Int64,
                         boolean: ((Bool) -> Bool)? = nil, booleanError: String? = nil) throws -> NDArray {
        switch dtype {
        case .int64: return try mapSlots(operation: operation, to: .int64) { NDArray.slot(integer(NDArray.integer($0))) }
        case .bool:
            if let boolean { return try mapSlots(operation: operation, to: .bool) { boolean($0 != 0) ? 1 : 0 } }
            if let booleanError { throw TensorError.invalid(operation: operation, message: booleanError) }
            return try astype(.int64, operation: operation).mapTyped(operation: operation, float: float, integer: integer)
        case .float32, .float64: return try map(operation: operation, float)
        }
    }

    /// The dtype of a binary operation's result (numpy 2 with NEP 50: see
    /// ``DType/result(_:zeroDimensional:_:zeroDimensional:)``).
    @inlinable
    public static func resultType(_ a: NDArray, _ b: NDArray) -> DType {
        DType.result(a.dtype, zeroDimensional: a.ndim == 0, b.dtype, zeroDimensional: b.ndim == 0)
    }

    /// Combines `a` and `b` with the floating-point function `f` under numpy broadcasting,
    /// as a ufunc with only floating loops: the operands are converted to their result type
    /// (``resultType(_:_:)``, float64 when that is int64 or bool), float32 results are
    /// rounded to float32. (Always inlined, so that `f` is inlined into the loops and they
    /// vectorize.)
    @inlinable @inline(__always)
    public static func combine(_ a: NDArray, _ b: NDArray, operation: String,
                           _ f: (Double, Double) -> Double) throws -> NDArray {
        let r = a.dtype == .float64 && b.dtype == .float64 ? .float64 : resultType(a, b)
        if r != .float32 {   // float64 first, at one call site (see `arithmetic`)
            return try combineSlots(a.readableAsDoubles(operation), b.readableAsDoubles(operation), operation: operation, to: .float64, f)
        }
        return try combineSlots(a.astype(.float32, operation: operation), b.astype(.float32, operation: operation),
                                operation: operation, to: .float32) { NDArray.roundedToFloat32(f($0, $1)) }
    }

    /// Combines `a` and `b` by dtype as a numpy ufunc with integer loops: in the result type
    /// (``resultType(_:_:)``), float64 and float32 with `float` (float32 rounded), int64 with
    /// `integer` on exact integers, bool with `boolean`; with no bool loop (`boolean` nil)
    /// bool operands compute as int64, or throw `booleanError` when it is given.
    @inlinable @inline(__always)
    public static func arithmetic(_ a: NDArray, _ b: NDArray, operation: String,
                                  float: (Double, Double) -> Double, integer: (Int64, Int64) -> Int64,
                                  boolean: ((Bool, Bool) -> Bool)? = nil, booleanError: String? = nil) throws -> NDArray {
        // float64 first and at one call site, for every float64 result (`y * x + 1` meets an
        // int64 0-d): the optimizer specializes the first inlined call on `float`, later
        // ones may stay a call through the closure per element.
        var r = a.dtype == .float64 && b.dtype == .float64 ? .float64 : resultType(a, b)
        if r == .float64 {
            return try combineSlots(a.readableAsDoubles(operation), b.readableAsDoubles(operation), operation: operation, to: .float64, float)
        }
        if r == .bool {
            if let boolean {
                return try combineSlots(a, b, operation: operation, to: .bool) { boolean($0 != 0, $1 != 0) ? 1 : 0 }
            }
            if let booleanError { throw TensorError.invalid(operation: operation, message: booleanError) }
            r = .int64
        }
        if r == .float32 { return try combine(a, b, operation: operation, float) }
        return try combineSlots(a.dtype == .int64 ? a : a.astype(.int64, operation: operation),
                                b.dtype == .int64 ? b : b.astype(.int64, operation: operation),
                                operation: operation, to: .int64) {
            NDArray.slot(integer(NDArray.integer($0), NDArray.integer($1)))
        }
    }

    /// Compares `a` and `b` in their result type (exactly for int64), giving bool.
    @inlinable @inline(__always)
    static func compare(_ a: NDArray, _ b: NDArray, operation: String,
                        _ float: (Double, Double) -> Bool, _ integer: (Int64, Int64) -> Bool) throws -> NDArray {
        switch resultType(a, b) {
        case .int64:
            return try combineSlots(a.astype(.int64, operation: operation), b.astype(.int64, operation: operation),
                                    operation: operation, to: .bool) { integer(NDArray.integer($0), NDArray.integer($1)) ? 1 : 0 }
        case let r:
            return try combineSlots(a.astype(r, operation: operation), b.astype(r, operation: operation),
                                    operation: operation, to: .bool) { float($0, $1) ? 1 : 0 }
        }
    }

    /// Combines the slots of `a` and `b` with `f` under numpy broadcasting into an array of
    /// `dtype`. (Always inlined, so that `f` is inlined into the loops and they vectorize.)
    @inlinable @inline(__always)
    public static func combineSlots(_ a: NDArray, _ b: NDArray, operation: String, to dtype: DType,
                                    _ f: (Double, Double) -> Double) throws -> NDArray {
        if a.shape.isEmpty && b.shape.isEmpty {
            // Two 0-d operands (counters, literals, scalar graphs): the same `f`, without the
            // broadcasting, size and memory checks one element does not need.
            let result = NDArray(smallShape: [], count: 1, dtype: dtype)
            result.buffer.base[0] = f(a.buffer.base[a.offset], b.buffer.base[b.offset])
            return result
        }
        let shape = try broadcastShape(a.shape, b.shape, operation: operation)
        let count = try checkedCount(shape, operation: operation)
        let result = try NDArray(uninitializedShape: shape, count: count, operation: operation, dtype: dtype)
        let out = result.buffer.base
        let aFull = a.shape == shape, bFull = b.shape == shape
        if a.isContiguous && b.isContiguous {
            let pa = UnsafePointer(a.buffer.base + a.offset), pb = UnsafePointer(b.buffer.base + b.offset)
            if aFull && bFull {
                for i in 0..<count { out[i] = f(pa[i], pb[i]) }
                return result
            }
            if bFull && a.size == 1 {
                let s = pa[0]
                for i in 0..<count { out[i] = f(s, pb[i]) }
                return result
            }
            if aFull && b.size == 1 {
                let s = pb[0]
                for i in 0..<count { out[i] = f(pa[i], s) }
                return result
            }
            // A row against every row (a bias): one operand's shape ends the other's.
            if aFull && isTrailing(b.shape, of: shape) {
                eachRow(pa, pb, out, count: count, inner: b.size) { full, row in f(full, row) }
                return result
            }
            if bFull && isTrailing(a.shape, of: shape) {
                eachRow(pb, pa, out, count: count, inner: a.size) { full, row in f(row, full) }
                return result
            }
        }
        let va = try a.broadcastView(to: shape, operation: operation)
        let vb = try b.broadcastView(to: shape, operation: operation)
        let ba = va.buffer.base, bb = vb.buffer.base
        var i = 0
        forEachOffsetPair(va, vb) { oa, ob in
            out[i] = f(ba[oa], bb[ob]); i += 1
        }
        return result
    }

    /// `out[r + j] = g(full[r + j], row[j])` for each row `r` of `inner` elements.
    @inlinable @inline(__always)
    static func eachRow(_ full: UnsafePointer<Double>, _ row: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                        count: Int, inner: Int, _ g: (Double, Double) -> Double) {
        for start in Swift.stride(from: 0, to: count, by: inner) {
            let pf = full + start, po = out + start
            for j in 0..<inner { po[j] = g(pf[j], row[j]) }
        }
    }

    /// Whether `part` equals the last axes of `shape` (leading 1s aside), with at least
    /// one element: broadcasting it then repeats it whole along the leading axes.
    @inlinable
    static func isTrailing(_ part: [Int], of shape: [Int]) -> Bool {
        var p = part[...]
        while p.first == 1 && p.count > 1 { p = p.dropFirst() }
        guard p.count <= shape.count, !p.contains(0) else { return false }
        return p.elementsEqual(shape[(shape.count - p.count)...])
    }

    /// Calls `body` with the buffer offsets of corresponding elements of two arrays of the
    /// same shape, in row-major order.
    @inlinable
    static func forEachOffsetPair(_ a: NDArray, _ b: NDArray, _ body: (Int, Int) -> Void) {
        let shape = a.shape, n = shape.count
        if n == 0 { body(a.offset, b.offset); return }
        if shape.contains(0) { return }
        let stridesA = a.strides, stridesB = b.strides
        let inner = shape[n - 1], sa = stridesA[n - 1], sb = stridesB[n - 1]
        var index = [Int](repeating: 0, count: n)
        var baseA = a.offset, baseB = b.offset
        while true {
            var pa = baseA, pb = baseB
            for _ in 0..<inner { body(pa, pb); pa += sa; pb += sb }
            var axis = n - 2
            while axis >= 0 {
                index[axis] += 1
                baseA += stridesA[axis]; baseB += stridesB[axis]
                if index[axis] < shape[axis] { break }
                baseA -= stridesA[axis] * shape[axis]; baseB -= stridesB[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }
}

// MARK: - Arithmetic

extension NDArray {
    static let booleanSubtract = "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."
    static let booleanSign = "ufunc 'sign' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None"
    static let booleanNegative = "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead."

    /// `a + b` (bool: logical or; int64 wraps).
    public static func + (a: NDArray, b: NDArray) throws -> NDArray {
        return try arithmetic(a, b, operation: "add", float: +, integer: &+, boolean: { $0 || $1 })
    }
    /// `a - b` (int64 wraps; two bools are an error, as numpy's).
    public static func - (a: NDArray, b: NDArray) throws -> NDArray {
        return try arithmetic(a, b, operation: "sub", float: -, integer: &-, booleanError: booleanSubtract)
    }
    /// `a * b` (bool: logical and; int64 wraps).
    public static func * (a: NDArray, b: NDArray) throws -> NDArray {
        return try arithmetic(a, b, operation: "mul", float: *, integer: &*, boolean: { $0 && $1 })
    }
    /// `a / b`, numpy's true division: integers and bools divide as float64.
    public static func / (a: NDArray, b: NDArray) throws -> NDArray {
        return try combine(a, b, operation: "div", /)
    }
    /// `-a` (int64 wraps; bool is an error, as numpy's).
    public static prefix func - (a: NDArray) throws -> NDArray {
        try a.mapTyped(operation: "negative", float: { -$0 }, integer: { 0 &- $0 }, booleanError: booleanNegative)
    }

    /// `a ** b` elementwise: C's `pow` for floats; exact (wrapping) for integers, where a
    /// negative exponent is numpy's error; bools as int64.
    public func power(_ b: NDArray) throws -> NDArray {
        let r = NDArray.resultType(self, b)
        if r == .int64 || r == .bool, try b.astype(.int64, operation: "pow").integers.contains(where: { $0 < 0 }) {
            throw TensorError.invalid(operation: "pow", message: "Integers to negative integer powers are not allowed.")
        }
        return try NDArray.arithmetic(self, b, operation: "pow", float: Glibc.pow, integer: NDArray.integerPower)
    }

    /// `base ** exponent` for int64, wrapping on overflow (numpy's loop: square and multiply).
    @inlinable
    public static func integerPower(_ base: Int64, _ exponent: Int64) -> Int64 {
        var result: Int64 = 1, b = base, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result &* b }
            e >>= 1
            if e > 0 { b = b &* b }
        }
        return result
    }

    /// The remainder with the sign of the divisor, as numpy's `mod` (Python's `%`); an
    /// integer `% 0` is 0, as numpy gives (with a warning dz does not print).
    public func mod(_ b: NDArray) throws -> NDArray {
        return try NDArray.arithmetic(self, b, operation: "mod", float: NDArray.pythonMod, integer: NDArray.integerMod)
    }

    /// `a // b`, numpy's `floor_divide`: the floor of the quotient for floats (`npy_divmod`),
    /// Python's floored division for integers, where `// 0` is 0 as numpy gives.
    public static func floorDivide(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        return try arithmetic(a, b, operation: "floor_divide", float: floorQuotient, integer: integerFloorDivide)
    }

    /// Python's floored modulo for int64 (0 for a zero divisor, as numpy).
    @inlinable
    public static func integerMod(_ a: Int64, _ b: Int64) -> Int64 {
        if b == 0 || b == -1 { return 0 }
        let r = a % b
        return r != 0 && (r < 0) != (b < 0) ? r + b : r
    }

    /// Python's floored division for int64 (0 for a zero divisor; `min // -1` wraps to
    /// `min`, as numpy's).
    @inlinable
    public static func integerFloorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        if b == 0 { return 0 }
        if b == -1 { return 0 &- a }
        let q = a / b
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q
    }

    /// numpy's `npy_floor_divide` for doubles: `a / b` for a zero divisor, else the floored
    /// quotient from `npy_divmod`.
    @inlinable
    public static func floorQuotient(_ a: Double, _ b: Double) -> Double {
        if b == 0 { return a / b }
        let mod = fmod(a, b)
        var div = (a - mod) / b
        if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
        if div != 0 {
            var floorDiv = div.rounded(.down)
            if div - floorDiv > 0.5 { floorDiv += 1 }
            return floorDiv
        }
        return copysign(0, a / b)
    }

    /// Python's floored modulo for doubles, as numpy's `npy_divmod`.
    @inlinable
    public static func pythonMod(_ a: Double, _ b: Double) -> Double {
        var mod = fmod(a, b)
        if b == 0 { return mod }
        if mod != 0 {
            if (b < 0) != (mod < 0) { mod += b }
        } else {
            mod = copysign(0.0, b)
        }
        return mod
    }

    /// The larger of each pair of elements; NaN if either is NaN (numpy's `maximum`).
    public static func maximum(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try arithmetic(a, b, operation: "maximum", float: { x, y in (x >= y || x.isNaN) ? x : y },
                       integer: { Swift.max($0, $1) }, boolean: { $0 || $1 })
    }

    /// The smaller of each pair of elements; NaN if either is NaN (numpy's `minimum`).
    public static func minimum(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try arithmetic(a, b, operation: "minimum", float: { x, y in (x <= y || x.isNaN) ? x : y },
                       integer: { Swift.min($0, $1) }, boolean: { $0 && $1 })
    }

    /// Elements limited to `[low, high]` (numpy's `clip`: `minimum(maximum(x, low), high)`).
    public func clipped(_ low: NDArray, _ high: NDArray) throws -> NDArray {
        _ = try NDArray.broadcastShape([shape, low.shape, high.shape], operation: "clip")
        return try NDArray.minimum(try NDArray.maximum(self, low), high)
    }
}

// MARK: - Comparisons (bool results)

extension NDArray {
    /// `true` where `a == b`, else `false`.
    public static func equal(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try compare(a, b, operation: "equal", { $0 == $1 }, { $0 == $1 })
    }
    /// `true` where `a != b`, else `false`.
    public static func notEqual(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try compare(a, b, operation: "not_equal", { $0 != $1 }, { $0 != $1 })
    }
    /// `true` where `a < b`, else `false`.
    public static func less(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try compare(a, b, operation: "less", { $0 < $1 }, { $0 < $1 })
    }
    /// `true` where `a <= b`, else `false`.
    public static func lessEqual(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try compare(a, b, operation: "less_equal", { $0 <= $1 }, { $0 <= $1 })
    }
    /// `true` where `a > b`, else `false`.
    public static func greater(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try compare(a, b, operation: "greater", { $0 > $1 }, { $0 > $1 })
    }
    /// `true` where `a >= b`, else `false`.
    public static func greaterEqual(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try compare(a, b, operation: "greater_equal", { $0 >= $1 }, { $0 >= $1 })
    }
}

// MARK: - Elementary functions

extension NDArray {
    /// `e ** x` elementwise.
    public func exp() throws -> NDArray { try map(operation: "exp", Glibc.exp) }
    /// The natural logarithm elementwise (`-inf` at 0, NaN below).
    public func log() throws -> NDArray { try map(operation: "log", Glibc.log) }
    /// The sine elementwise.
    public func sin() throws -> NDArray { try map(operation: "sin", Glibc.sin) }
    /// The cosine elementwise.
    public func cos() throws -> NDArray { try map(operation: "cos", Glibc.cos) }
    /// The tangent elementwise.
    public func tan() throws -> NDArray { try map(operation: "tan", Glibc.tan) }
    /// The hyperbolic tangent elementwise (`VectorTanh`: within 1 ulp, vectorized).
    public func tanh() throws -> NDArray { try map(operation: "tanh", kernel: VectorTanh.tanh, scalar: VectorTanh.tanh) }
    /// The square root elementwise (NaN below 0).
    public func sqrt() throws -> NDArray { try map(operation: "sqrt") { $0.squareRoot() } }
    /// The absolute value elementwise.
    public func abs() throws -> NDArray {
        try mapTyped(operation: "abs", float: { Swift.abs($0) }, integer: { $0 < 0 ? 0 &- $0 : $0 }, boolean: { $0 })
    }
    /// The logistic function `1 / (1 + e^-x)`, computed as `tanh(x/2)/2 + 1/2` (DeZero's
    /// form, on `VectorTanh`), which neither overflows nor loses precision for large `|x|`.
    public func sigmoid() throws -> NDArray { try map(operation: "sigmoid", kernel: VectorTanh.sigmoid, scalar: VectorTanh.sigmoid) }
    /// `max(x, 0)` elementwise (NaN stays NaN).
    public func relu() throws -> NDArray {
        try mapTyped(operation: "relu", float: { ($0 >= 0 || $0.isNaN) ? $0 : 0 }, integer: { Swift.max($0, 0) }, boolean: { $0 })
    }
    /// The sign (`-1`, `0` or `1`; NaN stays NaN).
    public func sign() throws -> NDArray {
        try mapTyped(operation: "sign", float: { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) }, integer: { $0.signum() },
                     booleanError: NDArray.booleanSign)
    }
}
