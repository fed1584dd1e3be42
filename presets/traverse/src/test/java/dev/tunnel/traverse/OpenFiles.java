package dev.tunnel.traverse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * This process's open file descriptors, to show a traversal leaves none behind. Descriptors of
 * {@code /proc} pseudo-files are left out: the listing's own, and those the JVM opens for its
 * own statistics at moments of its choosing.
 */
final class OpenFiles {
    private OpenFiles() {
    }

    static int count() {
        return list().size();
    }

    /** What each open descriptor refers to ("3 -> /tmp/x.txt"), for failure messages. */
    static Set<String> list() {
        Set<String> open = new TreeSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (!target.startsWith("/proc/")) {
                        open.add(fd.getFileName() + " -> " + target);
                    }
                } catch (IOException e) {
                    // closed between listing and reading (the listing's own descriptor): not open
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("/proc/self/fd is not readable: cannot count open descriptors", e);
        }
        return open;
    }

    /**
     * Fails, naming them, if descriptors other than those in {@code before} are open now. Class
     * path jars and shared libraries are left out: the JVM opens them when it first loads a class
     * or library from them, at moments of its choosing, and never closes them; a traversal opens
     * neither.
     */
    static void assertNoneOpenedSince(Set<String> before) {
        Set<String> opened = new TreeSet<>(list());
        opened.removeAll(before);
        opened.removeIf(fd -> fd.endsWith(".jar") || fd.contains(".so") || fd.endsWith("/modules"));
        if (!opened.isEmpty()) {
            throw new AssertionError("descriptors left open: " + opened);
        }
    }
}
