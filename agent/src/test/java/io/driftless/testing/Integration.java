package io.driftless.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that needs what {@code scripts/test.sh} installs and starts: dockerd, Caddy, the git, gpg or
 * ssh-keygen programs, a Git server, PostgreSQL, or root (to mount a tmpfs). The fast lane
 * ({@code scripts/test.sh --unit}) leaves these classes out by their tag, and an unmarked test that reaches such a
 * component fails there at once ({@link Components#require}), never skips.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@Tag(Integration.TAG)
public @interface Integration {
    /** The JUnit tag; agent/pom.xml's {@code unit} profile excludes it. */
    String TAG = "integration";
}
