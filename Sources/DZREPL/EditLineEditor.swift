#if canImport(Glibc)
@preconcurrency import Glibc
#endif
@preconcurrency import CEditLine
import CEditLineShim

/// The interactive line editor on libedit: emacs keys, Tab completion, ^C abandons the line,
/// and a history file shared with other sessions (``HistoryStore``: bounded to `historySize`,
/// consecutive duplicates dropped, each entry appended as it is made so that SIGTERM or a
/// lost terminal loses nothing, and two sessions at once both keep theirs).
///
/// Use only when stdin and stdout are terminals (`isInteractiveTerminal()`); libedit gives an
/// immediate EOF when stdout is not one. A class, so that `deinit` can hand the terminal back.
public final class EditLineEditor: LineEditor {
    /// How many entries the history keeps.
    public static let historySize: Int32 = 1000

    /// Where the history is loaded from and saved to; nil keeps it in memory only.
    public let historyPath: String?
    /// Consulted on every Tab; nil makes Tab beep.
    public var completion: (any CompletionProvider)?

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private var store: HistoryStore?
    private var lastEntry: String?
    /// Set once the terminal is gone (hangup, EIO, EOF from a dead pty): every later read is EOF.
    private var terminalGone = false

    /// Sets a UTF-8 character type (``useUTF8CharacterType()``: without it libedit drops
    /// non-ASCII input) and starts libedit on stdin/stdout/stderr, reading `~/.editrc` and the
    /// history file.
    public init(program: String = "dz", historyPath: String?, completion: (any CompletionProvider)? = nil) {
        Self.useUTF8CharacterType()
        self.historyPath = historyPath
        self.completion = completion
        history = dzshim_history_init(Self.historySize)
        editLine = dzshim_el_init(program)
        dzshim_set_editor(editLine, "emacs")
        dzshim_set_signal(editLine, 1)
        dzshim_set_history(editLine, history)
        dzshim_set_prompt(editLine, "dz> ")
        dzshim_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        dzshim_bind_completion(editLine, editLineComplete)
        dzshim_bind_ctrl_c(editLine)
        el_source(editLine, nil)
        if let historyPath {
            var store = HistoryStore(path: historyPath, capacity: Int(Self.historySize))
            switch store.load() {
            case .success(let entries):
                for entry in entries { _ = dzshim_history_enter(history, entry) }
                lastEntry = entries.last
                self.store = store
            case .failure(let failure):
                warn("cannot read history from \(historyPath): \(failure.reason)")
            }
        }
    }

    private func warn(_ text: String) {
        StandardStreams.write("dz: warning: \(text); this session's history is not saved\n", toError: true)
    }

    /// Makes the C library's character type UTF-8, whatever the environment says: dz source
    /// is UTF-8, and under `LANG=C` (or no locale at all) libedit would silently drop every
    /// non-ASCII key (`héllo` read as `hllo`). The environment's LC_CTYPE is kept when it is
    /// UTF-8 already; otherwise the first UTF-8 locale installed among C.UTF-8, C.utf8 and
    /// en_US.UTF-8. Only LC_CTYPE changes: numbers are printed as in the C locale.
    /// Returns whether the character type is UTF-8 afterwards.
    @discardableResult
    public static func useUTF8CharacterType() -> Bool {
        if setlocale(LC_CTYPE, "") != nil, isUTF8CharacterType() { return true }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8CharacterType() { return true }
        }
        return false
    }

    private static func isUTF8CharacterType() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }

    deinit {
        el_end(editLine)
        dzshim_history_end(history)
    }

    /// Reads one line. ^C (a key while editing) gives `.interrupted`; ^D on an empty line, a
    /// hangup, or a failing terminal gives `.eof` (never a retry loop on a dead terminal).
    public func readLine(prompt: String) -> LineResult {
        if terminalGone || Interrupt.hangupRequested { return .eof }
        dzshim_set_prompt(editLine, prompt)
        Interrupt.clear()
        _ = dzshim_take_abandon()
        var strayInterruptions = 0
        while true {
            var count: Int32 = 0
            errno = 0
            if let raw = el_gets(editLine, &count) {
                if dzshim_take_abandon() != 0 { return .interrupted }
                var line = String(cString: raw)
                if line.hasSuffix("\n") { line.removeLast() }
                return .line(line)
            }
            let error = errno
            if Interrupt.hangupRequested {
                terminalGone = true
                return .eof
            }
            if count == -1 && error == EINTR {
                // ^C delivered as a signal in the instant before libedit entered raw mode.
                if Interrupt.take() {
                    StandardStreams.write("^C\n", toError: false)
                    return .interrupted
                }
                strayInterruptions += 1
                if strayInterruptions < 3 { continue }
            }
            // count 0 is ^D on an empty line (or end of input); anything else is a failing terminal.
            if count != 0 || error == EIO { terminalGone = true }
            return .eof
        }
    }

    /// Adds `entry` (multi-line entries stay one entry) and appends it to the history file.
    /// When the file cannot be written, warns once on stderr and keeps the history in memory.
    public func addHistory(_ entry: String) {
        _ = dzshim_history_enter(history, entry)
        guard entry != lastEntry else { return }
        lastEntry = entry
        guard let historyPath, store != nil else { return }
        var problem = HistoryFile.prepareDirectory(for: historyPath)
        if problem == nil, let failure = store?.append(entry) { problem = failure.reason }
        if let problem {
            store = nil
            StandardStreams.write("dz: warning: cannot save history to \(historyPath): \(problem)\n", toError: true)
        }
    }

    /// Performs a Tab press on the current line.
    fileprivate func complete(_ editLine: OpaquePointer) -> UInt8 {
        guard let completion, let info = el_line(editLine)?.pointee,
              let buffer = info.buffer, let cursor = info.cursor, let last = info.lastchar
        else { return UInt8(CC_REFRESH_BEEP) }
        let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: last - buffer), as: UTF8.self)
        let offset = cursor - buffer
        let answer = completion.completions(for: line, cursor: offset)
        let plan = TabCompletionPlan(line: line, cursor: offset, replaceFrom: answer.replaceFrom,
                                     candidates: answer.candidates)
        if plan.beep { return UInt8(CC_REFRESH_BEEP) }
        if plan.deleteCount > 0 { el_deletestr(editLine, Int32(plan.deleteCount)) }
        if !plan.insert.isEmpty { _ = el_insertstr(editLine, plan.insert) }
        if plan.listing.isEmpty { return UInt8(CC_REFRESH) }
        let columns = TabCompletionPlan.columns(plan.listing, width: StandardStreams.terminalWidth())
        StandardStreams.write("\n" + columns, toError: false)
        return UInt8(CC_REDISPLAY)
    }
}

/// libedit's Tab command: finds the editor through EL_CLIENTDATA (C callbacks cannot capture).
private let editLineComplete: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editLine, _ in
    guard let editLine, let data = dzshim_get_clientdata(editLine) else { return UInt8(CC_ERROR) }
    return Unmanaged<EditLineEditor>.fromOpaque(data).takeUnretainedValue().complete(editLine)
}
