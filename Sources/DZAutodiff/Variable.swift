import Synchronization

/// A node of the computation graph: an array, its gradient and the function that made it.
///
/// A variable made directly from an array is a *leaf*; one returned by a ``Function`` has
/// that function as its ``creator``. `backward()` fills the leaves' ``grad``:
///
/// ```swift
/// let x = Variable(NDArray(2.0))
/// let y = try x * x * x          // y = x³
/// try y.backward()
/// x.grad?.data                   // 12.0
/// ```
///
/// Creators hold their inputs strongly and their outputs weakly, so a graph lives exactly
/// as long as the variables at its ends are referenced, and releasing it, however long,
/// never recurses (see ``GraphRelease``).
public final class Variable {
    /// The value. Operations read it when they run; changing it later does not change
    /// results already computed (an optimizer's update rebinds it, as DeZero's `p.data -= ...`).
    public var data: NDArray
    /// The gradient accumulated by `backward`, itself a variable (differentiable when the
    /// backward pass ran with `createGraph`).
    public var grad: Variable?
    /// The function whose output this is; `nil` for a leaf.
    public private(set) var creator: Function?
    /// The gradient being accumulated while a backward pass runs (nil otherwise).
    var pendingGrad: Variable?
    /// What only stand-ins (see ``GraphRelease/breakCycles(_:)``) and truth values have, kept out of line so
    /// that a graph node stays small (88 bytes of fields: one 96-byte allocation).
    private var extras: Extras?
    /// The generation; -1 marks a constant (see ``isConstant``).
    private var storedGeneration: Int32 = 0
    /// The name, as an index into ``VariableNames`` (0: none).
    private var nameID: Int32 = 0

    private final class Extras {
        weak var original: Variable?
        var isStandIn = false
        var isParameter = false
        /// The stand-in that gradient graphs use in place of this variable (see
        /// ``GraphRelease/breakCycles(_:)``), while any graph holds it.
        weak var standIn: Variable?
    }

    /// The depth of this variable in its graph: one more than its creator's generation.
    public var generation: Int { Swift.max(0, Int(storedGeneration)) }

    /// A constant operand (a number literal in an expression): it takes part in the graph
    /// but never receives a gradient, so one instance can be shared.
    public var isConstant: Bool { storedGeneration < 0 }

    /// A name for graph drawings, error messages and listings.
    public var name: String? {
        get { VariableNames.name(nameID) }
        set { nameID = VariableNames.id(newValue) }
    }

    /// A name interned once, to be given to many variables without looking it up each time
    /// (an interpreter binding the same name in a loop).
    public struct InternedName: Sendable, Equatable {
        @usableFromInline let id: Int32
        public init(_ name: String) { id = VariableNames.id(name) }
        @inlinable init(id: Int32) { self.id = id }
        /// No name.
        @inlinable public static var none: InternedName { InternedName(id: 0) }
        /// Whether this is ``none``.
        @inlinable public var isNone: Bool { id == 0 }
    }

    /// The name, interned (``InternedName/none`` when there is none).
    public var internedName: InternedName { InternedName(id: nameID) }

    /// Names this variable.
    public func setName(_ name: InternedName) { nameID = name.id }

    /// Whether the variable has a name.
    public var hasName: Bool { nameID != 0 }

    /// For a stand-in made by ``GraphRelease/breakCycles(_:)``: the variable it stands for.
    var original: Variable? {
        get { extras?.original }
        set {
            if extras == nil { extras = Extras() }
            extras!.original = newValue
        }
    }

    /// Whether this is such a stand-in.
    var isStandIn: Bool {
        get { extras?.isStandIn ?? false }
        set {
            if extras == nil { extras = Extras() }
            extras!.isStandIn = newValue
        }
    }

    /// Whether this is a parameter (DeZero's `Parameter`): a layer finds the parameters
    /// among its attributes by this mark. Kept in ``Extras``.
    public var isParameter: Bool {
        get { extras?.isParameter ?? false }
        set {
            if extras == nil { guard newValue else { return }; extras = Extras() }
            extras!.isParameter = newValue
        }
    }

    /// A parameter leaf holding `data` (see ``isParameter``).
    public static func parameter(_ data: NDArray, name: String? = nil) -> Variable {
        let v = Variable(data, name: name)
        v.isParameter = true
        return v
    }

    /// A leaf holding `data`.
    public init(_ data: NDArray, name: String? = nil) {
        self.data = data
        if let name { self.name = name }
    }

    /// A constant: an operand that never receives a gradient (see ``isConstant``).
    public init(constant data: NDArray) {
        self.data = data
        self.storedGeneration = -1
    }

    /// A 0-d leaf holding `value`.
    public convenience init(_ value: Double, name: String? = nil) {
        self.init(NDArray(value), name: name)
    }

    deinit {
        // Unlink the creator here and release the chain behind it iteratively, so that
        // dropping the end of a million-node graph does not recurse a million deep. A
        // stand-in that shares the creator takes this variable's place as its output, so
        // that gradients reaching the stand-in still flow on into the creator.
        if let c = creator { leave(c) }
        if creator != nil { GraphRelease.release(&creator) }
    }

    func setCreator(_ function: Function) {
        creator = function
        storedGeneration = Int32(clamping: function.generation + 1)
    }

    /// Stops being an output of `c` as this variable goes: its stand-in, if one lives,
    /// becomes the output in its place.
    func leave(_ c: Function) {
        if let s = extras?.standIn { c.replaceOutput(self, with: s) } else { c.forget(self) }
    }

    /// Releases the creator (already left, see ``leave(_:)``) without recursion, for ``unchain()``;
    /// the generation stays, as DeZero's.
    func dropCreator() {
        if creator != nil { GraphRelease.release(&creator) }
    }

    /// Removes and returns the creator (used by ``GraphRelease``).
    func takeCreator() -> Function? {
        defer { creator = nil }
        return creator
    }

    /// The shape of ``data``.
    public var shape: [Int] { data.shape }
    /// The number of axes of ``data``.
    public var ndim: Int { data.ndim }
    /// The number of elements of ``data``.
    public var size: Int { data.size }
    /// Whether this variable was made by a function.
    public var isLeaf: Bool { creator == nil }

    /// Forgets the gradient.
    public func cleargrad() { grad = nil }

    /// A new leaf with the same data, cut off from this variable's graph.
    public func detached() -> Variable { Variable(data, name: name) }

    /// The stand-in that graphs hold instead of this variable when this variable's own
    /// gradient would otherwise hold them (see ``GraphRelease/breakCycles(_:)``): same data,
    /// name, creator and generation, and a weak link back here. Made once and shared while
    /// any graph holds it.
    func standInForGraphs() -> Variable {
        if let s = extras?.standIn {
            s.data = data    // an optimizer may have replaced the data since
            return s
        }
        let s = Variable(data, name: name)
        s.original = self
        s.isStandIn = true
        if let c = creator { s.setCreator(c) }
        if extras == nil { extras = Extras() }
        extras!.standIn = s
        return s
    }
}

extension Variable: CustomStringConvertible {
    /// The data as numpy prints it.
    public var description: String { "\(data)" }
}

/// The names of variables, interned: a variable stores a 4-byte index instead of a string.
/// Names are identifiers bound by assignments, so the table stays small.
enum VariableNames {
    private static let table = Mutex<(names: [String], ids: [String: Int32])>(([""], [:]))

    static func id(_ name: String?) -> Int32 {
        guard let name else { return 0 }
        return table.withLock { t in
            if let id = t.ids[name] { return id }
            let id = Int32(t.names.count)
            t.names.append(name)
            t.ids[name] = id
            return id
        }
    }

    static func name(_ id: Int32) -> String? {
        id == 0 ? nil : table.withLock { $0.names[Int(id)] }
    }
}

/// Releases graphs without recursion.
///
/// Swift releases a linked chain recursively: the last reference to a variable frees its
/// creator, which frees its inputs, which free their creators... A chain of a million
/// operations would overflow the stack. Instead, a variable's `deinit` hands its creator
/// to `release`, which unlinks the chain node by node with an explicit work list.
public enum GraphRelease {
    /// Breaks the reference cycles that `backward(createGraph: true)` creates: a variable
    /// `v` holds its gradient, and the gradient's graph uses `v` (d/dx sin x = cos x), or a
    /// variable computed from `v` (d/dx exp x = exp x), whose creator holds `v`. For each
    /// `(v, g)`, `g` being the gradient `v` just received, every function reachable from
    /// `g` that takes `v` takes `v`'s stand-in instead (``Variable/standInForGraphs()``): a
    /// copy that refers to `v` weakly, so gradients reaching it go to `v` while `v` lives
    /// and on into `v`'s creator after.
    ///
    /// Only the new gradients are walked, not what a gradient had accumulated before (that
    /// graph was walked when it was new, and a function's inputs never change otherwise),
    /// so accumulating into one variable over many passes costs each pass only its own
    /// graph. Returns the number of functions walked.
    @discardableResult
    static func breakCycles(_ updates: [(variable: Variable, gradient: Variable)]) -> Int {
        // Only a gradient with a graph can hold anything.
        let holders = updates.filter { $0.gradient.creator != nil }
        guard !holders.isEmpty else { return 0 }
        var held: [ObjectIdentifier: Variable] = [:]
        for (v, _) in holders { held[ObjectIdentifier(v)] = v }
        var pending = holders.compactMap { $0.gradient.creator }
        var seen = Set<ObjectIdentifier>()
        while let f = pending.popLast() {
            guard seen.insert(ObjectIdentifier(f)).inserted else { continue }
            for i in f.inputs.indices {
                let x = f.inputs[i]
                if let v = held[ObjectIdentifier(x)] {
                    let s = v.standInForGraphs()
                    f.inputs[i] = s
                    if let c = s.creator { pending.append(c) }
                } else if let c = x.creator {
                    pending.append(c)
                }
            }
        }
        return seen.count
    }

    static func release(_ slot: inout Function?) {
        var pending: [Function] = []
        // Move the function out of the slot; the binding ends with this statement, so the
        // work list holds the only reference this routine has.
        if let f = slot.take() { pending.append(f) }
        while var f = pending.popLast() {
            // Only a function nobody else holds can be taken apart; otherwise it stays alive.
            guard isKnownUniquelyReferenced(&f) else { continue }
            var inputs = f.takeInputs()
            while var input = inputs.popLast() {
                if isKnownUniquelyReferenced(&input), let c = input.takeCreator() {
                    input.leave(c)
                    pending.append(c)
                }
            }
        }
    }
}
