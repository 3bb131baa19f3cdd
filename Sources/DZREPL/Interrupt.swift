import CEditLineShim
import DZLanguage

/// The process's Ctrl-C flag, set by a SIGINT handler (see CEditLineShim).
///
/// The modules below cannot depend on DZREPL, so they never call this type: `install()` hands
/// `Interrupt.poll` to DZTensor's ``Interruption``, which the interpreter polls in its loops,
/// at calls and between statements, and the engine after each BLAS product, between the
/// functions of a backward pass and while a read waits; all unwind with `interrupted`.
/// `REPLSession` clears the flag before each evaluation, and `EditLineEditor` before each read.
public enum Interrupt {
    /// Installs the SIGINT and SIGHUP handlers (without SA_RESTART) and unblocks the signals,
    /// gives SIGQUIT its default action back (Swift's crash reporter would otherwise catch it
    /// and keep the process alive), and connects ``Interruption`` to the flag. SIGTERM keeps
    /// its default action: history is written after every entry, so nothing is lost.
    /// Call once, early, on the main thread.
    public static func install() {
        _ = dzshim_install_signal_handlers()
        Interruption.install(poll)
    }

    /// Whether Ctrl-C (or a hangup) has been seen since the last `clear()`. Cheap: one atomic load.
    public static var isRequested: Bool { dzshim_interrupt_requested() != 0 }

    /// Forgets a pending Ctrl-C.
    public static func clear() { dzshim_clear_interrupt() }

    /// Returns whether Ctrl-C was pending, and clears it.
    public static func take() -> Bool { dzshim_take_interrupt() != 0 }

    /// Whether SIGHUP arrived: the terminal has gone away.
    public static var hangupRequested: Bool { dzshim_hangup_requested() != 0 }

    /// The poll to hand to the interpreter.
    public static let poll: @convention(c) () -> Bool = { dzshim_interrupt_requested() != 0 }
}
