package dev.tunnel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C programs in {@code samples/c}, built and run exactly as the README says: gcc against
 * {@code exports/target/c} (result.h, libjniresult.so), libjvm from the JDK chosen at run time
 * through {@code LD_LIBRARY_PATH}, the jars from an argument or {@code TUNNEL_CLASSPATH}, and
 * {@code /tmp} as the working directory, so nothing can depend on where the build ran.
 */
class CProgramsIT {
    private static final Path C_DIR = Path.of(System.getProperty("samples.c.dir", "c"));
    private static final Path KIT = Path.of(System.getProperty("result.c.kit", "../exports/target/c")).toAbsolutePath().normalize();
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final Path TMP = Path.of("/tmp");
    private static final String RESULT_LINE = "1: -1, 2: 123, 3: 456";

    @TempDir
    static Path bin;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** Builds c/NAME.c as the README does; the JDK here is only for linking. */
    static Path build(String name) throws IOException, InterruptedException {
        Path program = bin.resolve(name);
        Run gcc = exec(List.of("gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-o", program.toString(),
                C_DIR.resolve(name + ".c").toString(), "-I" + KIT.resolve("include"),
                "-L" + KIT.resolve("lib"), "-ljniresult", "-L" + JAVA_HOME.resolve("lib/server"), "-ljvm",
                "-Wl,-rpath," + KIT.resolve("lib")), Map.of(), TMP);
        assertEquals(0, gcc.exit(), gcc.err());
        return program;
    }

    @BeforeAll
    static void buildPrograms() throws Exception {
        assertTrue(Files.isRegularFile(KIT.resolve("lib/libjniresult.so")), "no C kit at " + KIT + ": run mvn package first");
        build("result");
        build("result_errors");
    }

    static Run exec(List<String> command, Map<String, String> environment, Path directory) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().remove("TUNNEL_CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS"); // would add a "Picked up" line to stderr
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(bin, "out", ".txt");
        Path err = Files.createTempFile(bin, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not exit");
        // a JVM crash writes its log to the working directory, outside the build's own check
        Path crashLog = directory.resolve("hs_err_pid" + process.pid() + ".log");
        assertFalse(Files.exists(crashLog), "the JVM crashed: " + crashLog);
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs a built program from /tmp with libjvm from JAVA_HOME, as the README does. */
    static Run run(String name, Path javaHome, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(bin.resolve(name).toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("LD_LIBRARY_PATH", javaHome.resolve("lib/server").toString());
        return exec(command, env, TMP);
    }

    @Test
    void resultPrintsTheLineFromTmpWithTheJarsAsAnArgument() throws Exception {
        Run run = run("result", JAVA_HOME, Map.of(), KIT.resolve("java") + "/*");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(RESULT_LINE), run.lines());
        assertEquals("", run.err());
    }

    @Test
    void resultTakesTheJarsFromTunnelClasspath() throws Exception {
        Run run = run("result", JAVA_HOME, Map.of("TUNNEL_CLASSPATH", KIT.resolve("java") + "/*"));
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(RESULT_LINE), run.lines());
    }

    @Test
    void resultTakesARelativeClassPathOfJarsAndMakesItAbsolute() throws Exception {
        StringBuilder classpath = new StringBuilder();
        try (Stream<Path> jars = Files.list(KIT.resolve("java"))) {
            for (Path jar : jars.sorted().toList()) {
                classpath.append(classpath.length() == 0 ? "" : ":").append(TMP.relativize(jar));
            }
        }
        Run run = run("result", JAVA_HOME, Map.of(), classpath.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(RESULT_LINE), run.lines());
    }

    /** The JVM is whichever JDK the run picks, not the one the library or program was built with. */
    @Test
    void resultRunsOnEveryJdkOfThisMachine() throws Exception {
        List<Path> jdks = otherJdks();
        System.out.println("CProgramsIT: JDKs besides " + JAVA_HOME + ": " + (jdks.isEmpty() ? "none found in /usr/lib/jvm" : jdks));
        for (Path jdk : jdks) {
            Run run = run("result", jdk, Map.of(), KIT.resolve("java") + "/*");
            assertEquals(0, run.exit(), jdk + ": " + run.err());
            assertEquals(List.of(RESULT_LINE), run.lines(), jdk.toString());
            assertEquals("", run.err(), jdk.toString()); // no native-access warning on JDK 22+ either
        }
    }

    @Test
    void resultWithoutJarsSaysUsageAndExitsTwo() throws Exception {
        Run run = run("result", JAVA_HOME, Map.of());
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("usage: "), run.err());
    }

    @Test
    void resultWithAMissingJarNamesItAndExitsOne() throws Exception {
        Run run = run("result", JAVA_HOME, Map.of(), "no-such-dir/*");
        assertEquals(1, run.exit());
        assertEquals("result: CResultStartJVM: class path entry 'no-such-dir/*': No such file or directory\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void resultWithoutTunnelsJarsNamesTheMissingClassAndExitsOne() throws Exception {
        Run run = run("result", JAVA_HOME, Map.of(), KIT.resolve("java/javacpp.jar") + ":" + KIT.resolve("java/javacpp-linux-x86_64.jar"));
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("result: CResultStartJVM: cannot load dev.tunnel.Handle (from tunnel-runtime.jar)"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void badHandlesFromCAreReportedLoggedAndSurvived() throws Exception {
        Run run = run("result_errors", JAVA_HOME, Map.of(), KIT.resolve("java") + "/*");
        assertEquals(0, run.exit(), run.out() + run.err());
        List<String> lines = run.lines();
        assertEquals(12, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("CNewResult, before the JVM: CNewResult(): no JVM is running in this process"), lines.get(0));
        for (String function : List.of("CResultSet", "CResultString", "CFreeResult")) {
            assertTrue(lines.contains(function + ", zero: " + function + "(0x0000000000000000): dev.tunnel: invalid handle"
                    + " 0x0000000000000000: zero is never a valid handle (a NULL void* or an unset user_data?)"), run.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(function + ", forged: " + function
                    + "(0x0000000000012345): dev.tunnel: invalid handle 0x0000000000012345: out of range")), run.out());
            assertTrue(lines.stream().anyMatch(l -> l.matches(function + ", already freed: " + function
                    + "\\((0x[0-9a-f]{16})\\): dev\\.tunnel: invalid handle \\1: deleted: stale generation .*")), run.out());
        }
        assertEquals("still working: " + RESULT_LINE, lines.get(10));
        assertEquals("CNewResult, after the JVM: CNewResult(): the JVM was stopped by CResultStopJVM", lines.get(11));
        assertFalse(run.out().contains("NOT REPORTED"), run.out());
        // Java logged each of the nine bad calls, with its exception
        assertEquals(9, run.err().lines().filter(l -> l.startsWith("WARNING: C")).count(), run.err());
        assertEquals(9, run.err().lines().filter(l -> l.startsWith("dev.tunnel.InvalidHandleException: ")).count(), run.err());
    }

    /** Other JDKs 17+ installed next to this one, e.g. a JDK 25 beside the JDK 17 that built everything. */
    static List<Path> otherJdks() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return List.of();
        }
        Path self = JAVA_HOME.toRealPath();
        List<Path> jdks = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(jvms)) {
            for (Path dir : dirs.sorted().toList()) {
                Path real = dir.toRealPath();
                if (!real.equals(self) && !jdks.contains(real) && Files.isRegularFile(real.resolve("lib/server/libjvm.so"))
                        && Files.isRegularFile(real.resolve("release")) && featureVersion(real) >= 17) {
                    jdks.add(real);
                }
            }
        }
        return jdks;
    }

    private static int featureVersion(Path jdk) throws IOException {
        for (String line : Files.readAllLines(jdk.resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=")) {
                String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                return Integer.parseInt(version.split("[.+-]")[0]);
            }
        }
        return 0;
    }
}
