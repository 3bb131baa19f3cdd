import DZAutodiff

/// A dtype as a value of the language: `float64 float32 int64 bool`, what `x.dtype` gives
/// and what `dtype=` and `astype` take. Echo shows its name, as numpy's str of a dtype.
/// Calling one converts, as numpy's `np.float32(x)`: `int64(2.7)` is `2`, `bool(x)` is
/// `x != 0` elementwise.
final class DTypeObject: CallableObject, Sendable {
    let dtype: DType
    private init(_ dtype: DType) { self.dtype = dtype }

    /// One object per dtype, so that `x.dtype == float32` compares identities.
    static let all: [DType: DTypeObject] = Dictionary(uniqueKeysWithValues: DType.allCases.map { ($0, DTypeObject($0)) })

    /// The dtype objects by their global names.
    static let named: [String: DTypeObject] = Dictionary(uniqueKeysWithValues: DType.allCases.map { ($0.rawValue, all[$0]!) })

    /// The value for a dtype.
    static func value(_ dtype: DType) -> Value { .object(all[dtype]!) }

    var typeName: String { "dtype" }
    var summary: String { dtype.rawValue }
    var attributeNames: [String] { ["name", "itemsize", "kind"] }
    func attribute(_ name: String) -> Value? {
        switch name {
        case "name": .string(dtype.rawValue)
        case "itemsize": .integer(dtype.itemSize)
        case "kind": .string(dtype.kindLetter)
        default: nil
        }
    }

    func call(positional: [Value], keywords: [(String, Value)], interpreter: Interpreter) throws -> Value {
        guard keywords.isEmpty, positional.count == 1 else {
            throw BuiltinError("argument-count", "\(dtype.rawValue)() takes one value to convert, e.g. \(dtype.rawValue)(x)")
        }
        return try Interpreter.converted(positional[0], to: dtype, function: dtype.rawValue)
    }
}

extension DType {
    /// numpy's kind letter: `f`, `i`, `b`.
    var kindLetter: String {
        switch self {
        case .bool: "b"
        case .int64: "i"
        case .float32, .float64: "f"
        }
    }
}

extension Interpreter {
    /// `astype(x, dtype)`, `x.astype(dtype)`, `float32(x)`: a tensor (or a number, a list
    /// literal's tensor) converted; differentiable between floating dtypes.
    static func converted(_ v: Value, to dtype: DType, function: String) throws -> Value {
        guard let t = BuiltinArguments.asTensor(v) else {
            if case .string(let s) = v, dtype == .float64 || dtype == .int64 {
                return try parsedNumber(s, as: dtype, function: function)
            }
            throw BuiltinError(.argumentType(function, "x", expected: "a tensor", got: BuiltinArguments.describe(v)))
        }
        return .tensor(try DZAutodiff.astype(t, dtype))
    }

    /// `float(x)`, `int(x)`: a one-element tensor's value (int truncates toward zero, as
    /// Python's) or a string parsed as Python's float() and int() do; a new 0-d leaf.
    static func number(_ v: Value, as dtype: DType, function: String) throws -> Value {
        if case .string(let s) = v { return try parsedNumber(s, as: dtype, function: function) }
        guard let t = BuiltinArguments.asTensor(v), t.size == 1 else {
            throw BuiltinError(.argumentType(function, "x", expected: "a string or a one-element tensor", got: BuiltinArguments.describe(v)))
        }
        let a = try t.data.reshaped([])
        if dtype == .int64, a.dtype == .float32 || a.dtype == .float64 {
            let x = a.scalar!
            guard x.isFinite else {
                throw BuiltinError("argument-value", "\(function)(): cannot convert float \(x.isNaN ? "NaN" : "infinity") to integer")
            }
            guard x.magnitude < 9.223372036854775807e18 else {
                throw BuiltinError("argument-value", "\(function)(): \(formatScalar(x)) is too large for an int64")
            }
        }
        return .array(try a.astype(dtype))
    }

    /// `float("2.5")`, `int("42")`: a string parsed as Python's float() and int() do.
    static func parsedNumber(_ s: String, as dtype: DType, function: String) throws -> Value {
        if dtype == .int64 {
            let trimmed = String(String(s.drop(while: { $0 == " " || $0 == "\t" }).reversed()).drop(while: { $0 == " " || $0 == "\t" }).reversed())
            guard !trimmed.hasPrefix("_"), !trimmed.hasSuffix("_"), !trimmed.contains("__"),
                  let i = Int64(String(trimmed.filter { $0 != "_" })) else {
                throw BuiltinError("argument-value", "\(function)(): invalid literal for int() with base 10: \(quoted(shortenedName(s, limit: 60)))")
            }
            return .tensor(Variable(NDArray(integer: i)))
        }
        guard let x = pythonFloat(s) else {
            throw BuiltinError("argument-value", "\(function)(): could not convert the string \(quoted(shortenedName(s, limit: 60))) to a number")
        }
        return .number(x)
    }
}

extension BuiltinArguments {
    /// A `dtype=` argument: a dtype value or its name as a string; nil for `none`.
    public func dtype(_ name: String) throws -> DType? {
        switch value(name) {
        case .none: return nil
        case .object(let d as DTypeObject): return d.dtype
        case .string(let s):
            guard let d = DType(name: s) else {
                throw BuiltinError("argument-value", "\(builtin.name)(): data type \(quoted(shortenedName(s, limit: 40))) not understood; dz has float64, float32, int64 and bool")
            }
            return d
        case let v:
            throw BuiltinError(.argumentType(builtin.name, name, expected: "a dtype (float64, float32, int64, bool)", got: BuiltinArguments.describe(v)))
        }
    }
}
