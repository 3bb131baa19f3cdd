import Testing
@testable import DZTensor

/// `DZ_NUM_THREADS` and `DZ_VECTOR_UNIT`: what is used, and what is said about a value that
/// cannot be.
@Suite struct TuningEnvironmentTests {
    @Test func threadCounts() {
        #expect(BLASThreads.threadCount(requested: nil, processors: 8) == (8, nil))
        #expect(BLASThreads.threadCount(requested: "", processors: 8) == (8, nil))
        #expect(BLASThreads.threadCount(requested: "3", processors: 8) == (3, nil))
        #expect(BLASThreads.threadCount(requested: "1024", processors: 8) == (1024, nil))
        #expect(BLASThreads.threadCount(requested: "abc", processors: 8) == (8, "DZ_NUM_THREADS=abc is not a positive integer; using 8"))
        #expect(BLASThreads.threadCount(requested: "0", processors: 2) == (2, "DZ_NUM_THREADS=0 is not a positive integer; using 2"))
        #expect(BLASThreads.threadCount(requested: "-1", processors: 2) == (2, "DZ_NUM_THREADS=-1 is not a positive integer; using 2"))
        #expect(BLASThreads.threadCount(requested: "2.5", processors: 2) == (2, "DZ_NUM_THREADS=2.5 is not a positive integer; using 2"))
        #expect(BLASThreads.threadCount(requested: "1025", processors: 2) == (2, "DZ_NUM_THREADS=1025 is more than 1024; using 2"))
    }

    @Test func vectorUnits() {
        #if arch(x86_64)
        let avx2: Set<String> = ["avx2"]
        #expect(VectorUnit.choice(cpuFlags: avx2, requested: nil) == (.avx2, nil))
        #expect(VectorUnit.choice(cpuFlags: avx2, requested: "baseline") == (.baseline, nil))
        #expect(VectorUnit.choice(cpuFlags: avx2, requested: "bogus")
                == (.avx2, "DZ_VECTOR_UNIT=bogus is not one of baseline, avx2, avx512; using avx2"))
        #expect(VectorUnit.choice(cpuFlags: avx2, requested: "avx512")
                == (.avx2, "DZ_VECTOR_UNIT=avx512: this CPU lacks it; using avx2"))
        #endif
    }
}
