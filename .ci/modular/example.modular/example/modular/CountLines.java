package example.modular;

import dev.tunnel.spi.Upcalls;
import dev.tunnel.traverse.Callbacks;
import dev.tunnel.traverse.Traversal;
import java.nio.file.Path;

/** Counts a file's lines through Tunnel, from a named module, and says which way C called Java. */
public class CountLines {
    public static void main(String[] args) throws Exception {
        System.out.println("module " + CountLines.class.getModule().getName() + ": lines: "
                + Traversal.traverse(Path.of(args[0]), Callbacks.NONE).lines());
        System.out.println("module " + CountLines.class.getModule().getName() + ": upcalls: " + Upcalls.path());
    }
}
