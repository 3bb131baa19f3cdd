#if canImport(Glibc)
import Glibc
#endif

// numpy's prod, cumsum, where, sign, floor and ceil on arrays.

extension NDArray {
    /// The product over `axes` (all axes when `nil`), multiplied in numpy's loop order
    /// (`np.prod`: sequential, not pairwise). An empty product is 1, as numpy's.
    public func product(axes: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        let normalized = try NDArray.normalizeAxes(axes ?? Array(0..<ndim), ndim: ndim, operation: "prod")
        if normalized.contains(where: { shape[$0] == 0 }) {
            let ones = try NDArray.full(NDArray.reducedShape(shape, axes: normalized, keepdims: keepdims), 1)
            return try ones.astype(dtype.isFloating ? dtype : .int64, operation: "prod")
        }
        switch dtype {
        case .float64:
            return try reduce(axes: normalized, keepdims: keepdims, operation: "prod", dtype: .float64, initial: 1, pairwise: false, *)
        case .float32:
            return try reduce(axes: normalized, keepdims: keepdims, operation: "prod", dtype: .float32, initial: 1, pairwise: false) {
                NDArray.roundedToFloat32($0 * $1)
            }
        case .int64, .bool:
            return try astype(.int64, operation: "prod").reduce(axes: normalized, keepdims: keepdims, operation: "prod", dtype: .int64,
                                                                initial: NDArray.slot(1), pairwise: false) {
                NDArray.slot(NDArray.integer($0) &* NDArray.integer($1))
            }
        }
    }

    /// The running sum along `axis` (`np.cumsum(x, axis)`), added in order from the first
    /// element, as numpy's `add.accumulate`; with `reverse`, from the last element (the
    /// gradient of a cumulative sum, `flip(cumsum(flip(x)))` without the copies).
    public func cumulativeSum(axis: Int, reverse: Bool = false) throws -> NDArray {
        let axis = try NDArray.normalizeAxis(axis, ndim: ndim, operation: "cumsum")
        if !dtype.isFloating {
            // Integers and bools accumulate exactly in int64, as numpy's.
            var values = try astype(.int64, operation: "cumsum").integers
            NDArray.accumulate(&values, shape: shape, axis: axis, reverse: reverse) { $0 &+ $1 }
            return try NDArray(shape: shape, integers: values)
        }
        var values = try contiguous(operation: "cumsum").scalars
        let round = dtype == .float32
        NDArray.accumulate(&values, shape: shape, axis: axis, reverse: reverse) { round ? NDArray.roundedToFloat32($0 + $1) : $0 + $1 }
        return try NDArray(shape: shape, slots: values, dtype: dtype)
    }

    /// `values[k] = add(values[k], values[k - 1])` along `axis` of `shape`, from the start
    /// (or the end).
    static func accumulate<T>(_ values: inout [T], shape: [Int], axis: Int, reverse: Bool, _ add: (T, T) -> T) {
        let n = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        let outer = shape[..<axis].reduce(1, *)
        if n > 1 {
            for o in 0..<outer {
                let base = o * n * inner
                for step in 1..<n {
                    let k = reverse ? n - 1 - step : step
                    let row = base + k * inner, previous = reverse ? row + inner : row - inner
                    for i in 0..<inner { values[row + i] = add(values[row + i], values[previous + i]) }
                }
            }
        }
    }

    /// For each row of the last axis, the product of the elements before each one (1 for
    /// the first), or with `reverse` after it: an inclusive scan by doubling shifts
    /// (`y[i] *= y[i - s]` for s = 1, 2, 4, ...), then a shift by one. (The gradient of a
    /// product; the same multiplications as its differentiable form, so the same bits.)
    public func exclusiveProducts(reverse: Bool = false) throws -> NDArray {
        let n = shape.last ?? 1
        let dtype = self.dtype.floatKernelResult
        var values = try contiguous(operation: "prod").scalars
        guard n > 0 else { return try NDArray(shape: shape, scalars: values, dtype: dtype) }
        let rows = values.count / n
        var previous = [Double](repeating: 1, count: n)
        for r in 0..<rows {
            let base = r * n
            // Position j of the scan is element j from the start (or from the end).
            @inline(__always) func at(_ j: Int) -> Int { reverse ? base + n - 1 - j : base + j }
            var s = 1
            while s < n {
                for j in 0..<n { previous[j] = values[at(j)] }
                for j in s..<n { values[at(j)] = previous[j] * previous[j - s] }
                s *= 2
            }
            for j in stride(from: n - 1, to: 0, by: -1) { values[at(j)] = values[at(j - 1)] }
            values[at(0)] = 1
        }
        return try NDArray(shape: shape, scalars: values, dtype: dtype)
    }

    /// `np.where(condition, a, b)`: `a` where `condition` is nonzero, else `b`, the three
    /// broadcast together.
    public static func select(_ condition: NDArray, _ a: NDArray, _ b: NDArray) throws -> NDArray {
        let shape = try broadcastShape([condition.shape, a.shape, b.shape], operation: "where")
        let dtype = resultType(a, b)
        let c = try condition.broadcast(to: shape).scalars
        let x = try a.astype(dtype, operation: "where").broadcast(to: shape).rawSlots
        var out = try b.astype(dtype, operation: "where").broadcast(to: shape).rawSlots
        for i in out.indices where c[i] != 0 { out[i] = x[i] }
        return try NDArray(shape: shape, slots: out, dtype: dtype)
    }

    /// numpy's `sign`: -1, 0 or 1 (0 for -0.0 too); nan stays nan.
    public func numpySign() throws -> NDArray {
        try mapTyped(operation: "sign", float: { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0 == 0 ? 0 : $0)) }, integer: { $0.signum() },
                     booleanError: NDArray.booleanSign)
    }

    /// The largest integer not above each element (`np.floor`).
    public func floor() throws -> NDArray { try map(operation: "floor") { Glibc.floor($0) } }

    /// The smallest integer not below each element (`np.ceil`).
    public func ceil() throws -> NDArray { try map(operation: "ceil") { Glibc.ceil($0) } }
}
