#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The few file-system and environment calls the REPL needs, on the C library directly:
/// linking Foundation (and its ICU data) would double dz's start-up time.
public enum FileSystem {
    /// The process's environment variables.
    public static var environment: [String: String] {
        var result: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") { result[String(text[..<eq])] = String(text[text.index(after: eq)...]) }
            p += 1
        }
        return result
    }

    /// `a/b` with exactly one slash between.
    static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// The path without its last component (`""` when there is none).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static var currentDirectory: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Whether `path` exists, and whether it is a directory.
    static func kind(of path: String) -> (exists: Bool, isDirectory: Bool) {
        var st = stat()
        guard stat(path, &st) == 0 else { return (false, false) }
        return (true, (st.st_mode & S_IFMT) == S_IFDIR)
    }

    /// The names in a directory (without `.` and `..`), or nil if it cannot be read.
    static func contents(of directory: String) -> [String]? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Creates `directory` and its missing parents with `mode`; false on failure.
    static func createDirectory(_ directory: String, mode: mode_t) -> Bool {
        if kind(of: directory).isDirectory { return true }
        let parent = parent(of: directory)
        if !parent.isEmpty && parent != directory && !kind(of: parent).exists {
            guard createDirectory(parent, mode: mode) else { return false }
        }
        return mkdir(directory, mode) == 0 || errno == EEXIST
    }
}
