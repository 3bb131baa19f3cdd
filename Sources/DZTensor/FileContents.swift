#if canImport(Glibc)
import Glibc
#endif

/// Reading whole files, for every module that needs it (scripts, `:load`, .npy, stdin): one
/// implementation of the read loop and its errors.
///
/// No read blocks beyond Ctrl-C: a file is opened without waiting (a FIFO with no writer yet
/// does not hang `open`), and every read first waits for data in slices of a tenth of a
/// second, polling ``Interruption`` in between. `EINTR` is never an error: it is retried, or
/// it ends the read as an interrupt when Ctrl-C is pending.
public enum FileContents {
    /// Why a file could not be read: the C library's description of the error, or an interrupt.
    public struct Failure: Error, Sendable {
        public let path: String
        /// `strerror`'s text, e.g. "No such file or directory" (`interrupted` for an interrupt).
        public let reason: String
        /// Whether Ctrl-C ended the read (report `interrupted`, exit status 130), rather than
        /// the file failing.
        public let interrupted: Bool

        public init(path: String, reason: String, interrupted: Bool = false) {
            self.path = path
            self.reason = reason
            self.interrupted = interrupted
        }
    }

    /// How long one wait for data lasts before Ctrl-C is polled again, in milliseconds.
    static let pollInterval: Int32 = 100

    /// The bytes of the file at `path` (a directory is an error: "Is a directory"), at most
    /// `limit` of them: a device or a pipe may never end. A name with a NUL byte is refused
    /// (the C library would read the file its first part names).
    public static func read(_ path: String, limit: Int = .max) throws(Failure) -> [UInt8] {
        guard !path.utf8.contains(0) else {
            throw Failure(path: AtomicFile.printableName(path), reason: "a file name cannot contain a NUL byte")
        }
        let fd: Int32
        do { fd = try open(path) } catch { throw Failure(path: path, reason: "interrupted", interrupted: true) }
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        return try readAll(fd, name: path, limit: limit)
    }

    /// Everything `fd` gives until end of file, at most `limit` bytes. An interrupt pending at
    /// the end (a producer killed by the same Ctrl-C ends the pipe) is an interrupt, not a
    /// short file.
    public static func readAll(_ fd: Int32, name: String, limit: Int = .max) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        do {
            while bytes.count < limit {
                let want = Swift.min(chunk.count, limit - bytes.count)
                let n = try chunk.withUnsafeMutableBytes { (raw) throws(Interrupted) in try read(fd, into: raw.baseAddress!, count: want) }
                if n < 0 { throw Failure(path: name, reason: String(cString: strerror(errno))) }
                if n == 0 { break }
                bytes.append(contentsOf: chunk[0..<n])
            }
            try Interruption.check()
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(path: name, reason: "interrupted", interrupted: true)
        }
        return bytes
    }

    /// open(2) for reading, close-on-exec and non-blocking (so that a FIFO without a writer
    /// does not block; ``read(_:into:count:)`` waits for its data instead). Returns -1 with
    /// `errno` set on failure.
    public static func open(_ path: String) throws(Interrupted) -> Int32 {
        while true {
            try Interruption.check()
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            if fd >= 0 || errno != EINTR { return fd }
        }
    }

    /// read(2) of at most `count` bytes that waits for data without blocking Ctrl-C: returns
    /// the bytes read (0 at end of file), or -1 with `errno` set. Throws ``Interrupted`` when
    /// Ctrl-C is pending before or while it waits. Works on blocking descriptors too (stdin).
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) throws(Interrupted) -> Int {
        while true {
            try Interruption.check()
            var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, pollInterval)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            // Ready, or poll failed (then read reports the descriptor's own error).
            let n = Glibc.read(fd, buffer, count)
            if n >= 0 { return n }
            if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
            return -1
        }
    }
}
