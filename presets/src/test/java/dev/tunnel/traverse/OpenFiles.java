package dev.tunnel.traverse;

import java.io.File;

/** Counts this process's open file descriptors, to show a traversal leaves none behind. */
final class OpenFiles {
    private OpenFiles() {
    }

    static int count() {
        String[] fds = new File("/proc/self/fd").list();
        if (fds == null) {
            throw new IllegalStateException("/proc/self/fd is not readable: cannot count open descriptors");
        }
        return fds.length;
    }
}
