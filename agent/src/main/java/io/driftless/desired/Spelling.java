package io.driftless.desired;

import java.util.List;
import java.util.Locale;

/** "Did you mean image?" for a key or word that is a likely typo of an allowed one. */
final class Spelling {
    private Spelling() {
    }

    /** "; did you mean {@code x}?" when one allowed word is close enough to be the intended one, else "". */
    static String didYouMean(String word, List<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = word.toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Short keys (env, port, tls) would match almost anything within 2 edits; scale the tolerance.
        int tolerance = Math.max(1, Math.min(3, (word.length() + 1) / 3));
        return best != null && bestDistance <= tolerance && word.length() < 64 ? "; did you mean " + best + "?" : "";
    }

    /** Optimal string alignment distance: a swap of two neighbours ("imgae") counts as one edit. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) {
            return Integer.MAX_VALUE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
