package io.driftless.cli;

import picocli.CommandLine;

/** {@code --parallel}: a whole number from 1 (one candidate at a time) up. */
public final class ParallelConverter implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number; give 1 or more, e.g. --parallel 4");
        }
        if (n < 1) {
            throw new CommandLine.TypeConversionException(n + " is less than 1; give 1 (one candidate at a time) or more");
        }
        return n;
    }
}
