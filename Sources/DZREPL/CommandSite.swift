import DZLanguage

/// Where a command's argument came from, so that an error inside it points at the right
/// place: a REPL line (the argument alone, named `<repl>`), or a line of a script (the
/// script's own file, line and column).
struct CommandSite {
    /// The file holding the command line; nil for a line typed at the REPL prompt.
    var file: SourceFile?
    /// The argument's range in `file` (empty at the command's end when it has none).
    var argumentRange: SourceRange

    /// A line typed at the prompt.
    static let prompt = CommandSite(file: nil, argumentRange: .empty(at: 0))

    /// The source to parse `argument` from: named `<repl>` at the prompt, else after the file.
    func source(for argument: String) -> SourceFile {
        SourceFile(name: file?.name ?? "<repl>", text: argument)
    }

    /// `failure` moved into `file` when it points into `argumentSource` (an error in the
    /// command's argument); failures elsewhere (inside a function it called, or in a loaded
    /// file) stay where they are.
    func locate(_ failure: EvaluationFailure, from argumentSource: SourceFile) -> EvaluationFailure {
        guard let file, failure.source == argumentSource else { return failure }
        var diagnostic = failure.diagnostic
        let shift = argumentRange.start.offset
        diagnostic.range = SourceRange(diagnostic.range.start.offset + shift, diagnostic.range.end.offset + shift)
        return EvaluationFailure(diagnostic, in: file)
    }
}

/// Why a command failed: an error in dz code (rendered with its position), or a message about
/// the command itself (a file that cannot be opened, a value that has no graph).
enum CommandProblem: Error {
    case failure(EvaluationFailure)
    case message(String)
}
