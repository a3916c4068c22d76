package dev.steepest.cli.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steepest.core.Norms;
import dev.steepest.core.linalg.NewtonSchulz;
import dev.steepest.core.linalg.Orthogonalizers;
import dev.steepest.core.linalg.Svd;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormInfoTest {
    /** A concrete specification for each parameterized form of the registry. */
    private static final Map<String, String> CONCRETE = Map.of("lp:P", "lp:3", "diag:d1,d2,...", "diag:1,2",
            "wlinf:w1,w2,...", "wlinf:1,2", "mahalanobis:FILE", "mahalanobis:a.txt", "schatten:P", "schatten:3");

    @Test
    void everyRegisteredNormHasItsOwnExplanation() {
        for (String form : Norms.FORMS) {
            String spec = CONCRETE.getOrDefault(form, form);
            NormInfo info = NormInfo.of(spec, null);
            assertFalse(info.dualTitle().startsWith("dual of "), spec + " falls back to the generic text");
            assertFalse(info.title().isBlank(), spec);
            assertFalse(info.dualizerFormula().isBlank(), spec);
            assertFalse(info.penalizedName().isBlank(), spec);
            assertFalse(info.constrainedName().isBlank(), spec);
        }
    }

    @Test
    void exponentsAndTheirDualsAreWrittenOut() {
        NormInfo lp = NormInfo.of("lp:3", null);
        assertTrue(lp.title().contains("p = 3"), lp.title());
        assertTrue(lp.dualTitle().endsWith("= 1.5"), lp.dualTitle());
        NormInfo schatten = NormInfo.of("schatten:1.5", null);
        assertTrue(schatten.title().contains("p = 1.5"), schatten.title());
        assertTrue(schatten.dualTitle().endsWith("= 3"), schatten.dualTitle());
    }

    @Test
    void theSpectralFamilyNamesItsOrthogonalizer() {
        for (String spec : new String[] {"spectral", "rms"}) {
            assertTrue(NormInfo.of(spec, NewtonSchulz.ns5()).note().contains("ns5"), spec);
            assertTrue(NormInfo.of(spec, Orthogonalizers.parse("cubic:7")).note().contains("cubic:7"), spec);
            assertEquals("U Vᵀ computed exactly by SVD.", NormInfo.of(spec, null).note(), spec);
            assertEquals("U Vᵀ computed exactly by SVD.", NormInfo.of(spec, new Svd()).note(), spec);
        }
    }

    @Test
    void onlyThePenalizedSignStepsCarryTheSignSgdWarning() {
        assertTrue(NormInfo.of("linf", null).note().contains("NOT SignSGD"));
        assertTrue(NormInfo.of("maxabs", null).note().contains("not SignSGD"));
        assertEquals("", NormInfo.of("l2", null).note());
    }

    @Test
    void anUnknownSpecificationGetsAGenericExplanationNamingIt() {
        NormInfo info = NormInfo.of("wide-linf", null);
        assertTrue(info.title().contains("wide-linf"));
        assertTrue(info.penalizedName().contains("wide-linf"));
    }
}
