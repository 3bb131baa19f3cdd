import Foundation
import Testing
@testable import DZTensor

/// AtomicFile: a file is replaced whole or not at all (issue 20 item 14).
@Suite struct AtomicFileTests {
    /// A fresh empty directory.
    func directory() throws -> String {
        let path = NSTemporaryDirectory() + "dz-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func contents(_ path: String) -> [UInt8] { FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? [] }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/m.npz"
        try AtomicFile.write(Array("old contents".utf8), to: path)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try AtomicFile.write(to: path) { out in
                try out.write(Array("new, half".utf8))
                throw Stop()
            }
        }
        #expect(contents(path) == Array("old contents".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["m.npz"])
        // Chunks written one after another make the new file.
        try AtomicFile.write(to: path) { out in
            try out.write("new ")
            try out.write(Array("contents".utf8)[...])
            #expect(out.count == 12)
        }
        #expect(contents(path) == Array("new contents".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["m.npz"])
    }

    @Test func keepsTheModeAndFollowsSymbolicLinks() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/a.npy"
        try AtomicFile.write([1], to: path)
        chmod(path, 0o640)
        try AtomicFile.write([2], to: path)
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o777 == 0o640)
        symlink(path, dir + "/link.npy")
        try AtomicFile.write([3], to: dir + "/link.npy")
        #expect(contents(path) == [3])
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.npy")) == path)
    }

    @Test func writesDevicesInPlace() throws {
        try AtomicFile.write([1, 2, 3], to: "/dev/null")
        var info = stat()
        stat("/dev/null", &info)
        #expect(info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func refusesNamesWithANulByteAndMissingDirectories() {
        #expect(throws: AtomicFile.Failure(path: "a\\0b.npy", couldNotOpen: true, reason: "a file name cannot contain a NUL byte")) {
            try AtomicFile.write([1], to: "a\0b.npy")
        }
        #expect(throws: AtomicFile.Failure(path: "/nonexistent-dz/a.npy", couldNotOpen: true, reason: "No such file or directory")) {
            try AtomicFile.write([1], to: "/nonexistent-dz/a.npy")
        }
        #expect(AtomicFile.Failure(path: "p", couldNotOpen: false, reason: "File too large").message(lowercased: true) == "cannot write 'p': file too large")
    }

    @Test func produceRenamesWhatTheProducerWrote() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/g.png"
        try AtomicFile.write([9], to: path)
        struct Failed: Error {}
        #expect(throws: Failed.self) {
            try AtomicFile.produce(path) { temporary in
                _ = FileManager.default.createFile(atPath: temporary, contents: Data([1, 2]))
                throw Failed()
            }
        }
        #expect(contents(path) == [9])
        try AtomicFile.produce(path) { temporary in
            #expect(temporary.hasPrefix(dir + "/.g.png.dz-"))
            _ = FileManager.default.createFile(atPath: temporary, contents: Data([1, 2]))
        }
        #expect(contents(path) == [1, 2])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["g.png"])
    }
}
