package io.driftless.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelConverterTest {
    @Test
    void takesAWholeNumberFromOneUpAndSaysWhatToGiveOtherwise() {
        ParallelConverter c = new ParallelConverter();
        assertEquals(1, c.convert("1"));
        assertEquals(8, c.convert(" 8 "));
        assertTrue(assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("0")).getMessage().contains("give 1"));
        assertTrue(assertThrows(CommandLine.TypeConversionException.class, () -> c.convert("four")).getMessage().contains("--parallel 4"));
    }
}
