// Instances of user classes: attributes in assignment order, then the class's methods
// (bound to the instance), then what the builtin base gives (see FunctionInstance and
// LayerInstance).

/// An instance of a user class: `Point(3, 4)`.
class InstanceObject: RuntimeObject {
    let cls: ClassObject
    /// Attribute names in the order they were first set, and their values.
    private(set) var attributeOrder: [String] = []
    private(set) var values: [String: Value] = [:]

    init(cls: ClassObject) { self.cls = cls }

    /// A shallow copy of the attributes into a new instance of the same class.
    func copyAttributes(to other: InstanceObject) {
        other.attributeOrder = attributeOrder
        other.values = values
    }

    var typeName: String { cls.name }

    /// `Point(x=3.0, y=4.0)`: the class and its attributes in one line (the first
    /// ``summaryLimit`` of them, then how many more).
    var summary: String {
        var parts = attributeOrder.prefix(Self.summaryLimit).map { "\(shortenedName($0))=\(InstanceObject.brief(values[$0]!))" }
        if attributeOrder.count > Self.summaryLimit { parts.append("... \(attributeOrder.count - Self.summaryLimit) more") }
        return "\(cls.name)(" + parts.joined(separator: ", ") + ")"
    }

    static let summaryLimit = 20

    var attributeNames: [String] { attributeOrder + cls.allMethodNames.filter { values[$0] == nil } + builtinAttributeNames }

    /// The attributes and methods the builtin base adds.
    var builtinAttributeNames: [String] { [] }

    /// An attribute of the builtin base (`inputs`, `params`...), after the user's own.
    func builtinAttribute(_ name: String) -> Value? { nil }

    /// Whether the builtin base owns `name`, so the user cannot set it.
    func isReserved(_ name: String) -> Bool { false }

    func attribute(_ name: String) -> Value? {
        if let v = values[name] { return v }
        if let m = cls.method(name) { return .function(BoundUserMethod(receiver: .object(self), function: m)) }
        return builtinAttribute(name)
    }

    /// `obj.name = value`.
    func setAttribute(_ name: String, _ value: Value) throws {
        guard !isReserved(name) else {
            throw RuntimeMessage.other("read-only-attribute", "cannot set '\(shortenedName(name))' of a \(cls.name): it is set by the engine")
        }
        if values.updateValue(value, forKey: name) == nil { attributeOrder.append(name) }
        didSet(name, value)
    }

    /// Called after an attribute is set (layers label their parameters).
    func didSet(_ name: String, _ value: Value) {}

    /// A value as an attribute shows it in a one-line summary: numbers and short tuples
    /// as they print, larger tensors by shape, objects by type.
    static func brief(_ v: Value) -> String {
        switch v {
        case .tensor(let t) where t.size == 1 && t.ndim <= 1: return v.repr
        case .tensor(let t): return "tensor \(formatShape(t.shape))"
        case .tuple(let items) where items.count <= 8 && items.allSatisfy({ if case .tensor(let t) = $0 { t.size == 1 } else { !$0.isObject } }):
            return v.repr
        case .tuple(let items): return "tuple of \(items.count)"
        case .string(let s) where s.count <= 40: return v.repr
        case .string(let s): return quoted(String(s.prefix(37)) + "...")
        case .object(let o as ClassObject): return "class \(o.name)"
        case .object(let o): return o.typeName
        case .function(let f): return f.name
        case .none: return v.repr
        }
    }
}

extension Value {
    /// Whether this is an object.
    var isObject: Bool { if case .object = self { true } else { false } }
}
