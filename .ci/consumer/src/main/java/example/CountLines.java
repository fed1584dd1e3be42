package example;

import dev.tunnel.traverse.Traversal;
import dev.tunnel.traverse.Visitor;
import java.nio.file.Path;

/** Counts the lines of a file and their bytes through Tunnel, as a user of traverse-platform would. */
public class CountLines {
    public static void main(String[] args) throws Exception {
        long[] bytes = {0};
        long lines = Traversal.traverse(Path.of(args[0]), new Visitor() {
            @Override
            public void end(int line, int length) {
                bytes[0] += length;
            }
        }).lines();
        System.out.println("lines: " + lines + ", bytes without newlines: " + bytes[0]);
    }
}
