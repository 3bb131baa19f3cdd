// Indexing (numpy's basic indexing plus one integer array) and its adjoint, scatter-add.

/// One component of an index expression such as `x[0, 1:3, idx]`.
public enum IndexItem: @unchecked Sendable {
    /// A single position; negative counts from the end. Removes the axis.
    case index(Int)
    /// `start:stop:step` with Python's rules; `nil` parts take their defaults (`:` is all nil).
    case slice(start: Int?, stop: Int?, step: Int?)
    /// An int64 array of positions along one axis, or a bool mask over as many axes as it
    /// has (numpy's advanced indexing: the arrays broadcast together, and their shape
    /// replaces the axes they index).
    case array(NDArray)
    /// `...`: as many `:` as the axes the other items leave.
    case ellipsis
    /// `none` (numpy's `newaxis`): a new axis of extent 1.
    case newAxis

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
        let result = try NDArray.zeros(shape).astype(dtype, operation: "scatter_add")
        let out = result.buffer.base
        let c = try contiguous(operation: "scatter_add")
        let src = c.buffer.base + c.offset
        switch dtype {
        case .float64: for (i, o) in plan.offsets.enumerated() { out[o] += src[i] }
        case .float32: for (i, o) in plan.offsets.enumerated() { out[o] = NDArray.roundedToFloat32(out[o] + src[i]) }
        case .int64: for (i, o) in plan.offsets.enumerated() { out[o] = NDArray.slot(NDArray.integer(out[o]) &+ NDArray.integer(src[i])) }
        case .bool: for (i, o) in plan.offsets.enumerated() where src[i] != 0 { out[o] = 1 }
        }
        return result
    }

    /// Throws ``TensorError/tooLarge(operation:shape:)`` unless `count` offsets fit in memory.
    static func admitOffsets(_ count: Int, shape: [Int]) throws {
        guard MemoryLimit.admits(bytes: count * MemoryLayout<Int>.stride) else {
            throw TensorError.tooLarge(operation: "index", shape: shape)
        }
    }

    /// The result shape of an index and the row-major offset, in an array of `shape`, of
    /// every selected element, with numpy's rules: `...` expands to the axes left, `none`
    /// adds an axis, a bool mask stands for the integer arrays of its true positions
    /// (row-major, as `nonzero`), integer arrays (and integers beside them) broadcast
    /// together, and their shape goes where they stand when they are adjacent, else first.
    static func indexPlan(shape: [Int], index: [IndexItem]) throws -> (shape: [Int], offsets: [Int]) {
        let items = try expanded(index, ndim: shape.count)
        let strides = contiguousStrides(for: shape)
        // Output dimensions: each contributes one of its offsets. The advanced items (integer
        // arrays, masks, and integers when there is an array) become one dimension whose
        // offsets are the broadcast combinations; `advancedShape` replaces its extent.
        var dims: [[Int]] = []
        var base = 0
        var advanced: [(positions: [Int], shape: [Int], stride: Int)] = []
        var advancedDim: Int? = nil
        var advancedItems: [Int] = []   // positions in `items` of ints and arrays
        var axis = 0
        let hasArray = items.contains { if case .array = $0 { return true } else { return false } }
        for (position, item) in items.enumerated() {
            switch item {
            case .index(let i):
                let n = shape[axis]
                guard i >= -n && i < n else { throw TensorError.indexOutOfRange(operation: "index", index: i, axis: axis, size: n) }
                base += (i < 0 ? i + n : i) * strides[axis]
                if hasArray { advancedItems.append(position) }
                axis += 1
            case let .slice(start, stop, step):
                let n = shape[axis], stride = strides[axis]
                let (s, len, st) = try sliceBounds(start: start, stop: stop, step: step, count: n)
                try admitOffsets(len, shape: shape)
                dims.append((0..<len).map { (s + $0 * st) * stride })
                axis += 1
            case .newAxis:
                dims.append([0])
            case .ellipsis:
                break   // removed by `expanded`
            case .array(let a):
                if advancedDim == nil { advancedDim = dims.count; dims.append([]) }
                advancedItems.append(position)
                if a.dtype == .bool {
                    let covered = Array(shape[axis..<(axis + a.ndim)])
                    let positions = try maskPositions(a, covering: covered, from: axis)
                    for (k, p) in positions.enumerated() {
                        advanced.append((p, [p.count], strides[axis + k]))
                    }
                    axis += a.ndim
                } else {
                    advanced.append((try integerPositions(a, axis: axis, size: shape[axis]), a.shape, strides[axis]))
                    axis += 1
                }
            }
        }
        var resultShape = dims.map(\.count)
        if let d = advancedDim {
            let broadcastShape: [Int]
            do {
                broadcastShape = try NDArray.broadcastShape(advanced.map(\.shape), operation: "index")
            } catch {
                throw TensorError.invalid(operation: "index", message: "shape mismatch: indexing arrays could not be broadcast together with shapes "
                    + advanced.map { formatShape($0.shape) }.joined(separator: " "))
            }
            let count = try checkedCount(broadcastShape, operation: "index")
            try admitOffsets(count, shape: broadcastShape)
            var offsets = [Int](repeating: 0, count: count)
            for item in advanced {
                let view = try NDArray(shape: item.shape, scalars: item.positions.map(Double.init)).broadcast(to: broadcastShape)
                let values = view.rawSlots
                for i in 0..<count { offsets[i] += Int(values[i]) * item.stride }
            }
            dims[d] = offsets
            let adjacent = advancedItems.last! - advancedItems.first! + 1 == advancedItems.count
            var place = d
            if !adjacent && d != 0 { dims.insert(dims.remove(at: d), at: 0); place = 0 }
            resultShape = dims.map(\.count)
            resultShape.replaceSubrange(place...place, with: broadcastShape)
        }
        let total = try checkedCount(dims.map(\.count), operation: "index")
        // The offsets take as much memory as the result will: both must fit.
        try admitOffsets(2 * total, shape: resultShape)
        var offsets = [Int](repeating: base, count: total)
        if total > 0 && !dims.isEmpty {
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

    /// The index with `...` replaced by the `:`s it stands for and `:` added for the axes
    /// left at the end; checks that the items fit `ndim` axes.
    static func expanded(_ index: [IndexItem], ndim: Int) throws -> [IndexItem] {
        var consumed = 0, ellipses = 0
        for item in index {
            switch item {
            case .index, .slice: consumed += 1
            case .array(let a):
                if a.dtype == .bool {
                    guard a.ndim > 0 else {
                        throw TensorError.invalid(operation: "index", message: "a 0-d bool index (x[true]) is not supported; use none to add an axis")
                    }
                    consumed += a.ndim
                } else {
                    consumed += 1
                }
            case .ellipsis: ellipses += 1
            case .newAxis: break
            }
        }
        guard ellipses <= 1 else { throw TensorError.invalid(operation: "index", message: "an index can only have a single ellipsis ('...')") }
        guard consumed <= ndim else {
            throw TensorError.invalid(operation: "index",
                message: "too many indices for array: array is \(ndim)-dimensional, but \(consumed) were indexed")
        }
        var out: [IndexItem] = []
        out.reserveCapacity(index.count + ndim - consumed)
        for item in index {
            if case .ellipsis = item {
                out += [IndexItem](repeating: .all, count: ndim - consumed)
            } else {
                out.append(item)
            }
        }
        if ellipses == 0 { out += [IndexItem](repeating: .all, count: ndim - consumed) }
        return out
    }

    /// The positions (made non-negative) of an integer index array along an axis of `size`.
    static func integerPositions(_ a: NDArray, axis: Int, size n: Int) throws -> [Int] {
        guard a.dtype == .int64 else {
            throw TensorError.invalid(operation: "index",
                message: "arrays used as indices must be of integer (or boolean) type, got \(a.dtype)")
        }
        var positions: [Int] = []
        positions.reserveCapacity(a.size)
        for v in a.integers {
            guard v >= -Int64(n) && v < Int64(n) else {
                throw TensorError.indexOutOfRange(operation: "index", index: Int(v), axis: axis, size: n)
            }
            positions.append(Int(v < 0 ? v + Int64(n) : v))
        }
        return positions
    }

    /// For a bool mask over axes of extents `covered` (starting at axis `from`): one list of
    /// positions per axis, the coordinates of its true elements in row-major order.
    static func maskPositions(_ mask: NDArray, covering covered: [Int], from axis: Int) throws -> [[Int]] {
        guard mask.shape == covered else {
            let k = (0..<covered.count).first { mask.shape[$0] != covered[$0] } ?? 0
            throw TensorError.invalid(operation: "index",
                message: "boolean index did not match indexed array along axis \(axis + k); size of axis is \(covered[k]) but size of corresponding boolean axis is \(mask.shape[k])")
        }
        let values = mask.rawSlots
        let strides = contiguousStrides(for: covered)
        var positions = [[Int]](repeating: [], count: covered.count)
        for (flat, v) in values.enumerated() where v != 0 {
            var rest = flat
            for k in 0..<covered.count {
                positions[k].append(rest / strides[k])
                rest %= strides[k]
            }
        }
        return positions
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
