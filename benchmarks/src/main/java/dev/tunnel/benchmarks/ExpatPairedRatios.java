package dev.tunnel.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cross-check of {@link ExpatBenchmark}'s ratios for shared, noisy machines: JMH runs one
 * benchmark after another, so a neighbour's load during one of them moves its ratio to the
 * others by tens of percent. This runs the same benchmark methods in turn, round after round,
 * and reports each one's median time and the median of its time over expat-from-C's in the same
 * round: load that lasts longer than a round moves both sides of a ratio alike. JMH's figures
 * stay the measurement; this says how far its ratios are off.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.tunnel.benchmarks.ExpatPairedRatios 100
 * }</pre>
 */
public final class ExpatPairedRatios {
    private interface Parse {
        long run() throws Exception;
    }

    private ExpatPairedRatios() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        for (String document : new String[] {"mime", "isocodes"}) {
            ExpatBenchmark b = new ExpatBenchmark();
            b.document = document;
            b.read();
            Map<String, Parse> parsers = new LinkedHashMap<>();
            parsers.put("expatFromC", b::expatFromC);
            parsers.put("tunnelBatched", b::tunnelBatched);
            parsers.put("tunnelPerEvent", b::tunnelPerEvent);
            parsers.put("jdkSax", b::jdkSax);
            parsers.put("woodstox", b::woodstox);
            parsers.put("aalto", b::aalto);
            Parse[] parse = parsers.values().toArray(new Parse[0]);
            for (int warm = 0; warm < 30; warm++) {
                for (Parse p : parse) {
                    p.run();
                }
            }
            double[][] millis = new double[parse.length][rounds];
            double[][] ratio = new double[parse.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < parse.length; i++) {
                    long start = System.nanoTime();
                    parse[i].run();
                    millis[i][r] = (System.nanoTime() - start) / 1e6;
                }
                for (int i = 0; i < parse.length; i++) {
                    ratio[i][r] = millis[i][r] / millis[0][r];
                }
            }
            String[] names = parsers.keySet().toArray(new String[0]);
            for (int i = 0; i < parse.length; i++) {
                double[] m = millis[i].clone();
                double[] q = ratio[i].clone();
                Arrays.sort(m);
                Arrays.sort(q);
                System.out.printf("%-9s %-15s %8.2f ms  %.3f× expat from C (quartiles %.3f, %.3f)%n", document, names[i],
                        m[rounds / 2], q[rounds / 2], q[rounds / 4], q[3 * rounds / 4]);
            }
        }
    }
}
