import DZLanguage

extension Interpreter {
    /// The attribute and method names of the value at `path` (`x`, `model.l0`): a tensor's
    /// attributes and methods, an object's own; nil when the first name is not bound or a
    /// step of the path is not an object's attribute. For completion, so nothing is computed
    /// (only objects' stored attributes are followed).
    func attributeNames(ofPath path: String) -> [String]? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, var value = globals[first] else { return nil }
        for name in parts.dropFirst() {
            guard case .object(let o) = value, let next = o.attribute(name) else { return nil }
            value = next
        }
        switch value {
        case .tensor: return Interpreter.tensorAttributes + Interpreter.tensorMethods
        case .object(let o): return o.attributeNames
        default: return []
        }
    }
}
