/// A binary operator, in its own enum so the evaluator's `switch` is exhaustive.
/// (`and` and `or` short-circuit and are ``LogicalOperator``s instead.)
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", power = "**"
    case matmul = "@", modulo = "%"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="

    /// The spelling in source, e.g. `"**"`.
    public var symbol: String { rawValue }

    /// Whether this is one of `< <= > >= == !=`.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
        default: false
        }
    }
}

/// A prefix operator: `-x`, `+x`, `not x`.
public enum UnaryOperator: String, Hashable, Sendable, CaseIterable {
    case negate = "-", plus = "+", not = "not"

    public var symbol: String { rawValue }
}

/// `and` / `or`: the right operand is evaluated only when needed.
public enum LogicalOperator: String, Hashable, Sendable, CaseIterable {
    case and, or

    public var symbol: String { rawValue }
}

/// `=` or a compound assignment `+= -= *= /=`.
public enum AssignOperator: String, Hashable, Sendable, CaseIterable {
    case assign = "=", add = "+=", subtract = "-=", multiply = "*=", divide = "/="

    public var symbol: String { rawValue }

    /// The arithmetic a compound assignment applies (`s += 1` is `s = s + 1`); nil for `=`.
    public var binaryOperator: BinaryOperator? {
        switch self {
        case .assign: nil
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        }
    }
}

/// The kinds of `keyword { … }` blocks that change a mode while their body runs.
public enum BlockMode: String, Hashable, Sendable, CaseIterable {
    /// `no_grad { }`: operations inside record no graph.
    case noGrad = "no_grad"
    /// `test_mode { }`: `dropout` and similar behave as at test time.
    case testMode = "test_mode"

    public var keyword: String { rawValue }
}
