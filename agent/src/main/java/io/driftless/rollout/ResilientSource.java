package io.driftless.rollout;


import java.time.Clock;
import java.util.Optional;

/**
 * {@link CommitSource} with {@link Backoff} on the fetch, the one call that talks to the remote. A remote that
 * is down is asked a few times with growing, jittered waits, then left alone while the breaker is open, so a
 * dead Git host is not hammered by every poll. Authentication, a missing branch or repository: not retried.
 * Reading the manifest reads the local clone and needs none of this.
 */
public final class ResilientSource implements CommitSource {
    private final CommitSource source;
    private final Backoff<RepositoryException> backoff;

    public ResilientSource(CommitSource source, Backoff.Policy policy, Clock clock) {
        this.source = source;
        this.backoff = new Backoff<>("the Git remote", policy, RepositoryException.class, RepositoryException::isTransient,
                RepositoryException::unreachable, clock);
    }

    @Override
    public String fetchTip() throws RepositoryException {
        return backoff.retried(source::fetchTip);
    }

    @Override
    public Optional<byte[]> manifestAt(String commit) throws RepositoryException {
        return source.manifestAt(commit);
    }

    /** Not retried: the subject is read from the clone the fetch just updated, and never fails. */
    @Override
    public java.util.Optional<String> subject(String commit) {
        return source.subject(commit);
    }

    @Override
    public String manifestPath() {
        return source.manifestPath();
    }
}
