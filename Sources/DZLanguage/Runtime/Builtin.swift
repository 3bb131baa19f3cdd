/// A builtin function: its signature, its documentation and its implementation.
///
/// Arguments are bound and checked once, here, against the signature (count, keyword
/// names, kinds, integer-valued sizes), with messages that name the function; the
/// implementation then reads them through ``BuiltinArguments`` without further checks.
public final class Builtin: Callable, @unchecked Sendable {
    public let name: String
    public let parameters: [BuiltinParameter]
    /// The section of the reference this builtin belongs to (create, arithmetic, ...).
    public let category: String
    /// One paragraph: what the builtin does.
    public let help: String
    /// A short runnable example.
    public let example: String
    /// Whether gradients flow through it.
    public let differentiable: Bool
    /// Whether array errors keep the name of the step that failed (builtins that call user
    /// functions, such as gradcheck, whose errors are the user's own operations).
    var keepsErrorNames: Bool { ["gradcheck", "numerical_grad", "backward", "grad", "help", "print"].contains(name) }
    let body: (BuiltinArguments) throws -> Value
    /// Whether every parameter can be given by position (none variadic or keyword-only):
    /// a call that gives them all by position binds without rearranging anything.
    let plainParameters: Bool

    public init(_ name: String, _ parameters: [BuiltinParameter], category: String, differentiable: Bool = false,
                help: String, example: String, body: @escaping (BuiltinArguments) throws -> Value) {
        self.name = name
        self.parameters = parameters
        self.category = category
        self.differentiable = differentiable
        self.help = help
        self.example = example
        self.body = body
        self.plainParameters = parameters.allSatisfy { !$0.isVariadic && !$0.keywordOnly }
    }

    /// `name(x, axis=none, keepdims=false)`.
    public var signature: String {
        "\(name)(" + parameters.map(\.description).joined(separator: ", ") + ")"
    }
}

/// A parameter of a builtin.
public struct BuiltinParameter: CustomStringConvertible, Sendable {
    public let name: String
    public let kind: ArgumentKind
    /// The default, or nil when the argument is required.
    public let defaultValue: DefaultValue?
    /// Collects the remaining positional arguments (`*shape`).
    public let isVariadic: Bool
    /// Only by keyword (after a variadic parameter).
    public let keywordOnly: Bool

    public init(_ name: String, _ kind: ArgumentKind, default defaultValue: DefaultValue? = nil,
                variadic: Bool = false, keywordOnly: Bool = false) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.isVariadic = variadic
        self.keywordOnly = keywordOnly
    }

    public var description: String {
        if isVariadic { return "*\(name)" }
        guard let d = defaultValue else { return name }
        return "\(name)=\(d)"
    }
}

/// What a parameter accepts.
public enum ArgumentKind: Sendable {
    /// A tensor (numbers and bools convert).
    case tensor
    /// A tensor or `none`.
    case optionalTensor
    /// An integer-valued number.
    case integer
    /// An integer or `none`.
    case optionalInteger
    /// Any number.
    case real
    /// A number or `none`.
    case optionalReal
    /// An axis: an integer, a tuple of integers, or `none`.
    case axes
    /// Sizes: integers given separately or as one tuple (`zeros(2, 3)`, `zeros((2, 3))`).
    case sizes
    /// Tensors given separately or as one tuple (`concat(a, b)` or `concat((a, b))`).
    case tensors
    case bool
    case string
    case function
    case any

    var expected: String {
        switch self {
        case .tensor: "a tensor"
        case .optionalTensor: "a tensor or none"
        case .integer: "an integer"
        case .optionalInteger: "an integer or none"
        case .real: "a number"
        case .optionalReal: "a number or none"
        case .axes: "an integer, a tuple of integers or none"
        case .sizes: "integers or a tuple of integers"
        case .tensors: "tensors"
        case .bool: "a bool"
        case .string: "a string"
        case .function: "a function"
        case .any: "a value"
        }
    }
}

/// A parameter's default value (made fresh at each call).
public enum DefaultValue: CustomStringConvertible, Sendable {
    case none, bool(Bool), number(Double), string(String)
    /// An integer default (int64, as a Python `1` would be).
    case integer(Int)
    /// A builtin function, by name (`activation=sigmoid`).
    case builtin(String)

    var value: Value {
        switch self {
        case .builtin(let name): Builtins.table[name].map { .function($0) } ?? Value.none
        case .none: .none
        case .bool(let b): .bool(b)
        case .number(let x): .number(x)
        case .integer(let i): .integer(i)
        case .string(let s): .string(s)
        }
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .bool(let b): b ? "true" : "false"
        case .number(let x): formatCount(x)
        case .integer(let i): String(i)
        case .string(let s): quoted(s)
        case .builtin(let name): name
        }
    }
}
