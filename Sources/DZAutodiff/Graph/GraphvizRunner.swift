#if canImport(Glibc)
import Glibc
#endif

/// Runs Graphviz's `dot` as a subprocess that can neither hang dz nor leave files behind.
///
/// - The DOT text goes to `dot`'s stdin from a temporary file created exclusively
///   (`mkstemp`) and unlinked at once, so nothing is left in the temporary directory on any
///   path, even when dz is killed.
/// - `dot`'s stderr comes back through a pipe; the first ``stderrLimit`` bytes are kept for
///   the error message and the rest is read and dropped (a chatty `dot` cannot fill a disk
///   or memory).
/// - While it waits, Ctrl-C is polled every tenth of a second: `dot` (in its own process
///   group, with anything it started) is killed and reaped, and the run throws
///   ``GraphExportError/interrupted``.
enum GraphvizRunner {
    /// How much of `dot`'s stderr is kept (64 KiB).
    static let stderrLimit = 64 << 10

    /// Runs `executable -T<format> -o <output>` on the DOT text `writing` hands to its sink
    /// (streamed into the temporary input as it is made); throws when it cannot start, is
    /// interrupted, or exits with anything but 0 (with the first line of its stderr).
    static func run(_ executable: String, format: String, output: String,
                    writing: ((String) throws(GraphExportError) -> Void) throws(GraphExportError) -> Void) throws(GraphExportError) {
        let input = try unlinkedTemporaryFile(writing: writing)
        defer { close(input) }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { throw .graphvizFailed(status: -1, message: String(cString: strerror(errno))) }
        let errRead = pipeEnds[0], errWrite = pipeEnds[1]
        _ = fcntl(errRead, F_SETFD, FD_CLOEXEC)
        _ = fcntl(errWrite, F_SETFD, FD_CLOEXEC)
        defer { close(errRead) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errWrite, 2)
        // Nothing else of dz's (or of what dz inherited) stays open in `dot`: a `dot` that
        // outlives dz must not hold dz's pipes open.
        if let closeFrom = addCloseFrom { _ = closeFrom(&actions, 3) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let args = [executable, "-T" + format, "-o", output]
        var cargs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &cargs, environ)
        close(errWrite)
        guard spawned == 0 else { throw .graphvizFailed(status: -1, message: String(cString: strerror(spawned))) }

        let messages: [UInt8]
        let status: Int32
        do {
            messages = try collect(errRead, limit: stderrLimit)
            status = try reap(pid)
        } catch {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            var ignored: Int32 = 0
            while waitpid(pid, &ignored, 0) < 0 && errno == EINTR {}
            throw .interrupted
        }
        let exited = (status & 0x7f) == 0, code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let text = String(decoding: messages, as: UTF8.self)
            let message = text.split(separator: "\n").first.map(String.init) ?? ""
            throw .graphvizFailed(status: exited ? code : -1, message: message)
        }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later; not in Swift's
    /// Glibc module), looked up at run time.
    static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// A temporary file (in `$TMPDIR`, else /tmp) holding the text `writing` hands to its
    /// sink, already unlinked, with its offset back at the start; the caller closes it.
    static func unlinkedTemporaryFile(writing: ((String) throws(GraphExportError) -> Void) throws(GraphExportError) -> Void) throws(GraphExportError) -> Int32 {
        var directory = getenv("TMPDIR").map { String(cString: $0) } ?? ""
        if directory.isEmpty { directory = "/tmp" }
        var template = Array((directory + "/dz-graph-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw .cannotWrite(path: directory, reason: String(cString: strerror(errno))) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var out = AtomicFile.Writer(fd: fd, path: directory)
        do {
            try writing { (piece: String) throws(GraphExportError) in
                do { try out.write(piece) } catch { throw GraphExport.exportError(error, path: directory) }
            }
        } catch {
            close(fd)
            throw error
        }
        lseek(fd, 0, SEEK_SET)
        return fd
    }

    /// Reads `fd` to its end, keeping the first `limit` bytes; throws ``Interrupted`` on Ctrl-C.
    static func collect(_ fd: Int32, limit: Int) throws -> [UInt8] {
        var kept: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 14)
        while true {
            let n = try chunk.withUnsafeMutableBytes { (raw) throws(Interrupted) in
                try FileContents.read(fd, into: raw.baseAddress!, count: raw.count)
            }
            if n <= 0 { return kept }
            if kept.count < limit { kept += chunk[0..<Swift.min(n, limit - kept.count)] }
        }
    }

    /// Waits for `pid` to end and returns its wait status; throws ``Interrupted`` on Ctrl-C.
    static func reap(_ pid: pid_t) throws(Interrupted) -> Int32 {
        var status: Int32 = 0
        while true {
            try Interruption.check()
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { return status }
            if done < 0 && errno != EINTR { return status }
            _ = poll(nil, 0, 20)
        }
    }
}
