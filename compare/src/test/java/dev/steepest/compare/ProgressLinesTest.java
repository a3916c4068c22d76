package dev.steepest.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Away from a terminal, progress is one plain line per epoch: no carriage returns, no bar redrawn in a log. */
class ProgressLinesTest {

    @Test
    void oneLinePerEpochWithTheLastStepsLoss() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Training.Progress p = Comparison.perEpochLines("muon            ", 3, 12, err);
        for (int step = 1; step <= 12; step++) {
            p.step(step, 1.0 / step);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("muon  epoch 1/3  step 4/12  loss 0.250", "muon  epoch 2/3  step 8/12  loss 0.125",
                "muon  epoch 3/3  step 12/12  loss 0.083"), text.lines().toList());
        assertEquals(-1, text.indexOf('\r'));
    }
}
