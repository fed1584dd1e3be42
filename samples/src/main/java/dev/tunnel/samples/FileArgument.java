package dev.tunnel.samples;

import java.nio.file.Path;
import java.util.List;

/** The single FILE argument of the traversal samples. */
final class FileArgument {
    private FileArgument() {
    }

    static Path of(List<String> args) throws Sample.UsageException {
        if (args.size() != 1) {
            throw new Sample.UsageException("expected one FILE argument, got " + args.size());
        }
        return Path.of(args.get(0));
    }
}
