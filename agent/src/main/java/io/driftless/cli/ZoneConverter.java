package io.driftless.cli;

import picocli.CommandLine;

import java.time.DateTimeException;
import java.time.ZoneId;

/** {@code --time-zone} takes an IANA zone ({@code Europe/Berlin}) or {@code UTC}. */
public final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a time zone; give one like UTC or Europe/Berlin");
        }
    }
}
