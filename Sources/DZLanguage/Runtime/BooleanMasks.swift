import DZAutodiff

// Truth values among float64 tensors.
//
// Until tensors have dtypes, a comparison gives a float64 tensor of 0s and 1s. numpy would
// give a bool array, and `x[x > 0]` would select elements (a mask) where dz would read the
// 0s and 1s as row numbers: a silent wrong value. So the tensors that numpy would make bool
// are marked (``Variable/holdsBooleans``), and indexing with one is an error that says masks
// are not supported yet. The mark starts at comparisons and at list literals of bools, and
// follows the operations that keep numpy's bool dtype: the shape builtins, `max`, `min`,
// `abs`, `maximum`, `minimum`, `concat`, `stack`, `append`, `detach`, indexing, `.T`,
// `.data`, iterating over rows, and `+` and `*` between booleans (numpy's `or` and `and`).

extension Interpreter {
    /// A tensor of truth values (the result of a comparison).
    static func booleans(_ a: NDArray) -> Value {
        let v = Variable(a)
        v.holdsBooleans = true
        return .tensor(v)
    }

    /// Whether `v` holds truth values: `true`/`false`, or a tensor marked as booleans.
    static func isBoolean(_ v: Value) -> Bool {
        switch v {
        case .bool: true
        case .tensor(let t): t.holdsBooleans
        default: false
        }
    }

    /// Marks `result` as booleans when `source` holds them (an operation that keeps the
    /// dtype: indexing, `.T`, a row of an iteration).
    static func keepingBooleans(of source: Variable, _ result: Variable) -> Variable {
        if source.holdsBooleans { result.holdsBooleans = true }
        return result
    }

    /// The builtins whose result is bool in numpy when their first argument is.
    static let booleanPreservingFirst: Set<String> = [
        "reshape", "transpose", "flatten", "squeeze", "expand_dims", "broadcast_to", "detach",
        "max", "min", "abs",
    ]
    /// The builtins whose result is bool in numpy when all their positional arguments are.
    static let booleanPreservingAll: Set<String> = ["concat", "stack", "append", "maximum", "minimum"]

    /// Marks the result of builtin `name` as booleans where numpy would keep the bool dtype.
    func markBooleans(_ result: Value, builtin name: String, positional: [Value]) -> Value {
        guard case .tensor(let t) = result, !t.holdsBooleans, let first = positional.first else { return result }
        // Almost no call takes truth values: tell that before looking the name up (this
        // runs on every builtin call). Either rule below needs a bool or a tuple first.
        let mayKeep: Bool
        if case .tuple = first { mayKeep = true } else { mayKeep = Interpreter.isBoolean(first) }
        guard mayKeep else { return result }
        let keeps: Bool
        if Interpreter.booleanPreservingFirst.contains(name) {
            keeps = Interpreter.isBoolean(first)
        } else if Interpreter.booleanPreservingAll.contains(name) {
            func allBoolean(_ v: Value) -> Bool {
                if case .tuple(let items) = v { return !items.isEmpty && items.allSatisfy(allBoolean) }
                return Interpreter.isBoolean(v)
            }
            keeps = positional.allSatisfy(allBoolean)
        } else {
            keeps = false
        }
        if keeps { t.holdsBooleans = true }
        return result
    }

    /// The error for a mask used as an index: `x[x > 0]`, `x[[true, false]]`, `x[true]`.
    static func maskIndexError(_ v: Value) -> RuntimeMessage {
        let what: String
        if case .tensor(let t) = v, t.ndim > 0 {
            what = "the index holds truth values of shape \(formatShape(t.shape)) (a comparison or bools)"
        } else {
            what = "the index is a truth value (a comparison or a bool)"
        }
        return .index("boolean masks are not supported yet: \(what), not positions; index with integers")
    }
}
