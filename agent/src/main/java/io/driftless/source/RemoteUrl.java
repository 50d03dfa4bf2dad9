package io.driftless.source;

import java.net.URISyntaxException;
import org.eclipse.jgit.transport.URIish;

/** Makes a remote URL safe to print. */
final class RemoteUrl {
    private RemoteUrl() {}

    /**
     * Removes the password everywhere, and the user name of http(s) URLs too, because people paste tokens as the
     * user name ({@code https://TOKEN@host/repo}). SSH user names ({@code git@host}) are not secret and stay.
     */
    static String redact(String url) {
        try {
            URIish uri = new URIish(url);
            if (uri.getPass() == null && !(isHttp(uri) && uri.getUser() != null)) {
                return url;
            }
            URIish safe = uri.setPass(null);
            if (isHttp(uri)) {
                safe = safe.setUser(null);
            }
            return safe.toString();
        } catch (URISyntaxException e) {
            return stripUserInfo(url);
        }
    }

    /** True when the URL itself carries secret-looking user info. */
    static boolean carriesUserInfo(String url) {
        return !redact(url).equals(url);
    }

    private static boolean isHttp(URIish uri) {
        String scheme = uri.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
    }

    // Last resort for a URL JGit cannot parse: drop everything between "://" and the last '@' before the host.
    private static String stripUserInfo(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int slash = url.indexOf('/', start);
        int end = slash < 0 ? url.length() : slash;
        int at = url.lastIndexOf('@', end - 1);
        return at >= start ? url.substring(0, start) + "***@" + url.substring(at + 1) : url;
    }
}
