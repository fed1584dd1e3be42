package example.modular;

import static dev.tunnel.traverse.global.traverse.*;

import dev.tunnel.spi.Closure;
import dev.tunnel.spi.Upcalls;
import dev.tunnel.traverse.Callbacks;
import dev.tunnel.traverse.Traversal;
import dev.tunnel.traverse.lib.TraverseHookFn;
import dev.tunnel.traverse.lib.TraverseHookReport;
import java.nio.file.Path;

/**
 * Counts a file's lines through Tunnel, from a named module, says which way C called Java, and
 * has C call a closure from a thread C creates.
 */
public class CountLines {
    public static void main(String[] args) throws Exception {
        System.out.println("module " + CountLines.class.getModule().getName() + ": lines: "
                + Traversal.traverse(Path.of(args[0]), Callbacks.NONE).lines());
        System.out.println("module " + CountLines.class.getModule().getName() + ": upcalls: " + Upcalls.path());
        try (Closure<TraverseHookFn> hook = TraverseHookFn.closure(token -> 1)) { // hook 0 answers 2 * 0 + 1
            traverse_hooks_add(hook.pointer());
            TraverseHookReport report = new TraverseHookReport();
            traverse_hooks_call_all(1, report);
            traverse_hooks_clear();
            System.out.println("module " + CountLines.class.getModule().getName() + ": closure calls right: " + report.right());
        }
    }
}
