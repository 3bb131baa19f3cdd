import Testing
@testable import DZLanguage

@Suite struct SourceFileTests {
    @Test func linesAndColumnsAreOneBasedAndCountScalars() {
        let file = SourceFile(name: "a.dz", text: "ab\ncé d\n")
        let start = file.lineAndColumn(of: SourceLocation(offset: 0))
        #expect(start.line == 1 && start.column == 1)
        let d = file.lineAndColumn(of: SourceLocation(offset: 7))  // 'd' after the two-byte 'é'
        #expect(d.line == 2 && d.column == 4)
        let end = file.lineAndColumn(of: SourceLocation(offset: 9))
        #expect(end.line == 3 && end.column == 1)
        #expect(file.lineCount == 3)
        #expect(file.text(ofLine: 2) == "cé d")
        #expect(file.text(ofLine: 3) == "")
    }

    @Test func newlineBelongsToTheLineItEnds() {
        let file = SourceFile(name: "a.dz", text: "ab\ncd")
        let newline = file.lineAndColumn(of: SourceLocation(offset: 2))
        #expect(newline.line == 1 && newline.column == 3)
        #expect(file.line(of: 3) == 2)
    }

    @Test func crlfLinesAreShownWithoutCarriageReturn() {
        let file = SourceFile(name: "a.dz", text: "a = 1\r\nb = 2\r\n")
        #expect(file.text(ofLine: 1) == "a = 1")
        #expect(file.text(ofLine: 2) == "b = 2")
    }

    @Test func textOfRangeAndMergedRanges() {
        let file = SourceFile(name: "a.dz", text: "hello world")
        #expect(file.text(of: SourceRange(6, 11)) == "world")
        #expect(SourceRange(6, 8).to(SourceRange(2, 4)) == SourceRange(2, 8))
        #expect(SourceRange(3, 5).offsets == 3..<5)
        #expect(file.text(of: SourceRange(9, 100)) == "ld")
    }

    @Test func offsetsOutsideTheFileAreClamped() {
        let file = SourceFile(name: "a.dz", text: "ab")
        let past = file.lineAndColumn(of: SourceLocation(offset: 50))
        #expect(past.line == 1 && past.column == 3)
    }
}
