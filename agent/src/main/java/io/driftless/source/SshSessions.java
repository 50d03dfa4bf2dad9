package io.driftless.source;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshConstants;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Builds an SSH session factory that uses exactly the configured key and known_hosts file. The agent user's
 * ~/.ssh (config, default keys, ssh-agent) is ignored on purpose: what deploys must not depend on who started
 * the agent, and an unattended agent can answer no prompt.
 */
final class SshSessions {
    private SshSessions() {}

    static SshdSessionFactory forKey(Credentials.SshKey key) {
        File keyDir = key.privateKey().toAbsolutePath().getParent().toFile();
        Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        options.put(SshConstants.BATCH_MODE, SshConstants.YES);
        options.put(SshConstants.IDENTITIES_ONLY, SshConstants.YES);
        options.put(SshConstants.IDENTITY_AGENT, SshConstants.NONE);
        options.put(SshConstants.PREFERRED_AUTHENTICATIONS, "publickey");
        // "no" accepts any key (even a changed one); "yes" rejects unknown hosts instead of trusting them on first
        // use, so a MITM on the first connection cannot plant its key.
        options.put(SshConstants.STRICT_HOST_KEY_CHECKING,
                key.insecureSkipHostKeyCheck() ? SshConstants.NO : SshConstants.YES);
        multi.put(SshConstants.IDENTITY_FILE, List.of(key.privateKey().toAbsolutePath().toString()));
        multi.put(SshConstants.USER_KNOWN_HOSTS_FILE, List.of(key.knownHosts() == null
                ? SshConstants.NONE : key.knownHosts().toAbsolutePath().toString()));
        multi.put(SshConstants.GLOBAL_KNOWN_HOSTS_FILE, List.of(SshConstants.NONE));
        SshConfigStore.HostConfig hostConfig = new FixedHostConfig(options, multi);
        SshConfigStore store = new SshConfigStore() {
            @Override
            public HostConfig lookup(String hostName, int port, String userName) {
                return hostConfig;
            }

            @Override
            public HostConfig lookupDefault(String hostName, int port, String userName) {
                return hostConfig;
            }
        };
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(keyDir)
                .setSshDirectory(keyDir)
                .setConfigStoreFactory((home, configFile, localUser) -> store)
                .setDefaultIdentities(sshDir -> List.of(key.privateKey().toAbsolutePath()))
                .setDefaultKnownHostsFiles(sshDir -> key.knownHosts() == null
                        ? List.of() : List.of(key.knownHosts().toAbsolutePath()))
                .setPreferredAuthentications("publickey")
                .build(new JGitKeyCache());
    }

    private record FixedHostConfig(Map<String, String> options, Map<String, List<String>> multi)
            implements SshConfigStore.HostConfig {
        @Override
        public String getValue(String key) {
            String value = options.get(key);
            if (value == null) {
                List<String> values = multi.get(key);
                value = values == null || values.isEmpty() ? null : values.get(0);
            }
            return value;
        }

        @Override
        public List<String> getValues(String key) {
            List<String> values = multi.get(key);
            if (values != null) {
                return values;
            }
            String value = options.get(key);
            return value == null ? List.of() : List.of(value);
        }

        @Override
        public Map<String, String> getOptions() {
            return options;
        }

        @Override
        public Map<String, List<String>> getMultiValuedOptions() {
            return multi;
        }
    }
}
