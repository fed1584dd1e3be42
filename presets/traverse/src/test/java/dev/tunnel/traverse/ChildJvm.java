package dev.tunnel.traverse;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of these tests in a fresh JVM, with the test JVM's class path and -Xcheck:jni if set. */
final class ChildJvm {
    private ChildJvm() {
    }

    record Result(int exit, String output) {
        /** The first output line starting with {@code prefix}. */
        String line(String prefix) {
            return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line starting with \"" + prefix + "\" in:\n" + output));
        }
    }

    static Result run(Class<?> main, List<String> jvmArgs, String... args) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-Xcheck:jni")) {
            command.add("-Xcheck:jni");
        }
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError(main.getSimpleName() + " did not exit:\n" + output);
        }
        return new Result(child.exitValue(), output);
    }
}
