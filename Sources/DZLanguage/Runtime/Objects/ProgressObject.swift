#if canImport(Glibc)
import Glibc
#endif

/// `progress(iterable)`: iterates like `iterable` and reports how far a loop has got.
///
/// On a terminal (``Interpreter/isTerminal``) it redraws one line at most ten times a
/// second, fitted to the terminal's current width and flushed at once: percentage (floored),
/// a bar, step/total, elapsed time, rate, and the value last given to `set_progress` (the
/// loss); the finished bar stays on screen. Elsewhere (a file, a pipe,
/// the tests) it prints a plain line each time another tenth of the loop is done, without
/// times, so that a script's output stays reproducible:
///
///     [ 10%] 30/300 loss 1.0985
///
/// The count comes from `range`, tuples, tensors (first axis) and data loaders; for other
/// iterables only the end is reported.
final class ProgressObject: IterableObject {
    let source: Value
    let total: Int?
    let label: String
    weak var interpreter: Interpreter?

    init(source: Value, total: Int?, label: String, interpreter: Interpreter) {
        self.source = source
        self.total = total
        self.label = label
        self.interpreter = interpreter
    }

    var typeName: String { "progress" }
    var summary: String { "progress(\(source.repr))" }
    var attributeNames: [String] { ["total"] }
    func attribute(_ name: String) -> Value? {
        name == "total" ? (total.map { .integer($0) } ?? Value.none) : nil
    }

    func makeIterator() throws -> () throws -> Value? {
        guard let interpreter else { return { nil } }
        let inner = try interpreter.makeIterator(source, at: SourceRange.empty(at: 0))
        let run = ProgressRun(total: total, label: label, interpreter: interpreter)
        interpreter.progressRuns.append(WeakProgressRun(run))
        var finished = false
        return {
            guard !finished else { return nil }
            if run.started { run.advance() } else { run.start() }
            let v: Value?
            do { v = try inner() } catch { finished = true; run.finish(); throw error }
            if let v { return v }
            finished = true
            run.finish()
            return nil
        }
    }
}

struct WeakProgressRun {
    weak var run: ProgressRun?
    init(_ run: ProgressRun) { self.run = run }
}

/// One pass of a `for` loop over a `progress(...)`: it ends when the loop ends, normally,
/// by `break` or by an error (the iterator holding it is released then).
final class ProgressRun {
    let total: Int?
    let label: String
    weak var interpreter: Interpreter?
    let terminal: Bool
    private(set) var started = false
    private var done = 0
    private var finished = false
    private var startTime = 0.0
    private var lastDraw = -1.0
    private var lastTenth = 0
    /// The value shown beside the bar (`set_progress`), with its name.
    var value: (name: String, value: Double)?
    /// On a terminal: the session's output before the bar took it over, and whether the
    /// bar is on the current line (other output first clears it, then the bar is redrawn).
    private var savedOutput: ((String) -> Void)?
    private var barOnLine = false

    init(total: Int?, label: String, interpreter: Interpreter) {
        self.total = total
        self.label = label
        self.interpreter = interpreter
        self.terminal = interpreter.isTerminal
    }

    deinit { finish() }

    func start() {
        started = true
        startTime = Self.now()
        if !terminal, interpreter?.showsRichOutput == true { display(final: false) }
        guard terminal, let interpreter else { return }
        let original = interpreter.output
        savedOutput = original
        interpreter.output = { [weak self] text in
            if let self, self.barOnLine {
                original("\r\u{1B}[K")
                self.barOnLine = false
            }
            original(text)
        }
        draw(force: true)
    }

    /// One more step is done.
    func advance() {
        done += 1
        report(final: false)
    }

    func finish() {
        guard started, !finished else { return }
        finished = true
        report(final: true)
        if let savedOutput {
            savedOutput("\n")
            interpreter?.output = savedOutput
        }
        interpreter?.progressRuns.removeAll { $0.run == nil || $0.run === self }
    }

    private func report(final: Bool) {
        if terminal {
            draw(force: final)
            return
        }
        if interpreter?.showsRichOutput == true {
            display(final: final)
            return
        }
        guard let total, total > 0 else {
            if final { interpreter?.output(line(percent: nil) + "\n") }
            return
        }
        let tenth = done * 10 / total
        if tenth > lastTenth {
            lastTenth = tenth
            interpreter?.output(line(percent: done * 100 / total) + "\n")
        }
    }

    /// A rich-output sink (Jupyter) gets the bar's line as one display updated in place, at
    /// most ten times a second and at the end.
    private func display(final: Bool) {
        let now = Self.now()
        guard final || lastDraw < 0 || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        let line = Self.barLine(label: label, done: done, total: total, elapsed: now - startTime,
                                value: value, columns: 100)
        interpreter?.show(.progress(id: ObjectIdentifier(self).hashValue, text: line, done: done, total: total,
                                    finished: final))
    }

    /// `[ 10%] 30/300 loss 1.0985` (no times: reproducible).
    private func line(percent: Int?) -> String {
        var s = label.isEmpty ? "" : label + " "
        if let percent {
            s += "[" + String(repeating: " ", count: Swift.max(0, 3 - String(percent).count)) + "\(percent)%] "
        }
        s += "\(done)/\(total.map(String.init) ?? "?")"
        if let value { s += " \(value.name) \(cFormat("%.6g", value.value))" }
        return s
    }

    private func draw(force: Bool) {
        let now = Self.now()
        guard force || !barOnLine || now - lastDraw >= 0.1, let write = savedOutput else { return }
        lastDraw = now
        // The width is read at each redraw, so a resized terminal (SIGWINCH) is followed.
        let line = Self.barLine(label: label, done: done, total: total, elapsed: now - startTime,
                                value: value, columns: Self.terminalColumns())
        // One write and a flush per redraw: the whole line reaches the terminal at once.
        write("\r\u{1B}[K" + line)
        interpreter?.flushOutput()
        barOnLine = true
    }

    /// The bar's line, at most `columns - 1` characters wide (a line as wide as the terminal
    /// would wrap, and `\r` would then redraw only its last row, leaving a stale copy):
    /// `label  42% |██████▍     | 126/300 [00:03, 41.9 it/s] loss 0.25`. The percentage is
    /// floored, as tqdm's: 100% only when the loop is done. The bar (at most 24 cells) shrinks
    /// first, then goes; what still does not fit is cut.
    static func barLine(label: String, done: Int, total: Int?, elapsed: Double,
                        value: (name: String, value: Double)?, columns: Int) -> String {
        let room = Swift.max(columns - 1, 1)
        let head = label.isEmpty ? "" : label + " "
        var tail = " [" + clock(elapsed)
        if elapsed > 0, done > 0 { tail += ", " + cFormat("%.1f", Double(done) / elapsed) + " it/s" }
        tail += "]"
        if let value { tail += " \(value.name) \(cFormat("%.6g", value.value))" }
        var s: String
        if let total, total > 0 {
            let fraction = Swift.min(1, Double(done) / Double(total))
            let percent = Swift.min(100, done * 100 / total)
            let percentText = String(repeating: " ", count: Swift.max(0, 3 - String(percent).count)) + "\(percent)%"
            let counts = " \(done)/\(total)"
            let fixed = head.count + percentText.count + counts.count + tail.count
            let width = Swift.min(24, room - fixed - 3)
            if width >= 4 {
                let eighths = Int(fraction * Double(width * 8))
                let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
                let bar = String(repeating: "█", count: eighths / 8) + partial
                s = head + percentText + " |" + bar
                    + String(repeating: " ", count: width - eighths / 8 - (partial.isEmpty ? 0 : 1)) + "|" + counts
            } else {
                s = head + percentText + counts
            }
        } else {
            s = head + "\(done)"
        }
        s += tail
        return s.count > room ? String(s.prefix(room)) : s
    }

    /// The width of the terminal on stdout (TIOCGWINSZ), or 80.
    static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds)
        return s >= 3600 ? cFormat("%.0f:", Double(s / 3600)) + twoDigits((s / 60) % 60) + ":" + twoDigits(s % 60)
            : twoDigits(s / 60) + ":" + twoDigits(s % 60)
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func now() -> Double { monotonicSeconds() }
}
