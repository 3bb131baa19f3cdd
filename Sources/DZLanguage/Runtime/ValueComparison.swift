// `==` between values that are not both tensors: tuples element by element, as Python.

/// One `==` between values: remembers the pairs of tuple storages already found equal.
struct ValueComparison {
    let isInterrupted: () -> Bool
    private var equalPairs = Set<Pair>()
    private var nodes = 0

    init(isInterrupted: @escaping () -> Bool) { self.isInterrupted = isInterrupted }

    private struct Pair: Hashable { let a: UInt, b: UInt }

    /// The address of a tuple's element storage: its identity while it is alive.
    private static func identity(_ items: [Value]) -> UInt {
        items.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    }

    mutating func equal(_ l: Value, _ r: Value) throws -> Bool {
        nodes += 1
        if nodes & 0xfff == 0, isInterrupted() { throw ValueWalkInterrupted() }
        switch (l, r) {
        case (.none, .none): return true
        case (.string(let a), .string(let b)): return a == b
        case (.tuple(let a), .tuple(let b)):
            guard a.count == b.count else { return false }
            let pair = Pair(a: ValueComparison.identity(a), b: ValueComparison.identity(b))
            if pair.a == pair.b || equalPairs.contains(pair) { return true }
            for (x, y) in zip(a, b) where !(try equal(x, y)) { return false }
            equalPairs.insert(pair)
            return true
        case (.tensor(let a), .tensor(let b)): return a === b || (a.shape == b.shape && a.data.hasSameElements(as: b.data))
        case (.function(let a), .function(let b)): return a === b
        case (.object(let a), .object(let b)): return a === b
        // `x.dtype == "float32"`: a dtype equals its name, as numpy's dtype does.
        case (.object(let d as DTypeObject), .string(let s)), (.string(let s), .object(let d as DTypeObject)):
            return DType(name: s) == d.dtype
        default: return false
        }
    }
}
