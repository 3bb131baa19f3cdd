import Testing
@testable import DZLanguage

/// The terminal line of `progress(...)`: floored percentage, and never as wide as the terminal.
@Suite struct ProgressBarLineTests {
    @Test func thePercentageIsFlooredAsTqdms() {
        let line = ProgressRun.barLine(label: "", done: 299, total: 300, elapsed: 1, value: nil, columns: 80)
        #expect(line.hasPrefix(" 99% |"), "\(line)")
        let done = ProgressRun.barLine(label: "", done: 300, total: 300, elapsed: 1, value: nil, columns: 80)
        #expect(done.hasPrefix("100% |████████████████████████|"), "\(done)")
    }

    @Test func theLineFitsTheColumnsShrinkingTheBarFirst() {
        for columns in [10, 20, 40, 60, 80, 200] {
            let line = ProgressRun.barLine(label: "training", done: 150, total: 300, elapsed: 12.5,
                                           value: (name: "loss", value: 0.123456), columns: columns)
            #expect(line.count <= columns - 1, "\(columns): \(line)")
        }
        let wide = ProgressRun.barLine(label: "training", done: 150, total: 300, elapsed: 12.5,
                                       value: (name: "loss", value: 0.25), columns: 200)
        #expect(wide == "training  50% |████████████            | 150/300 [00:12, 12.0 it/s] loss 0.25")
        let narrow = ProgressRun.barLine(label: "training", done: 150, total: 300, elapsed: 12.5,
                                         value: (name: "loss", value: 0.25), columns: 60)
        #expect(narrow == "training  50% |███   | 150/300 [00:12, 12.0 it/s] loss 0.25")   // 59 wide
        let tiny = ProgressRun.barLine(label: "training", done: 150, total: 300, elapsed: 12.5,
                                       value: (name: "loss", value: 0.25), columns: 40)
        #expect(tiny == "training  50% 150/300 [00:12, 12.0 it/s")   // no bar, then cut at 39
    }
}
