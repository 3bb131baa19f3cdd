import CEditLineShim

/// The process's Ctrl-C flag, set by a SIGINT handler (see CEditLineShim).
///
/// DZLanguage cannot depend on DZREPL, so the interpreter never calls this type: `dz` hands it
/// `Interrupt.poll` as a `() -> Bool` and the interpreter calls that in its loops (every few
/// hundred steps, at calls and loop back-edges), unwinding with "Interrupted" when it is true.
/// `REPLSession` clears the flag before each evaluation, and `EditLineEditor` before each read.
public enum Interrupt {
    /// Installs the SIGINT and SIGHUP handlers (without SA_RESTART) and unblocks the signals.
    /// SIGTERM keeps its default action: history is written after every entry, so nothing is lost.
    /// Call once, early, on the main thread.
    public static func install() { _ = dzshim_install_signal_handlers() }

    /// Whether Ctrl-C (or a hangup) has been seen since the last `clear()`. Cheap: one atomic load.
    public static var isRequested: Bool { dzshim_interrupt_requested() != 0 }

    /// Forgets a pending Ctrl-C.
    public static func clear() { dzshim_clear_interrupt() }

    /// Returns whether Ctrl-C was pending, and clears it.
    public static func take() -> Bool { dzshim_take_interrupt() != 0 }

    /// Whether SIGHUP arrived: the terminal has gone away.
    public static var hangupRequested: Bool { dzshim_hangup_requested() != 0 }

    /// The poll to hand to the interpreter.
    public static let poll: @Sendable () -> Bool = { dzshim_interrupt_requested() != 0 }
}
