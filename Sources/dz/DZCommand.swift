import ArgumentParser
@preconcurrency import DZLanguage
import DZTensor
import DZREPL
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The `dz` command line: parses the arguments and hands over to a mode (REPL, script,
/// stdin or `-e`). Usage errors exit with 2, as the spec asks (argument-parser's own code
/// is 64).
@main
struct DZCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dz",
        abstract: "Build computation graphs and differentiate them, interactively.",
        discussion: """
            With no FILE and a terminal on stdin, dz starts the REPL. `dz FILE [ARGS...]` runs a \
            script (its extra words are the tuple `args`); `dz -` or a pipe on stdin runs the \
            script read from stdin; `dz -e CODE` runs CODE (several -e run in order, one line \
            each). `dz kernel install [--user | --prefix DIR] [--name NAME]` registers dz as a \
            Jupyter kernel. Exit codes: 0 ok, 1 error, \
            2 usage, 130 interrupted.
            """)

    /// Every `-e CODE`, in order: they run as one program, one line each (as perl and ruby
    /// do). A CODE that starts with `-` (`dz -e '-1'`) is code, not an option.
    @Option(name: .customShort("e"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Run CODE and exit; several -e run in order, as separate lines.", valueName: "CODE"))
    var codes: [String] = []

    /// The program of the `-e` options, or nil without any.
    var code: String? { codes.isEmpty ? nil : codes.joined(separator: "\n") }

    @Option(name: .long, help: ArgumentHelp("Seed the random generator before running (as np.random.seed).", valueName: "N"))
    var seed: UInt32?

    @Flag(name: .customLong("no-color"), help: "Never color the output.")
    var noColor = false

    @Flag(name: .customLong("version"), help: "Print the version and the BLAS kernel in use.")
    var showVersion = false

    @Flag(name: .customLong("builtin-reference"), help: .hidden)
    var printReference = false

    @ArgumentParser.Argument(parsing: .captureForPassthrough, help: ArgumentHelp("A script to run (or - for stdin), then its arguments.", valueName: "FILE"))
    var arguments: [String] = []

    func validate() throws {
        if let first = arguments.first, first == "--help" || first == "-h" {
            throw CleanExit.helpRequest(self)
        }
        if let first = arguments.first, first.hasPrefix("-"), first != "-" {
            throw ValidationError("unknown option '\(first)'")
        }
        if code != nil, let first = arguments.first, first == "-" {
            throw ValidationError("-e and - (stdin) cannot be used together")
        }
    }

    static func main() {
        StandardStreams.reserveClosedDescriptors()
        restoreBrokenPipeDefault()
        // Past `ulimit -f`, a write fails with EFBIG, reported as any write error (a save
        // keeps the old file; stdout says it lost output), instead of SIGXFSZ killing dz.
        signal(SIGXFSZ, SIG_IGN)
        let command: DZCommand
        do {
            command = try parseAsRoot() as! DZCommand
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Glibc._exit(StandardStreams.finish(exitCode: 0))
            }
            fputs("dz: error: \(message(for: error))\n", stderr)
            fputs("Usage: dz [--seed N] [--no-color] [-e CODE | FILE [ARGS...] | -]\n", stderr)
            Glibc.exit(2)
        }
        for warning in TuningEnvironment.warnings() { fputs("dz: warning: \(warning)\n", stderr) }
        // Exit without tearing anything down: freeing a large graph at exit is wasted work,
        // and a background load of OpenBLAS (see below) must not hold the exit up.
        // A write error on stdout (a full disk, a closed descriptor) is reported here and
        // makes the exit status 1.
        let code = command.execute()
        Glibc._exit(StandardStreams.finish(exitCode: code))
    }

    /// `dz script | head -1` ends quietly when `head` exits, as any Unix filter does: a write
    /// to a closed pipe kills dz with SIGPIPE. A parent may have started dz with SIGPIPE
    /// ignored or blocked (both are inherited), which would turn the writes into silent
    /// EPIPE failures and let a printing loop run on forever; so the default is restored.
    static func restoreBrokenPipeDefault() {
        signal(SIGPIPE, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Runs the chosen mode and returns the exit code.
    func execute() -> Int32 {
        if showVersion {
            print("dz \(Self.version)")
            print("BLAS: OpenBLAS, kernel \(BLASLibrary.coreName)")
            return 0
        }
        if printReference {
            print(Builtins.referenceMarkdown(), terminator: "")
            return 0
        }
        // Scripts and the REPL load OpenBLAS in the background from the start, so their first
        // product does not wait for it; a one-line -e keeps the fastest start (loading in
        // parallel slows the main thread's own symbol binding by a few milliseconds).
        if code == nil, KernelInstall.isCommand(arguments) { return KernelInstall.run(Array(arguments.dropFirst())) }
        if code == nil { BLASLibrary.preload() }
        let session = ScriptSession(noColor: noColor)
        ScriptSession.current = session
        if let seed { session.interpreter.random.seed(seed) }
        if let code {
            session.interpreter.setArguments(arguments)
            return session.run(SourceFile(name: "<-e>", text: code))
        }
        if let path = arguments.first {
            session.interpreter.setArguments(Array(arguments.dropFirst()))
            if path == "-" { return session.runStandardInput() }
            return session.runFile(path)
        }
        if isatty(STDIN_FILENO) == 1 {
            return session.runInteractive()
        }
        return session.runStandardInput()
    }
}
