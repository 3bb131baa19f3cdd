import DZTensor

/// `SeqDataLoader(dataset, batch_size)`: DeZero's loader for time series (steps 59-60). It
/// never shuffles: batch `k` of an epoch takes, for each of its `batch_size` rows `i`,
/// sample `(i * jump + k) % n` with `jump = n // batch_size`, so that each row of the batch
/// walks its own stretch of the series in order. There are `ceil(n / batch_size)` batches
/// per epoch, as in DeZero.
final class SeqDataLoaderObject: IterableObject {
    let x: NDArray
    let t: NDArray?
    let batchSize: Int
    let dataSize: Int
    let maxIter: Int
    private(set) var iteration = 0

    init(x: NDArray, t: NDArray?, batchSize: Int) throws {
        guard x.ndim >= 1, x.shape[0] > 0 else {
            throw BuiltinError("argument-value", "SeqDataLoader(): the data set must have at least one sample, got shape \(formatShape(x.shape))")
        }
        if let t, t.ndim == 0 || t.shape[0] != x.shape[0] {
            throw BuiltinError("argument-value", "SeqDataLoader(): x has \(x.shape[0]) samples but t has shape \(formatShape(t.shape))")
        }
        guard batchSize > 0 else { throw BuiltinError("argument-value", "SeqDataLoader(): batch_size must be positive, got \(batchSize)") }
        guard batchSize <= x.shape[0] else {
            throw BuiltinError("argument-value", "SeqDataLoader(): batch_size \(batchSize) is more than the \(x.shape[0]) samples")
        }
        self.x = x
        self.t = t
        self.batchSize = batchSize
        self.dataSize = x.shape[0]
        self.maxIter = (dataSize + batchSize - 1) / batchSize
    }

    /// The next batch, or nil (after going back to the start) at the end of an epoch.
    func next() throws -> Value? {
        guard iteration < maxIter else {
            iteration = 0
            return nil
        }
        let jump = dataSize / batchSize
        let rows = try NDArray(shape: [batchSize], integers: (0..<batchSize).map { Int64((($0 * jump) + iteration) % dataSize) })
        iteration += 1
        let bx = Value.array(try x.gathered([.array(rows)]))
        guard let t else { return bx }
        return .tuple([bx, .array(try t.gathered([.array(rows)]))])
    }

    func makeIterator() -> () throws -> Value? { { try self.next() } }

    var typeName: String { "SeqDataLoader" }
    var summary: String { "SeqDataLoader(\(dataSize) samples, batch_size=\(batchSize)): \(maxIter) batches per epoch" }
    var attributeNames: [String] { ["batch_size", "data_size", "max_iter", "iteration", "reset"] }
    func attribute(_ name: String) -> Value? {
        switch name {
        case "batch_size": return .integer(batchSize)
        case "data_size": return .integer(dataSize)
        case "max_iter": return .integer(maxIter)
        case "iteration": return .integer(iteration)
        case "reset":
            return method("reset", help: "Starts a new epoch.") { _ in
                self.iteration = 0
                return .none
            }
        default: return nil
        }
    }
}
