import Testing
@testable import DZKernel

@Suite struct JSONTests {
    @Test func parsesEveryKindAndKeepsTheOrderOfKeys() throws {
        let v = try JSON.parse(#" {"b": [1, -2.5e3, true, false, null], "a": {"x": "y"}, "n": 0.0} "#)
        #expect(v == .object([
            ("b", .array([.int(1), .double(-2500), .bool(true), .bool(false), .null])),
            ("a", .object([("x", .string("y"))])),
            ("n", .double(0)),
        ]))
        #expect(v.text == #"{"b":[1,-2500.0,true,false,null],"a":{"x":"y"},"n":0.0}"#)
        #expect(v["a"]?["x"]?.string == "y")
        #expect(v["missing"] == nil)
    }

    @Test func escapesRoundTrip() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{7} é 𝐚"
        let written = JSON.string(text).text
        #expect(written == "\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 é 𝐚\"")
        #expect(try JSON.parse(written) == .string(text))
    }

    @Test func unicodeEscapesIncludingSurrogatePairs() throws {
        #expect(try JSON.parse(#""\u00e9\ud835\udc1a\/""#) == .string("é𝐚/"))
        // A lone surrogate becomes U+FFFD rather than invalid text.
        #expect(try JSON.parse(#""\ud835x""#) == .string("\u{FFFD}x"))
    }

    @Test func nonFiniteNumbersAreWrittenAsNull() {
        #expect(JSON.array([.double(.nan), .double(.infinity), .double(1.5)]).text == "[null,null,1.5]")
    }

    @Test(arguments: ["", "{", "[1,]", #"{"a" 1}"#, "tru", #""abc"#, "1 2", "[\"\u{1}\"]", #""\q""#])
    func malformedTextIsAnErrorWithAnOffset(text: String) {
        #expect(throws: JSONError.self) { try JSON.parse(text) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONError.self) { try JSON.parse(deep) }
    }

    @Test func aLargeStringIsCopiedWhole() throws {
        let big = String(repeating: "0123456789abcdef", count: 65_536) + "\n"
        let written = JSON.object([("text", .string(big))]).bytes
        #expect(written.count == big.utf8.count + 12)
        #expect(try JSON.parse(written)["text"]?.string == big)
    }
}

@Suite struct Base64Tests {
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func rfc4648Vectors(text: String, encoded: String) {
        #expect(Base64.encode(Array(text.utf8)) == encoded)
    }

    @Test func allByteValues() {
        // python3 -c "import base64; print(base64.b64encode(bytes(range(256)))[-12:])"
        #expect(Base64.encode((0...255).map { UInt8($0) }).hasSuffix("+fr7/P3+/w=="))
    }
}
