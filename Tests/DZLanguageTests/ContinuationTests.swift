import Testing
@testable import DZLanguage

@Suite struct ContinuationTests {
    @Test(arguments: [
        "def f(x) {",
        "x = (1 +",
        "[1, 2,",
        "if a {\n  b = 1",
        "if a { if b {\n}",
        "s = \"abc",
        "s = 'it\\'s",
        "f(\"a)\"",
        "print(\"multi\nline",
        "x = [(\n",
        "f(x)) + (",
    ])
    func incompleteInputContinues(text: String) {
        #expect(needsContinuation(text))
    }

    @Test(arguments: [
        "",
        "x = 1",
        "x = 1 +",
        "def f(x) { return x }",
        "f(x))",
        "# ( comment",
        "\"(\"",
        "x = $ (",
        "if a { }",
        "x = 2x (",
        "s = \"a\\q",
        "}",
    ])
    func completeInputDoesNot(text: String) {
        #expect(!needsContinuation(text))
    }
}
