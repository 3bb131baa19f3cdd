#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Refuses arrays that cannot fit in physical memory, before anything is allocated.
public enum MemoryLimit {
    /// Physical memory in bytes, read once.
    public static let physicalBytes: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return Int.max }
        let (bytes, overflow) = pages.multipliedReportingOverflow(by: pageSize)
        return overflow ? Int.max : bytes
    }()

    /// The largest element count of one array: the machine's physical memory in doubles.
    public static var maxElements: Int { physicalBytes / MemoryLayout<Double>.stride }

    /// Throws ``TensorError/tooLarge(operation:shape:)`` if `elements` doubles exceed memory.
    public static func check(elements: Int, operation: String, shape: [Int]) throws {
        guard elements <= maxElements else { throw TensorError.tooLarge(operation: operation, shape: shape) }
    }
}
