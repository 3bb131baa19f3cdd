#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Writes through C stdio, so that text and libedit's own output stay in order; and notices
/// when stdout cannot be written (a full disk, a closed descriptor), so that dz can say so
/// and exit 1 instead of losing its output in silence.
public enum StandardStreams {
    /// The `errno` of the first failed write to stdout; 0 while every write succeeded. Set
    /// by whichever thread writes stdout (one at a time: the program's), read at exit.
    nonisolated(unsafe) private static var outputErrno: Int32 = 0
    /// Whether stdout was a terminal at start: one that hangs up fails writes with EIO,
    /// which is the end of the session (as SIGHUP is), not lost output.
    nonisolated(unsafe) private static var outputWasTerminal = false

    static func write(_ text: String, toError: Bool) {
        if toError {
            fputs(text, stderr)
            fflush(stderr)
        } else {
            writeOutput(text)
            flushOutput()
        }
    }

    /// When stdout was last flushed (seconds on the coarse monotonic clock).
    nonisolated(unsafe) private static var lastFlush = 0.0

    /// Writes `text` to stdout (buffered), remembering a failure for ``finish(exitCode:)``.
    /// A line written a second or more after the last flush is flushed, so a piped or
    /// redirected dz (`dz train.dz | tee log`) shows a loop's progress as it goes, while a
    /// fast loop's lines still go out in large writes.
    public static func writeOutput(_ text: String) {
        if fputs(text, stdout) == EOF { noteOutputFailure() }
        if text.utf8.last == UInt8(ascii: "\n") {
            var ts = timespec()
            clock_gettime(CLOCK_MONOTONIC_COARSE, &ts)
            let now = Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
            if now - lastFlush >= 1 {
                flushOutput()
                lastFlush = now
            }
        }
    }

    /// Flushes stdout, remembering a failure.
    public static func flushOutput() {
        if fflush(stdout) != 0 { noteOutputFailure() }
    }

    private static func noteOutputFailure() {
        if outputErrno == 0 { outputErrno = errno == 0 ? EIO : errno }
    }

    /// Makes sure descriptors 0, 1 and 2 are open before anything else opens a file: with
    /// stdout closed (`dz >&-`), the next `open` would get descriptor 1 and the program's
    /// output would go into the file it saves. A closed one gets `/dev/null` opened the
    /// wrong way round, so that using it still fails ("Bad file descriptor").
    public static func reserveClosedDescriptors() {
        outputWasTerminal = isatty(STDOUT_FILENO) == 1
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let reserved = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY)
            if reserved >= 0 && reserved != fd { close(reserved) }
        }
    }

    /// Flushes stdout and stderr and gives the process's exit code: `exitCode`, or 1 after
    /// `dz: error: cannot write to stdout: REASON` on stderr when output was lost (a
    /// terminal that hung up excepted).
    public static func finish(exitCode: Int32) -> Int32 {
        flushOutput()
        if outputErrno == 0, ferror(stdout) != 0 { outputErrno = EIO }
        fflush(stderr)
        guard outputErrno != 0, !(outputWasTerminal && outputErrno == EIO) else { return exitCode }
        fputs("dz: error: cannot write to stdout: \(String(cString: strerror(outputErrno)))\n", stderr)
        fflush(stderr)
        return exitCode == 0 ? 1 : exitCode
    }

    /// The width of the terminal on stdout, or 80.
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
