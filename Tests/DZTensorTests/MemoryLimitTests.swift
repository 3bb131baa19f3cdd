import Foundation
import Testing
@testable import DZTensor

@Suite struct MemoryLimitTests {
    /// A fake `/sys/fs/cgroup` as a dictionary of file contents.
    func reader(_ files: [String: String]) -> (String) -> String? { { files[$0] } }

    @Test func cgroupV2LimitsOfTheGroupAndItsAncestorsAreRead() {
        let files = reader([
            "/cg/user.slice/app.scope/memory.max": "536870912\n",
            "/cg/user.slice/memory.max": "max\n",
            "/cg/memory.max": "1073741824\n",
            "/cg/user.slice/app.scope/memory.current": "536000000\n",
            "/cg/memory.current": "100\n",
        ])
        let memory = CgroupMemory(membership: "0::/user.slice/app.scope\n", root: "/cg", read: files)
        #expect(memory.groups.map(\.directory) == ["/cg/user.slice/app.scope", "/cg"])
        #expect(memory.limitBytes == 536_870_912)
        #expect(memory.headroomBytes(read: files) == 870_912)
    }

    @Test func cgroupV1MemoryControllerLineIsRead() {
        let membership = "5:devices:/x\n4:memory:/process_api/abc\n0::/\n"
        let files = reader([
            "/cg/memory/process_api/abc/memory.limit_in_bytes": "2147483648\n",
            "/cg/memory/memory.limit_in_bytes": "9223372036854771712\n",   // v1's "unlimited"
            "/cg/memory.max": "max\n",
        ])
        let memory = CgroupMemory(membership: membership, root: "/cg", read: files)
        #expect(memory.groups.map(\.limitBytes) == [2_147_483_648])
        #expect(memory.groups.first?.usageFile == "/cg/memory/process_api/abc/memory.usage_in_bytes")
        #expect(memory.headroomBytes(read: files) == nil)   // no usage file to read
    }

    @Test func noLimitMeansNoCap() {
        let memory = CgroupMemory(membership: "0::/\n", root: "/cg", read: reader(["/cg/memory.max": "max\n"]))
        #expect(memory.groups.isEmpty && memory.limitBytes == Int.max)
    }

    @Test func liveArraysCountAgainstTheLimit() throws {
        // Other suites allocate and free in parallel, but never free this array's bytes.
        let bytes = 80 << 20
        let held = try NDArray.zeros([bytes / 8])
        #expect(MemoryLimit.liveBytes >= bytes)
        #expect(!MemoryLimit.admits(bytes: MemoryLimit.limitBytes - bytes / 2))
        #expect(held.size == bytes / 8)
    }

    @Test func theLimitIsTheSmallestOfPhysicalMemoryAndResourceLimits() {
        #expect(MemoryLimit.limitBytes <= MemoryLimit.physicalBytes)
        #expect(MemoryLimit.limitBytes <= MemoryLimit.resourceLimitBytes)
        #expect(MemoryLimit.limitBytes <= MemoryLimit.cgroup.limitBytes)
    }
}
