import Testing
@testable import DZLanguage

@Suite struct PrecedenceTests {
    @Test(arguments: [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("-x**2", "(- (** x 2))"),
        ("2**3**2", "(** 2 (** 3 2))"),
        ("2**-1", "(** 2 (- 1))"),
        ("-2**-x**2", "(- (** 2 (- (** x 2))))"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b * c", "(* (/ a b) c)"),
        ("not a == b", "(not (== a b))"),
        ("not not a", "(not (not a))"),
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("a or b or c", "(or (or a b) c)"),
        ("not a and b", "(and (not a) b)"),
        ("x @ W + b", "(+ (@ x W) b)"),
        ("a % b + c", "(+ (% a b) c)"),
        ("a < b == c", "(== (< a b) c)"),
        ("a + b < c * d", "(< (+ a b) (* c d))"),
        ("a <= b; a >= b; a != b; a > b", "(<= a b)\n(>= a b)\n(!= a b)\n(> a b)"),
        ("- -x", "(- (- x))"),
        ("+x * -y", "(* (+ x) (- y))"),
        ("-x.grad", "(- (. x grad))"),
        ("-f(x)[0] ** 2", "(- (** (index (call f x) 0) 2))"),
        ("x.T @ gy", "(@ (. x T) gy)"),
        ("(a + b) * c", "(* (+ a b) c)"),
        ("a ** (b + c)", "(** a (+ b c))"),
        ("x = a if_ b", "error 1:7: expected ';' or a newline after the statement, found 'if_'"),
    ])
    func precedenceAndAssociativity(source: String, expected: String) {
        #expect(sexpr(source) == expected)
    }
}
