package dev.tunnel.samples;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code tunnel-samples.jar} in a fresh JVM, exactly as the README does, and checks what it prints. */
class SamplesIT {
    private static final Path JAR = Path.of(System.getProperty("samples.jar", "target/tunnel-samples.jar"));

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) throws IOException, InterruptedException {
        return runWith(List.of(), args);
    }

    /** The command that runs the samples jar with {@code args}, in a JVM given {@code jvmArgs} and CI's. */
    static List<String> command(List<String> jvmArgs, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmArgs);
        for (String jvmArg : System.getProperty("samples.jvmArgs", "").trim().split("\\s+")) {
            if (!jvmArg.isEmpty()) {
                command.add(jvmArg); // e.g. -Xcheck:jni from CI: its warnings would break the exact outputs
            }
        }
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    static Run runWith(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(jvmArgs, args)).start();
        process.getOutputStream().close();
        // the samples print little: reading stdout fully before stderr cannot deadlock
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "sample did not exit");
        return new Run(process.exitValue(), out, err);
    }

    @Test
    void callbacksPrintsTheWikisOutputInOrderThroughAPipe() throws Exception {
        Run run = run("callbacks");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(
                "Java.main(): calling C function with callback to us",
                "C.some_c_func(): calling callback with arg = 2",
                "Java.callOnMeJava(): called with arg = 2",
                "C.some_c_func(): callback responded with 3"), run.lines());
    }

    @Test
    void upcallsSaysWhichPathThePackagedJarTakesForEveryGateway() throws Exception {
        // the shaded jar's META-INF/versions/22 (tunnel-spi's FFM path) must survive packaging
        boolean ffm = Runtime.version().feature() >= 22;
        for (boolean forceJni : new boolean[] {false, true}) {
            Run run = forceJni ? runWith(List.of("-Dtunnel.upcalls=jni"), "upcalls") : run("upcalls");
            assertEquals(0, run.exit(), run.err());
            List<String> lines = run.lines();
            assertEquals(10, lines.size(), run.out());
            String path = ffm && !forceJni ? "FFM" : "JNI";
            assertTrue(lines.get(0).startsWith(path.equals("FFM") ? "upcalls: FFM upcall stubs (Java " : "upcalls: JavaCPP's JNI trampolines: "),
                    lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                assertTrue(line.endsWith(": " + path), line);
            }
        }
    }

    @Test
    void closuresRouteEveryCallFromCThreadsAndRejectTheClosedOnes() throws Exception {
        for (boolean forceJni : new boolean[] {false, true}) {
            Run run = forceJni ? runWith(List.of("-Dtunnel.upcalls=jni"), "closures", "1001") : run("closures", "1001");
            assertEquals(0, run.exit(), run.err());
            assertEquals(List.of("closures: 1001, calls: 1501, wrong target: 0", "after close: 501 calls rejected, 0 crashes"),
                    run.lines());
            assertEquals("", run.err());
        }
    }

    @Test
    void closuresRefusesACountThatIsNotOne() throws Exception {
        Run run = run("closures", "many");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("N must be a positive number of closures, not 'many'"), run.err());
    }

    @Test
    void handlePrintsHelloJavaOnceThroughUintptrAndOnceThroughVoidPointer() throws Exception {
        Run run = run("handle");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("hello Java", "hello Java"), run.lines());
    }

    @Test
    void resultPrintsTheBlogPostsLine() throws Exception {
        Run run = run("result");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("1: -1, 2: 123, 3: 456"), run.lines());
        assertEquals("", run.err());
    }

    @Test
    void globalFunctionsPrintsTheCFunctionThenTheExportedJavaFunction() throws Exception {
        Run run = run("global-functions");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("ACFunction()", "AJavaFunction()"), run.lines());
        assertEquals("", run.err());
    }

    @Test
    void traversePrintsEveryEventThenTheLineCount() throws Exception {
        Path file = Files.writeString(dir.resolve("two.txt"), "hello\nworld!\n");
        Run run = run("traverse", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("start(0)", "end(0, 5)", "start(1)", "end(1, 6)", "lines: 2"), run.lines());
    }

    @Test
    void traverseBatchedPrintsExactlyWhatTraversePrints() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) { // several batches' worth of events
            text.append("line ").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("many.txt"), text);
        Run plain = run("traverse", file.toString());
        Run batched = run("traverse", "--batched", file.toString());
        assertEquals(0, batched.exit(), batched.err());
        assertEquals(plain.lines(), batched.lines());
        assertEquals("lines: 5000", batched.lines().get(batched.lines().size() - 1));
    }

    @Test
    void benchPrintsLinesAndBothRatesAsPlainNumbers() throws Exception {
        Path file = Files.writeString(dir.resolve("bench.txt"), "0123456789abcde\n".repeat(20_000));
        Run run = run("bench", file.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.lines();
        assertEquals(3, lines.size(), run.out());
        assertEquals("lines: 20000", lines.get(0));
        assertTrue(lines.get(1).matches("per-event: [1-9][0-9]* events/s"), lines.get(1));
        assertTrue(lines.get(2).matches("batched: [1-9][0-9]* events/s"), lines.get(2));
    }

    @Test
    void asyncPrintsOneLinePerFileInTheOrderGiven() throws Exception {
        List<String> args = new ArrayList<>(List.of("async"));
        List<String> expected = new ArrayList<>();
        for (int f = 0; f < 12; f++) { // more files than its 4 native threads
            Path file = Files.writeString(dir.resolve("f" + f + ".txt"), "x\n".repeat(f));
            args.add(file.toString());
            expected.add(file + ": lines: " + f);
        }
        Run run = run(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        assertEquals(expected, run.lines());
    }

    @Test
    void asyncReportsAnUnreadableFileOnItsLineAndExitsOne() throws Exception {
        Path good = Files.writeString(dir.resolve("good.txt"), "a\n");
        Path missing = dir.resolve("missing.txt");
        Run run = run("async", good.toString(), missing.toString());
        assertEquals(1, run.exit());
        assertEquals(List.of(good + ": lines: 1", missing + ": error: No such file or directory"), run.lines());
        assertEquals(List.of("async: 1 of 2 files could not be traversed"), run.err().lines().toList());
    }

    @Test
    void registryPassesEachFunctionToCInTurn() throws Exception {
        Run run = run("registry");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(
                "Java: passing \"increment\" to C",
                "C.some_c_func(): calling callback with arg = 2",
                "C.some_c_func(): callback responded with 3",
                "Java: passing \"square\" to C",
                "C.some_c_func(): calling callback with arg = 2",
                "C.some_c_func(): callback responded with 4",
                "Java: passing \"negate\" to C",
                "C.some_c_func(): calling callback with arg = 2",
                "C.some_c_func(): callback responded with -2"), run.lines());
    }

    @Test
    void affinityShowsTheWrongThreadErrorThenCorrectAnswersThroughTheDedicatedThread() throws Exception {
        Run run = run("affinity");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.lines();
        assertEquals(4, lines.size(), run.out());
        assertEquals("session opened on tunnel-session", lines.get(0));
        assertTrue(lines.get(1).startsWith("directly from a pool thread: ThreadAffinityException: tn_session_next called on thread"), lines.get(1));
        assertEquals("through the dedicated thread: 8 calls from 8 pool threads -> [1, 2, 3, 4, 5, 6, 7, 8]", lines.get(2));
        assertEquals("session closed on tunnel-session", lines.get(3));
    }

    @Test
    void traverseCallbacksEndsWithTheSameLineCount() throws Exception {
        Path file = Files.writeString(dir.resolve("three.txt"), "a\r\nbb\nccc");
        Run run = run("traverse-callbacks", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("line 0: 2 bytes", "line 1: 2 bytes", "line 2: 3 bytes", "lines: 3"), run.lines());
    }

    @Test
    void basicsShowsCAndJavaAgreeOnEveryLayout() throws Exception {
        Run run = run("basics");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("distance((1,2), (4,6)) = 5"), run.out());
        assertTrue(run.out().contains("sizeof 7 (Java 7), id at offset 1 (Java 1)"), run.out());
        assertTrue(run.out().contains("x at offset 4 (Java 4)"), run.out());
        assertTrue(run.out().contains("C getenv = set by C, System.getenv = null"), run.out());
    }

    @Test
    void missingFileIsOneLineNamingItAndExitOne() throws Exception {
        Path missing = dir.resolve("missing.txt");
        Run run = run("traverse", missing.toString());
        assertEquals(1, run.exit());
        assertEquals(List.of("traverse: " + missing + ": No such file or directory"), run.err().lines().toList());
        assertEquals("", run.out());
    }

    @Test
    void directoryIsOneLineNamingItAndExitOne() throws Exception {
        Run run = run("traverse-callbacks", dir.toString());
        assertEquals(1, run.exit());
        assertEquals(List.of("traverse-callbacks: " + dir + ": is a directory, not a file"), run.err().lines().toList());
    }

    @Test
    void wrongArgumentsPrintUsageAndExitTwo() throws Exception {
        Run run = run("traverse");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("usage: java -jar tunnel-samples.jar traverse [--batched] FILE"), run.err());
    }

    @Test
    void unknownSampleIsNamedAndExitTwo() throws Exception {
        Run run = run("no-such-sample");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("tunnel-samples: unknown sample 'no-such-sample'"), run.err());
    }

    @Test
    void noArgumentsListsEverySample() throws Exception {
        Run run = run();
        assertEquals(0, run.exit(), run.err());
        for (String name : List.of("traverse", "traverse-callbacks", "callbacks", "handle", "basics", "bench", "async",
                "registry", "affinity", "result", "global-functions")) {
            assertTrue(run.out().contains("  " + name), run.out());
        }
    }
}
