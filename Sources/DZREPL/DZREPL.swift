/// DZREPL: the interactive loop on libedit, with a plain reader when not on a terminal.
///
/// Wiring, from `dz`'s main:
/// 1. `Interrupt.install()` (`EditLineEditor.init` makes the character type UTF-8 itself).
/// 2. `makeLineEditor(completion:)` picks `EditLineEditor` when stdin and stdout are terminals,
///    `PlainLineEditor` otherwise.
/// 3. `REPLSession(interactive:needsContinuation:evaluate:handleCommand:)` and `run(editor:)`.
/// The interpreter polls `Interrupt.poll` (a C function, `() -> Bool`) in its loops: DZLanguage cannot
/// import DZREPL, so the flag reaches it as a function.
@_exported import DZLanguage
