/// A value of the dz language.
///
/// Every number is a tensor (a 0-d one); tensors are autodiff variables, so any value
/// computed from them can be differentiated.
public enum Value {
    /// An n-d float64 array inside an autodiff variable.
    case tensor(Variable)
    /// `(2, 3)`, `()`, several results.
    case tuple([Value])
    /// `true` / `false`.
    case bool(Bool)
    /// `"text"`.
    case string(String)
    /// `none`.
    case none
    /// A builtin or user-defined function.
    case function(Callable)
    /// An object with attributes and methods (layers, models, optimizers, loaders).
    case object(any RuntimeObject)

    /// A 0-d tensor holding `x`.
    public static func number(_ x: Double) -> Value { .tensor(Variable(x)) }

    /// A tensor holding `a`.
    public static func array(_ a: NDArray) -> Value { .tensor(Variable(a)) }

    /// Whether this is `none`.
    public var isNone: Bool { if case .none = self { true } else { false } }

    /// Whether this is a tensor.
    public var isTensor: Bool { if case .tensor = self { true } else { false } }

    /// The kind of value, as error messages name it.
    public var kindName: String {
        switch self {
        case .tensor: "tensor"
        case .tuple: "tuple"
        case .bool: "bool"
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

    /// Inside a tuple a 0-d tensor prints as a number of Python's tuple of ints: an
    /// integral one as an integer, `(2, 3)`, `(9000000000000000, 2.5, nan)` (see
    /// ``formatCount(_:)``); nil for anything else, which prints as it does alone.
    var tupleElement: String? {
        if case .tensor(let v) = self, v.ndim == 0, let x = v.data.scalar { return formatCount(x) }
        return nil
    }
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
