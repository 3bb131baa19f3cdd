/// An identifier in the syntax tree: its text, plus where the interpreter finds it.
///
/// Names compare and hash by text, like the `String` they stand for (a string literal
/// makes one). Each occurrence in a parsed program is its own object, which lets the
/// interpreter remember per occurrence what the name resolved to:
/// - ``localSlot``: set when the function whose body holds the name is defined, by
///   Python's rule (parameters and names assigned in the body are local);
/// - the global slot, valid while the global table keeps the stamp it had when found.
/// A syntax tree is evaluated by one interpreter at a time.
public final class Name: Hashable, CustomStringConvertible, ExpressibleByStringLiteral, @unchecked Sendable {
    /// The identifier as written.
    public let text: String
    /// The index of the local variable in the enclosing function's frame; -1 when the
    /// name is not a local (top-level code, or a global read inside a function).
    var localSlot: Int32 = -1
    /// The slot in the global table, and the table's stamp when it was looked up.
    var globalSlot: Int = 0
    var tableStamp: UInt64 = 0

    public init(_ text: String) { self.text = text }
    public convenience init(stringLiteral value: String) { self.init(value) }

    public var description: String { text }
    public static func == (a: Name, b: Name) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
