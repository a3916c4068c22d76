package dev.steepest.cli;

import java.util.Locale;

/**
 * A penalty coefficient c written as an arithmetic expression in {@code alpha}, the way
 * textbooks write it: {@code "1/alpha"}, {@code "alpha/2"}, {@code "1/(2*alpha)"}, {@code "0.25"}.
 *
 * <p>Grammar: numbers, the variable {@code alpha} (also {@code α}), {@code + - * /}, unary minus,
 * and parentheses, at most {@value #MAX_LENGTH} characters nested at most {@value #MAX_DEPTH} deep.
 * {@link #coefficient(double)} evaluates it and rejects c ≤ 0, NaN or ∞. This is how
 * {@code derive --penalty} reads c; the core's steps take c as a number.
 */
final class Penalty {
    private final String text;
    private final Node root;

    private Penalty(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** The longest expression accepted, in characters. */
    static final int MAX_LENGTH = 1000;
    /** The deepest nesting accepted (parentheses and unary signs). */
    static final int MAX_DEPTH = 100;

    /** Parses {@code expression}; throws {@link IllegalArgumentException} naming the problem. */
    public static Penalty parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the penalty expression is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the penalty expression has " + expression.length()
                    + " characters; at most " + MAX_LENGTH + " are allowed");
        }
        Parser p = new Parser(expression);
        Node n = p.expression();
        p.skipSpaces();
        if (p.pos < expression.length()) {
            throw new IllegalArgumentException("unexpected '" + expression.charAt(p.pos) + "' at position "
                    + (p.pos + 1) + " in penalty \"" + expression + "\"");
        }
        return new Penalty(expression.strip(), n);
    }

    /** Whether the expression mentions {@code alpha}. */
    public boolean usesAlpha() {
        return root.usesAlpha();
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

    /** The expression as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private interface Node {
        double eval(double alpha);

        boolean usesAlpha();
    }

    private record Num(double v) implements Node {
        public double eval(double alpha) {
            return v;
        }

        public boolean usesAlpha() {
            return false;
        }
    }

    private record Alpha() implements Node {
        public double eval(double alpha) {
            return alpha;
        }

        public boolean usesAlpha() {
            return true;
        }
    }

    private record Neg(Node a) implements Node {
        public double eval(double alpha) {
            return -a.eval(alpha);
        }

        public boolean usesAlpha() {
            return a.usesAlpha();
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
                default -> x / y;
            };
        }

        public boolean usesAlpha() {
            return a.usesAlpha() || b.usesAlpha();
        }
    }

    /** Recursive descent: expression := term (('+'|'-') term)*, term := factor (('*'|'/') factor)*. */
    private static final class Parser {
        final String s;
        int pos;
        int depth;

        Parser(String s) {
            this.s = s;
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
            Node n = factor();
            while (true) {
                if (eat('*')) {
                    n = new Bin('*', n, factor());
                } else if (eat('/')) {
                    n = new Bin('/', n, factor());
                } else {
                    return n;
                }
            }
        }

        Node factor() {
            if (++depth > MAX_DEPTH) {
                throw new IllegalArgumentException("penalty \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s)
                        + "\" nests parentheses or signs more than " + MAX_DEPTH + " deep");
            }
            try {
                return primary();
            } finally {
                depth--;
            }
        }

        Node primary() {
            skipSpaces();
            if (pos >= s.length()) {
                throw new IllegalArgumentException("penalty \"" + s + "\" ends where a number, alpha or '(' was expected");
            }
            if (eat('-')) {
                return new Neg(factor());
            }
            if (eat('+')) {
                return factor();
            }
            if (eat('(')) {
                Node n = expression();
                if (!eat(')')) {
                    throw new IllegalArgumentException("missing ')' in penalty \"" + s + "\"");
                }
                return n;
            }
            char ch = s.charAt(pos);
            if (Character.isDigit(ch) || ch == '.') {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                    int save = pos;
                    pos++;
                    if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
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
                String num = s.substring(start, pos);
                try {
                    return new Num(Double.parseDouble(num));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + num + "' is not a number in penalty \"" + s + "\"");
                }
            }
            if (Character.isLetter(ch)) {
                int start = pos;
                while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                    pos++;
                }
                String word = s.substring(start, pos);
                if (word.toLowerCase(Locale.ROOT).equals("alpha") || word.equals("α")) {
                    return new Alpha();
                }
                throw new IllegalArgumentException("unknown name '" + word + "' in penalty \"" + s
                        + "\"; only numbers and alpha are allowed");
            }
            throw new IllegalArgumentException("unexpected '" + ch + "' at position " + (pos + 1)
                    + " in penalty \"" + s + "\"");
        }
    }
}
