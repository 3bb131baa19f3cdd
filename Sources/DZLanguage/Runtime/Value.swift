/// A value of the dz language.
///
/// Every number is a tensor (a 0-d one); tensors are autodiff variables, so any value
/// computed from them can be differentiated.
public enum Value {
    /// An n-d array (float64, float32, int64 or bool) inside an autodiff variable. Numbers,
    /// sizes, counters and truth values (`true`, comparisons) are 0-d tensors.
    case tensor(Variable)
    /// `(2, 3)`, `()`, several results.
    case tuple([Value])
    /// `"text"`.
    case string(String)
    /// `none`.
    case none
    /// A builtin or user-defined function.
    case function(Callable)
    /// An object with attributes and methods (layers, models, optimizers, loaders).
    case object(any RuntimeObject)

    /// A 0-d float64 tensor holding `x`.
    public static func number(_ x: Double) -> Value { .tensor(Variable(x)) }

    /// A 0-d int64 tensor holding `i` (a size, a counter, an index).
    public static func integer(_ i: Int) -> Value { .tensor(Variable(NDArray(integer: Int64(i)))) }

    /// A 0-d bool tensor: `true`, `false`, the result of `not`, `and`, `or`.
    public static func bool(_ b: Bool) -> Value { .tensor(Variable(NDArray(bool: b))) }

    /// The truth of a 0-d bool tensor (`true`, `false`, a comparison of numbers), or nil
    /// for anything else.
    public var boolValue: Bool? {
        guard case .tensor(let t) = self, t.ndim == 0, t.data.dtype == .bool, let x = t.data.scalar else { return nil }
        return x != 0
    }

    /// A tensor holding `a`.
    public static func array(_ a: NDArray) -> Value { .tensor(Variable(a)) }

    /// A flag argument's truth (`keepdims=true`, as numpy's `keepdims=1`): a one-element
    /// bool or integer tensor; nil for anything else.
    static func truthValue(_ v: Value) -> Bool? {
        guard case .tensor(let t) = v, t.size == 1, t.data.dtype == .bool || t.data.dtype == .int64 else { return nil }
        return t.data.scalar.map { $0 != 0 }
    }

    /// Whether this is `none`.
    public var isNone: Bool { if case .none = self { true } else { false } }

    /// Whether this is a tensor.
    public var isTensor: Bool { if case .tensor = self { true } else { false } }

    /// The kind of value, as error messages name it.
    public var kindName: String {
        switch self {
        case .tensor: "tensor"
        case .tuple: "tuple"
        case .string: "string"
        case .none: "none"
        case .function: "function"
        case .object(let o): o.typeName
        }
    }
}

/// Something callable from dz: a builtin or a user function.
public protocol Callable: AnyObject {
    /// The function's name.
    var name: String { get }
    /// `name(x, axis=none)`: the signature as help shows it.
    var signature: String { get }
}

/// An object of the language (a layer, a model, an optimizer...).
public protocol RuntimeObject: AnyObject {
    /// The type name, e.g. `Linear`.
    var typeName: String { get }
    /// A one-line summary for echo and print.
    var summary: String { get }
    /// The value of `object.name`, or nil if there is no such attribute.
    func attribute(_ name: String) -> Value?
    /// The names of the attributes and methods (for completion and errors).
    var attributeNames: [String] { get }
}

// MARK: - Printing

extension Value {
    /// How `print` shows the value (strings unquoted); numpy's str for tensors.
    public var printed: String {
        (try? ValueText.render(self, quoting: false, isInterrupted: { false })) ?? ""
    }

    /// How echo and tuples show the value: tensors as numpy's str, strings quoted. Bounded
    /// as ``ValueText`` says.
    public var repr: String { (try? ValueText.render(self, quoting: true, isInterrupted: { false })) ?? "" }
}

/// A string literal as dz writes it, with escapes (shared by echo and the AST printer).
func quoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\0": out += "\\0"
        default: out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}
