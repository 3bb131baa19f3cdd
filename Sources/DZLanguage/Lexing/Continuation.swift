/// Whether a REPL entry is incomplete and the REPL should read another line (`...> `).
///
/// True while a `(`, `[` or `{` is open or a string is unterminated. Anything else,
/// including input with errors, is complete: the parser then reports the error.
///
/// ```swift
/// needsContinuation("def f(x) {")   // true
/// needsContinuation("x = (1 +")     // true
/// needsContinuation("x = 1 +")      // false: an error, reported by the parser
/// ```
public func needsContinuation(_ text: String) -> Bool {
    var lexer = Lexer(SourceFile(name: "<repl>", text: text))
    while true {
        do {
            if try lexer.next().kind == .eof { return !lexer.openBrackets.isEmpty }
        } catch {
            return error.id == SyntaxMessage.unterminatedString.id
        }
    }
}
