#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The history file shared by every REPL session of a user, in libedit's format (a
/// `_HiStOrY_V2_` line, then one entry per line, encoded as `strvis(3)` with VIS_WHITE does:
/// `\040` for a space, `\012` for a newline, `\\` for a backslash).
///
/// Sessions never overwrite each other (bash's histappend, IPython's shared database):
/// each entry is appended, under an exclusive `flock` on `PATH.lock`, as one `write`; when
/// the file has grown to twice what it held after the last trim, the newest `capacity`
/// entries are rewritten to a temporary file in the same directory, which is renamed over
/// it under the lock. Reading is bounded: only regular files are read (a FIFO or a device
/// gives a warning), and at most the last `maxBytes` of them.
struct HistoryStore {
    static let cookie = "_HiStOrY_V2_"
    /// The file (symlinks resolved, so that a trim replaces the target, not the link).
    let path: String
    /// How many entries are kept.
    let capacity: Int
    /// The most bytes read from the file.
    let maxBytes: Int
    /// The file's size after the last trim or load; a trim is due at twice that.
    private var trimmedSize = 0

    init(path: String, capacity: Int, maxBytes: Int = 4 << 20) {
        self.path = realpath(path, nil).map { p in defer { free(p) }; return String(cString: p) } ?? path
        self.capacity = capacity
        self.maxBytes = maxBytes
    }

    enum Failure: Error, Equatable {
        /// The path exists and is not a regular file: it is neither read nor written.
        case notRegular
        case system(String)

        var reason: String {
            switch self {
            case .notRegular: "not a regular file"
            case .system(let text): text
            }
        }
    }

    /// The newest `capacity` entries, oldest first (none when the file does not exist).
    mutating func load() -> Result<[String], Failure> {
        switch Self.read(path, maxBytes: maxBytes) {
        case .success(let (bytes, size)):
            trimmedSize = size
            return .success(Array(Self.decode(bytes).suffix(capacity)))
        case .failure(let f): return .failure(f)
        }
    }

    /// Appends `entry` (under the lock), then trims the file when it is due.
    mutating func append(_ entry: String) -> Failure? {
        guard let lock = lock() else { return .system(String(cString: strerror(errno))) }
        defer { close(lock) }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard fd >= 0 else { return .system(String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return .notRegular }
        var text = st.st_size == 0 ? Self.cookie + "\n" : ""
        text += Self.encode(entry) + "\n"
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { return .system(String(cString: strerror(errno))) }
        let size = Int(st.st_size) + bytes.count
        if trimmedSize == 0 { trimmedSize = size }
        if size > 2 * trimmedSize + 4096 { return trim() }
        return nil
    }

    /// Rewrites the file with its newest `capacity` entries (call under the lock).
    private mutating func trim() -> Failure? {
        guard case .success(let (bytes, size)) = Self.read(path, maxBytes: maxBytes) else { return nil }
        let entries = Self.decode(bytes)
        guard entries.count > capacity || size > maxBytes else {
            trimmedSize = size
            return nil
        }
        var text = Self.cookie + "\n"
        for entry in entries.suffix(capacity) { text += Self.encode(entry) + "\n" }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return .system(String(cString: strerror(errno))) }
        let data = Array(text.utf8)
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let closed = close(fd)
        guard written == data.count, closed == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return .system(reason)
        }
        trimmedSize = data.count
        return nil
    }

    /// An open descriptor holding an exclusive `flock` on `PATH.lock` (closing it unlocks).
    private func lock() -> Int32? {
        let fd = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { close(fd); return nil }
        }
        return fd
    }

    // MARK: - Reading

    /// The last `maxBytes` of a regular file (from a line start), and the file's size.
    static func read(_ path: String, maxBytes: Int) -> Result<([UInt8], Int), Failure> {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { return errno == ENOENT || errno == ENOTDIR ? .success(([], 0)) : .failure(.system(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.system(String(cString: strerror(errno)))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        let size = Int(st.st_size)
        let start = max(0, size - maxBytes)
        var bytes = [UInt8](repeating: 0, count: size - start)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(start + done)) }
            if n > 0 { done += n } else if n < 0 && errno == EINTR { continue } else { break }
        }
        bytes.removeLast(bytes.count - done)
        if start > 0, let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
            bytes.removeFirst(newline + 1)   // a partial first line
        }
        return .success((bytes, size))
    }

    // MARK: - Format

    /// The entries of a history file's bytes, oldest first (the cookie line skipped).
    static func decode(_ bytes: [UInt8]) -> [String] {
        var entries: [String] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            let text = Array(line)
            if text == Array(cookie.utf8) { continue }
            entries.append(String(decoding: unvis(text), as: UTF8.self))
        }
        return entries
    }

    /// One entry as a line: `\`, spaces, tabs, newlines and other control bytes as `\ooo`
    /// (`\\` for a backslash); UTF-8 stays as it is. libedit's `strunvis` reads it back.
    static func encode(_ entry: String) -> String {
        var out: [UInt8] = []
        for byte in entry.utf8 {
            if byte == UInt8(ascii: "\\") {
                out += [byte, byte]
            } else if byte <= 0x20 || byte == 0x7F {
                out += [UInt8(ascii: "\\"), 0x30 + (byte >> 6), 0x30 + ((byte >> 3) & 7), 0x30 + (byte & 7)]
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `strunvis`: `\ooo`, `\\`, `\^X`, `\M-x`, `\M^X`, `\s`, `\n`, `\t` and other `\c` as `c`.
    static func unvis(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        func isOctal(_ j: Int) -> Bool { j < bytes.count && bytes[j] >= 0x30 && bytes[j] <= 0x37 }
        while i < bytes.count {
            let b = bytes[i]
            guard b == UInt8(ascii: "\\"), i + 1 < bytes.count else { out.append(b); i += 1; continue }
            let c = bytes[i + 1]
            if isOctal(i + 1) {
                var value = 0, j = i + 1
                while j < i + 4, isOctal(j) { value = value * 8 + Int(bytes[j] - 0x30); j += 1 }
                out.append(UInt8(truncatingIfNeeded: value))
                i = j
            } else if c == UInt8(ascii: "^"), i + 2 < bytes.count {
                out.append(bytes[i + 2] == UInt8(ascii: "?") ? 0x7F : bytes[i + 2] & 0x1F)
                i += 3
            } else if c == UInt8(ascii: "M"), i + 3 < bytes.count {
                if bytes[i + 2] == UInt8(ascii: "^") {
                    out.append((bytes[i + 3] == UInt8(ascii: "?") ? 0x7F : bytes[i + 3] & 0x1F) | 0x80)
                    i += 4
                } else {
                    out.append(bytes[i + 3] | 0x80)
                    i += 4
                }
            } else {
                switch c {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "s"): out.append(0x20)
                default: out.append(c)
                }
                i += 2
            }
        }
        return out
    }
}
