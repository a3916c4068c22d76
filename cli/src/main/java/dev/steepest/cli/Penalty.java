package dev.steepest.cli;

import java.util.Locale;

/**
 * A penalty coefficient c written as an arithmetic expression in one parameter, the way textbooks
 * write it: {@code "1/alpha"}, {@code "alpha/2"}, {@code "1/(2alpha)"}, {@code "α^2"}, {@code "0.25"}.
 *
 * <p>Grammar (docs/STEEPEST.md §7): numbers ({@code 2}, {@code 0.5}, {@code 3.5e-3}); the parameter,
 * written {@code alpha}, {@code α}, {@code lambda} or {@code λ} (one name per expression; its value is
 * {@code --alpha}); {@code + - * / ^}, {@code ·} and {@code ×} for {@code *}, {@code ²} and {@code ³}
 * for {@code ^2} and {@code ^3}; unary minus; parentheses; implicit multiplication before a name or
 * {@code (} ({@code 2alpha}, {@code 2α}, {@code 2(1+alpha)}). {@code ^} binds tighter than unary minus
 * and groups to the right. {@code 1/2alpha} is rejected as ambiguous.
 *
 * <p>Bounded input: at most {@link #MAX_LENGTH} characters and {@link #MAX_DEPTH} levels of nesting
 * (parentheses, unary signs and powers), so that no expression can exhaust the stack.
 *
 * <p>{@link #coefficient(double)} evaluates c and rejects c ≤ 0, NaN or ∞; {@link #stepCoefficient()}
 * gives 1/(2c) in the same parameter, simplified where c is a monomial k·αᵖ.
 */
final class Penalty {
    /** The longest expression accepted, in characters. */
    static final int MAX_LENGTH = 200;
    /** The deepest nesting accepted (parentheses, unary signs and powers together). */
    static final int MAX_DEPTH = 32;

    private final String text;
    private final Node root;
    private final String name;

    private Penalty(String text, Node root, String name) {
        this.text = text;
        this.root = root;
        this.name = name;
    }

    /** Parses {@code expression}; throws {@link IllegalArgumentException} naming the problem and its position. */
    public static Penalty parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the penalty expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the penalty expression has " + expression.length()
                    + " characters; at most " + MAX_LENGTH + " are accepted");
        }
        Parser p = new Parser(expression);
        Node n = p.expression();
        p.skipSpaces();
        if (p.pos < expression.length()) {
            throw p.error(expression.charAt(p.pos) == ')' ? "')' without a matching '('" : "unexpected '"
                    + expression.charAt(p.pos) + "'", p.pos);
        }
        return new Penalty(expression.strip(), n, p.name);
    }

    /** Whether the expression mentions the parameter (alpha, α, lambda or λ). */
    public boolean usesAlpha() {
        return name != null;
    }

    /** The parameter's name as written ({@code alpha}, {@code α}, …), or {@code null} when unused. */
    public String parameterName() {
        return name;
    }

    /** c for the given α; throws when c is not a positive finite number. */
    public double coefficient(double alpha) {
        if (usesAlpha() && !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a finite number, got " + alpha);
        }
        double c = root.eval(alpha);
        if (Double.isNaN(c) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("penalty \"" + text + "\" evaluates to " + c
                    + (usesAlpha() ? " at alpha = " + alpha : "") + "; c must be a positive finite number");
        }
        if (c <= 0) {
            throw new IllegalArgumentException("penalty \"" + text + "\" evaluates to c = " + c
                    + (usesAlpha() ? " at alpha = " + alpha : "") + "; c must be positive");
        }
        return c;
    }

    /**
     * The step coefficient 1/(2c) as an expression in α (λ when the penalty is written in λ or lambda)
     * that {@link #parse} reads back: simplified
     * ({@code "α/2"} for c = 1/α, {@code "α"} for c = 1/(2α)) when c is k·αᵖ with integer p, else
     * {@code "1/(2(c))"} with c as written.
     */
    public String stepCoefficient() {
        Mono m = root.mono();
        if (m == null || m.k == 0 || !Double.isFinite(m.k)) {
            return "1/(2(" + text + "))";
        }
        String var = name != null && (name.equals("λ") || name.equalsIgnoreCase("lambda")) ? "λ" : "α";
        return Mono.format(1 / (2 * m.k), -m.p).replace("α", var);
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** k·αᵖ with an integer p: the shape of every textbook penalty. */
    private record Mono(double k, int p) {
        /** k·αᵖ as text {@link #parse} reads: {@code "α/2"}, {@code "1/α"}, {@code "3α^2/4"}, {@code "0.5"}. */
        static String format(double k, int p) {
            String sign = k < 0 ? "-" : "";
            long[] frac = fraction(Math.abs(k));
            String num;
            String den;
            if (frac != null) {
                num = Long.toString(frac[0]);
                den = frac[1] == 1 ? "" : Long.toString(frac[1]);
            } else {
                num = Fmt.exact(Math.abs(k));
                den = "";
            }
            String pw = p == 0 ? "" : "α" + (Math.abs(p) == 1 ? "" : "^" + Math.abs(p));
            if (p > 0) {
                num = num.equals("1") ? pw : num + pw;
            } else if (p < 0) {
                den = den.isEmpty() ? pw : "(" + den + pw + ")";
            }
            return sign + num + (den.isEmpty() ? "" : "/" + den);
        }

        /** v as a/b with b ≤ 1000 when that is exact to 1e-12, else null. */
        static long[] fraction(double v) {
            for (long b = 1; b <= 1000; b++) {
                double a = Math.rint(v * b);
                if (a >= 1 && a < 1e9 && Math.abs(a / b - v) <= 1e-12 * v) {
                    return new long[] {(long) a, b};
                }
            }
            return null;
        }
    }

    private interface Node {
        double eval(double alpha);

        /** This node as k·αᵖ, or null when it is not a monomial. */
        Mono mono();
    }

    private record Num(double v) implements Node {
        public double eval(double alpha) {
            return v;
        }

        public Mono mono() {
            return new Mono(v, 0);
        }
    }

    private record Alpha() implements Node {
        public double eval(double alpha) {
            return alpha;
        }

        public Mono mono() {
            return new Mono(1, 1);
        }
    }

    private record Neg(Node a) implements Node {
        public double eval(double alpha) {
            return -a.eval(alpha);
        }

        public Mono mono() {
            Mono m = a.mono();
            return m == null ? null : new Mono(-m.k, m.p);
        }
    }

    private record Bin(char op, Node a, Node b) implements Node {
        public double eval(double alpha) {
            double x = a.eval(alpha);
            double y = b.eval(alpha);
            return switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                case '/' -> x / y;
                default -> Math.pow(x, y);
            };
        }

        public Mono mono() {
            Mono x = a.mono();
            Mono y = b.mono();
            if (x == null || y == null) {
                return null;
            }
            switch (op) {
                case '+', '-': {
                    double ky = op == '+' ? y.k : -y.k;
                    if (x.k == 0) {
                        return new Mono(ky, y.p);
                    }
                    if (y.k == 0) {
                        return x;
                    }
                    return x.p == y.p ? new Mono(x.k + ky, x.p) : null;
                }
                case '*':
                    return new Mono(x.k * y.k, x.p + y.p);
                case '/':
                    return y.k == 0 ? null : new Mono(x.k / y.k, x.p - y.p);
                default: {
                    if (y.p != 0 || y.k != Math.rint(y.k) || Math.abs(y.k) > 64) {
                        return x.p == 0 && y.p == 0 ? new Mono(Math.pow(x.k, y.k), 0) : null;
                    }
                    int n = (int) y.k;
                    return new Mono(Math.pow(x.k, n), x.p * n);
                }
            }
        }
    }

    /**
     * Recursive descent with a depth bound:
     * expression := term (('+'|'-') term)*;
     * term := unary (('*'|'/'|·|×|implicit) unary)*;
     * unary := ('-'|'+') unary | power;
     * power := primary ('^' unary | '²' | '³')?;
     * primary := number | name | '(' expression ')'.
     */
    private static final class Parser {
        final String s;
        int pos;
        int depth;
        String name;
        int namePos;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what, int at) {
            return new IllegalArgumentException(what + " at position " + (at + 1) + " in penalty \"" + s + "\"");
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(char c) {
            skipSpaces();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void enter(int at) {
            if (++depth > MAX_DEPTH) {
                throw new IllegalArgumentException("penalty nests deeper than " + MAX_DEPTH
                        + " levels (parentheses, signs and powers) at position " + (at + 1));
            }
        }

        /** Whether the next character starts a name or '(' (implicit multiplication). */
        boolean startsImplicitFactor() {
            skipSpaces();
            if (pos >= s.length()) {
                return false;
            }
            char ch = s.charAt(pos);
            return ch == '(' || Character.isLetter(ch);
        }

        Node expression() {
            Node n = term();
            while (true) {
                if (eat('+')) {
                    n = new Bin('+', n, term());
                } else if (eat('-')) {
                    n = new Bin('-', n, term());
                } else {
                    return n;
                }
            }
        }

        Node term() {
            Node n = unary();
            while (true) {
                if (eat('*') || eat('·') || eat('×')) {
                    n = new Bin('*', n, unary());
                } else if (eat('/')) {
                    n = new Bin('/', n, unary());
                    if (startsImplicitFactor()) {
                        throw error("ambiguous implicit product after '/' (write 1/(2alpha) or (1/2)alpha)", pos);
                    }
                } else if (startsImplicitFactor()) {
                    n = new Bin('*', n, unary());
                } else {
                    return n;
                }
            }
        }

        Node unary() {
            skipSpaces();
            int at = pos;
            if (eat('-')) {
                enter(at);
                Node n = new Neg(unary());
                depth--;
                return n;
            }
            if (eat('+')) {
                enter(at);
                Node n = unary();
                depth--;
                return n;
            }
            return power();
        }

        Node power() {
            Node base = primary();
            skipSpaces();
            int at = pos;
            if (eat('^')) {
                enter(at);
                Node exp = unary();
                depth--;
                return new Bin('^', base, exp);
            }
            if (eat('²')) {
                return new Bin('^', base, new Num(2));
            }
            if (eat('³')) {
                return new Bin('^', base, new Num(3));
            }
            return base;
        }

        Node primary() {
            skipSpaces();
            if (pos >= s.length()) {
                throw error("a number, alpha or '(' expected at the end", pos);
            }
            int at = pos;
            if (eat('(')) {
                enter(at);
                Node n = expression();
                if (!eat(')')) {
                    throw error("missing ')' (the '(' at position " + (at + 1) + " is not closed)", pos);
                }
                depth--;
                return n;
            }
            char ch = s.charAt(pos);
            if (Character.isDigit(ch) || ch == '.') {
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                if (pos + 1 < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                    int save = pos;
                    pos++;
                    if (s.charAt(pos) == '+' || s.charAt(pos) == '-') {
                        pos++;
                    }
                    if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                            pos++;
                        }
                    } else {
                        pos = save;
                    }
                }
                String num = s.substring(at, pos);
                try {
                    return new Num(Double.parseDouble(num));
                } catch (NumberFormatException e) {
                    throw error("'" + num + "' is not a number", at);
                }
            }
            if (Character.isLetter(ch)) {
                while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                    pos++;
                }
                String word = s.substring(at, pos);
                String lower = word.toLowerCase(Locale.ROOT);
                if (!(lower.equals("alpha") || word.equals("α") || lower.equals("lambda") || word.equals("λ"))) {
                    throw error("unknown name '" + word + "' (the parameter is written alpha, α, lambda or λ)", at);
                }
                if (name != null && !name.equalsIgnoreCase(word)) {
                    throw error("'" + word + "' and '" + name + "' (position " + (namePos + 1)
                            + ") both name the parameter; write one of them", at);
                }
                if (name == null) {
                    name = word;
                    namePos = at;
                }
                return new Alpha();
            }
            throw error(ch == ')' ? "')' where a number, alpha or '(' was expected" : "unexpected '" + ch + "'", at);
        }
    }
}
