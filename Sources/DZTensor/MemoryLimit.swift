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

    /// A smaller limit set by an embedder (a fuzzer, a sandbox), in elements; nil: none.
    /// Set it once before running anything: it is read without synchronization.
    nonisolated(unsafe) public static var maxElementsOverride: Int? = nil

    /// The largest element count of one array: the machine's physical memory in doubles,
    /// or ``maxElementsOverride`` when that is smaller.
    public static var maxElements: Int {
        let physical = physicalBytes / MemoryLayout<Double>.stride
        guard let limit = maxElementsOverride else { return physical }
        return Swift.min(physical, Swift.max(limit, 0))
    }

    /// Throws ``TensorError/tooLarge(operation:shape:)`` if `elements` doubles exceed memory.
    public static func check(elements: Int, operation: String, shape: [Int]) throws {
        guard elements <= maxElements else { throw TensorError.tooLarge(operation: operation, shape: shape) }
    }
}
