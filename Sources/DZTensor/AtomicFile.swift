#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replacing a file all at once: the new contents go to a temporary file created
/// exclusively (`mkstemp`) in the same directory, which is flushed to disk (`fsync`) and
/// renamed over the target only when every byte was written. A write that fails half way
/// (disk full, a file-size limit) leaves the old file as it was and removes the temporary.
///
/// ```swift
/// try AtomicFile.write(to: "m.npz") { out in
///     try out.write(header)      // chunks, as they are made
///     try out.write(data)
/// }
/// ```
///
/// A target that exists and is not a regular file (`/dev/null`, a FIFO, a terminal), or an
/// existing file named through /dev or /proc (`/dev/stdout` redirected to a file), is
/// written in place: renaming over a device would replace it. A symbolic link is followed,
/// so the link survives and its target is replaced. SIGXFSZ is ignored from the first
/// write on, so exceeding `ulimit -f` is the error `EFBIG` ("File too large"), not death.
public enum AtomicFile {
    /// Why a file could not be written.
    public struct Failure: Error, Equatable, Sendable {
        /// The file asked for.
        public let path: String
        /// Whether the file (or its temporary) could not be created at all, as opposed to a
        /// write, flush or rename that failed.
        public let couldNotOpen: Bool
        /// `strerror`'s text ("No space left on device"), or why the name is refused.
        public let reason: String

        /// `reason` starting lowercase, as dz's messages put it after a colon.
        public var lowercasedReason: String {
            guard let first = reason.first else { return reason }
            return first.lowercased() + reason.dropFirst()
        }

        /// `cannot open 'PATH' for writing: REASON` or `cannot write 'PATH': REASON`.
        public func message(lowercased: Bool = false) -> String {
            let why = lowercased ? lowercasedReason : reason
            return couldNotOpen ? "cannot open '\(path)' for writing: \(why)" : "cannot write '\(path)': \(why)"
        }
    }

    /// Writes the bytes `body` hands to its writer to `path`, replacing the file there.
    public static func write(to path: String, _ body: (inout Writer) throws -> Void) throws {
        try checkName(path)
        _ = ignoreFileSizeSignal
        let target = resolvedTarget(path)
        if writesInPlace(path, target: target) {
            // A device or FIFO (or /dev/stdout): nothing to replace, only something to write to.
            let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
            guard fd >= 0 else { throw Failure(path: path, couldNotOpen: true, reason: errnoText()) }
            var writer = Writer(fd: fd, path: path)
            do { try body(&writer) } catch { close(fd); throw error }
            guard close(fd) == 0 else { throw Failure(path: path, couldNotOpen: false, reason: errnoText()) }
            return
        }
        try replace(path, target: target) { temporary in
            let fd = open(temporary, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw Failure(path: path, couldNotOpen: false, reason: errnoText()) }
            var writer = Writer(fd: fd, path: path)
            do { try body(&writer) } catch { close(fd); throw error }
            guard fsync(fd) == 0 || errno == EINVAL else {
                let reason = errnoText()
                close(fd)
                throw Failure(path: path, couldNotOpen: false, reason: reason)
            }
            guard close(fd) == 0 else { throw Failure(path: path, couldNotOpen: false, reason: errnoText()) }
        }
    }

    /// Writes `bytes` to `path`, replacing the file there.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { try $0.write(bytes) }
    }

    /// Replaces `path` with the file `produce` writes at the temporary path it is given (a
    /// program such as Graphviz's `dot -o TEMP`): renamed into place when `produce`
    /// returns, removed when it throws.
    public static func produce(_ path: String, by produce: (_ temporary: String) throws -> Void) throws {
        try checkName(path)
        _ = ignoreFileSizeSignal
        let target = resolvedTarget(path)
        if writesInPlace(path, target: target) {
            try produce(path)
            return
        }
        try replace(path, target: target) { temporary in
            try produce(temporary)
            let fd = open(temporary, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw Failure(path: path, couldNotOpen: false, reason: errnoText()) }
            let synced = fsync(fd) == 0 || errno == EINVAL
            let reason = errnoText()
            close(fd)
            guard synced else { throw Failure(path: path, couldNotOpen: false, reason: reason) }
        }
    }

    /// An open file taking chunks of the new contents (the temporary, or any descriptor a
    /// caller writes whole: `path` names it in errors).
    public struct Writer {
        let fd: Int32
        let path: String
        /// How many bytes were written so far.
        public private(set) var count = 0

        public init(fd: Int32, path: String) {
            self.fd = fd
            self.path = path
        }

        /// Writes every byte of `bytes` (retrying short writes and `EINTR`).
        public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
            var done = 0
            while done < bytes.count {
                let n = systemWrite(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure(path: path, couldNotOpen: false, reason: errnoText())
                }
                done += n
            }
            count += done
        }

        public mutating func write(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { try write($0) }
        }

        public mutating func write(_ bytes: ArraySlice<UInt8>) throws {
            try bytes.withUnsafeBytes { try write($0) }
        }

        public mutating func write(_ text: String) throws {
            var text = text
            try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Refuses a name the C library would silently cut short: one with a NUL byte.
    public static func checkName(_ path: String) throws(Failure) {
        guard !path.utf8.contains(0) else {
            throw Failure(path: printableName(path), couldNotOpen: true, reason: "a file name cannot contain a NUL byte")
        }
        guard !path.isEmpty else { throw Failure(path: path, couldNotOpen: true, reason: "No such file or directory") }
    }

    /// `path` with NUL bytes shown as `\0`, for messages.
    public static func printableName(_ path: String) -> String {
        path.replacingNULs()
    }

    // MARK: The temporary file

    /// Creates the temporary beside `target`, lets `fill` write and close it, then renames it
    /// to `target`; removes it on any failure.
    private static func replace(_ path: String, target: String, _ fill: (String) throws -> Void) throws {
        let slash = target.utf8.lastIndex(of: UInt8(ascii: "/"))
        let directory = slash.map { String(target[..<$0]) } ?? ""
        let base = slash.map { String(target[target.index(after: $0)...]) } ?? target
        var template = Array(((slash == nil ? "" : directory + "/") + "." + base + ".dz-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(path: path, couldNotOpen: true, reason: errnoText()) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // mkstemp makes the file rw-------; give it the mode the old file had, or what
        // creating it with open(2) would have given (0666 less the umask).
        let mode = status(of: target).map { $0.st_mode & 0o7777 } ?? (0o666 & ~currentUmask())
        fchmod(fd, mode)
        close(fd)
        do {
            try fill(temporary)
            guard rename(temporary, target) == 0 else { throw Failure(path: path, couldNotOpen: false, reason: errnoText()) }
        } catch {
            unlink(temporary)
            throw error
        }
        // Make the rename itself durable; a directory that cannot be opened is no failure.
        let dirFD = open(slash == nil ? "." : (directory.isEmpty ? "/" : directory), O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 { fsync(dirFD); close(dirFD) }
    }

    /// Whether `path` is written where it is instead of replaced: an existing device, FIFO
    /// or socket, or an existing file reached through /dev or /proc (`/dev/stdout`,
    /// `/dev/fd/3` are links to whatever the descriptor is, which a rename would take away
    /// from the shell that opened it). /dev/shm is an ordinary directory.
    private static func writesInPlace(_ path: String, target: String) -> Bool {
        guard let existing = status(of: target) else { return false }
        if existing.st_mode & S_IFMT != S_IFREG { return true }
        return (path.hasPrefix("/dev/") && !path.hasPrefix("/dev/shm/")) || path.hasPrefix("/proc/")
    }

    /// The file a write to `path` replaces: the target of a symbolic link, else `path`.
    private static func resolvedTarget(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
              let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func status(of path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// Ignores SIGXFSZ once, so that a write past RLIMIT_FSIZE fails with EFBIG.
    private static let ignoreFileSizeSignal: Void = { _ = signal(SIGXFSZ, SIG_IGN) }()

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    private static func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
        #else
        Darwin.write(fd, buffer, count)
        #endif
    }
}

extension String {
    /// The string with each NUL byte written `\0`.
    func replacingNULs() -> String {
        guard utf8.contains(0) else { return self }
        return String(decoding: utf8.flatMap { $0 == 0 ? Array("\\0".utf8) : [$0] }, as: UTF8.self)
    }
}
