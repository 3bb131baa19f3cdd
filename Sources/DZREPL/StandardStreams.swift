#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Writes through C stdio, so that text and libedit's own output stay in order.
enum StandardStreams {
    static func write(_ text: String, toError: Bool) {
        let stream = toError ? stderr : stdout
        fputs(text, stream)
        fflush(stream)
    }

    /// The width of the terminal on stdout, or 80.
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
