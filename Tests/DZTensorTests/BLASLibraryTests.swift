import Testing
@testable import DZTensor

@Suite struct BLASLibraryTests {
    @Test func choosesSkylakeXOnlyWithTheWholeAVX512Set() {
        let full: Set = ["avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd"]
        #expect(BLASLibrary.preferredCoreType(cpuFlags: full) == "SkylakeX")
        #expect(BLASLibrary.preferredCoreType(cpuFlags: ["avx", "avx2", "fma", "avx512f"]) == "Haswell")
        #expect(BLASLibrary.preferredCoreType(cpuFlags: ["avx"]) == "Sandybridge")
        #expect(BLASLibrary.preferredCoreType(cpuFlags: ["sse3"]) == nil)
    }

    @Test func openBLASIsLoadedWithAKnownKernel() {
        #expect(BLASLibrary.isAvailable)
        #expect(BLASLibrary.coreName.lowercased() != "prescott")
    }
}
