#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element storage of ``NDArray``: a fixed-size block of doubles from `malloc`, freed
/// with its last owner.
///
/// Making one asks ``MemoryLimit`` first and checks what `malloc` returns, so running out
/// of memory (a resource limit, a cgroup, many live arrays) is a value (`nil`), not the
/// abort of Swift's own allocation. Every buffer counts its bytes in
/// ``MemoryLimit/liveBytes`` while it lives.
@usableFromInline
final class NDBuffer {
    /// The number of elements.
    @usableFromInline let count: Int
    /// The first element; the storage never moves.
    @usableFromInline let base: UnsafeMutablePointer<Double>

    /// A buffer for `count` elements (uninitialized), or nil when they do not fit.
    @usableFromInline
    init?(count: Int) {
        let elements = Swift.max(count, 1)
        guard elements <= Int.max / MemoryLayout<Double>.stride else { return nil }
        let bytes = elements * MemoryLayout<Double>.stride
        guard MemoryLimit.admits(bytes: bytes), let raw = malloc(bytes) else { return nil }
        MemoryLimit.account(bytes)
        self.count = count
        self.base = raw.bindMemory(to: Double.self, capacity: elements)
    }

    deinit {
        free(base)
        MemoryLimit.account(-Swift.max(count, 1) * MemoryLayout<Double>.stride)
    }
}
