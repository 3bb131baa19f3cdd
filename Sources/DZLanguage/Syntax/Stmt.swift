/// A statement node: what it is (``Kind``) and the source it came from.
///
/// A program is `[Stmt]`; so is every block body. Only top-level
/// ``Kind/expression(_:)`` statements echo their value: the evaluator knows the depth.
public struct Stmt: Hashable, Sendable {
    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Hashable, Sendable {
        /// An expression evaluated for its value (echoed at top level) or effect.
        case expression(Expr)
        /// `x = e`, `a, b = e`, `s += e` (compound operators only with a ``Target/Kind/name(_:)`` target).
        case assign(Target, AssignOperator, Expr)
        /// `def f(x, y=2) = e` or `def f(x) { … }`.
        case function(FunctionDecl)
        /// `class Name { defs }` or `class Name(Base) { defs }`.
        case classDef(ClassDecl)
        /// `return` or `return e` (only inside a function; checked by the parser).
        case `return`(Expr?)
        /// `if c { } else if d { } else { }`: the branches in order, then the `else` body.
        case `if`([IfBranch], else: [Stmt]?)
        /// `for i in e { }`, `for x, t in loader { }`.
        case `for`(Target, in: Expr, body: [Stmt])
        /// `while c { }`.
        case `while`(Expr, body: [Stmt])
        /// `break` / `continue` (only inside a loop; checked by the parser).
        case `break`
        case `continue`
        /// `no_grad { }` / `test_mode { }`.
        case mode(BlockMode, body: [Stmt])
        /// A REPL command line at top level (`:vars`), run by ``Interpreter/commandHandler``;
        /// the text is the whole line from the `:`.
        case command(String)
    }
}

/// One `if` or `else if` condition with its body.
public struct IfBranch: Hashable, Sendable {
    public var condition: Expr
    public var body: [Stmt]
    /// From `if` to the closing `}`.
    public var range: SourceRange

    public init(condition: Expr, body: [Stmt], range: SourceRange) {
        self.condition = condition
        self.body = body
        self.range = range
    }
}

/// What an assignment or a `for` loop binds: a name, an attribute of an object
/// (`self.W = ...`, user objects only, checked when it runs) or a (nested) tuple of them.
/// Tensors are immutable, so indexes are never targets.
public struct Target: Hashable, Sendable {
    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Hashable, Sendable {
        case name(Name)
        /// `obj.name = v`: sets an attribute of the object `obj` evaluates to.
        case attribute(Expr, name: String, nameRange: SourceRange)
        /// `a, b` or `(a, (b, c))`: unpacks a tuple (or the first axis of a tensor).
        case tuple([Target])
    }

    /// Every name bound, left to right (attributes bind no name).
    public var names: [String] {
        switch kind {
        case let .name(n): [n.text]
        case .attribute: []
        case let .tuple(ts): ts.flatMap(\.names)
        }
    }
}

/// A function definition: `def name(parameters) = expr` or `def name(parameters) { … }`.
public struct FunctionDecl: Hashable, Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var parameters: [Parameter]
    public var body: FunctionBody

    public init(name: String, nameRange: SourceRange, parameters: [Parameter], body: FunctionBody) {
        self.name = name
        self.nameRange = nameRange
        self.parameters = parameters
        self.body = body
    }
}

/// A function parameter, with an optional default expression (defaults follow non-defaults).
public struct Parameter: Hashable, Sendable {
    public var name: String
    public var range: SourceRange
    public var defaultValue: Expr?

    public init(name: String, range: SourceRange, defaultValue: Expr? = nil) {
        self.name = name
        self.range = range
        self.defaultValue = defaultValue
    }
}

/// The body of a ``FunctionDecl``.
public enum FunctionBody: Hashable, Sendable {
    /// `def f(x) = e`: the value of `e` is returned.
    case expression(Expr)
    /// `def f(x) { … }`: returns the value of a `return`, or `none`.
    case block([Stmt])
}

/// A class definition: `class Name { defs }` or `class Name(Base) { defs }`.
public struct ClassDecl: Hashable, Sendable {
    public var name: String
    public var nameRange: SourceRange
    /// The base class expression (`Function`, `Model`, a user class), if any.
    public var base: Expr?
    /// The methods, in the order they are written.
    public var methods: [FunctionDecl]

    public init(name: String, nameRange: SourceRange, base: Expr?, methods: [FunctionDecl]) {
        self.name = name
        self.nameRange = nameRange
        self.base = base
        self.methods = methods
    }
}
