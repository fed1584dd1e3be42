package dev.tunnel.samples;

import java.nio.file.FileSystemException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point of {@code tunnel-samples.jar}: lists the samples, or runs the one named.
 *
 * <pre>{@code
 * java -jar samples/target/tunnel-samples.jar              # list
 * java -jar samples/target/tunnel-samples.jar callbacks    # run one
 * }</pre>
 *
 * Bad input ends in one line on stderr naming it, and exit status 1 (2 for usage errors).
 */
public final class Samples {
    private static final Map<String, Sample> SAMPLES = new LinkedHashMap<>();

    static {
        for (Sample sample : List.<Sample>of(new TraverseSample(), new TraverseCallbacksSample(),
                new CallbacksSample(), new HandleSample(), new BasicsSample(), new BenchSample(),
                new AsyncSample(), new RegistrySample(), new AffinitySample(), new ResultSample(),
                new GlobalFunctionsSample(), new UpcallsSample(), new ClosuresSample(), new GrepSample(), new XmlSample())) {
            SAMPLES.put(sample.name(), sample);
        }
    }

    private Samples() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            list();
            return 0;
        }
        Sample sample = SAMPLES.get(args[0]);
        if (sample == null) {
            System.err.println("tunnel-samples: unknown sample '" + args[0] + "'; samples: " + String.join(", ", SAMPLES.keySet()));
            return 2;
        }
        try {
            sample.run(Arrays.asList(args).subList(1, args.length));
            System.out.flush();
            return 0;
        } catch (Sample.Exit e) {
            System.out.flush();
            if (e.getMessage() != null) {
                System.err.println(sample.name() + ": " + e.getMessage());
            }
            return e.status;
        } catch (Sample.UsageException e) {
            System.err.println(sample.name() + ": " + e.getMessage());
            System.err.println("usage: java -jar tunnel-samples.jar " + sample.name() + " " + sample.arguments());
            return 2;
        } catch (FileSystemException e) {
            // its getMessage() is "FILE: reason", or just "FILE" for NoSuchFileException
            System.err.println(sample.name() + ": " + describe(e));
            return 1;
        } catch (Exception e) {
            // a sample's own failure is a plain Exception with a message; anything else keeps its type
            System.err.println(sample.name() + ": " + (e.getClass() == Exception.class ? e.getMessage() : e.toString()));
            return 1;
        }
    }

    /** {@code "FILE: reason"}, as the C tools print it ({@code "/nope.txt: No such file or directory"}). */
    static String describe(FileSystemException e) {
        // its getMessage() is "FILE: reason", or just "FILE" for NoSuchFileException
        String reason = e.getReason();
        if (reason == null) {
            String type = e.getClass().getSimpleName().replace("Exception", "");
            reason = type.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        }
        return e.getFile() + ": " + reason;
    }

    private static void list() {
        System.out.println("usage: java -jar tunnel-samples.jar SAMPLE [ARGS]");
        System.out.println("samples:");
        for (Sample sample : SAMPLES.values()) {
            String call = (sample.name() + " " + sample.arguments()).trim();
            System.out.printf("  %-28s %s%n", call, sample.description());
        }
    }
}
