#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Refuses arrays that cannot fit in the memory this process may use, before anything is
/// allocated.
///
/// The limit is the smallest of physical memory, the address-space and data-segment
/// resource limits (`ulimit -v`, `ulimit -d`) and the memory limit of the process's
/// cgroup (v2 `memory.max`, v1 `memory.limit_in_bytes`, and those of its ancestors). An
/// array is admitted when it fits beside the arrays alive now (``liveBytes``, counted by
/// every buffer as it is made and freed); a large one also has to fit in what the cgroup
/// has left, since there the kernel would kill the process instead of failing `malloc`.
public enum MemoryLimit {
    /// Physical memory in bytes, read once.
    public static let physicalBytes: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return Int.max }
        let (bytes, overflow) = pages.multipliedReportingOverflow(by: pageSize)
        return overflow ? Int.max : bytes
    }()

    /// The soft `RLIMIT_AS` and `RLIMIT_DATA` limits, the smaller one (`Int.max` if none).
    public static var resourceLimitBytes: Int { Swift.min(addressSpaceLimitBytes, dataLimitBytes) }

    /// The soft `RLIMIT_AS` limit (`ulimit -v`), `Int.max` if none.
    static let addressSpaceLimitBytes = softLimit(RLIMIT_AS)
    /// The soft `RLIMIT_DATA` limit (`ulimit -d`), `Int.max` if none.
    static let dataLimitBytes = softLimit(RLIMIT_DATA)

    #if canImport(Glibc)
    private static func softLimit(_ resource: __rlimit_resource) -> Int {
        var limit = rlimit()
        // RLIM_INFINITY is above Int.max.
        guard getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0 else { return Int.max }
        return limit.rlim_cur > UInt64(Int.max) ? Int.max : Int(limit.rlim_cur)
    }
    #else
    private static func softLimit(_ resource: Int32) -> Int {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return Int.max }
        return limit.rlim_cur > UInt64(Int.max) ? Int.max : Int(limit.rlim_cur)
    }
    #endif

    /// What the resource limits leave now, from the process's mapped and data sizes
    /// (`/proc/self/statm`); nil when no limit is set or the sizes cannot be read.
    static func resourceHeadroomBytes() -> Int? {
        guard resourceLimitBytes < Int.max,
              let statm = CgroupMemory.readSmallFile("/proc/self/statm") else { return nil }
        let fields = statm.split(separator: " ").compactMap { Int($0) }
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard fields.count >= 6, pageSize > 0 else { return nil }
        let mapped = fields[0] * pageSize, data = fields[5] * pageSize
        return Swift.min(addressSpaceLimitBytes - mapped, dataLimitBytes - data)
    }

    /// The process's cgroup memory limits, read once (see ``CgroupMemory``).
    static let cgroup = CgroupMemory.current()

    /// The memory this process may use, in bytes: the smallest of the limits above.
    public static let limitBytes: Int = Swift.min(physicalBytes, resourceLimitBytes, cgroup.limitBytes)

    /// A smaller limit set by an embedder (a fuzzer, a sandbox), in elements of one array;
    /// nil: none. Set it once before running anything: it is read without synchronization.
    nonisolated(unsafe) public static var maxElementsOverride: Int? = nil

    /// The largest element count of one array: ``limitBytes`` in doubles, or
    /// ``maxElementsOverride`` when that is smaller.
    public static var maxElements: Int {
        let machine = limitBytes / MemoryLayout<Double>.stride
        guard let limit = maxElementsOverride else { return machine }
        return Swift.min(machine, Swift.max(limit, 0))
    }

    /// Throws ``TensorError/tooLarge(operation:shape:)`` if `elements` doubles exceed the limit.
    public static func check(elements: Int, operation: String, shape: [Int]) throws {
        guard elements <= maxElements else { throw TensorError.tooLarge(operation: operation, shape: shape) }
    }

    // MARK: - Live arrays

    private static let live = Atomic<Int>(0)

    /// The bytes held by array buffers alive now.
    public static var liveBytes: Int { live.load(ordering: .relaxed) }

    /// Requests at least this large also ask the cgroup and the resource limits what they
    /// leave (a file read or two).
    static let largeRequestBytes = 64 << 20

    /// Whether `bytes` more fit beside the live arrays (and, when large, in what the cgroup
    /// and the resource limits leave); also asked before other large allocations.
    static func admits(bytes: Int) -> Bool {
        guard bytes <= limitBytes - liveBytes else { return false }
        guard bytes >= largeRequestBytes else { return true }
        if let headroom = cgroup.headroomBytes(), bytes > headroom { return false }
        if let headroom = resourceHeadroomBytes(), bytes > headroom { return false }
        return true
    }

    /// Counts a buffer of `bytes` made (positive) or freed (negative).
    static func account(_ bytes: Int) {
        live.add(bytes, ordering: .relaxed)
    }
}

/// The memory limits of the cgroups this process belongs to (its own and its ancestors'),
/// for cgroup v2 (`memory.max`, `memory.current`) and v1 (`memory.limit_in_bytes`,
/// `memory.usage_in_bytes`).
struct CgroupMemory: Sendable {
    /// A limited cgroup: its directory, its limit and the file with its current usage.
    struct Group: Sendable, Equatable {
        let directory: String
        let limitBytes: Int
        let usageFile: String
    }

    /// The limited groups, innermost first.
    let groups: [Group]

    /// The smallest limit (`Int.max` when none is set).
    var limitBytes: Int { groups.map(\.limitBytes).min() ?? Int.max }

    /// The least memory any limited group has left now, or nil when none is limited.
    func headroomBytes(read: (String) -> String? = CgroupMemory.readSmallFile) -> Int? {
        var smallest: Int?
        for g in groups {
            guard let used = CgroupMemory.number(read(g.usageFile)) else { continue }
            let left = Swift.max(g.limitBytes - used, 0)
            smallest = Swift.min(smallest ?? Int.max, left)
        }
        return smallest
    }

    /// The groups of this process, from `/proc/self/cgroup` under `/sys/fs/cgroup`.
    static func current() -> CgroupMemory {
        guard let membership = readSmallFile("/proc/self/cgroup") else { return CgroupMemory(groups: []) }
        return CgroupMemory(membership: membership, root: "/sys/fs/cgroup", read: readSmallFile)
    }

    /// The groups named by a `/proc/PID/cgroup` text, read through `read` under `root`:
    /// the v2 line `0::/path` under `root`, a v1 line `N:...memory...:/path` under
    /// `root/memory`; each directory from the process's own up to the hierarchy's root.
    init(membership: String, root: String, read: (String) -> String?) {
        var groups: [Group] = []
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let controllers = fields[1].split(separator: ",")
            let (base, limitName, usageName): (String, String, String)
            if fields[0] == "0" && fields[1].isEmpty {
                (base, limitName, usageName) = (root, "memory.max", "memory.current")
            } else if controllers.contains("memory") {
                (base, limitName, usageName) = (root + "/memory", "memory.limit_in_bytes", "memory.usage_in_bytes")
            } else {
                continue
            }
            var components = fields[2].split(separator: "/").map(String.init)
            while true {
                let directory = ([base] + components).joined(separator: "/")
                if let limit = CgroupMemory.number(read(directory + "/" + limitName)) {
                    groups.append(Group(directory: directory, limitBytes: limit, usageFile: directory + "/" + usageName))
                }
                if components.isEmpty { break }
                components.removeLast()
            }
        }
        self.groups = groups
    }

    init(groups: [Group]) { self.groups = groups }

    /// A byte count in a cgroup file; nil for `max`, a missing file or v1's "unlimited"
    /// (a page-rounded `Int64.max`).
    static func number(_ text: String?) -> Int? {
        guard let word = text?.split(whereSeparator: \.isWhitespace).first, let n = Int(word), n >= 0, n < Int.max / 2 else { return nil }
        return n
    }

    /// The start of a small file (4 KB of `/proc/self/cgroup`, 64 bytes of others), or nil.
    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: path == "/proc/self/cgroup" ? 4096 : 64)
        var total = 0
        while total < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + total, $0.count - total) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            total += n
        }
        return String(decoding: bytes[..<total], as: UTF8.self)
    }
}
