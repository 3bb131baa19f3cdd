import Testing
@testable import DZKernel

/// SHA-256 and HMAC-SHA256 against Python's hashlib and hmac (the digests below were
/// printed by `hashlib.sha256(...).hexdigest()` and `hmac.new(key, msg, sha256)`).
@Suite struct HMACTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ])
    func sha256OfShortTexts(text: String, digest: String) {
        #expect(hex(SHA256.hash(Array(text.utf8))) == digest)
    }

    @Test func sha256OfAMillionBytesFedInUnevenPieces() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))) == expected)
        var hasher = SHA256.Hasher()
        var left = 1_000_000, piece = 1
        while left > 0 {
            let n = min(piece, left)
            hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: n))
            left -= n
            piece = piece * 3 % 997 + 1
        }
        #expect(hex(hasher.finish()) == expected)
    }

    @Test func hmacMatchesPython() {
        let fox = Array("The quick brown fox jumps over the lazy dog".utf8)
        #expect(HMACSHA256(key: Array("key".utf8)).hexMAC([fox])
                == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
        // A key longer than the block is hashed first; the message spans blocks.
        #expect(HMACSHA256(key: [UInt8](repeating: UInt8(ascii: "k"), count: 100)).hexMAC([[UInt8](repeating: UInt8(ascii: "x"), count: 130)])
                == "d849e93bb3ac1ff095b92b63718bafe2701ea803a8e68087e1262d1b245e6765")
    }

    @Test func hmacOverSeveralPartsIsTheMACOfTheirConcatenation() {
        let parts = ["{\"a\":1}", "{}", "{}", "{\"code\":\"1\"}"].map { Array($0.utf8) }
        #expect(HMACSHA256(key: Array("secret".utf8)).hexMAC(parts)
                == "4cd721348272a9d38f52e40f18755f0c1547d1172085474a01e7af8f3442da14")
    }

    @Test func constantTimeCompare() {
        #expect(constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEqual([1, 2], [1, 2, 3]))
    }
}
