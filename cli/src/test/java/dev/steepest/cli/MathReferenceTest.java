package dev.steepest.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every citation of the math reference in sources, READMEs and {@code derive --demo} resolves to docs/STEEPEST.md. */
class MathReferenceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CITATION = Pattern.compile("(\\S*)STEEPEST\\.md(?:\\)?\\]?\\(?([^)\\s]*STEEPEST\\.md)?[^§\\n]{0,3})?(§\\s?(\\d)(?:[–-](\\d))?)?");

    @Test
    void everyCitationResolves() throws IOException {
        String reference = Files.readString(ROOT.resolve("docs/STEEPEST.md"));
        List<String> problems = new ArrayList<>();
        int citations = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            files = walk.filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".md"))
                    .filter(p -> !p.endsWith(Path.of("docs/STEEPEST.md")) && !p.endsWith("MathReferenceTest.java"))
                    .toList();
        }
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = CITATION.matcher(text);
            while (m.find()) {
                citations++;
                String where = ROOT.relativize(f) + ": " + m.group();
                if (!m.group(1).endsWith("docs/") && !m.group(1).endsWith("[docs/")) {
                    problems.add(where + " (not docs/STEEPEST.md)");
                }
                if (m.group(2) != null && !Files.exists(f.getParent().resolve(m.group(2)).normalize())) {
                    problems.add(where + " (link does not resolve)");
                }
                for (int g = 4; g <= 5; g++) {
                    if (m.group(g) != null && !reference.contains("\n## " + m.group(g) + ". ")) {
                        problems.add(where + " (no section " + m.group(g) + ")");
                    }
                }
            }
        }
        assertTrue(citations >= 10, "found only " + citations + " citations");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        String demo = Demo.run().text();
        assertTrue(demo.contains("docs/STEEPEST.md"), demo);
        assertFalse(demo.replace("docs/STEEPEST.md", "").contains("STEEPEST.md"), demo);
    }
}
