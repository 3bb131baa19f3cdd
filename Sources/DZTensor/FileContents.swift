#if canImport(Glibc)
import Glibc
#endif

/// Reading whole files, for every module that needs it (scripts, `:load`, .npy, Graphviz's
/// messages): one implementation of the read loop and its errors.
public enum FileContents {
    /// Why a file could not be read: the C library's description of the error.
    public struct Failure: Error, Sendable {
        public let path: String
        /// `strerror`'s text, e.g. "No such file or directory".
        public let reason: String
    }

    /// The bytes of the file at `path` (a directory is an error: "Is a directory"), at most
    /// `limit` of them: a device or a pipe may never end. A name with a NUL byte is refused
    /// (the C library would read the file its first part names).
    public static func read(_ path: String, limit: Int = .max) throws(Failure) -> [UInt8] {
        guard !path.utf8.contains(0) else {
            throw Failure(path: AtomicFile.printableName(path), reason: "a file name cannot contain a NUL byte")
        }
        guard let file = fopen(path, "rb") else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let n = chunk.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, Swift.min($0.count, limit - bytes.count), file) }
            bytes.append(contentsOf: chunk[0..<n])
            if n == 0 || (n < chunk.count && bytes.count < limit) {
                if ferror(file) != 0 { throw Failure(path: path, reason: String(cString: strerror(errno))) }
                return bytes
            }
        }
        return bytes
    }
}
