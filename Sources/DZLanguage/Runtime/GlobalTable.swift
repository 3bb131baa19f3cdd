import DZAutodiff
import Synchronization

/// The session's global variables: values in slots. A slot is made for every name the
/// program binds or reads, and keeps what the name means when no global is bound to it
/// (a builtin or a constant such as `pi`), so a name read in a loop is found in its slot.
///
/// Each ``Name`` in the syntax tree remembers its slot together with the table's
/// ``stamp``; `removeAll` takes a new stamp, which forgets every remembered slot.
final class GlobalTable {
    private var index: [String: Int] = [:]
    private var names: [String] = []
    /// What the program bound, per slot (a scalar stays unboxed until it is shared, see
    /// ``Operand``).
    private var values = SlotBuffer()
    /// What the name means when nothing is bound to it: a builtin, or nil.
    private var fallbacks: [Value?] = []
    /// The constant a name means when nothing is bound to it (`pi e inf nan`): each read
    /// makes a new leaf, as a literal does.
    private var constants: [Double?] = []
    /// The interned variable name of each bound slot, for naming the tensors bound to it.
    private var interned: [Variable.InternedName?] = []
    /// Unique among the tables of the process, renewed by `removeAll`.
    private(set) var stamp = StampCounter.next()

    /// The slot of `name`, made if needed.
    private func slot(_ name: String) -> Int {
        if let s = index[name] { return s }
        let s = names.count
        index[name] = s
        names.append(name)
        values.append(nil)
        interned.append(nil)
        constants.append(Interpreter.constants[name])
        if let b = Builtins.table[name] {
            fallbacks.append(.function(b))
        } else if let c = ClassObject.builtinBases[name] {
            fallbacks.append(.object(c))
        } else if let d = DTypeObject.named[name] {
            fallbacks.append(.object(d))
        } else {
            fallbacks.append(nil)
        }
        return s
    }

    /// The slot of a name in the syntax tree (remembered in it).
    @inline(__always)
    private func slot(_ name: Name) -> Int {
        if name.tableStamp == stamp { return name.globalSlot }
        let s = slot(name.text)
        name.globalSlot = s
        name.tableStamp = stamp
        return s
    }

    /// The slot of a name the caller holds (unretained: reading a retained one through a
    /// closure's capture costs a retain).
    @inline(__always)
    private func slot(_ name: Unmanaged<Name>) -> Int {
        let s = name._withUnsafeGuaranteedRef { $0.tableStamp == stamp ? $0.globalSlot : -1 }
        return s >= 0 ? s : slot(name.takeUnretainedValue())
    }

    /// The global bound to `name`.
    subscript(name: String) -> Value? {
        index[name].flatMap { shared(slot: $0) }
    }

    /// The value bound to slot `s`, a scalar boxed there first: whoever receives it shares
    /// it with the slot.
    @inline(__always)
    private func shared(slot s: Int) -> Value? { Operand.share(&values[s]) }

    /// What `name` means at the top level: its global (shared, see ``shared(slot:)``), else
    /// its builtin or constant.
    @inline(__always)
    func resolve(_ name: Name) -> Value? {
        let s = slot(name)
        if let v = shared(slot: s) { return v }
        if let c = constants[s] { return .number(c) }
        return fallbacks[s]
    }

    /// What `name` means, read without boxing: a bound scalar comes back as a copy, for
    /// code that only reads it (an operand, a condition); a constant is a fresh scalar.
    @inline(__always)
    func operand(_ name: Name) -> Operand? {
        let s = slot(name)
        if let v = values[s] { return v }
        if let c = constants[s] { return .scalar(ScalarSlot(c)) }
        return fallbacks[s].map { .value($0) }
    }

    /// The user function bound to `name`, looked at in its slot (not retained, no copy of
    /// the value): the call that uses it retains it for the call. Nil for anything else.
    /// (`name` unretained too: the compiled code that asks holds it.)
    @inline(__always)
    func userFunction(_ name: Unmanaged<Name>) -> Unmanaged<UserFunction>? {
        let s = slot(name)   // first: making a slot may move the buffer
        guard case .value(.function(let fn))? = values[s], let u = fn as? UserFunction else { return nil }
        return Unmanaged.passUnretained(u)
    }

    /// The scalar bound to `name` and its name, looked at in its slot (no copy of the
    /// operand); nil when no scalar is bound (then `operand(_:)` says what the name means).
    @inline(__always)
    func scalar(_ name: Unmanaged<Name>) -> (ScalarSlot, Variable.InternedName)? {
        let s = slot(name)   // first: making a slot may move the buffer
        guard case .scalar(let x, let n)? = values[s] else { return nil }
        return (x, n)
    }

    /// The constant `name` means (`pi` is 3.14...), unless a global is bound to it.
    func constant(_ name: Name) -> Double? {
        let s = slot(name)
        return values[s] == nil ? constants[s] : nil
    }

    /// Binds `name` to `value`, naming an unnamed tensor after it.
    func bind(_ name: String, _ value: Value) { bind(slot: slot(name), .value(value)) }

    /// Binds `name` without naming an unnamed tensor after it (the REPL's `_`, which should
    /// not label graphs).
    func bindLeavingNames(_ name: String, _ value: Value) {
        let s = slot(name)   // first: making a slot may move the buffer
        values[s] = .value(value)
    }

    /// Binds the name in the syntax tree to `value`.
    @inline(__always)
    func bind(_ name: Name, _ value: Value) { bind(slot: slot(name), .value(value)) }

    /// Binds the name in the syntax tree to `value`, which may be a scalar.
    @inline(__always)
    func bind(_ name: Name, _ value: consuming Operand) { bind(slot: slot(name), value) }

    /// Binds the name in the syntax tree to `value`, naming an unnamed tensor or scalar
    /// `interned`, which must be the name's own (compiled code makes it once).
    @inline(__always)
    func bind(_ name: Name, _ value: consuming Operand, interned: Variable.InternedName) {
        let s = slot(name)   // first: making a slot may move the buffer
        values.store(value.named(interned), at: s)
    }

    /// Replaces the scalar bound to `name` with `update`'s result for it, named after the
    /// name as a binding names it; false (nothing changed) when no scalar is bound or
    /// `update` gives nil.
    @inline(__always)
    func update(_ name: Name, _ update: (ScalarSlot) -> ScalarSlot?) -> Bool {
        let s = slot(name)
        guard case .scalar(let x, _)? = values[s], let z = update(x) else { return false }
        values.store(.scalar(z, internedName(s)), at: s)
        return true
    }

    @inline(__always)
    private func bind(slot s: Int, _ value: consuming Operand) { values.store(value.named(internedName(s)), at: s) }

    @inline(__always)
    private func internedName(_ s: Int) -> Variable.InternedName {
        if let n = interned[s] { return n }
        let n = Variable.InternedName(names[s])
        interned[s] = n
        return n
    }

    /// Every bound name with its value (scalars boxed in their slots: the caller shares them).
    var dictionary: [String: Value] {
        var result: [String: Value] = [:]
        for (i, name) in names.enumerated() { if let v = shared(slot: i) { result[name] = v } }
        return result
    }

    deinit { values.free() }

    /// Forgets every name.
    func removeAll() {
        index = [:]
        names = []
        values.removeAll()
        fallbacks = []
        constants = []
        interned = []
        stamp = StampCounter.next()
    }
}

/// The slots' values: a buffer read and written in place (a slot is written on every
/// assignment; an array there would check its uniqueness and bounds each time). Slots are
/// only ever appended, and every index comes from the table's own `slot`.
struct SlotBuffer {
    private var base = UnsafeMutablePointer<Operand?>.allocate(capacity: 64)
    private var capacity = 64
    private(set) var count = 0

    @inline(__always)
    subscript(i: Int) -> Operand? {
        unsafeAddress { UnsafePointer(base + i) }
        nonmutating unsafeMutableAddress { base + i }
    }

    /// Stores `v` in slot `i` (see ``Swift/UnsafeMutablePointer/store(_:)``).
    @inline(__always)
    func store(_ v: consuming Operand?, at i: Int) { (base + i).store(v) }

    mutating func append(_ v: Operand?) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Operand?>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: v)
        count += 1
    }

    /// Releases every value (the capacity stays).
    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    /// Releases every value and the buffer.
    mutating func free() {
        removeAll()
        base.deallocate()
    }
}

/// Process-wide unique stamps (tables may be made on several threads, as tests do).
enum StampCounter {
    private static let last = Atomic<UInt64>(0)

    static func next() -> UInt64 { last.add(1, ordering: .relaxed).newValue }
}
