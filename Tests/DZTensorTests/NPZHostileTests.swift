import Testing
import DZTestSupport
@testable import DZTensor

/// .npz archives that lie: every count, size and offset is checked against the archive
/// before it is used (issue 20 item 1), so a crafted file is an error, never a trap or a
/// huge allocation; and archives beyond the classic zip limits are written as zip64
/// (issue 20 item 2) and read back, as are numpy's files larger than 64 KiB (issue 13 item 5).
@Suite struct NPZHostileTests {
    static let member = NPY.encode(try! NDArray(shape: [3], scalars: [1, 2, 3]))

    /// The message of the error decoding `bytes` throws ("" if it decodes).
    func failure(_ bytes: [UInt8]) -> String {
        do { _ = try NPZ.decode(bytes); return "" } catch { return "\(error)" }
    }

    @Test func theHonestArchiveDecodes() throws {
        let arrays = try NPZ.decode(CraftedZip(data: Self.member).bytes())
        #expect(arrays.map(\.name) == ["x"])
        #expect(arrays.first?.array.scalars == [1, 2, 3])
        var zip64 = CraftedZip(data: Self.member)
        zip64.zip64 = .init()
        #expect(try NPZ.decode(zip64.bytes()).first?.array.scalars == [1, 2, 3])
    }

    @Test func zip64EndRecordsThatLie() {
        func with(_ z: CraftedZip.Zip64) -> String {
            var zip = CraftedZip(data: Self.member)
            zip.zip64 = z
            return failure(zip.bytes())
        }
        // Counts past Int.max (negative as Int64) and counts no directory can hold.
        #expect(with(.init(count: UInt64.max)) == "load: not a valid .npz file (the entry count is 18446744073709551615)")
        #expect(with(.init(count: 1 << 63)) == "load: not a valid .npz file (the entry count is 9223372036854775808)")
        #expect(with(.init(count: 1 << 40)).hasPrefix("load: not a valid .npz file (it claims 1099511627776 entries but has room for "))
        #expect(with(.init(centralOffset: UInt64.max)).hasPrefix("load: not a valid .npz file (the central directory at offset 18446744073709551615 is past the end of the file of "))
        #expect(with(.init(centralOffset: 1 << 62)).contains("past the end of the file"))
        #expect(with(.init(recordOffset: UInt64.max - 3)).contains("(the zip64 end record at offset 18446744073709551612 is past the end"))
        #expect(with(.init(recordOffset: 0)) == "load: not a valid .npz file (bad zip64 end record)")
    }

    @Test func classicNumbersThatLie() {
        var zip = CraftedZip(data: Self.member)
        zip.count = 0xFFFE
        #expect(failure(zip.bytes()).hasPrefix("load: not a valid .npz file (it claims 65534 entries but has room for "))
        zip = CraftedZip(data: Self.member)
        zip.localOffset = 0xFFFF_FFF0
        #expect(failure(zip.bytes()).contains("(the local header of 'x.npy' at offset 4294967280 is past the end"))
        zip = CraftedZip(data: Self.member)
        zip.size = 7
        zip.compressedSize = 7
        #expect(failure(zip.bytes()) == "load: 'x.npy' in the .npz file is corrupt (CRC-32 mismatch)")
        zip.compressedSize = 0xFFFF_FFF0
        #expect(failure(zip.bytes()) == "load: not a valid .npz file ('x.npy' is truncated: it claims 4294967280 bytes)")
    }

    @Test func zip64ExtraFieldsThatLie() {
        func with(_ extra: [UInt8], method: UInt16 = 0, saturating: Bool = true) -> String {
            var zip = CraftedZip(data: Self.member)
            zip.method = method
            zip.centralExtra = extra
            if saturating { zip.size = 0xFFFF_FFFF; zip.compressedSize = 0xFFFF_FFFF; zip.localOffset = 0xFFFF_FFFF }
            return failure(zip.bytes())
        }
        let tb: UInt64 = 1 << 40
        // A 1 TB member: refused before anything is allocated.
        #expect(with(CraftedZip.zip64Extra([tb, tb, 0])) == "load: not a valid .npz file ('x.npy' is truncated: it claims 1099511627776 bytes)")
        #expect(with(CraftedZip.zip64Extra([tb, 20, 0]), method: 8) == "load: 'x.npy' in the .npz file is corrupt (20 compressed bytes cannot make 1099511627776)")
        // Sizes and offsets past Int.max, and offsets past the end.
        #expect(with(CraftedZip.zip64Extra([UInt64.max, 10, 0])) == "load: not a valid .npz file (the size of 'x.npy' is 18446744073709551615)")
        #expect(with(CraftedZip.zip64Extra([10, 1 << 63, 0])) == "load: not a valid .npz file (the compressed size of 'x.npy' is 9223372036854775808)")
        #expect(with(CraftedZip.zip64Extra([10, 10, UInt64.max - 10])) == "load: not a valid .npz file (the offset of 'x.npy' is 18446744073709551605)")
        #expect(with(CraftedZip.zip64Extra([10, 10, tb])).contains("(the local header of 'x.npy' at offset 1099511627776 is past the end"))
        // Lengths that run past their field, or fields too short for what they must hold.
        #expect(with(CraftedZip.zip64Extra([10, 10, 0], length: 0xFFF0)) == "load: not a valid .npz file (bad extra field for 'x.npy')")
        #expect(with(CraftedZip.zip64Extra([10], length: 8)) == "load: not a valid .npz file (short zip64 field for 'x.npy')")
        // Other extra fields are skipped; a stub too short for a header is ignored.
        #expect(with([0x55, 0x54, 0x05, 0x00, 1, 2, 3, 4, 5], saturating: false) == "")
        #expect(with([0x01, 0x00], saturating: false) == "")
    }

    @Test func inflateNeverReservesWhatItCannotMake() throws {
        // A final stored block of 3 bytes, with a directory that claims a terabyte.
        let block: [UInt8] = [0x01, 0x03, 0x00, 0xFC, 0xFF, 0x61, 0x62, 0x63]
        #expect(try Inflate.decompress(block, expectedSize: 1 << 40) == Array("abc".utf8))
    }

    // MARK: Writing zip64

    @Test func moreThan65535ArraysAreWrittenAsZip64() throws {
        let arrays = (0..<65_537).map { (name: "a\($0)", array: NDArray(Double($0))) }
        let bytes = try NPZ.encode(arrays)
        // The classic end record saturates its counts; the zip64 record holds them.
        let end = bytes.count - 22
        #expect(Array(bytes[end..<end + 4]) == [0x50, 0x4b, 0x05, 0x06])
        #expect(Array(bytes[end + 8..<end + 12]) == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Array(bytes[end - 20..<end - 16]) == [0x50, 0x4b, 0x06, 0x07])
        let back = try NPZ.decode(bytes)
        #expect(back.count == 65_537)
        #expect(back.last?.name == "a65536")
        #expect(back.last?.array.scalars == [65536])
        #expect(back[40_000].array.scalars == [40000])
    }

    @Test func sizesAndOffsetsPast4GiBGoToZip64Fields() {
        let name = Array("x.npy".utf8), big = 5 << 30
        // An entry of 5 GiB: its local header and directory entry carry zip64 sizes, which the
        // reader finds (and then refuses, the data not being there).
        let local = NPZ.localHeader(fileName: name, crc: 0, size: big)
        let central = NPZ.centralHeader(fileName: name, crc: 0, size: big, offset: 0)
        let archive = local + central + NPZ.endRecords(count: 1, centralSize: central.count, centralOffset: local.count)
        #expect(failure(archive) == "load: not a valid .npz file ('x.npy' is truncated: it claims 5368709120 bytes)")
        // An entry at offset 5 GiB.
        let far = NPZ.centralHeader(fileName: name, crc: 0, size: 10, offset: big)
        let farArchive = local + far + NPZ.endRecords(count: 1, centralSize: far.count, centralOffset: local.count)
        #expect(failure(farArchive).contains("(the local header of 'x.npy' at offset 5368709120 is past the end"))
        // A directory past 4 GiB: the zip64 end record says where.
        let records = NPZ.endRecords(count: 3, centralSize: 10, centralOffset: big)
        #expect(records.count == 56 + 20 + 22)
        #expect(failure(local + records).hasPrefix("load: not a valid .npz file (the zip64 end record at offset 5368709130"))
    }

    @Test func aKeyTooLongForAZipNameIsRefused() {
        let key = String(repeating: "k", count: 70_000)
        #expect(throws: TensorError.invalid(operation: "save_weights", message: "the key '\(key.prefix(40))...' is too long for a zip archive (70000 bytes, at most 65531)")) {
            try NPZ.encode([(key, NDArray(1.0))])
        }
    }

    // MARK: numpy's files larger than 64 KiB

    /// DEZERO_MLP of scripts/gen_npz_fixtures.py: ((i * 7919 + salt) % 10007) / 10007 - 0.5 as float32.
    static func dezeroValues(_ count: Int, salt: Int) -> [Double] {
        (0..<count).map { Double(Float(Double((($0 * 7919 + salt) % 10007)) / 10007 - 0.5)) }
    }

    @Test(arguments: ["npz/dezero_mlp.npz", "npz/dezero_mlp_compressed.npz"])
    func readsNumpyFilesLargerThan64KiB(fixture: String) throws {
        #expect(Fixture.bytes(fixture).count > 65_536)
        let arrays = try NPZ.read(contentsOf: Fixture.path(fixture))
        #expect(arrays.map(\.name) == ["l0/W", "l0/b", "l1/W", "l1/b"])
        #expect(arrays.map(\.array.shape) == [[10, 1000], [1000], [1000, 10], [10]])
        for (salt, (_, array)) in arrays.enumerated() {
            #expect(array.scalars == Self.dezeroValues(array.size, salt: salt))
        }
    }

    @Test func aFileThatIsNoZipArchiveIsNotReadWhole() throws {
        // Only the first bytes decide: /dev/zero is refused at once.
        #expect(throws: TensorError.invalid(operation: "load_weights", message: "'/dev/zero': not a .npz file (not a zip archive)")) {
            try NPZ.read(contentsOf: "/dev/zero", operation: "load_weights")
        }
    }
}
