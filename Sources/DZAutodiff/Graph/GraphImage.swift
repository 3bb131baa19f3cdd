#if canImport(Glibc)
import Glibc
#endif
import DZTensor

/// A graph rendered by Graphviz into memory (for the Jupyter kernel's pictures): `dot` writes
/// a `mkstemp` file in the temporary directory, which is read back and removed.
public enum GraphImage {
    /// The SVG (or other `format`) picture of the graph that computed `output`.
    public static func render(_ output: Variable, format: String = "svg") throws(GraphExportError) -> [UInt8] {
        try render(GraphSnapshot(output), format: format)
    }

    /// The picture of a graph already walked (one walk for several formats).
    public static func render(_ graph: GraphSnapshot, format: String = "svg") throws(GraphExportError) -> [UInt8] {
        try render(format: format) { sink throws(GraphExportError) in try GraphExport.writeDot(graph, to: sink) }
    }

    /// The picture of the DOT text `dot` (what `graph(y)` returns).
    public static func render(dot text: String, format: String = "svg") throws(GraphExportError) -> [UInt8] {
        try render(format: format) { sink throws(GraphExportError) in try sink(text) }
    }

    static func render(format: String,
                       writing: ((String) throws(GraphExportError) -> Void) throws(GraphExportError) -> Void) throws(GraphExportError) -> [UInt8] {
        let directory = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((directory + "/dz-graph-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw .cannotWrite(path: directory, reason: String(cString: strerror(errno)))
        }
        close(fd)
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(path) }
        try GraphExport.render(format: format, to: path, writing: writing)
        do { return try FileContents.read(path, limit: 64 << 20) } catch {
            if error.interrupted { throw .interrupted }
            throw .cannotWrite(path: path, reason: error.reason)
        }
    }
}
