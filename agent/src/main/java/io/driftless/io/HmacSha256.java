package io.driftless.io;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * HMAC-SHA256 of a body, and the {@code sha256=<64 lowercase hex digits>} form that webhooks carry in a signature
 * header: the one place both the push webhook's check ({@code http}) and the signed notifications ({@code notify})
 * compute it.
 */
public final class HmacSha256 {
    private HmacSha256() {
    }

    public static byte[] of(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** The header value: {@code sha256=} and 64 lowercase hex digits. */
    public static String header(byte[] key, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(of(key, body));
    }
}
