package io.driftless.offsite;

import io.driftless.backup.OffsiteStore;
import io.driftless.io.Sha256;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A policy's folder on another mount. A copy is written under a hidden temp name, forced to disk, then renamed into
 * place, so a crash or a full disk never leaves a file under a backup's name that is not whole.
 */
public record DirOffsiteStore(Path folder) implements OffsiteStore {

    @Override
    public String put(Path file, String name) throws IOException {
        Files.createDirectories(folder);
        Path target = resolve(name);
        Path partial = folder.resolve("." + name + ".partial");
        try {
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        syncFolder();
        return target.toString();
    }

    @Override
    public String sha256(String name) throws IOException {
        return Sha256.of(resolve(name));
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        }
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(resolve(name));
    }

    /** A name is one file in the folder; anything with a separator would reach outside it. */
    private Path resolve(String name) {
        Path path = folder.resolve(name);
        if (name.isEmpty() || name.startsWith(".") || !folder.equals(path.getParent())) {
            throw new IllegalArgumentException("not a file name in " + folder + ": " + name);
        }
        return path;
    }

    /** The rename is durable only once the folder's entry is on disk too. */
    private void syncFolder() throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
