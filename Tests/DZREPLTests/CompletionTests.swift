import Foundation
import Testing
@testable import DZREPL

/// A temporary directory with `a.npy`, `another.npy`, `b.dz`, `.hidden`, `data/x.npy`.
final class TemporaryFiles {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "dz-completion-\(UUID().uuidString)"
        let fm = FileManager.default
        try fm.createDirectory(atPath: path + "/data", withIntermediateDirectories: true)
        for file in ["a.npy", "another.npy", "b.dz", ".hidden", "data/x.npy"] {
            _ = fm.createFile(atPath: path + "/" + file, contents: Data())
        }
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite struct CompletionTests {
    let files: TemporaryFiles
    let completion: WordCompletion

    init() throws {
        files = try TemporaryFiles()
        var users = ["loss", "lr"]
        users.append("λx")
        let userNames = users
        completion = WordCompletion(
            keywords: ["for", "if", "in", "while"],
            builtins: { ["exp", "expand_dims", "load", "log", "save", "sum"] },
            userNames: { userNames },
            attributes: { ["backward", "grad", "shape", "size"] },
            baseDirectory: files.path)
    }

    func complete(_ line: String) -> (Int, [String]) {
        let answer = completion.completions(for: line, cursor: line.utf8.count)
        return (answer.replaceFrom, answer.candidates)
    }

    @Test func commandsAtTheStartOfTheLine() {
        #expect(complete(":") == (0, REPLCommand.names.sorted()))
        #expect(complete(":l") == (0, [":load"]))
        #expect(complete("  :re") == (2, [":reset"]))
    }

    @Test func namesFromKeywordsBuiltinsAndUsers() {
        #expect(complete("y = ex") == (4, ["exp", "expand_dims"]))
        #expect(complete("l") == (0, ["load", "log", "loss", "lr"]))
        #expect(complete("f(λ") == (2, ["λx"]))
        #expect(complete("wh") == (0, ["while"]))
        #expect(complete("zz").1.isEmpty)
    }

    @Test func userNamesAreReadAtEachCompletion() {
        final class Names { var list = ["alpha"] }
        let names = Names()
        let live = WordCompletion(keywords: [], builtins: { [] }, userNames: { names.list })
        #expect(live.completions(for: "al", cursor: 2).candidates == ["alpha"])
        names.list.append("alpine")
        #expect(live.completions(for: "al", cursor: 2).candidates == ["alpha", "alpine"])
    }

    @Test func nothingForAnEmptyWordANumberOrAComment() {
        #expect(complete("y = ").1.isEmpty)
        #expect(complete("y = 12").1.isEmpty)
        #expect(complete("y = 1.").1.isEmpty)
        #expect(complete("y = 1.5").1.isEmpty)
        #expect(complete("x = 1  # ex").1.isEmpty)
    }

    @Test func attributesAfterADot() {
        #expect(complete("x.sh") == (2, ["shape"]))
        #expect(complete("x.") == (2, ["backward", "grad", "shape", "size"]))
        #expect(complete("(x @ W).gr") == (8, ["grad"]))
        #expect(complete("xs[0].s") == (6, ["shape", "size"]))
        #expect(complete("y = w1.b") == (7, ["backward"]))
        #expect(complete("y = .s").1.isEmpty)
    }

    @Test func filesInsideLoadAndSaveStrings() {
        #expect(complete("x = load(\"a") == (10, ["a.npy", "another.npy"]))
        #expect(complete("load( \"") == (7, ["a.npy", "another.npy", "b.dz", "data/"]))
        #expect(complete("save(\"da") == (6, ["data/"]))
        #expect(complete("save(\"data/") == (6, ["data/x.npy"]))
        #expect(complete("load(\".h") == (6, [".hidden"]))
        #expect(complete("save(\"zz").1.isEmpty)
    }

    @Test func noFilesInOtherStrings() {
        #expect(complete("print(\"a").1.isEmpty)
        #expect(complete("save(x, \"a").1.isEmpty)
        #expect(complete("s = \"load(\" + \"a").1.isEmpty)
    }

    @Test func filesAfterTheLoadCommand() {
        #expect(complete(":load ") == (6, ["a.npy", "another.npy", "b.dz", "data/"]))
        #expect(complete(":load b") == (6, ["b.dz"]))
        #expect(complete(":load \"data/x") == (7, ["data/x.npy"]))
        let absolute = ":load \(files.path)/b"
        #expect(complete(absolute) == (6, ["\(files.path)/b.dz"]))
    }

    @Test func helpCompletesNamesAndGraphCompletesCode() {
        #expect(complete(":help su") == (6, ["sum"]))
        #expect(complete(":graph x.sh") == (9, ["shape"]))
        #expect(complete(":time lo") == (6, ["load", "log", "loss"]))
        #expect(complete(":vars x").1.isEmpty)
    }

    @Test func offsetsAreUTF8Bytes() {
        let line = "λx.s + 1"
        let answer = completion.completions(for: line, cursor: 5)   // after "λx.s": λ is 2 bytes
        #expect(answer.replaceFrom == 4)
        #expect(answer.candidates == ["shape", "size"])
    }
}

@Suite struct TabCompletionPlanTests {
    @Test func oneCandidateInsertsTheRest() {
        let plan = TabCompletionPlan(line: "y = ex", cursor: 6, replaceFrom: 4, candidates: ["exp"])
        #expect(plan == TabCompletionPlan(insert: "p"))
    }

    @Test func severalCandidatesInsertTheCommonPrefixAndList() {
        let plan = TabCompletionPlan(line: "e", cursor: 1, replaceFrom: 0, candidates: ["expand", "exp", "exp"])
        #expect(plan == TabCompletionPlan(insert: "xp", listing: ["expand", "exp"]))
        let nothingCommon = TabCompletionPlan(line: "", cursor: 0, replaceFrom: 0, candidates: ["a", "b"])
        #expect(nothingCommon == TabCompletionPlan(listing: ["a", "b"]))
    }

    @Test func noCandidateBeeps() {
        #expect(TabCompletionPlan(line: "zz", cursor: 2, replaceFrom: 0, candidates: []).beep)
    }

    @Test func aCandidateThatDoesNotExtendTheWordReplacesIt() {
        let plan = TabCompletionPlan(line: "Éxp", cursor: 4, replaceFrom: 0, candidates: ["exp"])
        #expect(plan == TabCompletionPlan(deleteCount: 3, insert: "exp"))   // scalars, not bytes
    }

    @Test func listsShowPathsByTheirLastComponent() {
        let plan = TabCompletionPlan(line: ":load d/", cursor: 8, replaceFrom: 6, candidates: ["d/a.npy", "d/sub/"])
        #expect(plan.listing == ["a.npy", "sub/"])
        #expect(plan.insert == "")
    }

    @Test func columnsGoDownThenAcross() {
        let text = TabCompletionPlan.columns(["a", "bb", "c", "d", "e"], width: 9)
        #expect(text == "a   d\nbb  e\nc\n")
        #expect(TabCompletionPlan.columns(["averyverylongname"], width: 5) == "averyverylongname\n")
    }
}
