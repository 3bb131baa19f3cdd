// Truncated backpropagation (DeZero steps 59-60): cutting a variable off from the graph
// that made it, so that a later backward pass stops there.

extension Variable {
    /// DeZero's `unchain()`: forgets the creator, so this variable becomes a leaf (its data
    /// stays). The graph behind it is released unless something else still holds it.
    public func unchain() {
        guard let c = creator else { return }
        leave(c)
        dropCreator()
    }

    /// DeZero's `unchain_backward()`: unchains every variable of the graph behind this one
    /// (this one keeps its creator, which keeps its inputs, now leaves). Walks the graph
    /// with a work list, each function once.
    public func unchainBackward() {
        guard let start = creator else { return }
        var pending: [Function] = [start]
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(start)]
        while let f = pending.popLast() {
            for x in f.inputs {
                guard let c = x.creator else { continue }
                if seen.insert(ObjectIdentifier(c)).inserted { pending.append(c) }
                x.unchain()
            }
        }
    }
}
