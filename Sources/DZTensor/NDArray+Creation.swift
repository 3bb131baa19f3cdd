#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Creating arrays: numpy's zeros, ones, full, arange, linspace, eye and nested literals.

extension NDArray {
    /// An array of `shape` filled with `value` (numpy's `full`).
    public static func full(_ shape: [Int], _ value: Double) throws -> NDArray {
        let count = try checkedCount(shape, operation: "full")
        let result = try NDArray(uninitializedShape: shape, count: count, operation: "full", dtype: .float64)
        result.buffer.base.initialize(repeating: value, count: count)
        return result
    }

    /// An array of zeros.
    public static func zeros(_ shape: [Int]) throws -> NDArray { try full(shape, 0) }

    /// An array of ones.
    public static func ones(_ shape: [Int]) throws -> NDArray { try full(shape, 1) }

    /// An array of ones of `dtype` (numpy's `ones(shape, dtype)`), filled in one pass: the
    /// seed gradient `ones_like(y)` of every backward.
    public static func ones(_ shape: [Int], dtype: DType) throws -> NDArray {
        let count = try checkedCount(shape, operation: "ones")
        let result = try NDArray(uninitializedShape: shape, count: count, operation: "ones", dtype: dtype)
        result.buffer.base.initialize(repeating: dtype == .int64 ? slot(1) : 1, count: count)
        return result
    }

    /// Evenly spaced values in `[start, stop)` (numpy's `arange`, including its way of
    /// computing the step as `(start + step) - start`).
    public static func arange(_ start: Double, _ stop: Double, _ step: Double = 1) throws -> NDArray {
        guard step != 0 else { throw TensorError.invalid(operation: "arange", message: "step must not be zero") }
        guard start.isFinite, stop.isFinite, step.isFinite else {
            throw TensorError.invalid(operation: "arange", message: "arguments must be finite, got start \(formatScalar(start)), stop \(formatScalar(stop)), step \(formatScalar(step))")
        }
        let length = ((stop - start) / step).rounded(.up)
        guard length < 9.0e15 else {
            throw TensorError.invalid(operation: "arange", message: "an array of shape (\(formatScalar(length)),) does not fit in this machine's memory")
        }
        // Empty when stop is before start, even by more than the largest double (-inf).
        let n = length > 0 ? Int(length) : 0
        _ = try checkedCount([n], operation: "arange")
        let result = try NDArray(uninitializedShape: [n], count: n, operation: "arange", dtype: .float64)
        let out = result.buffer.base
        if n > 0 { out[0] = start }
        if n > 1 {
            let next = start + step
            let delta = next - start
            out[1] = next
            for i in 2..<n { out[i] = start + Double(i) * delta }
        }
        return result
    }

    /// `num` evenly spaced values from `start` to `stop` inclusive (numpy's `linspace`).
    public static func linspace(_ start: Double, _ stop: Double, count num: Int = 50) throws -> NDArray {
        guard num >= 0 else {
            throw TensorError.invalid(operation: "linspace", message: "number of samples, \(num), must be non-negative")
        }
        _ = try checkedCount([num], operation: "linspace")
        let result = try NDArray(uninitializedShape: [num], count: num, operation: "linspace", dtype: .float64)
        let out = result.buffer.base
        let div = Double(num - 1), delta = stop - start
        let step = div > 0 ? delta / div : .nan
        for i in 0..<num {
            if div > 0 {
                out[i] = step == 0 ? (Double(i) / div) * delta + start : Double(i) * step + start
            } else {
                out[i] = Double(i) * delta + start
            }
        }
        if num > 1 { out[num - 1] = stop }
        return result
    }

    /// An `n`×`m` matrix with ones on the `k`-th diagonal (numpy's `eye`).
    public static func eye(_ n: Int, _ m: Int? = nil, k: Int = 0) throws -> NDArray {
        let cols = m ?? n
        let result = try zeros([n, cols])
        let out = result.buffer.base
        for i in 0..<n {
            let j = i + k
            if j >= 0 && j < cols { out[i * cols + j] = 1 }
        }
        return result
    }

    /// A nested literal: equal-shaped arrays stacked along a new first axis
    /// (`[[1, 2], [3, 4]]` is `nested([nested([1, 2]), nested([3, 4])])`).
    public static func nested(_ elements: [NDArray]) throws -> NDArray {
        guard let first = elements.first else { return NDArray([]) }
        for x in elements where x.shape != first.shape {
            throw TensorError.invalid(operation: "array",
                message: "setting an array element with a sequence: the nested lists have an inhomogeneous shape (\(formatShape(first.shape)) and \(formatShape(x.shape)))")
        }
        // numpy's np.array of mixed elements: the promoted dtype (`[1, 2.5]` is float64).
        let dtype = elements.dropFirst().reduce(first.dtype) { DType.promote($0, $1.dtype) }
        if elements.contains(where: { $0.dtype != dtype }) { return try nested(elements.map { try $0.astype(dtype) }) }
        let count = try checkedCount([elements.count] + first.shape, operation: "array")
        let result = try NDArray(uninitializedShape: [elements.count] + first.shape, count: count, operation: "array", dtype: dtype)
        var p = result.buffer.base
        for x in elements {
            let c = try x.contiguous(operation: "array")
            p.update(from: c.buffer.base + c.offset, count: c.size)
            p += c.size
        }
        return result
    }
}
