#if canImport(Glibc)
import Glibc
#endif

/// The dz interpreter: keeps the globals of a session and runs programs in it.
///
/// ```swift
/// let dz = Interpreter(output: { print($0, terminator: "") })
/// let outcome = dz.run(SourceFile(name: "<stdin>", text: "x = 2.0; y = x ** 3; backward(y); x.grad"))
/// // prints 12.0
/// ```
///
/// Scripts, `-e` and stdin run exactly like REPL entries: a top-level expression statement
/// prints its value. Execution stops at the first error, which is returned as a
/// ``Diagnostic`` for the caller to render.
public final class Interpreter {
    /// The session's global variables.
    public var globals: [String: Value] { table.dictionary }
    let table = GlobalTable()
    /// Where `print` and echo write.
    public var output: (String) -> Void
    /// Polled at loop iterations, calls and between top-level statements; returning true
    /// stops the program with `interrupted`. By default it is ``Interruption/isRequested``,
    /// which the tool connects to Ctrl-C (operations below the language poll that directly).
    /// A C function (no context): a closure's context would be retained and released at
    /// every poll.
    public var isInterruptRequested: @convention(c) () -> Bool = { Interruption.isRequested }
    /// The most loop iterations and calls one run may take (nil: unlimited). For embedders
    /// and fuzzing: a run over budget stops with an error.
    public var stepBudget: Int? = nil
    /// The deepest recursion of user functions before it is an error.
    public var recursionLimit = 1000
    /// The longest string `+` may build, in bytes (16 MiB): doubling a string in a loop is
    /// an error long before it exhausts memory.
    public static let maxStringBytes = 16 << 20
    /// The most elements a tuple `+` may build (2^20).
    public static let maxTupleElements = 1 << 20
    /// The session's random generator: `seed(n)` then `randn`/`rand` repeat numpy's global
    /// generator (unseeded, it starts from the system's entropy, as numpy's).
    public var random = RandomState()
    /// Whether terminal-only features (progress bars) may draw.
    public var isTerminal = false
    /// The `progress(...)` loops running, innermost last (`set_progress` writes to it).
    var progressRuns: [WeakProgressRun] = []
    /// Whether a top-level expression statement prints its value. `measure` turns it off, so
    /// that `:time` times the evaluation, not the formatting of a result nobody sees.
    var echoesResults = true
    /// Whether echo binds `_` to the value it showed (IPython's last result). The REPL turns
    /// it on; scripts leave it off, so `_` there is an ordinary name.
    public var bindsLastValue = false
    /// The exit status asked for by `exit()`/`quit()` (or a bare `exit` at top level) in any
    /// program run so far, which then completed early; nil if none asked. The tool exits with
    /// it, the REPL leaves.
    public internal(set) var exitRequest: Int32?
    /// Runs a REPL command line met in a program (`:vars` in a script); it prints through
    /// ``output`` and throws an ``EvaluationFailure`` for an error. Nil: commands are errors.
    public var commandHandler: ((ScriptCommand) throws -> ScriptCommand.Continuation)?
    /// Called after output that must reach the terminal at once (a progress bar's redraw,
    /// which ends without a newline); the tool connects it to `fflush(stdout)`.
    public var flushOutput: () -> Void = {}
    /// Takes rich output (echoed values, graphs, charts, tables, progress) before it is
    /// printed: returning true means it was shown, false prints its text (``show(_:)``).
    /// Nil (the tool, the REPL): everything is printed. The Jupyter kernel sets it.
    public var richOutput: ((RichOutput) -> Bool)?

    var callDepth = 0
    /// The locals of every running call, innermost on top (see ``Frame``).
    var registers = UnsafeMutablePointer<Operand?>.allocate(capacity: 256)
    var registerCapacity = 256
    var registerTop = 0
    /// The running user function (nil at top level) and the base of its frame. Unowned:
    /// whoever called it holds it for the call.
    unowned(unsafe) var runningFunction: UserFunction?
    var fp = 0
    /// The running user function's frame (nil at top level).
    var frame: Frame? { runningFunction.map { Frame(function: $0, base: fp) } }
    /// The value a compiled `return` left (see ``Compiler``).
    var returnValue: Operand = .value(.none)
    /// Whether programs run compiled (``Compiler``); false runs the tree walker, the
    /// reference the compiled code is tested against (`DZ_TREE_WALK=1`).
    public var compiles = Interpreter.compilesByDefault
    static let compilesByDefault = getenv("DZ_TREE_WALK").map { String(cString: $0) != "1" } ?? true
    /// Where the last value returned by a user function came from (its `return`, or its
    /// one-line body), so that checks of that value point there; the function's own source
    /// holds the range. A plain range: recording it costs no reference counting per call.
    var lastReturn: SourceRange?
    var steps = 0
    /// The call of the builtin (or callable object) running, where an error in a call it
    /// makes back into the program points (`numerical_grad(f, x)` with the wrong `f`).
    var builtinCallSite = SourceRange.empty(at: 0)
    /// The source being run (errors point into it).
    var currentSource = SourceFile(name: "<none>", text: "") {
        didSet { currentSourceKey = currentSource.storageKey }
    }
    /// ``SourceFile/storageKey`` of ``currentSource``: a call checks it to see whether the
    /// callee was defined in the running source, without copying the source.
    var currentSourceKey: UnsafeRawPointer?

    /// A new session with no variables; `arguments` become the tuple `args`.
    public init(arguments: [String] = [], output: @escaping (String) -> Void = { print($0, terminator: "") }) {
        self.output = output
        setArguments(arguments)
    }

    deinit {
        registers.deinitialize(count: registerTop)
        registers.deallocate()
    }

    /// Makes room for a frame of `count` locals on top of the registers and returns its
    /// base. All are unbound but the first `leaving`, which the caller initializes at once
    /// (arguments evaluated before: nothing may run in between).
    @inline(__always)
    func reserveFrame(_ count: Int, leaving: Int = 0) -> Int {
        let base = registerTop
        if base + count > registerCapacity { growRegisters(to: base + count) }
        if count > leaving { (registers + base + leaving).initialize(repeating: nil, count: count - leaving) }
        registerTop = base + count
        return base
    }

    /// Releases the frame at `base` (the topmost). (Element by element: only a value needs
    /// releasing, and a generic `deinitialize(count:)` costs a hundred instructions.)
    @inline(__always)
    func popFrame(_ base: Int) {
        var i = base
        while i < registerTop {
            if case .value? = registers[i] { registers[i] = nil }
            i += 1
        }
        registerTop = base
    }

    private func growRegisters(to needed: Int) {
        var capacity = registerCapacity
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<Operand?>.allocate(capacity: capacity)
        grown.moveInitialize(from: registers, count: registerTop)
        registers.deallocate()
        registers = grown
        registerCapacity = capacity
    }

    /// Sets the script arguments (`args`).
    public func setArguments(_ arguments: [String]) {
        table.bind("args", .tuple(arguments.map { .string($0) }))
    }

    /// The result of running a program.
    public enum Outcome {
        /// Ran to the end.
        case completed
        /// Stopped at an error in `source`.
        case failed(Diagnostic, SourceFile)
        /// Stopped by an interrupt (at `source`'s range).
        case interrupted(Diagnostic, SourceFile)
    }

    /// Parses and runs `source` in this session.
    public func run(_ source: SourceFile) -> Outcome {
        // One large-stack thread for both parsing and running.
        LargeStack.run {
            let program: [Stmt]
            do throws(Diagnostic) {
                program = try Parser.parseProgram(source)
            } catch {
                return .failed(error, source)
            }
            return execute(program, in: source)
        }
    }

    /// Runs parsed statements (top level: expression statements echo).
    func execute(_ program: [Stmt], in source: SourceFile) -> Outcome {
        let saved = currentSource
        currentSource = source
        defer { currentSource = saved }
        steps = 0
        callDepth = 0
        var running = SourceRange.empty(at: 0)
        do {
            for stmt in program {
                running = stmt.range
                if compiles {
                    _ = try Compiler.topLevel.statement(stmt, topLevel: true)(self)
                } else {
                    _ = try execute(stmt, frame: nil, topLevel: true)
                }
                // Between statements: a straight-line program (no loop, no call) stops too,
                // and an interrupt during the last statement is not lost.
                if isInterruptRequested() { throw failure(.interrupted(), at: stmt.range) }
            }
            return .completed
        } catch let quit as QuitRequest {
            if let status = quit.exitStatus { exitRequest = status }
            return .completed
        } catch is Interrupted {
            return .interrupted(Diagnostic(RuntimeMessage.interrupted(), at: running), source)
        } catch let failure as EvaluationFailure {
            if failure.diagnostic.id == RuntimeMessage.interrupted().id {
                return .interrupted(failure.diagnostic, failure.source)
            }
            return .failed(failure.reported, failure.source)
        } catch {
            return .failed(Diagnostic(severity: .error, id: "runtime.internal", message: "\(error)",
                                      range: SourceRange.empty(at: 0)), source)
        }
    }

    /// Runs `source` repeatedly (at least `minimumRuns` times and for about `seconds`, at most
    /// 100,000 runs), parsed once and on one thread, and returns each run's duration in
    /// seconds; output is discarded and top-level values are not formatted (their echo is
    /// not part of the time). For `:time`.
    public func measure(_ source: SourceFile, minimumRuns: Int = 3, seconds: Double = 1.0) -> Result<[Double], EvaluationFailure> {
        let program: [Stmt]
        do { program = try Parser.parseProgram(source) } catch {
            return .failure(EvaluationFailure(diagnostic: error, source: source))
        }
        let savedOutput = output
        output = { _ in }
        echoesResults = false
        defer {
            output = savedOutput
            echoesResults = true
        }
        return LargeStack.run {
            var samples: [Double] = []
            let start = monotonicSeconds()
            repeat {
                let t0 = monotonicSeconds()
                switch execute(program, in: source) {
                case .completed: samples.append(monotonicSeconds() - t0)
                case .failed(let d, let f), .interrupted(let d, let f):
                    return .failure(EvaluationFailure(diagnostic: d, source: f))
                }
            } while (samples.count < minimumRuns || monotonicSeconds() - start < seconds) && samples.count < 100_000
            return .success(samples)
        }
    }

    /// Evaluates one expression in the session (for `:graph EXPR` and completion).
    public func evaluate(expression text: String, name: String = "<repl>") -> Result<Value, EvaluationFailure> {
        let source = SourceFile(name: name, text: text)
        let expr: Expr
        do { expr = try Parser.parseExpression(source) } catch {
            return .failure(EvaluationFailure(diagnostic: error, source: source))
        }
        let saved = currentSource
        currentSource = source
        defer { currentSource = saved }
        return LargeStack.run {
            do { return .success(try evaluate(expr, frame: nil)) } catch let f as EvaluationFailure {
                return .failure(EvaluationFailure(diagnostic: f.reported, source: f.source))
            } catch is Interrupted {
                return .failure(EvaluationFailure(diagnostic: Diagnostic(RuntimeMessage.interrupted(), at: expr.range), source: source))
            } catch {
                return .failure(EvaluationFailure(diagnostic: Diagnostic(severity: .error, id: "runtime.internal",
                    message: "\(error)", range: expr.range), source: source))
            }
        }
    }

    /// Forgets every variable (keeps `args`).
    public func reset() {
        let args = table["args"]
        // Values may nest deeply (a tuple built in a loop); free them on the large stack.
        LargeStack.run {
            table.removeAll()
            if let args { table.bind("args", args) }
        }
    }

    /// Every name a user can refer to: globals, constants and builtins.
    public var knownNames: [String] {
        Array(globals.keys) + Array(Interpreter.constants.keys) + Array(Builtins.table.keys) + Array(ClassObject.builtinBases.keys) + Array(DTypeObject.named.keys)
    }

    /// The attribute and method names of the objects in the globals (and of the layers
    /// inside them), for completion after `.`.
    public var objectAttributeNames: [String] {
        var names = Set<String>()
        func collect(_ o: any RuntimeObject, depth: Int) {
            names.formUnion(o.attributeNames)
            guard depth < 2 else { return }
            for n in o.attributeNames { if case .object(let inner)? = o.attribute(n) { collect(inner, depth: depth + 1) } }
        }
        for case .object(let o) in globals.values { collect(o, depth: 0) }
        return names.sorted()
    }

    /// pi, e, inf, nan.
    static let constants: [String: Double] = ["pi": Double.pi, "e": 2.718281828459045, "inf": .infinity, "nan": .nan]
}

/// An error (or interrupt) with the source it points into.
public struct EvaluationFailure: Error {
    public var diagnostic: Diagnostic
    public let source: SourceFile
    /// The user-function calls the error came out of, innermost first: each call's site,
    /// the source of that site, and the function called (see ``reported``).
    var calls: [(site: SourceRange, source: SourceFile, callee: String)] = []

    public init(diagnostic: Diagnostic, source: SourceFile) {
        self.diagnostic = diagnostic
        self.source = source
    }

    /// The diagnostic with its call chain filled in: outermost call first, the error's own
    /// place last (nothing when the error did not come out of a user function).
    var reported: Diagnostic {
        guard !calls.isEmpty, diagnostic.id != RuntimeMessage.interrupted().id else { return diagnostic }
        var d = diagnostic
        var chain: [CallChainEntry] = []
        let outward = Array(calls.reversed())
        for (k, call) in outward.enumerated() {
            chain.append(Self.entry(call.site, in: call.source, context: k == 0 ? "at top level" : "in \(outward[k - 1].callee)"))
        }
        chain.append(Self.entry(diagnostic.range, in: source, context: "in \(calls[0].callee)"))
        d.callChain = chain
        return d
    }

    static func entry(_ range: SourceRange, in file: SourceFile, context: String) -> CallChainEntry {
        let (line, column) = file.lineAndColumn(of: range.start)
        let lineStart = file.byteRange(ofLine: line).lowerBound
        return CallChainEntry(location: "\(file.name):\(line):\(column)", context: context,
                              line: file.text(ofLine: line), offsetInLine: range.start.offset - lineStart)
    }
}

/// Seconds from a monotonic clock.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
