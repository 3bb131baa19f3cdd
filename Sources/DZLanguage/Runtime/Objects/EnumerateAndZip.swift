/// `enumerate(iterable, start=0)`: Python's enumerate, yielding `(i, item)` tuples with the
/// counter a 0-d tensor (as `range`'s counters). Like `range` it may be iterated again;
/// over a data loader it takes the loader's next epoch.
final class EnumerateObject: IterableObject {
    let source: Value
    let start: Int
    weak var interpreter: Interpreter?

    init(source: Value, start: Int, interpreter: Interpreter) {
        self.source = source
        self.start = start
        self.interpreter = interpreter
    }

    var typeName: String { "enumerate" }
    var summary: String { "enumerate(\(iterationSummary(source)))" + (start == 0 ? "" : ", start=\(start)") }
    var attributeNames: [String] { [] }
    func attribute(_ name: String) -> Value? { nil }

    func makeIterator() throws -> () throws -> Value? {
        guard let interpreter else { return { nil } }
        let inner = try interpreter.makeIterator(source, at: SourceRange.empty(at: 0))
        var i = start
        return {
            guard let item = try inner() else { return nil }
            defer { i += 1 }
            return .tuple([.integer(i), item])
        }
    }
}

/// `zip(a, b, ...)`: Python's zip, yielding tuples of one item from each iterable and
/// stopping at the shortest. Like `range` it may be iterated again.
final class ZipObject: IterableObject {
    let sources: [Value]
    weak var interpreter: Interpreter?

    init(sources: [Value], interpreter: Interpreter) {
        self.sources = sources
        self.interpreter = interpreter
    }

    var typeName: String { "zip" }
    var summary: String { "zip(" + sources.map(iterationSummary).joined(separator: ", ") + ")" }
    var attributeNames: [String] { [] }
    func attribute(_ name: String) -> Value? { nil }

    func makeIterator() throws -> () throws -> Value? {
        guard let interpreter, !sources.isEmpty else { return { nil } }
        let inners = try sources.map { try interpreter.makeIterator($0, at: SourceRange.empty(at: 0)) }
        var done = false
        return {
            guard !done else { return nil }
            var items: [Value] = []
            items.reserveCapacity(inners.count)
            for inner in inners {
                guard let item = try inner() else { done = true; return nil }
                items.append(item)
            }
            return .tuple(items)
        }
    }
}

/// Whether `for` can iterate over `v`; nil if so, else what it is (for errors).
func notIterable(_ v: Value) -> String? {
    switch v {
    case .tuple, .object(is IterableObject): return nil
    case .tensor(let t): return t.ndim > 0 ? nil : "a 0-d tensor (a number)"
    default: return BuiltinArguments.describe(v)
    }
}

/// A short description of an iterable for an object's one-line summary.
func iterationSummary(_ v: Value) -> String {
    switch v {
    case .tuple(let items): return "a tuple of \(items.count)"
    case .tensor(let t): return "a tensor of shape \(formatShape(t.shape))"
    case .object(let o): return o.summary
    default: return v.kindName
    }
}
