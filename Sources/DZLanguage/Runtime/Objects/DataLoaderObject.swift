/// `DataLoader(x, t, batch_size, shuffle=true)`: DeZero's `DataLoader` over the rows of
/// `x` and `t`, iterated with `for bx, bt in loader { }`.
///
/// It keeps DeZero's order of random draws exactly: the loader draws a permutation
/// (`np.random.permutation(n)`, from the session's generator) when it is made and again
/// each time an epoch ends; there are `ceil(n / batch_size)` batches, the last one
/// shorter when `batch_size` does not divide `n`. As in DeZero the loader is its own
/// iterator: a loop left with `break` leaves the rest of the epoch to the next loop.
final class DataLoaderObject: IterableObject {
    let x: NDArray
    let t: NDArray?
    let batchSize: Int
    let shuffle: Bool
    let dataSize: Int
    let maxIter: Int
    private(set) var iteration = 0
    private(set) var index: [Int] = []
    weak var interpreter: Interpreter?

    init(x: NDArray, t: NDArray?, batchSize: Int, shuffle: Bool, interpreter: Interpreter) throws {
        guard x.ndim >= 1 else { throw BuiltinError("argument-value", "DataLoader(): x must have at least one axis") }
        if let t, t.ndim == 0 || t.shape[0] != x.shape[0] {
            throw BuiltinError("argument-value", "DataLoader(): x has \(x.shape[0]) rows but t has shape \(formatShape(t.shape))")
        }
        guard batchSize > 0 else { throw BuiltinError("argument-value", "DataLoader(): batch_size must be positive, got \(batchSize)") }
        self.x = x
        self.t = t
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dataSize = x.shape[0]
        self.maxIter = (dataSize + batchSize - 1) / batchSize
        self.interpreter = interpreter
        try reset(using: &interpreter.random)
    }

    /// DeZero's `reset`: back to the first batch, with a new permutation when shuffling.
    func reset(using random: inout RandomState) throws {
        iteration = 0
        index = shuffle ? try random.permutation(dataSize).scalars.map { Int($0) } : Array(0..<dataSize)
    }

    /// The next batch, or nil (after a reset, as DeZero's `__next__`) at the end of an epoch.
    func next() throws -> Value? {
        guard iteration < maxIter else {
            if let interpreter { try reset(using: &interpreter.random) } else { iteration = 0 }
            return nil
        }
        let start = iteration * batchSize
        let picked = index[start..<Swift.min(start + batchSize, dataSize)].map { Int64($0) }
        let rows = try NDArray(shape: [picked.count], integers: picked)
        iteration += 1
        let bx = Value.array(try x.gathered([.array(rows)]))
        guard let t else { return bx }
        return .tuple([bx, .array(try t.gathered([.array(rows)]))])
    }

    func makeIterator() -> () throws -> Value? { { try self.next() } }

    var typeName: String { "DataLoader" }
    var summary: String {
        "DataLoader(\(dataSize) samples, batch_size=\(batchSize), shuffle=\(shuffle)): \(maxIter) batches per epoch"
    }
    var attributeNames: [String] { ["batch_size", "data_size", "max_iter", "iteration", "shuffle", "reset"] }
    func attribute(_ name: String) -> Value? {
        switch name {
        case "batch_size": return .integer(batchSize)
        case "data_size": return .integer(dataSize)
        case "max_iter": return .integer(maxIter)
        case "iteration": return .integer(iteration)
        case "shuffle": return .bool(shuffle)
        case "reset":
            return method("reset", help: "Starts a new epoch (with a new permutation when shuffling).") { args in
                try self.reset(using: &args.interpreter.random)
                return .none
            }
        default: return nil
        }
    }
}
