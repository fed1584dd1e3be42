package dev.tunnel.samples;

import static dev.tunnel.traverse.global.traverse.*;

import dev.tunnel.samples.techniques.CArrays;
import dev.tunnel.samples.techniques.CEnvironment;
import dev.tunnel.samples.techniques.CStrings;
import dev.tunnel.samples.techniques.NativeIntArray;
import dev.tunnel.samples.techniques.Point;
import dev.tunnel.traverse.lib.ComplexPair;
import dev.tunnel.traverse.lib.PackedHeader;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * {@code basics}: the type-mapping lessons of the cgo texts, each done from Java: a struct
 * argument, strings with explicit ownership, bytes with a length, arrays by copy and by view,
 * a packed struct and a {@code complex float} struct, and the C environment.
 */
final class BasicsSample implements Sample {
    @Override
    public String name() {
        return "basics";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String description() {
        return "structs, strings, arrays, alignment and the environment across the C boundary";
    }

    @Override
    public void run(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("takes no arguments");
        }
        System.out.println("struct:   distance((1,2), (4,6)) = " + new Point(1, 2).distanceTo(new Point(4, 6)));

        System.out.println("string:   " + CStrings.greeting("Java") + "   (C malloc, Java copy, C free)");
        System.out.println("buffer:   " + CStrings.greetingInto("Java", 6) + "   (Java buffer of 6 bytes, C truncates)");
        System.out.println("bytes:    " + Arrays.toString(CStrings.packet()) + "   (length-delimited, embedded NUL)");

        System.out.println("copy:     " + Arrays.toString(CArrays.squares(5)));
        try (NativeIntArray squares = CArrays.squaresView(5)) {
            IntBuffer view = squares.view();
            view.put(0, 100);
            System.out.println("view:     wrote 100 at [0] without copying; C's sum is now " + squares.sumInC());
        }

        try (PackedHeader header = new PackedHeader()) {
            header.kind((byte) 7).id(0xCAFEBABE).flags((short) 0x0102);
            System.out.printf("packed:   sizeof %d (Java %d), id at offset %d (Java %d); C reads kind+id+flags = %d%n",
                    tn_packed_header_size(), Loader.sizeof(PackedHeader.class), tn_packed_header_id_offset(),
                    Loader.offsetof(PackedHeader.class, "id"), tn_packed_header_sum(header));
        }
        try (ComplexPair pair = new ComplexPair()) {
            tn_complex_pair_fill(pair, 42, 1.5f, -2f);
            tn_complex_pair_rotate(pair);
            System.out.printf("complex:  x at offset %d (Java %d); (1.5 - 2i) * i = %s + %si%n",
                    tn_complex_pair_x_offset(), Loader.offsetof(ComplexPair.class, "x"), pair.x(0), pair.x(1));
        }

        CEnvironment.set("TUNNEL_SAMPLE", "set by C");
        System.out.println("env:      C getenv = " + CEnvironment.get("TUNNEL_SAMPLE").orElse("(unset)")
                + ", System.getenv = " + System.getenv("TUNNEL_SAMPLE"));
        CEnvironment.unset("TUNNEL_SAMPLE");
    }
}
