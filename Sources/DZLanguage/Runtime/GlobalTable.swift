/// The session's global variables: values in slots, found by name through a small cache of
/// recently used names before the hash table. Short names compare as two machine words, so
/// a loop that reads and assigns the same few names never hashes a string.
final class GlobalTable {
    private var index: [String: Int] = [:]
    private var names: [String] = []
    private var values: [Value?] = []
    /// The interned variable name of each slot, for naming the tensors bound to it.
    private var interned: [Variable.InternedName] = []
    private var recentNames = [String](repeating: "", count: 8)
    private var recentSlots = [Int](repeating: 0, count: 8)
    private var nextRecent = 0

    /// The slot of `name`, if it was ever bound.
    @inline(__always)
    private func slot(_ name: String) -> Int? {
        for k in 0..<8 where recentNames[k] == name { return recentSlots[k] }
        guard let s = index[name] else { return nil }
        remember(name, s)
        return s
    }

    private func remember(_ name: String, _ s: Int) {
        recentNames[nextRecent] = name
        recentSlots[nextRecent] = s
        nextRecent = (nextRecent + 1) & 7
    }

    /// The value bound to `name`.
    subscript(name: String) -> Value? {
        slot(name).flatMap { values[$0] }
    }

    /// Binds `name` to `value`, naming an unnamed tensor after it.
    func bind(_ name: String, _ value: Value) {
        let s: Int
        if let existing = slot(name) {
            s = existing
        } else {
            s = names.count
            index[name] = s
            names.append(name)
            values.append(nil)
            interned.append(Variable.InternedName(name))
            remember(name, s)
        }
        if case .tensor(let t) = value, !t.hasName { t.setName(interned[s]) }
        values[s] = value
    }

    /// Every bound name with its value.
    var dictionary: [String: Value] {
        var result: [String: Value] = [:]
        for (i, name) in names.enumerated() { if let v = values[i] { result[name] = v } }
        return result
    }

    /// Forgets every name.
    func removeAll() {
        index = [:]
        names = []
        values = []
        interned = []
        recentNames = [String](repeating: "", count: 8)
        nextRecent = 0
    }
}
