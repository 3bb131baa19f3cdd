// Indexing (numpy's basic indexing plus one integer array) and its adjoint, scatter-add.

/// One component of an index expression such as `x[0, 1:3, idx]`.
public enum IndexItem: @unchecked Sendable {
    /// A single position; negative counts from the end. Removes the axis.
    case index(Int)
    /// `start:stop:step` with Python's rules; `nil` parts take their defaults (`:` is all nil).
    case slice(start: Int?, stop: Int?, step: Int?)
    /// An array of integer-valued positions along one axis; its shape replaces the axis.
    case array(NDArray)

    /// The full slice `:`.
    public static let all = IndexItem.slice(start: nil, stop: nil, step: nil)
}

extension NDArray {
    /// The elements selected by `index`, as numpy's `x[index]` (always a new array).
    public func gathered(_ index: [IndexItem]) throws -> NDArray {
        let plan = try NDArray.indexPlan(shape: shape, index: index)
        let c = try contiguous(operation: "index")
        let count = try NDArray.checkedCount(plan.shape, operation: "index")
        let result = try NDArray(uninitializedShape: plan.shape, count: count, operation: "index", dtype: dtype)
        let out = result.buffer.base, src = c.buffer.base + c.offset
        for (i, o) in plan.offsets.enumerated() { out[i] = src[o] }
        return result
    }

    /// The adjoint of ``gathered(_:)``: an array of `shape` that is zero except where `index`
    /// selects, where the elements of `self` are added (repeated positions accumulate, as
    /// numpy's `np.add.at`).
    public func scatterAdded(_ index: [IndexItem], into shape: [Int]) throws -> NDArray {
        let plan = try NDArray.indexPlan(shape: shape, index: index)
        guard plan.shape == self.shape else {
            throw TensorError.invalid(operation: "scatter_add",
                message: "values of shape \(formatShape(self.shape)) do not match the indexed shape \(formatShape(plan.shape))")
        }
        let result = try NDArray.zeros(shape)
        let out = result.buffer.base
        let c = try contiguous(operation: "scatter_add")
        let src = c.buffer.base + c.offset
        for (i, o) in plan.offsets.enumerated() { out[o] += src[i] }
        return result
    }

    /// Throws ``TensorError/tooLarge(operation:shape:)`` unless `count` offsets fit in memory.
    static func admitOffsets(_ count: Int, shape: [Int]) throws {
        guard MemoryLimit.admits(bytes: count * MemoryLayout<Int>.stride) else {
            throw TensorError.tooLarge(operation: "index", shape: shape)
        }
    }

    /// The result shape of an index and the row-major offset, in an array of `shape`, of
    /// every selected element.
    static func indexPlan(shape: [Int], index: [IndexItem]) throws -> (shape: [Int], offsets: [Int]) {
        let ndim = shape.count
        guard index.count <= ndim else {
            throw TensorError.invalid(operation: "index",
                message: "too many indices for array: array is \(ndim)-dimensional, but \(index.count) were indexed")
        }
        let strides = contiguousStrides(for: shape)
        // Each output "dimension" contributes one of its offsets; the array item is one
        // dimension here whose extent is the array's size.
        var dims: [[Int]] = []
        var base = 0
        var arrayDim: Int? = nil
        var arrayShape: [Int] = []
        var advancedItems: [Int] = []   // item positions of ints and the array (numpy's advanced indices)
        var hasArray = false
        for (axis, item) in index.enumerated() {
            if case .array = item {
                guard !hasArray else {
                    throw TensorError.invalid(operation: "index", message: "only one integer array index is supported")
                }
                hasArray = true
            }
            _ = axis
        }
        for (axis, item) in index.enumerated() {
            let n = shape[axis], stride = strides[axis]
            switch item {
            case .index(let i):
                guard i >= -n && i < n else { throw TensorError.indexOutOfRange(operation: "index", index: i, axis: axis, size: n) }
                base += (i < 0 ? i + n : i) * stride
                advancedItems.append(axis)
            case let .slice(start, stop, step):
                let (s, len, st) = try sliceBounds(start: start, stop: stop, step: step, count: n)
                try admitOffsets(len, shape: shape)
                dims.append((0..<len).map { (s + $0 * st) * stride })
            case .array(let positions):
                var contributions: [Int] = []
                contributions.reserveCapacity(positions.size)
                for v in positions.scalars {
                    guard v.rounded() == v, v.isFinite else {
                        throw TensorError.invalid(operation: "index",
                            message: "arrays used as indices must hold integers, got \(formatScalar(v))")
                    }
                    guard v >= Double(-n) && v < Double(n) else {
                        // The index as written, even beyond Int's range (1e300).
                        guard let i = Int(exactly: v) else {
                            throw TensorError.invalid(operation: "index",
                                message: "index \(formatCount(v)) is out of bounds for axis \(axis) with size \(n)")
                        }
                        throw TensorError.indexOutOfRange(operation: "index", index: i, axis: axis, size: n)
                    }
                    let i = Int(v)
                    contributions.append((i < 0 ? i + n : i) * stride)
                }
                arrayDim = dims.count
                arrayShape = positions.shape
                dims.append(contributions)
                advancedItems.append(axis)
            }
        }
        for axis in index.count..<ndim {
            try admitOffsets(shape[axis], shape: shape)
            dims.append((0..<shape[axis]).map { $0 * strides[axis] })
        }
        // numpy: advanced indices separated by a slice put their dimensions first.
        var resultShape = dims.map(\.count)
        if let a = arrayDim {
            let adjacent = advancedItems.isEmpty || advancedItems.last! - advancedItems.first! + 1 == advancedItems.count
            if !adjacent && a != 0 {
                dims.insert(dims.remove(at: a), at: 0)
                resultShape = dims.map(\.count)
                resultShape.replaceSubrange(0...0, with: arrayShape)
            } else {
                resultShape.replaceSubrange(a...a, with: arrayShape)
            }
        }
        let total = try checkedCount(dims.map(\.count), operation: "index")
        // The offsets take as much memory as the result will: both must fit.
        try admitOffsets(2 * total, shape: resultShape)
        var offsets = [Int](repeating: base, count: total)
        if total > 0 {
            // Odometer over dims, last fastest.
            var counter = [Int](repeating: 0, count: dims.count)
            var current = base + dims.reduce(0) { $0 + $1[0] }
            for i in 0..<total {
                offsets[i] = current
                var d = dims.count - 1
                while d >= 0 {
                    let old = counter[d]
                    counter[d] += 1
                    if counter[d] < dims[d].count {
                        current += dims[d][counter[d]] - dims[d][old]
                        break
                    }
                    counter[d] = 0
                    current += dims[d][0] - dims[d][old]
                    d -= 1
                }
            }
        }
        return (resultShape, offsets)
    }

    /// Python's slice rules (`slice.indices`): the first position, the length and the step.
    public static func sliceBounds(start: Int?, stop: Int?, step: Int?, count n: Int) throws -> (start: Int, length: Int, step: Int) {
        let step = step ?? 1
        guard step != 0 else { throw TensorError.invalid(operation: "index", message: "slice step cannot be zero") }
        let lower = step < 0 ? -1 : 0, upper = step < 0 ? n - 1 : n
        func adjust(_ v: Int?, _ defaultValue: Int) -> Int {
            guard var v else { return defaultValue }
            if v < 0 {
                v = v < -n ? lower : v + n
                if v < lower { v = lower }
            } else if v > upper {
                v = upper
            }
            return v
        }
        let s = adjust(start, step < 0 ? upper : lower)
        let e = adjust(stop, step < 0 ? lower : upper)
        let length: Int
        if step < 0 {
            length = e < s ? (s - e - 1) / (-step) + 1 : 0
        } else {
            length = s < e ? (e - s - 1) / step + 1 : 0
        }
        return (s, length, step)
    }
}
