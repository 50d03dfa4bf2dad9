package io.driftless.desired;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads {@code driftless.yaml} strictly. The file comes from a Git repository, so it is untrusted input: whatever
 * it holds, the result is a {@link Manifest} or an {@link InvalidManifestException} listing every problem with its
 * 1-based line and column, never another exception.
 */
public final class ManifestParser {
    /** A manifest is a page or two; anything near this size is a mistake or an attack. */
    public static final int MAX_CHARACTERS = 1_000_000;
    /** Enough for anchors reused across services, far too few for a "billion laughs" expansion. */
    static final int MAX_ALIASES = 100;
    /** The contract is six levels deep; flow-style nesting beyond this is never a manifest. */
    static final int MAX_NESTING = 30;

    private ManifestParser() {
    }

    /** @param file the name shown in error positions, like {@code deploy/driftless.yaml} */
    public static Manifest parse(String file, String text) throws InvalidManifestException {
        Problems problems = new Problems(file == null ? ManifestFiles.MANIFEST_FILE : file);
        Node root = compose(problems, text == null ? "" : text);
        if (root == null && problems.isEmpty()) {
            problems.at(1, 1, "the file is empty; a manifest starts with version: 1 and lists services:");
        }
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems.inFileOrder());
        }
        Manifest manifest = bind(problems, root);
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems.inFileOrder());
        }
        return manifest;
    }

    /** A bug of ours must not take the agent down on a user's file, but it must not pass the file as valid either. */
    private static Manifest bind(Problems problems, Node root) {
        String bug = "driftless could not check this file because of a bug in its manifest checker";
        try {
            Manifest manifest = ManifestBinder.bind(problems, root);
            if (manifest == null && problems.isEmpty()) {
                problems.at(1, 1, bug + " (no manifest and no error); please report it");
            }
            return manifest;
        } catch (RuntimeException e) {
            problems.at(1, 1, bug + " (" + e + "); please report it");
            return null;
        }
    }

    /** The bytes of a manifest (as read from Git or disk), which must be UTF-8. */
    public static Manifest parse(String file, byte[] content) throws InvalidManifestException {
        String name = file == null ? ManifestFiles.MANIFEST_FILE : file;
        byte[] bytes = content == null ? new byte[0] : content;
        if (bytes.length > MAX_CHARACTERS * 4L) {
            throw tooLarge(name, bytes.length + " bytes");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            throw new InvalidManifestException(List.of(new ManifestError(name, line, column,
                    String.format("the file is not UTF-8 text (byte 0x%02x here); save it as UTF-8", bytes[in.position()]))));
        }
        decoder.flush(out);
        return parse(name, out.flip().toString());
    }

    /** The node tree, or null for an empty document; YAML errors go to {@code problems}. */
    private static Node compose(Problems problems, String text) {
        if (text.length() > MAX_CHARACTERS) {
            problems.at(1, 1, tooLargeMessage(text.length() + " characters"));
            return null;
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARACTERS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        options.setProcessComments(false);
        try {
            return new Yaml(options).compose(new StringReader(body));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.at(mark, "this is not valid YAML: " + YamlSyntax.explain(e));
        } catch (ReaderException e) {
            int[] position = YamlSyntax.lineAndColumn(body, e.getPosition());
            problems.at(position[0], position[1], "the file contains the character "
                    + String.format("U+%04X", e.getCodePoint()) + ", which YAML does not allow; remove it");
        } catch (YAMLException e) {
            problems.at(1, 1, "this YAML cannot be read safely: " + YamlSyntax.explain(e));
        } catch (RuntimeException | StackOverflowError e) {
            // SnakeYAML is not meant to throw anything else, but this input is untrusted: say so, do not crash.
            problems.at(1, 1, "this YAML cannot be read (" + e.getClass().getSimpleName() + "); check that it is "
                    + "plain YAML with no deep nesting");
        }
        return null;
    }

    private static InvalidManifestException tooLarge(String file, String size) {
        return new InvalidManifestException(List.of(new ManifestError(file, 1, 1, tooLargeMessage(size))));
    }

    private static String tooLargeMessage(String size) {
        return "the file is too large (" + size + "); a manifest may have at most " + MAX_CHARACTERS + " characters";
    }
}
