#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element storage of ``NDArray``: a fixed-size block of doubles stored inline after
/// the object's header (one allocation per array, not two), freed with its last owner.
///
/// Making one asks ``MemoryLimit`` first, so an array beyond the limits (a resource limit,
/// a cgroup, many live arrays) is a value (`nil`), not the abort of Swift's allocation.
/// A large buffer (``probeBytes`` or more) is also tried with `malloc` first and given
/// back at once: glibc serves it with its own `mmap`, so a limit the admission could not
/// see (another process in the same cgroup) is found without Swift's abort, while small
/// arrays, the common case, cost one allocation. Every buffer counts its bytes in
/// ``MemoryLimit/liveBytes`` while it lives.
@usableFromInline
final class NDBuffer: ManagedBuffer<NDBuffer.Header, Double> {
    @usableFromInline
    struct Header {
        @usableFromInline let count: Int
        /// The first element; the storage never moves, so the pointer stays valid.
        @usableFromInline var base: UnsafeMutablePointer<Double>

        @inlinable init(count: Int, base: UnsafeMutablePointer<Double>) {
            self.count = count
            self.base = base
        }
    }

    /// Buffers at least this large are tried with `malloc` before they are made.
    static let probeBytes = 1 << 20

    /// The bytes a buffer of `count` elements is accounted for.
    @usableFromInline
    static func accountedBytes(count: Int) -> Int { Swift.max(count, 1) * MemoryLayout<Double>.stride }

    /// A buffer for `count` elements (uninitialized), or nil when they do not fit.
    @usableFromInline
    static func make(count: Int) -> NDBuffer? {
        let elements = Swift.max(count, 1)
        guard elements <= (Int.max - 4096) / MemoryLayout<Double>.stride else { return nil }
        let bytes = elements * MemoryLayout<Double>.stride
        guard MemoryLimit.admits(bytes: bytes) else { return nil }
        if bytes >= probeBytes {
            // Room for the header too (a few words).
            guard let probe = malloc(bytes + 64) else { return nil }
            free(probe)
        }
        let object = NDBuffer.create(minimumCapacity: elements) { _ in
            Header(count: count, base: UnsafeMutablePointer(bitPattern: 8)!)
        }
        let buffer = unsafeDowncast(object, to: NDBuffer.self)
        buffer.header.base = buffer.withUnsafeMutablePointerToElements { $0 }
        MemoryLimit.account(bytes)
        return buffer
    }

    @inlinable var base: UnsafeMutablePointer<Double> { header.base }
    @inlinable var count: Int { header.count }

    deinit {
        MemoryLimit.account(-NDBuffer.accountedBytes(count: header.count))
    }
}
