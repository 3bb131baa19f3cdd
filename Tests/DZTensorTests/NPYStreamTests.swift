import Foundation
import Testing
@testable import DZTensor

/// Reading stops as soon as the bytes decide the outcome, so an endless device or pipe is
/// an error, not a read that exhausts memory.
@Suite struct NPYStreamTests {
    @Test func endlessDevicesAreNotNPYFiles() {
        for path in ["/dev/zero", "/dev/urandom"] {
            #expect(throws: TensorError.self) { try NPY.read(contentsOf: path) }
            do { _ = try NPY.read(contentsOf: path) } catch {
                #expect("\(error)".contains("not a .npy file (bad magic string)"), "\(error)")
            }
        }
    }

    @Test func theDecidingLengthOfAValidFileIsItsLength() throws {
        for a in [try NDArray.ones([3, 4]), try NDArray.ones([0]), NDArray(2.5)] {
            let bytes = NPY.encode(a)
            #expect(NPY.decidingLength(bytes) == bytes.count)
            #expect(NPY.decidingLength(Array(bytes.prefix(20))) == nil)   // header incomplete
        }
        #expect(NPY.decidingLength([0, 0, 0]) == 0)                           // not the magic string
        #expect(NPY.decidingLength(Array(NPY.magic.prefix(3))) == nil)        // could still be
        #expect(NPY.decidingLength(NPY.magic + [1, 0, 0xFF, 0xFF]) == 0)      // header far too long
    }

    /// A FIFO fed a valid file and then more bytes, kept open by its writer (as an endless
    /// producer would): the read returns at once with the trailing-data error instead of
    /// waiting for an end of file. (The writer closes after 10 s at the latest, which would
    /// end a read that waited for the end of file.)
    @Test func aValidHeaderFollowedByMoreDataDoesNotWaitForTheEnd() throws {
        let fifo = NSTemporaryDirectory() + "dz-npy-fifo-\(UUID().uuidString)"
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let file = NPY.encode(try NDArray.ones([100]))
        let done = DispatchSemaphore(value: 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            try? handle.write(contentsOf: Data(file) + Data(count: 4096))
            _ = done.wait(timeout: .now() + 10)
            try? handle.close()
        }
        writer.start()
        let start = Date()
        do {
            _ = try NPY.read(contentsOf: fifo)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("but shape (100,) of dtype '<f8' needs 800"), "\(error)")
        }
        #expect(Date().timeIntervalSince(start) < 5)
        done.signal()
    }
}

/// Replays the .npy fuzzer's committed inputs (Tests/Fuzz/corpus/npy: the seeds and any
/// input a fuzzing run found to crash) as `fuzz-npy` does: decode, and a decoded array
/// must survive encode and decode.
@Suite struct NPYFuzzCorpusReplayTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/npy")

    static let inputs: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }()

    @Test func theCorpusIsThere() {
        #expect(Self.inputs.count >= 80)
    }

    @Test(arguments: inputs)
    func replay(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(name)))
        guard let a = try? NPY.decode(bytes) else { return }
        let again = NPY.encode(a)
        let b = try NPY.decode(again)
        #expect(b.shape == a.shape)
        #expect(NPY.encode(b) == again)
    }
}
