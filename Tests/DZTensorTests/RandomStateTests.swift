import Foundation
import Testing
@testable import DZTensor

/// One call of a fixture program: `rand`/`randn` with a shape, or `permutation` with n.
struct RNGCall: Decodable, Sendable {
    let kind: String
    let shape: [Int]?
    let n: Int?
    let hexValues: [String]
    let intValues: [Int]

    enum CodingKeys: String, CodingKey { case kind, shape, n, values }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(String.self, forKey: .kind)
        shape = try c.decodeIfPresent([Int].self, forKey: .shape)
        n = try c.decodeIfPresent(Int.self, forKey: .n)
        if kind == "permutation" {
            intValues = try c.decode([Int].self, forKey: .values)
            hexValues = []
        } else {
            hexValues = try c.decode([String].self, forKey: .values)
            intValues = []
        }
    }
}

/// A seed and the calls numpy made after `np.random.seed(seed)`.
struct RNGCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let seed: UInt32
    let calls: [RNGCall]
    let reseed_then: [RNGCall]?

    var testDescription: String { "\(name) seed=\(seed)" }
}

struct RNGFixtureFile: Decodable {
    let numpy_version: String
    let cases: [RNGCase]
}

enum RNGFixtures {
    static let cases: [RNGCase] = (try? Fixture.json("rng.json", as: RNGFixtureFile.self).cases) ?? []
}

/// Runs one recorded call on `rng` and checks every value bit for bit.
private func check(_ call: RNGCall, on rng: inout RandomState, context: String) throws {
    switch call.kind {
    case "rand", "randn":
        let shape = try #require(call.shape)
        let a = call.kind == "rand" ? try rng.rand(shape) : try rng.randn(shape)
        #expect(a.shape == shape, "\(context)")
        let expected = call.hexValues.map { parseHexDouble($0)! }
        #expect(a.scalars.count == expected.count, "\(context)")
        for (i, (got, want)) in zip(a.scalars, expected).enumerated() {
            #expect(got.bitPattern == want.bitPattern,
                    "\(context) \(call.kind)\(shape) element \(i): \(got) != \(want)")
        }
    case "permutation":
        let n = try #require(call.n)
        let p = try rng.permutation(n)
        #expect(p.shape == [n], "\(context)")
        #expect(p.scalars == call.intValues.map(Double.init), "\(context) permutation(\(n))")
    default:
        Issue.record("unknown call kind \(call.kind)")
    }
}

@Suite struct RandomStateTests {
    @Test func fixtureFileHasAllCases() throws {
        let file = try Fixture.json("rng.json", as: RNGFixtureFile.self)
        #expect(file.cases.count == 28)
        #expect(Set(file.cases.map(\.seed)) == [0, 1, 42, 4_294_967_295, 12345, 7])
    }

    @Test(arguments: RNGFixtures.cases)
    func matchesNumpyBitForBit(_ fixture: RNGCase) throws {
        var rng = RandomState(seed: fixture.seed)
        for (i, call) in fixture.calls.enumerated() {
            try check(call, on: &rng, context: "\(fixture.testDescription) call \(i)")
        }
        if let after = fixture.reseed_then {
            rng.seed(fixture.seed)
            for (i, call) in after.enumerated() {
                try check(call, on: &rng, context: "\(fixture.testDescription) after reseed, call \(i)")
            }
        }
    }

    /// The first outputs of MT19937 seeded with 5489 (the reference implementation's default).
    @Test func mt19937ReferenceOutputs() {
        var rng = RandomState(seed: 5489)
        let first = (0..<5).map { _ in rng.nextUInt32() }
        #expect(first == [3_499_211_612, 581_869_302, 3_890_346_734, 3_586_334_585, 545_404_204])
    }

    /// np.random.seed(0); np.random.rand() == 0.5488135039273248, randn after reseed 1.764052345967664.
    @Test func knownFirstValues() {
        var rng = RandomState(seed: 0)
        #expect(rng.nextDouble() == 0.5488135039273248)
        rng.seed(0)
        #expect(rng.nextGaussian() == 1.764052345967664)
        #expect(rng.nextGaussian() == 0.4001572083672233)
    }

    @Test func seedingResetsTheCachedGaussian() {
        var a = RandomState(seed: 3)
        _ = a.nextGaussian()                 // leaves a cached value
        a.seed(3)
        var b = RandomState(seed: 3)
        #expect(a.nextGaussian() == b.nextGaussian())
        #expect(a.nextGaussian() == b.nextGaussian())
    }

    @Test func uniformsStayInTheUnitInterval() {
        var rng = RandomState(seed: 99)
        for _ in 0..<10_000 {
            let x = rng.nextDouble()
            #expect(x >= 0 && x < 1)
        }
    }

    @Test func permutationIsAPermutation() throws {
        var rng = RandomState(seed: 2024)
        let p = try rng.permutation(50)
        #expect(p.scalars.sorted() == (0..<50).map(Double.init))
        #expect(try rng.permutation(0).shape == [0])
    }

    @Test func intervalStaysInRange() {
        var rng = RandomState(seed: 1)
        for max: UInt64 in [0, 1, 2, 3, 7, 8, 1000, 0xffff_ffff, 0x1_0000_0000, UInt64.max] {
            for _ in 0..<50 { #expect(rng.nextInterval(max) <= max) }
        }
        #expect(rng.nextInterval(0) == 0)
    }

    /// numpy's legacy `randint(0, high, dtype=int64)` draws with the same masked rejection as
    /// `random_interval(high - 1)`: 32-bit draws up to 2**32 - 1, 64-bit draws (high word first) above.
    @Test func intervalMatchesNumpyLegacyRandint() {
        var rng = RandomState(seed: 0)
        // np.random.seed(0); np.random.randint(0, 10, size=8, dtype=np.int64)
        #expect((0..<8).map { _ in rng.nextInterval(9) } == [5, 0, 3, 3, 7, 9, 3, 5])
        rng.seed(0)
        // np.random.seed(0); np.random.randint(0, 2**40, size=3, dtype=np.int64)
        #expect((0..<3).map { _ in rng.nextInterval((1 << 40) - 1) } == [741_280_623_151, 506_137_267_392, 291_447_657_211])
        rng.seed(5)
        // np.random.seed(5); np.random.randint(0, 2**32, size=2, dtype=np.int64)
        #expect((0..<2).map { _ in rng.nextInterval(0xffff_ffff) } == [953_453_411, 236_996_814])
    }

    @Test func badArgumentsThrow() {
        var rng = RandomState(seed: 0)
        #expect(throws: TensorError.invalid(operation: "permutation", message: "n must be non-negative, got -1")) {
            try rng.permutation(-1)
        }
        #expect(throws: TensorError.negativeDimension(operation: "rand", shape: [2, -1])) {
            try rng.rand([2, -1])
        }
        #expect(throws: TensorError.tooLarge(operation: "randn", shape: [Int.max, 2])) {
            try rng.randn([Int.max, 2])
        }
    }

    @Test func zeroDimensionalDrawsOneValue() throws {
        var a = RandomState(seed: 11), b = RandomState(seed: 11)
        let x = try a.rand([])
        #expect(x.shape == [])
        #expect(x.scalar == b.nextDouble())
    }

    @Test func unseededGeneratorsDiffer() {
        var a = RandomState(), b = RandomState()
        let xs = (0..<4).map { _ in a.nextDouble() }, ys = (0..<4).map { _ in b.nextDouble() }
        #expect(xs != ys)
    }
}
