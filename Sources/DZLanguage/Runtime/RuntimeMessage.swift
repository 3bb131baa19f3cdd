/// The catalog of runtime errors: stable IDs and lowercase messages that say what went
/// wrong and with what (names, kinds, shapes).
public struct RuntimeMessage: DiagnosticMessage, Error, Equatable {
    public let id: String
    public let text: String

    public init(id: String, _ text: String) {
        self.id = "runtime.\(id)"
        self.text = text
    }

    static func undefinedName(_ name: String, suggestion: String?) -> Self {
        .init(id: "undefined-name", "undefined name '\(shortenedName(name))'" + (suggestion.map { "; did you mean '\(shortenedName($0))'?" } ?? ""))
    }
    static func unboundLocal(_ name: String) -> Self {
        .init(id: "unbound-local", "local variable '\(shortenedName(name))' is used before it is assigned in this function")
    }
    static func tensor(_ error: TensorError) -> Self { .init(id: "tensor", "\(error)") }
    static func notCallable(_ kind: String) -> Self { .init(id: "not-callable", "a \(kind) is not a function and cannot be called") }
    static func argumentCount(_ function: String, expected: String, got: Int) -> Self {
        .init(id: "argument-count", "\(shortenedName(function))() takes \(expected) positional argument\(expected == "1" ? "" : "s") but \(got) \(got == 1 ? "was" : "were") given")
    }
    static func unknownKeyword(_ function: String, _ keyword: String, suggestion: String?) -> Self {
        .init(id: "unknown-keyword", "\(shortenedName(function))() got an unexpected keyword argument '\(shortenedName(keyword))'"
              + (suggestion.map { "; did you mean '\(shortenedName($0))'?" } ?? ""))
    }
    static func duplicateArgument(_ function: String, _ name: String) -> Self {
        .init(id: "duplicate-argument", "\(shortenedName(function))() got multiple values for argument '\(shortenedName(name))'")
    }
    static func missingArgument(_ function: String, _ name: String) -> Self {
        .init(id: "missing-argument", "\(shortenedName(function))() missing required argument '\(shortenedName(name))'")
    }
    static func argumentType(_ function: String, _ parameter: String, expected: String, got: String) -> Self {
        .init(id: "argument-type", "\(shortenedName(function))(): argument '\(shortenedName(parameter))' must be \(expected), got \(got)")
    }
    static func noAttribute(_ kind: String, _ name: String, suggestion: String?) -> Self {
        .init(id: "no-attribute", "a \(kind) has no attribute '\(shortenedName(name))'" + (suggestion.map { "; did you mean '\(shortenedName($0))'?" } ?? ""))
    }
    static func condition(_ what: String) -> Self {
        .init(id: "condition", "a condition must be a bool or a one-element tensor, got \(what)")
    }
    static func operands(_ op: String, _ lhs: String, _ rhs: String) -> Self {
        .init(id: "operand-types", "unsupported operand types for \(op): \(lhs) and \(rhs)"
              + (lhs == "DOT" || rhs == "DOT" ? " (graph(y).text is the DOT as a string)" : ""))
    }
    static func operand(_ op: String, _ kind: String) -> Self {
        .init(id: "operand-type", "unsupported operand type for \(op): \(kind)")
    }
    static func recursion(_ limit: Int, _ name: String) -> Self {
        .init(id: "recursion", "maximum recursion depth (\(limit)) exceeded in '\(shortenedName(name))'")
    }
    static func unpack(expected: Int, got: String) -> Self {
        .init(id: "unpack", "cannot unpack \(got) into \(expected) names")
    }
    static func notIterable(_ kind: String) -> Self { .init(id: "not-iterable", "a \(kind) cannot be iterated over") }
    static func notIndexable(_ kind: String) -> Self { .init(id: "not-indexable", "a \(kind) cannot be indexed") }
    static func index(_ text: String) -> Self { .init(id: "index", text) }
    public static func interrupted() -> Self { .init(id: "interrupted", "interrupted") }
    static func stepBudget(_ limit: Int) -> Self {
        .init(id: "step-budget", "evaluation stopped after \(limit) steps (the step budget)")
    }
    static func other(_ id: String, _ text: String) -> Self { .init(id: id, text) }
    /// `+` on strings or tuples whose result would exceed its limit.
    static func tooLong(_ kind: String, _ length: Int, _ unit: String, _ limit: Int) -> Self {
        .init(id: "too-long", "+: the \(kind) would be \(length) \(unit) long (limit \(limit))")
    }

    /// Adds the likely cause when `none` meets a tensor: a `.grad` that backward never filled.
    func withNoneGradHint() -> Self {
        RuntimeMessage(rawID: id, text + " (the .grad is none: no backward has reached this tensor, or it is not a leaf; "
                       + "only leaves keep their gradient, so make parameters inside no_grad { })")
    }

    private init(rawID: String, _ text: String) {
        self.id = rawID
        self.text = text
    }
}

/// An error raised inside a builtin, before the evaluator knows where it happened.
public struct BuiltinError: Error {
    public let message: RuntimeMessage
    public init(_ message: RuntimeMessage) { self.message = message }
    public init(_ id: String, _ text: String) { self.message = RuntimeMessage(id: id, text) }
}
