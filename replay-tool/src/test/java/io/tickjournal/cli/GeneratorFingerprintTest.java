package io.tickjournal.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorFingerprintTest {
    @Test
    void hashesTheGeneratorsClassFilesStably() {
        String first = GeneratorFingerprint.of();
        assertTrue(first.matches("[0-9a-f]{8}"), "a hash of the generator's classes, not '" + first + "'");
        assertEquals(first, GeneratorFingerprint.of());
    }
}
