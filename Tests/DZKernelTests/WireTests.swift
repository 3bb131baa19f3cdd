import Testing
@testable import DZKernel

/// The wire format without sockets: framing, signing and verification.
@Suite struct WireTests {
    let signer = Signer(key: Array("secret".utf8))

    @Test func encodedMessagesDecodeAndAreSignedOverTheFourJSONFrames() throws {
        let header = Wire.header(type: "execute_request", session: "s1")
        let frames = Wire.encode(identities: [[1, 2, 3]], header: header, parent: Array("{}".utf8),
                                 content: .object([("code", .string("1 + 2"))]), signer: signer)
        #expect(frames.count == 7)
        #expect(frames[1] == Wire.delimiter)
        #expect(String(decoding: frames[2], as: UTF8.self) == HMACSHA256(key: Array("secret".utf8)).hexMAC(Array(frames[3...6])))
        let message = try Wire.decode(frames, signer: signer)
        #expect(message.identities == [[1, 2, 3]])
        #expect(message.type == "execute_request")
        #expect(message.content["code"]?.string == "1 + 2")
        #expect(message.headerBytes == frames[3])
        #expect(message.buffers.isEmpty)
    }

    @Test func aMessageFromPythonsSessionVerifies() throws {
        // The signature was made by hmac.new(b"secret", header + parent + metadata + content, sha256).
        let parts = ["{\"a\":1}", "{}", "{}", "{\"code\":\"1\"}"].map { Array($0.utf8) }
        let signature = Array("4cd721348272a9d38f52e40f18755f0c1547d1172085474a01e7af8f3442da14".utf8)
        let message = try Wire.decode([Array("id".utf8), Wire.delimiter, signature] + parts + [[9, 9]], signer: signer)
        #expect(message.header["a"]?.int == 1)
        #expect(message.buffers == [[9, 9]])
    }

    @Test func aTamperedMessageIsRejected() {
        let frames = Wire.encode(identities: [], header: Wire.header(type: "kernel_info_request", session: "s"),
                                 parent: Array("{}".utf8), content: .object([]), signer: signer)
        var tampered = frames
        tampered[5] = Array("{\"evil\":1}".utf8)
        #expect(throws: WireError.badSignature) { try Wire.decode(tampered, signer: signer) }
        #expect(throws: WireError.badSignature) { try Wire.decode(frames, signer: Signer(key: Array("other".utf8))) }
    }

    @Test func anEmptyKeySignsNothingAndChecksNothing() throws {
        let none = Signer(key: [])
        let frames = Wire.encode(identities: [], header: .object([("msg_type", .string("x"))]), parent: Array("{}".utf8),
                                 content: .object([]), signer: none)
        #expect(frames[1].isEmpty)
        #expect(try Wire.decode(frames, signer: none).type == "x")
    }

    @Test func malformedFramesAreErrors() {
        #expect(throws: WireError.noDelimiter) { try Wire.decode([[1], [2]], signer: signer) }
        #expect(throws: WireError.tooFewFrames(2)) { try Wire.decode([Wire.delimiter, [], []], signer: Signer(key: [])) }
        let bad = [Wire.delimiter, []] + ["{", "{}", "{}", "{}"].map { Array($0.utf8) }
        #expect(throws: WireError.self) { try Wire.decode(bad, signer: Signer(key: [])) }
    }

    @Test func headersHaveTheProtocolFields() {
        let h = Wire.header(type: "status", session: "abc")
        #expect(h["version"]?.string == "5.3")
        #expect(h["session"]?.string == "abc")
        let id = h["msg_id"]?.string ?? ""
        #expect(id.count == 36 && Array(id)[14] == "4")
        #expect(newUUID() != newUUID())
        let date = h["date"]?.string ?? ""
        #expect(date.count == 27 && date.hasSuffix("Z") && Array(date)[10] == "T")
    }

    @Test func connectionFiles() throws {
        let json = try JSON.parse(#"{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256"}"#)
        let c = try ConnectionInfo(json: json)
        #expect(c.endpoint(c.hbPort) == "tcp://127.0.0.1:5")
        #expect(c.key == Array("k".utf8))
        #expect(throws: ConnectionError.missing("hb_port")) {
            try ConnectionInfo(json: try JSON.parse(#"{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4}"#))
        }
        var ipc = c
        ipc.transport = "ipc"
        ipc.ip = "/tmp/k"
        #expect(ipc.endpoint(7) == "ipc:///tmp/k-7")
    }
}
