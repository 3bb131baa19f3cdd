/// An expression node: what it is (``Kind``) and the source it came from.
///
/// The tree is built by ``Parser``; `Expr.Kind` is a closed enum so the evaluator can
/// `switch` over it exhaustively. Parentheses leave no node, but a parenthesised
/// expression's range includes them. ``description`` is a compact S-expression, e.g.
/// `(+ 1 (* 2 3))`.
public struct Expr: Hashable, Sendable {
    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Hashable, Sendable {
        /// `2`, `2.0`, `1e-3`, `.5`, `1_000`: a 0-d tensor.
        case number(NumberLiteral)
        /// `"text"` (escapes decoded).
        case string(String)
        /// `f"epoch {i}, loss {loss:.4f}"`.
        case formatted([FormattedPart])
        /// `true` / `false`.
        case bool(Bool)
        /// `none`.
        case noneLiteral
        /// A variable or builtin name.
        case name(Name)
        /// `[1, 2, 3]`, `[[1, 2], [3, 4]]`: a tensor from (nested) elements.
        case array([Expr])
        /// `()`, `(6,)`, `(2, 3)`, and the bare `a, b` of assignments and returns.
        case tuple([Expr])
        /// `-x`, `+x`, `not x`.
        case unary(UnaryOperator, Expr)
        /// `a + b`, `a ** b`, `a < b`, … (not `and`/`or`).
        case binary(BinaryOperator, Expr, Expr)
        /// `a and b`, `a or b` (short-circuit).
        case logical(LogicalOperator, Expr, Expr)
        /// `f(x, axis=1)`, `obj.method(x)` (the callee is then an ``attribute``).
        case call(callee: Expr, arguments: [Argument])
        /// `x[0, 1:3]`: one ``IndexItem`` per comma-separated part.
        case index(Expr, [IndexItem])
        /// `x.grad`: the name and its range.
        case attribute(Expr, name: String, nameRange: SourceRange)
    }
}

/// One argument of a call: positional (`label == nil`) or keyword (`axis=1`).
public struct Argument: Hashable, Sendable {
    public var label: String?
    /// The range of the label, for errors like "unknown keyword argument".
    public var labelRange: SourceRange?
    public var value: Expr

    public init(label: String? = nil, labelRange: SourceRange? = nil, value: Expr) {
        self.label = label
        self.labelRange = labelRange
        self.value = value
    }

    /// From the label (or value) to the end of the value.
    public var range: SourceRange { labelRange.map { $0.to(value.range) } ?? value.range }
}

/// One part of a subscript: an index expression, a `start:stop:step` slice or `...`.
/// (`none`, numpy's newaxis, is an index expression whose value is `none`.)
public enum IndexItem: Hashable, Sendable {
    case index(Expr)
    case slice(SliceExpr)
    /// `...`: as many full slices as the other parts leave axes.
    case ellipsis(SourceRange)

    public var range: SourceRange {
        switch self {
        case let .index(e): e.range
        case let .slice(s): s.range
        case let .ellipsis(r): r
        }
    }
}

/// `start:stop:step` with every part optional (`:`, `1:`, `::2`, `:-1`).
public struct SliceExpr: Hashable, Sendable {
    public var start: Expr?
    public var stop: Expr?
    public var step: Expr?
    /// From the first part or colon to the last part or colon.
    public var range: SourceRange

    public init(start: Expr?, stop: Expr?, step: Expr?, range: SourceRange) {
        self.start = start
        self.stop = stop
        self.step = step
        self.range = range
    }
}

/// A part of an f-string: literal text, or a field `{expr!conversion:spec}`.
public enum FormattedPart: Hashable, Sendable {
    case text(String)
    case field(Expr, conversion: Character?, spec: String)
}
